// The keyspace at a revision: one summary per user key, built in one streaming pass over
// the key bucket. Memory grows with the number of distinct keys (a few numbers each), not
// with value bytes: values are fetched again by revision only when output needs them.
import { hasPrefix } from './bytes.js';
import { decodeKeyValue, type KeyValue } from '../key-value.js';
import { revisionKeyBytes } from '../revision.js';
import { CorruptDataError } from '../../errors.js';
import type { Keyspace } from './open.js';
import { forEachRevision, keyBytes, keyString, entryWhere } from './revision-scan.js';
import { KeyTable } from './key-table.js';
import { resolveReadRevision, storeRevisions } from './store-revision.js';

/** What the key bucket holds for one user key up to a revision. */
export interface KeyState {
  /** The user key as a latin1 string (one char per byte); see keyBytes(). */
  keyString: string;
  /** Latest entry <= revision. */
  main: number;
  sub: number;
  /** True when that latest entry is a tombstone: the key is deleted at the revision. */
  deleted: boolean;
  createRevision: number;
  modRevision: number;
  /** etcd's version (counts modifications since creation, restarts per generation). */
  version: number;
  valueSize: number;
  /** Entries stored for this key (puts and tombstones, all generations, <= revision). */
  storedVersions: number;
  tombstones: number;
  /** Value bytes of all stored puts (<= revision). */
  allVersionsValueSize: number;
  /** Bytes of all stored entries (bucket key + marshalled KeyValue), what the key costs in the db. */
  allVersionsStoredBytes: number;
  /** Stored bytes of the latest entry alone. */
  latestStoredBytes: number;
}

export interface ListOptions {
  /** Read revision; 0/undefined = current. Refused below the compact revision or above current. */
  revision?: number;
  /** Only keys starting with these bytes. */
  prefix?: Uint8Array;
  /** Keep deleted keys (latest entry a tombstone) in the result. Default false. */
  includeDeleted?: boolean;
}

export interface KeyListing {
  revision: number;
  currentRevision: number;
  compactRevision: number;
  /** Sorted by key bytes. */
  keys: KeyState[];
}


/** Lists the keys at a revision (etcd `get --prefix --rev` semantics: deleted keys are not live). */
export async function listKeys(ks: Keyspace, opts: ListOptions = {}): Promise<KeyListing> {
  const s = await storeRevisions(ks);
  const rev = resolveReadRevision(opts.revision, s);
  const states = await collectKeyStates(ks, rev, opts.prefix);
  const keys = [...states.values()].filter((k) => opts.includeDeleted || !k.deleted);
  keys.sort((a, b) => (a.keyString < b.keyString ? -1 : a.keyString > b.keyString ? 1 : 0));
  return { revision: rev, currentRevision: s.current, compactRevision: s.compact, keys };
}

/** Per-key counters as columns (one typed array per field), indexed by KeyTable index. */
const COLUMNS = [
  'main',
  'sub',
  'deleted',
  'createRevision',
  'modRevision',
  'version',
  'valueSize',
  'storedVersions',
  'tombstones',
  'allVersionsValueSize',
  'allVersionsStoredBytes',
  'latestStoredBytes',
] as const;
type Column = (typeof COLUMNS)[number];

/**
 * One pass: the per-key state of every key with an entry <= rev. The hot loop updates
 * Float64Array columns (no object per key until the end): this runs once per entry.
 */
export async function collectKeyStates(ks: Keyspace, rev: number, prefix?: Uint8Array): Promise<Map<string, KeyState>> {
  const table = new KeyTable(4096);
  let cap = 4096;
  const cols = Object.fromEntries(COLUMNS.map((c) => [c, new Float64Array(cap)])) as Record<Column, Float64Array>;
  const grow = () => {
    cap *= 2;
    for (const c of COLUMNS) {
      const next = new Float64Array(cap);
      next.set(cols[c]);
      cols[c] = next;
    }
  };
  await forEachRevision(ks, (r) => {
    if (r.main > rev) return false;
    const f = r.fields;
    const raw = r.raw;
    if (prefix && !hasPrefix(raw.subarray(f.keyStart, f.keyEnd), prefix)) return;
    const i = table.intern(raw, f.keyStart, f.keyEnd);
    if (i >= cap) grow();
    const valueSize = f.valueEnd - f.valueStart;
    const stored = r.bucketKey.length + raw.length;
    // A new key starts from zeroed columns, so the same updates serve both cases.
    cols.main[i] = r.main;
    cols.sub[i] = r.sub;
    cols.storedVersions[i]! += 1;
    cols.allVersionsStoredBytes[i]! += stored;
    cols.latestStoredBytes[i] = stored;
    if (r.tombstone) {
      cols.deleted[i] = 1;
      cols.tombstones[i]! += 1;
      return;
    }
    cols.deleted[i] = 0;
    cols.createRevision[i] = f.createRevision;
    cols.modRevision[i] = f.modRevision;
    cols.version[i] = f.version;
    cols.valueSize[i] = valueSize;
    cols.allVersionsValueSize[i]! += valueSize;
  });
  const m = new Map<string, KeyState>();
  for (let i = 0; i < table.size; i++) {
    const st: KeyState = {
      keyString: table.keyString(i),
      main: cols.main[i]!,
      sub: cols.sub[i]!,
      deleted: cols.deleted[i] === 1,
      createRevision: cols.createRevision[i]!,
      modRevision: cols.modRevision[i]!,
      version: cols.version[i]!,
      valueSize: cols.valueSize[i]!,
      storedVersions: cols.storedVersions[i]!,
      tombstones: cols.tombstones[i]!,
      allVersionsValueSize: cols.allVersionsValueSize[i]!,
      allVersionsStoredBytes: cols.allVersionsStoredBytes[i]!,
      latestStoredBytes: cols.latestStoredBytes[i]!,
    };
    m.set(st.keyString, st);
  }
  return m;
}

/** Loads the full stored KeyValue of a key's latest entry (values are not kept by listKeys). */
export async function loadKeyValue(ks: Keyspace, st: KeyState): Promise<KeyValue> {
  return loadRevision(ks, st.main, st.sub, st.deleted);
}

/** Loads the KeyValue stored at a revision. */
export async function loadRevision(ks: Keyspace, main: number, sub: number, tombstone = false): Promise<KeyValue> {
  const bk = revisionKeyBytes({ main: BigInt(main), sub: BigInt(sub) }, tombstone);
  const v = await ks.keyBucket.get(bk);
  if (v === undefined || v === null) {
    throw new CorruptDataError('mvcc', `revision ${main}.${sub} vanished from the key bucket on a second read`, { file: ks.path });
  }
  return decodeKeyValue(v, { file: ks.path });
}

export { keyBytes, keyString, entryWhere };

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
  /**
   * Skip malformed key-bucket entries and count them in the result (damagedEntries,
   * damage) instead of throwing at the first. The listing then covers the readable entries.
   */
  skipDamaged?: boolean;
}

export interface KeyListing {
  revision: number;
  currentRevision: number;
  compactRevision: number;
  /** Sorted by key bytes. */
  keys: KeyState[];
  /** With skipDamaged: entries skipped, and the first MAX_DAMAGE_REPORTS of them described. */
  damagedEntries: number;
  damage: string[];
}

/** How many damaged entries a report describes one by one (all are counted). */
export const MAX_DAMAGE_REPORTS = 100;

/** Collects skipped entries for a report: a counter and the first MAX_DAMAGE_REPORTS messages. */
export function damageCollector(): { damagedEntries: number; damage: string[]; onBadEntry: (err: CorruptDataError) => void } {
  const c = {
    damagedEntries: 0,
    damage: [] as string[],
    onBadEntry: (err: CorruptDataError): void => {
      c.damagedEntries++;
      if (c.damage.length < MAX_DAMAGE_REPORTS) c.damage.push(err.message);
    },
  };
  return c;
}


/** Lists the keys at a revision (etcd `get --prefix --rev` semantics: deleted keys are not live). */
export async function listKeys(ks: Keyspace, opts: ListOptions = {}): Promise<KeyListing> {
  const s = await storeRevisions(ks);
  const rev = resolveReadRevision(opts.revision, s);
  const damage = damageCollector();
  const states = await collectKeyStates(ks, rev, opts.prefix, opts.skipDamaged ? damage.onBadEntry : undefined);
  const keys = [...states.values()].filter((k) => opts.includeDeleted || !k.deleted);
  keys.sort((a, b) => (a.keyString < b.keyString ? -1 : a.keyString > b.keyString ? 1 : 0));
  return { revision: rev, currentRevision: s.current, compactRevision: s.compact, keys, damagedEntries: damage.damagedEntries, damage: damage.damage };
}

// Per-key counters, one row of ROW numbers per KeyTable index in a single Float64Array:
// keys come in random order (the bucket is in revision order), so keeping a key's
// counters next to each other costs one or two cache lines per entry, not one per field.
const MAIN = 0;
const SUB = 1;
const DELETED = 2;
const CREATE = 3;
const MOD = 4;
const VERSION = 5;
const VALUE_SIZE = 6;
const STORED_VERSIONS = 7;
const TOMBSTONES = 8;
const ALL_VALUE_SIZE = 9;
const ALL_STORED = 10;
const LATEST_STORED = 11;
const ROW = 12;

function stateOf(rows: Float64Array, i: number, keyString: string): KeyState {
  const o = i * ROW;
  return {
    keyString,
    main: rows[o + MAIN]!,
    sub: rows[o + SUB]!,
    deleted: rows[o + DELETED] === 1,
    createRevision: rows[o + CREATE]!,
    modRevision: rows[o + MOD]!,
    version: rows[o + VERSION]!,
    valueSize: rows[o + VALUE_SIZE]!,
    storedVersions: rows[o + STORED_VERSIONS]!,
    tombstones: rows[o + TOMBSTONES]!,
    allVersionsValueSize: rows[o + ALL_VALUE_SIZE]!,
    allVersionsStoredBytes: rows[o + ALL_STORED]!,
    latestStoredBytes: rows[o + LATEST_STORED]!,
  };
}

/**
 * One pass: the per-key state of every key with an entry <= rev. The hot loop updates
 * one Float64Array row per key (no object per key until the end): this runs once per entry.
 */
export async function collectKeyStates(
  ks: Keyspace,
  rev: number,
  prefix?: Uint8Array,
  onBadEntry?: (err: CorruptDataError) => void,
): Promise<Map<string, KeyState>> {
  const table = new KeyTable(4096);
  let rows = new Float64Array(4096 * ROW);
  await forEachRevision(ks, (r) => {
    if (r.main > rev) return false;
    const f = r.fields;
    const raw = r.raw;
    if (prefix && !hasPrefix(raw.subarray(f.keyStart, f.keyEnd), prefix)) return;
    const i = table.intern(raw, f.keyStart, f.keyEnd);
    const o = i * ROW;
    if (o >= rows.length) {
      // A new key starts from zeroed counters, so the same updates serve both cases.
      const next = new Float64Array(rows.length * 2);
      next.set(rows);
      rows = next;
    }
    const c = rows;
    const stored = r.bucketKey.length + raw.length;
    c[o + MAIN] = r.main;
    c[o + SUB] = r.sub;
    c[o + STORED_VERSIONS]! += 1;
    c[o + ALL_STORED]! += stored;
    c[o + LATEST_STORED] = stored;
    if (r.tombstone) {
      c[o + DELETED] = 1;
      c[o + TOMBSTONES]! += 1;
      return;
    }
    const valueSize = f.valueEnd - f.valueStart;
    c[o + DELETED] = 0;
    c[o + CREATE] = f.createRevision;
    c[o + MOD] = f.modRevision;
    c[o + VERSION] = f.version;
    c[o + VALUE_SIZE] = valueSize;
    c[o + ALL_VALUE_SIZE]! += valueSize;
  }, onBadEntry ? { onBadEntry } : {});
  const m = new Map<string, KeyState>();
  for (let i = 0; i < table.size; i++) {
    const st = stateOf(rows, i, table.keyString(i));
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

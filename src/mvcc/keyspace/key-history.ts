// One key's history: its stored revisions and etcd's key index over them (generations).
//
// etcd's keyIndex (mvcc/key_index.go): a key has generations; a put appends to the current
// generation (version + 1), a tombstone appends and ends it, and the next put starts a new
// generation with version 1. After compaction only the newest revision <= compact of each
// live generation is left, so a restored generation starts at the stored version
// (restoreIntoIndex uses kv.Version), and a tombstone of a key never seen is ignored.
import { sameBytes } from './bytes.js';
import { NotFoundError } from '../../errors.js';
import { decodeKeyValue, type KeyValue } from '../key-value.js';
import type { Keyspace } from './open.js';
import { forEachRevision, userKeyOf } from './revision-scan.js';
import { leaseOf } from './kv-fields.js';
import { resolveReadRevision, storeRevisions } from './store-revision.js';

/** One stored entry of a key. */
export interface KeyRevision {
  main: bigint;
  sub: bigint;
  tombstone: boolean;
  createRevision: bigint;
  modRevision: bigint;
  /** kv.Version: 0 for tombstones. */
  version: bigint;
  lease: bigint;
  valueSize: number;
  pgid: bigint;
  index: number;
}

export interface Generation {
  /** Create revision of the generation. */
  created: bigint;
  /** Version of the newest revision in the generation. */
  version: bigint;
  /** Revisions in order; when `ended`, the last one is the tombstone. */
  revisions: KeyRevision[];
  ended: boolean;
}


/** Every stored entry of `key`, in revision order (one full pass over the key bucket). */
export async function listVersions(ks: Keyspace, key: Uint8Array): Promise<KeyRevision[]> {
  const out: KeyRevision[] = [];
  await forEachRevision(ks, (r) => {
    const uk = userKeyOf(r);
    if (!sameBytes(uk, key)) return;
    out.push({
      main: BigInt(r.main),
      sub: BigInt(r.sub),
      tombstone: r.tombstone,
      createRevision: BigInt(r.fields.createRevision),
      modRevision: BigInt(r.fields.modRevision),
      version: BigInt(r.fields.version),
      lease: leaseOf(r.raw, r.fields),
      valueSize: r.fields.valueEnd - r.fields.valueStart,
      pgid: r.pgid,
      index: r.index,
    });
  });
  return out;
}

/** etcd's key index over a key's stored revisions. */
export function buildGenerations(revs: readonly KeyRevision[]): Generation[] {
  const gens: Generation[] = [];
  let cur: Generation | undefined;
  for (const r of revs) {
    if (r.tombstone) {
      if (!cur) continue; // restore ignores a tombstone of a key it has not seen
      cur.revisions.push(r);
      cur.ended = true;
      cur = undefined;
      continue;
    }
    if (!cur) {
      cur = { created: r.createRevision, version: r.version, revisions: [r], ended: false };
      gens.push(cur);
    } else {
      cur.revisions.push(r);
      cur.version += 1n;
    }
  }
  return gens;
}

export interface GetOptions {
  /** Read revision (0/undefined = current), etcd Range semantics. */
  revision?: bigint | number;
  /** kv.Version to fetch instead (the newest entry with that version, at or below the revision). */
  version?: bigint | number;
}

export interface GetResult extends KeyValue {
  /** The revision that was read. */
  readRevision: bigint;
}

/** The KeyValue of `key` at a revision (or of one version); NotFoundError when absent/deleted. */
export async function getKey(ks: Keyspace, key: Uint8Array, opts: GetOptions = {}): Promise<GetResult> {
  const s = await storeRevisions(ks);
  const rev = resolveReadRevision(opts.revision === undefined ? undefined : Number(opts.revision), s);
  const wantVersion = opts.version === undefined ? undefined : Number(opts.version);
  let found: { raw: Uint8Array; tombstone: boolean; main: number } | undefined;
  await forEachRevision(ks, (r) => {
    if (r.main > rev) return false;
    if (!sameBytes(userKeyOf(r), key)) return;
    if (wantVersion !== undefined && (r.tombstone || r.fields.version !== wantVersion)) return;
    // Copy: the bytes are a view into the bolt cache.
    found = { raw: Uint8Array.from(r.raw), tombstone: r.tombstone, main: r.main };
  });
  const quotedKey = JSON.stringify(Buffer.from(key).toString('latin1'));
  if (!found) {
    const what = wantVersion !== undefined ? `version ${wantVersion} of key ${quotedKey}` : `key ${quotedKey}`;
    throw new NotFoundError('mvcc', `${what} not found at revision ${rev}`, { file: ks.path });
  }
  const f = found as { raw: Uint8Array; tombstone: boolean; main: number };
  if (f.tombstone) throw new NotFoundError('mvcc', `key ${quotedKey} was deleted at revision ${f.main} (read revision ${rev})`, { file: ks.path });
  const kv = decodeKeyValue(f.raw, { file: ks.path });
  return { ...kv, readRevision: BigInt(rev) };
}

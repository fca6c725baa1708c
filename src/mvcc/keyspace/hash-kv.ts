// etcd's HashKV, computed offline: the value `etcdctl endpoint hashkv --rev N` returns.
//
// Rules (release-3.4 mvcc/kvstore.go HashByRev; main server/storage/mvcc/hash.go):
// - rev 0 = current revision; rev > current → ErrFutureRev. Below the compact revision →
//   ErrCompacted; at it, 3.4 refuses too (release-3.4 kvstore.go: rev <= compactRev) while 3.5
//   and 3.6 answer (server/storage/mvcc hashByRev: rev < compactRev), hashing the keep set only.
// - CRC-32C, seeded by writing "key", then for every key-bucket entry in bucket order:
//   skip entries at or above {rev+1, 0}; below {compact+1, 0} keep only the revisions in
//   the keep set (when it is non-empty); skip a tombstone whose main == compact (newer
//   etcd keeps such tombstones on compaction, older ones deleted them: skipping makes both
//   hash alike, and 3.4.23 dbs never contain one); else write bucket key and raw value.
// - keep set = kvindex.Keep(rev): per key, the newest revision <= rev of the generation
//   that contains rev, dropped when that revision is a generation-ending tombstone. Over
//   the revision-ordered bucket this is simply "the latest entry <= rev, if it is a put".
import { Crc32c, crc32c } from '../../io/crc32c.js';
import { crc32cCombine } from '../../io/crc32c-combine.js';
import type { Keyspace } from './open.js';
import { forEachRevision } from './revision-scan.js';
import { KeyTable } from './key-table.js';
import { RevisionCompactedError, FutureRevisionError, storeRevisions } from './store-revision.js';
import { resolveEtcdVersion, type EtcdVersion, type ResolvedEtcdVersion } from '../schema/etcd-version.js';

export interface HashKVResult {
  hash: number;
  /** The revision that was hashed (the current one when 0 was asked). */
  hashRevision: bigint;
  /** The store's compact revision (-1 when never compacted). */
  compactRevision: bigint;
  /** The store's current revision (etcd's response header revision). */
  currentRevision: bigint;
  /** The etcd release whose rules were followed, and whether it was detected or forced. */
  etcdVersion: ResolvedEtcdVersion;
}

export interface HashKVOptions {
  /** Follow this release instead of the one detected from the db (meta/storageVersion, term, confState). */
  etcdVersion?: EtcdVersion;
}

const KEY_SEED = new TextEncoder().encode('key');

/** Computes HashKV at `revision` (0 or omitted = current). */
export async function hashKV(ks: Keyspace, revision: bigint | number = 0, options: HashKVOptions = {}): Promise<HashKVResult> {
  const etcdVersion = await resolveEtcdVersion(ks.db, options.etcdVersion);
  const s = await storeRevisions(ks);
  let rev = Number(revision);
  const refusesCompactRevision = etcdVersion.version === '3.4';
  if (rev > 0 && (rev < s.compact || (refusesCompactRevision && rev === s.compact))) throw new RevisionCompactedError(rev, s.compact);
  if (rev > 0 && rev > s.current) throw new FutureRevisionError(rev, s.current);
  if (rev <= 0) rev = s.current;

  const hash = s.compact >= 0 ? await hashCompacted(ks, rev, s.compact) : await hashAll(ks, rev, -1);
  return {
    hash,
    hashRevision: BigInt(rev),
    compactRevision: BigInt(s.compact),
    currentRevision: BigInt(s.current),
    etcdVersion,
  };
}

/** Every entry <= rev, except a tombstone at the compact revision (see the rules above). */
async function hashAll(ks: Keyspace, rev: number, compact: number): Promise<number> {
  const h = new Crc32c().update(KEY_SEED);
  await forEachRevision(ks, (r) => {
    if (r.main > rev) return false;
    if (r.tombstone && r.main === compact) return;
    h.update(r.bucketKey);
    h.update(r.raw);
  });
  return h.value;
}

/**
 * One pass when the store was compacted. Whether an entry at or below the compact revision
 * is hashed depends on later entries (it must be its key's latest entry <= rev, a put), so
 * those entries are CRC'd one by one and each key keeps the CRC of its latest such entry;
 * the entries above the compact revision are CRC'd as one run. At the end the kept CRCs are
 * combined in revision order and the run appended (crc32cCombine): no second read.
 */
async function hashCompacted(ks: Keyspace, rev: number, compact: number): Promise<number> {
  const keys = new KeyTable(4096);
  // per key: [0] scan position of its latest low entry (-1: none), [1] CRC, [2] length,
  // [3] 1 when its latest entry <= rev is a put
  let rows = new Float64Array(4096 * 4);
  let kept = 0;
  let position = 0;
  const high = new Crc32c();
  let highLength = 0;
  await forEachRevision(ks, (r) => {
    if (r.main > rev) return false;
    const f = r.fields;
    let i = keys.find(r.raw, f.keyStart, f.keyEnd);
    if (i < 0) {
      // etcd's restore ignores a tombstone of a key it has not seen
      if (r.tombstone) return void (r.main > compact && hashHigh(r));
      i = keys.intern(r.raw, f.keyStart, f.keyEnd);
      if (i * 4 >= rows.length) {
        const next = new Float64Array(rows.length * 2);
        next.set(rows);
        rows = next;
      }
      rows[i * 4] = -1;
      rows[i * 4 + 3] = 0;
    }
    const o = i * 4;
    const put = r.tombstone ? 0 : 1;
    kept += put - rows[o + 3]!;
    rows[o + 3] = put;
    if (r.main <= compact) {
      rows[o] = position++;
      rows[o + 1] = crc32c(r.raw, crc32c(r.bucketKey));
      rows[o + 2] = r.bucketKey.length + r.raw.length;
    } else {
      rows[o] = -1; // a newer entry above the compact revision: the low one is not kept
      hashHigh(r);
    }
  });
  function hashHigh(r: { bucketKey: Uint8Array; raw: Uint8Array }): void {
    high.update(r.bucketKey);
    high.update(r.raw);
    highLength += r.bucketKey.length + r.raw.length;
  }
  // etcd filters the low entries only when the keep set is non-empty; else all are hashed
  if (kept === 0) return hashAll(ks, rev, compact);
  const low: number[] = [];
  for (let i = 0; i < keys.size; i++) {
    const o = i * 4;
    if (rows[o]! >= 0 && rows[o + 3] === 1) low.push(o);
  }
  low.sort((a, b) => rows[a]! - rows[b]!);
  let h = new Crc32c().update(KEY_SEED).value;
  for (const o of low) h = crc32cCombine(h, rows[o + 1]!, rows[o + 2]!);
  return crc32cCombine(h, high.value, highLength);
}

// etcd's HashKV, computed offline: the value `etcdctl endpoint hashkv --rev N` returns.
//
// Rules (release-3.4 mvcc/kvstore.go HashByRev; main server/storage/mvcc/hash.go):
// - rev 0 = current revision; rev <= compact revision → ErrCompacted ("R == compact" too);
//   rev > current → ErrFutureRev.
// - CRC-32C, seeded by writing "key", then for every key-bucket entry in bucket order:
//   skip entries at or above {rev+1, 0}; below {compact+1, 0} keep only the revisions in
//   the keep set (when it is non-empty); skip a tombstone whose main == compact (newer
//   etcd keeps such tombstones on compaction, older ones deleted them: skipping makes both
//   hash alike, and 3.4.23 dbs never contain one); else write bucket key and raw value.
// - keep set = kvindex.Keep(rev): per key, the newest revision <= rev of the generation
//   that contains rev, dropped when that revision is a generation-ending tombstone. Over
//   the revision-ordered bucket this is simply "the latest entry <= rev, if it is a put".
import { Crc32c } from '../../io/crc32c.js';
import type { Keyspace } from './open.js';
import { forEachRevision } from './revision-scan.js';
import { KeyTable } from './key-table.js';
import { RevisionCompactedError, FutureRevisionError, storeRevisions } from './store-revision.js';

export interface HashKVResult {
  hash: number;
  /** The revision that was hashed (the current one when 0 was asked). */
  hashRevision: bigint;
  /** The store's compact revision (-1 when never compacted). */
  compactRevision: bigint;
  /** The store's current revision (etcd's response header revision). */
  currentRevision: bigint;
}

const KEY_SEED = new TextEncoder().encode('key');

/** Computes HashKV at `revision` (0 or omitted = current). */
export async function hashKV(ks: Keyspace, revision: bigint | number = 0): Promise<HashKVResult> {
  const s = await storeRevisions(ks);
  let rev = Number(revision);
  if (rev > 0 && rev <= s.compact) throw new RevisionCompactedError(rev, s.compact);
  if (rev > 0 && rev > s.current) throw new FutureRevisionError(rev, s.current);
  if (rev <= 0) rev = s.current;

  // The keep set only matters for entries below the compaction window.
  const keep = s.compact >= 0 ? await keepSet(ks, rev) : undefined;
  const h = new Crc32c().update(KEY_SEED);
  await forEachRevision(ks, (r) => {
    if (r.main > rev) return false;
    if (r.main <= s.compact && keep !== undefined && keep.kept > 0) {
      const i = keep.keys.find(r.raw, r.fields.keyStart, r.fields.keyEnd);
      if (i < 0 || keep.tombstone[i] === 1 || keep.main[i] !== r.main || keep.sub[i] !== r.sub) return;
    }
    if (r.tombstone && r.main === s.compact) return;
    h.update(r.bucketKey);
    h.update(r.raw);
  });
  return {
    hash: h.value,
    hashRevision: BigInt(rev),
    compactRevision: BigInt(s.compact),
    currentRevision: BigInt(s.current),
  };
}

/** Per key (by KeyTable index): the latest entry <= rev; a tombstone there means "not kept". */
interface KeepSet {
  keys: KeyTable;
  main: number[];
  sub: number[];
  tombstone: number[];
  /** Keys whose latest entry is a put: etcd only filters when len(keep) > 0. */
  kept: number;
}

/** Only entries at or below the compact revision consult the keep set, so the scan stops at rev. */
async function keepSet(ks: Keyspace, rev: number): Promise<KeepSet> {
  const k: KeepSet = { keys: new KeyTable(4096), main: [], sub: [], tombstone: [], kept: 0 };
  await forEachRevision(ks, (r) => {
    if (r.main > rev) return false;
    const f = r.fields;
    const i = k.keys.find(r.raw, f.keyStart, f.keyEnd);
    if (i < 0) {
      // etcd's restore ignores a tombstone of a key it has not seen.
      if (r.tombstone) return;
      k.keys.intern(r.raw, f.keyStart, f.keyEnd);
      k.main.push(r.main);
      k.sub.push(r.sub);
      k.tombstone.push(0);
      k.kept++;
      return;
    }
    const t = r.tombstone ? 1 : 0;
    if (k.tombstone[i] !== t) k.kept += t ? -1 : 1;
    k.main[i] = r.main;
    k.sub[i] = r.sub;
    k.tombstone[i] = t;
  });
  return k;
}

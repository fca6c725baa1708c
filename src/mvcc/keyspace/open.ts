// Opening an etcd db as a keyspace: the bolt file, its `key` bucket and the compaction
// state recorded in `meta`. Everything here is read-only.
import { openBolt } from '../../bolt/index.js';
import type { BoltDb, Bucket } from '../../bolt/types.js';
import { CorruptDataError, NotFoundError } from '../../errors.js';
import { parseRevisionKey } from '../revision.js';
import { resolveDbPath } from '../../io/paths.js';

/** meta/scheduledCompactRev and meta/finishedCompactRev (17-byte revisions, sub 0). */
export interface CompactionState {
  /** Main revision of the last compaction that was started, if any. */
  scheduled: bigint | undefined;
  /** Main revision of the last compaction that finished, if any. */
  finished: bigint | undefined;
  /**
   * The compact revision etcd would serve with after opening this db: finishedCompactRev,
   * or scheduledCompactRev when a compaction was scheduled but not finished (etcd resumes
   * it on start); -1n when the db was never compacted.
   */
  effective: bigint;
}

export interface Keyspace {
  readonly path: string;
  readonly db: BoltDb;
  /** The `key` bucket: revision key → mvccpb.KeyValue. */
  readonly keyBucket: Bucket;
  readonly compaction: CompactionState;
  close(): Promise<void>;
}

const META = 'meta';
const KEY = 'key';

/** Opens `path` (db file, snapshot file or data dir) or wraps an open BoltDb. */
export async function openKeyspace(pathOrDb: string | BoltDb): Promise<Keyspace> {
  const db = typeof pathOrDb === 'string' ? await openBolt(await resolveDbPath(pathOrDb)) : pathOrDb;
  const owned = typeof pathOrDb === 'string';
  try {
    const keyBucket = await db.bucket(KEY);
    if (!keyBucket) {
      throw new NotFoundError('mvcc', "no 'key' bucket: this bolt file is not an etcd v3 db", { file: db.path });
    }
    const compaction = await readCompactionState(db);
    return {
      path: db.path,
      db,
      keyBucket,
      compaction,
      close: async () => {
        if (owned) await db.close();
      },
    };
  } catch (err) {
    if (owned) await db.close();
    throw err;
  }
}

/** Reads the compaction revisions from the `meta` bucket (absent bucket or keys = never compacted). */
export async function readCompactionState(db: BoltDb): Promise<CompactionState> {
  const meta = await db.bucket(META);
  const read = async (name: string): Promise<bigint | undefined> => {
    if (!meta) return undefined;
    const v = await meta.get(new TextEncoder().encode(name));
    if (v === undefined || v === null || v.length === 0) return undefined;
    if (v.length !== 17) {
      throw new CorruptDataError('mvcc', `meta/${name} is ${v.length} bytes, expected a 17-byte revision`, { file: db.path });
    }
    return parseRevisionKey(v, { file: db.path }).main;
  };
  const scheduled = await read('scheduledCompactRev');
  const finished = await read('finishedCompactRev');
  let effective = finished ?? -1n;
  if (scheduled !== undefined && scheduled > effective) effective = scheduled;
  return { scheduled, finished, effective };
}

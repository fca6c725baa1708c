// etcd-dump-db's three operations over an open bolt db: list-bucket, iterate-bucket and
// hash. The CLI prints what these return; library users get the same records and lines.
import type { BoltDb, BoltEntry, Bucket } from '../../bolt/types.js';
import { CorruptDataError, NotFoundError } from '../../errors.js';
import { Crc32c } from '../../io/crc32c.js';
import { hashIgnores, type HashVersion } from './buckets.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Top-level bucket names in bolt (byte) order, as `etcd-dump-db list-bucket` prints them. */
export async function listBuckets(db: BoltDb): Promise<Uint8Array[]> {
  const names: Uint8Array[] = [];
  for await (const e of db.root.entries()) names.push(e.key);
  return names;
}

export interface IterateBucketOptions {
  /** Stop after this many entries; 0 (default) = all, as etcd-dump-db's uint64 underflow does. */
  limit?: number | bigint;
  /** Key order; etcd-dump-db always iterates last → first (default true). */
  reverse?: boolean;
}

/** The named top-level bucket, or NotFoundError (etcd-dump-db: "got nil bucket for <name>"). */
export async function requireBucket(db: BoltDb, name: string | Uint8Array): Promise<Bucket> {
  const b = await db.bucket(name);
  if (!b) {
    const text = typeof name === 'string' ? name : utf8.decode(name);
    throw new NotFoundError('dump-db', `got nil bucket for ${text} (no such top-level bucket)`, { file: db.path });
  }
  return b;
}

/**
 * Entries of a top-level bucket, last to first like `etcd-dump-db iterate-bucket`, at most
 * `limit`. Resolves the bucket first (NotFoundError when missing); without a limit the
 * bolt cursor is returned as is, so a million-entry bucket pays no extra generator hop.
 */
export async function iterateBucket(db: BoltDb, name: string | Uint8Array, opts: IterateBucketOptions = {}): Promise<AsyncIterable<BoltEntry>> {
  const bucket = await requireBucket(db, name);
  const limit = BigInt(opts.limit ?? 0);
  if (limit < 0n) throw new RangeError('limit must be >= 0');
  const entries = bucket.entries({ reverse: opts.reverse ?? true });
  return limit === 0n ? entries : take(entries, limit);
}

async function* take(entries: AsyncIterable<BoltEntry>, limit: bigint): AsyncGenerator<BoltEntry> {
  let left = limit;
  for await (const e of entries) {
    yield e;
    if (--left === 0n) return;
  }
}

export interface HashDbOptions {
  /** Which etcd version's ignore set to use (3.4 default, as the recorded etcd-dump-db). */
  version?: HashVersion;
}

/**
 * `etcd-dump-db hash` = etcd backend.Hash(DefaultIgnores): CRC-32C over, for each
 * top-level bucket in order, its name and then every key and value of its entries (nested
 * buckets contribute their key only), skipping the version's ignored meta keys.
 */
export async function hashDb(db: BoltDb, opts: HashDbOptions = {}): Promise<number> {
  const ignored = new Map<string, Set<string>>();
  for (const { bucket, key } of hashIgnores(opts.version ?? '3.4')) {
    const set = ignored.get(bucket) ?? new Set<string>();
    set.add(key);
    ignored.set(bucket, set);
  }
  const h = new Crc32c();
  for await (const top of db.root.entries()) {
    if (!top.isBucket) {
      throw new CorruptDataError('dump-db', `cannot get hash of bucket ${utf8.decode(top.key)}: the root holds a plain key`, {
        file: db.path,
        where: `page ${top.pgid} item ${top.index}`,
      });
    }
    const bucket = await requireBucket(db, top.key);
    h.update(top.key);
    const skip = ignored.get(utf8.decode(top.key));
    for await (const e of bucket.entries()) {
      // Ignore keys are compared as Go strings: decode only when the bucket has any.
      if (skip && skip.has(utf8.decode(e.key))) continue;
      h.update(e.key);
      if (e.value) h.update(e.value);
    }
  }
  return h.value;
}

// The public shape of the bolt reader. Other layers (mvcc, dump-db commands) code
// against these interfaces; src/bolt implements them.
import type { ByteSource } from '../io/byte-source.js';

export type Pgid = bigint;
export type Txid = bigint;

/** Meta page body (bbolt internal/common/meta.go), decoded at page offset 16. */
export interface Meta {
  magic: number;
  version: number;
  pageSize: number;
  flags: number;
  /** Root bucket: InBucket{root pgid, sequence}. */
  root: { root: Pgid; sequence: bigint };
  /** Freelist page id, or 0xFFFFFFFFFFFFFFFF (PgidNoFreelist) when NoFreelistSync. */
  freelist: Pgid;
  /** High-water mark: pages [0, pgid) are in use or free. */
  pgid: Pgid;
  txid: Txid;
  checksum: bigint;
}

/** One entry of a bucket, as bolt's cursor returns it. */
export interface BoltEntry {
  key: Uint8Array;
  /** The value; null for a nested bucket (bolt's cursor returns v=nil for buckets). */
  value: Uint8Array | null;
  /** True when this entry is a nested bucket. */
  isBucket: boolean;
  /** Leaf page holding the entry (0n when it is inside an inline bucket). */
  pgid: Pgid;
  /** Element index inside that page. */
  index: number;
}

export interface EntriesOptions {
  /** Iterate from the last key to the first (Last → Prev), as etcd-dump-db does. */
  reverse?: boolean;
  /** Only keys starting with these bytes. */
  prefix?: Uint8Array;
  /** Start at the first key >= this (forward) or <= this (reverse). */
  from?: Uint8Array;
}

export interface Bucket {
  /** Path of bucket names from the root; [] for the root bucket. */
  readonly path: readonly Uint8Array[];
  /** InBucket.root (0n for an inline bucket). */
  readonly root: Pgid;
  readonly sequence: bigint;
  readonly inline: boolean;
  /** Entries in key order (or reverse). Keys/values are views into cache blocks: keeping them is safe, mutating is not. */
  entries(opts?: EntriesOptions): AsyncIterable<BoltEntry>;
  /** Value for a key; undefined when absent; null when the key is a nested bucket. */
  get(key: Uint8Array): Promise<Uint8Array | null | undefined>;
  /** A nested bucket by name, or undefined. */
  bucket(name: Uint8Array | string): Promise<Bucket | undefined>;
}

export interface BoltDb {
  readonly path: string;
  readonly source: ByteSource;
  readonly pageSize: number;
  /** The active meta (valid, highest txid). */
  readonly meta: Meta;
  /** Root bucket; top-level buckets are its nested buckets. */
  readonly root: Bucket;
  /** Nested bucket by path, e.g. bucket('key') or bucket('a', 'b'); undefined if missing. */
  bucket(...path: (Uint8Array | string)[]): Promise<Bucket | undefined>;
  close(): Promise<void>;
}

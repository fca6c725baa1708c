// openBolt: a read-only bolt db over positional reads. No lock, no write, no mmap; works on
// a db a running etcd holds, on an etcd data dir and on an `etcdctl snapshot save` file
// (its 32-byte sha256 trailer lies past the high-water mark and is never read as a page).
import type { ByteSource } from '../io/byte-source.js';
import { FileByteSource } from '../io/byte-source.js';
import { resolveDbPath } from '../io/paths.js';
import type { BoltDb, Meta } from './types.js';
import { BoltBucket, toKeyBytes } from './bucket.js';
import { readMetas, type MetaPair } from './meta.js';
import { Pager } from './pager.js';
import { PGID_NO_FREELIST } from './layout.js';

/** Bytes of the sha256 trailer `etcdctl snapshot save` appends (size % 512 == 32). */
export const SNAPSHOT_TRAILER_SIZE = 32;

export interface OpenBoltOptions {
  /** Block cache size for a file source (default 32 MiB: a scan reads each block once). */
  cacheBytes?: number;
}

export class BoltDatabase implements BoltDb {
  readonly path: string;
  readonly source: ByteSource;
  readonly pageSize: number;
  readonly meta: Meta;
  readonly metas: MetaPair;
  readonly pager: Pager;
  readonly root: BoltBucket;
  private readonly ownsSource: boolean;

  constructor(source: ByteSource, metas: MetaPair, ownsSource: boolean) {
    this.source = source;
    this.path = source.name;
    this.metas = metas;
    this.meta = metas.active.meta;
    this.pageSize = metas.pageSize;
    const hwm = this.meta.pgid > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(this.meta.pgid);
    this.pager = new Pager(source, this.pageSize, hwm);
    const rootPgid = this.meta.root.root < BigInt(hwm) ? Number(this.meta.root.root) : Number.POSITIVE_INFINITY;
    this.root = new BoltBucket(this.pager, [], this.meta.root, rootPgid);
    this.ownsSource = ownsSource;
  }

  /** High-water mark of the active meta. */
  get hwm(): number {
    return this.pager.hwm;
  }

  /** True when the meta says NoFreelistSync (no freelist page; free pages found by walking). */
  get noFreelistSync(): boolean {
    return this.meta.freelist === PGID_NO_FREELIST;
  }

  /** True when the file looks like an `etcdctl snapshot save` file (sha256 trailer). */
  get hasSnapshotTrailer(): boolean {
    return this.source.size % 512 === SNAPSHOT_TRAILER_SIZE && this.source.size >= this.hwm * this.pageSize + SNAPSHOT_TRAILER_SIZE;
  }

  /**
   * Pages that exist in the file: the high-water mark, or fewer when the file is truncated.
   * Page bitmaps are sized by this, so a corrupt meta can't make us allocate past the file.
   */
  get pagesInFile(): number {
    return Math.min(this.hwm, Math.floor(this.source.size / this.pageSize));
  }

  /** True when the file is shorter than the high-water mark says (truncated copy). */
  get truncated(): boolean {
    return this.source.size < this.hwm * this.pageSize;
  }

  async bucket(...path: (Uint8Array | string)[]): Promise<BoltBucket | undefined> {
    let b: BoltBucket | undefined = this.root;
    for (const name of path) {
      b = await b.bucket(toKeyBytes(name));
      if (!b) return undefined;
    }
    return b;
  }

  async close(): Promise<void> {
    if (this.ownsSource) await this.source.close();
  }
}

/**
 * Opens a bolt db read-only: a db file, an etcd data dir (→ member/snap/db), a snapshot
 * file, or any ByteSource. Validates both metas and picks the active one as bbolt does.
 */
export async function openBolt(pathOrSource: string | ByteSource, opts: OpenBoltOptions = {}): Promise<BoltDatabase> {
  if (typeof pathOrSource !== 'string') return new BoltDatabase(pathOrSource, await readMetas(pathOrSource), false);
  const file = await resolveDbPath(pathOrSource);
  const source = await FileByteSource.open(file, { cacheBytes: opts.cacheBytes ?? 32 * 1024 * 1024 });
  try {
    return new BoltDatabase(source, await readMetas(source), true);
  } catch (err) {
    await source.close();
    throw err;
  }
}

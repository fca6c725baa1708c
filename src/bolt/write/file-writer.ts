// A bulk writer that produces a valid bbolt file from keys given in ascending order: leaves
// packed to a fill percent (bbolt's split threshold), branch levels built bottom-up, small
// buckets inline, both metas with FNV-1a checksums, no freelist page (NoFreelistSync, as etcd
// on Linux: the free list is rebuilt by a tree walk on open, and this file has no free pages).
// Every page id below the high-water mark is reachable, so `bbolt check` has nothing to say.
//
// Node-only (writes a file). Refuses to overwrite an existing file unless asked.
import { closeSync, openSync, writeSync } from 'node:fs';
import { ForensicsError, UsageError } from '../../errors.js';
import { LEAF_ELEMENT_SIZE, BRANCH_ELEMENT_SIZE, LEAF_FLAG_BUCKET, PAGE_HEADER_SIZE, MIN_PAGE_SIZE, MAX_PAGE_SIZE } from '../layout.js';
import {
  encodeBranch,
  encodeLeaf,
  encodeMeta,
  fitsInline,
  inlineBucketValue,
  MAX_KEY_SIZE,
  MAX_PAGE_ELEMENTS,
  MAX_VALUE_SIZE,
  rootBucketValue,
  type BranchEntry,
  type LeafEntry,
} from './pages.js';

/** bbolt minKeysPerPage. */
const MIN_KEYS = 2;
/** Pages are buffered and written in runs of this many bytes. */
const FLUSH_BYTES = 16 << 20;

export interface BoltFileWriterOptions {
  pageSize?: number;
  /** Replace an existing file (default: refuse). */
  overwrite?: boolean;
}

/** Appends page images to a new file; page ids are assigned in write order from 2. */
export class BoltFileWriter {
  readonly pageSize: number;
  readonly path: string;
  private fd: number;
  private next = 2;
  private pending: Uint8Array[] = [];
  private pendingAt = 2;
  private pendingBytes = 0;

  constructor(path: string, opts: BoltFileWriterOptions = {}) {
    const pageSize = opts.pageSize ?? 4096;
    if (!Number.isInteger(pageSize) || pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE || (pageSize & (pageSize - 1)) !== 0) {
      throw new UsageError(`page size ${pageSize} is not a power of two between ${MIN_PAGE_SIZE} and ${MAX_PAGE_SIZE}`);
    }
    this.pageSize = pageSize;
    this.path = path;
    try {
      // 'wx' = O_CREAT|O_EXCL: never replaces evidence, even when racing another writer
      this.fd = openSync(path, opts.overwrite ? 'w' : 'wx');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EEXIST') throw new UsageError(`${path}: already exists; the bolt writer only creates new files`);
      throw new ForensicsError('io', `cannot create ${path}: ${e.message}`, { file: path });
    }
  }

  /** The next page id: after finish(), the file's page count (meta.pgid). */
  get hwm(): number {
    return this.next;
  }

  pagesFor(bytes: number): number {
    return Math.max(1, Math.ceil(bytes / this.pageSize));
  }

  /** Appends a page image whose size is a multiple of the page size; returns its id. */
  append(build: (pgid: number) => Uint8Array): number {
    const pgid = this.next;
    const buf = build(pgid);
    this.next += buf.length / this.pageSize;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    return pgid;
  }

  private flush(): void {
    if (!this.pending.length) return;
    const all = Buffer.concat(this.pending, this.pendingBytes);
    writeSync(this.fd, all, 0, all.length, this.pendingAt * this.pageSize);
    this.pendingAt = this.next;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Writes both metas (txid-1 and txid, so either can be lost) and closes the file. */
  finish(rootPgid: number, txid: bigint): void {
    if (txid < 2n) txid = 2n;
    this.flush();
    for (const t of [txid - 1n, txid]) {
      const page = encodeMeta({ pageSize: this.pageSize, root: rootPgid, pgid: this.next, txid: t });
      writeSync(this.fd, page, 0, page.length, Number(t % 2n) * this.pageSize);
    }
    this.close();
  }

  /** Closes without writing metas (after an error: the file is left invalid). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function checkEntry(e: LeafEntry, prev: Uint8Array | undefined): void {
  if (e.key.length === 0) throw new UsageError('bolt writer: empty key');
  if (e.key.length > MAX_KEY_SIZE) throw new UsageError(`bolt writer: key of ${e.key.length} bytes exceeds ${MAX_KEY_SIZE}`);
  if (e.value.length > MAX_VALUE_SIZE) throw new UsageError(`bolt writer: value of ${e.value.length} bytes exceeds ${MAX_VALUE_SIZE}`);
  if (prev && Buffer.compare(prev, e.key) >= 0) {
    throw new UsageError(`bolt writer: keys must be strictly ascending (${Buffer.from(e.key).toString('hex')} after ${Buffer.from(prev).toString('hex')})`);
  }
}

/**
 * Streams one bucket's ascending entries into leaf pages filled to `fillPercent` (bbolt's
 * default 0.5; etcd writes its key bucket with 0.9), then builds the branch levels.
 */
export class TreeBuilder {
  private leaf: LeafEntry[] = [];
  private leafSize = PAGE_HEADER_SIZE;
  private children: BranchEntry[] = [];
  private readonly threshold: number;
  private last: Uint8Array | undefined;
  count = 0;

  constructor(
    private readonly w: BoltFileWriter,
    fillPercent = 0.5,
  ) {
    this.threshold = Math.floor(w.pageSize * Math.min(1, Math.max(0.1, fillPercent)));
  }

  add(e: LeafEntry): void {
    checkEntry(e, this.last);
    this.last = e.key;
    const size = LEAF_ELEMENT_SIZE + e.key.length + e.value.length;
    if (this.leaf.length >= MAX_PAGE_ELEMENTS || (this.leaf.length >= MIN_KEYS && this.leafSize + size > this.threshold)) this.flushLeaf();
    this.leaf.push(e);
    this.leafSize += size;
    this.count++;
  }

  private flushLeaf(): void {
    if (!this.leaf.length) return;
    const entries = this.leaf;
    const size = this.w.pagesFor(this.leafSize) * this.w.pageSize;
    const pgid = this.w.append((id) => encodeLeaf(id, entries, size, this.w.pageSize));
    this.children.push({ key: entries[0]!.key, pgid });
    this.leaf = [];
    this.leafSize = PAGE_HEADER_SIZE;
  }

  /** Writes what is left and the branch levels; returns the root page id. */
  finish(): number {
    this.flushLeaf();
    if (this.children.length === 0) return this.w.append((id) => encodeLeaf(id, [], this.w.pageSize, this.w.pageSize));
    let level = this.children;
    while (level.length > 1) {
      const up: BranchEntry[] = [];
      let group: BranchEntry[] = [];
      let bytes = PAGE_HEADER_SIZE;
      const flush = () => {
        const g = group;
        const size = this.w.pagesFor(bytes) * this.w.pageSize;
        const pgid = this.w.append((id) => encodeBranch(id, g, size, this.w.pageSize));
        up.push({ key: g[0]!.key, pgid });
        group = [];
        bytes = PAGE_HEADER_SIZE;
      };
      for (const c of level) {
        const size = BRANCH_ELEMENT_SIZE + c.key.length;
        if (group.length >= MAX_PAGE_ELEMENTS || (group.length >= MIN_KEYS && bytes + size > this.threshold)) flush();
        group.push(c);
        bytes += size;
      }
      flush();
      level = up;
    }
    return level[0]!.pgid;
  }
}

/**
 * One bucket, streamed: entries are held while they would still fit an inline bucket, then
 * go to a TreeBuilder. finish() returns the bucket's value for its parent's leaf.
 */
export class BucketWriter {
  private held: LeafEntry[] | undefined = [];
  private heldBytes = PAGE_HEADER_SIZE;
  private tree: TreeBuilder | undefined;
  private last: Uint8Array | undefined;

  constructor(
    private readonly w: BoltFileWriter,
    private readonly fillPercent = 0.5,
    private readonly sequence = 0n,
  ) {}

  add(e: LeafEntry): void {
    if (this.tree) return this.tree.add(e);
    checkEntry(e, this.last);
    this.last = e.key;
    this.held!.push(e);
    this.heldBytes += LEAF_ELEMENT_SIZE + e.key.length + e.value.length;
    if (e.flags || this.heldBytes > this.w.pageSize / 4) {
      this.tree = new TreeBuilder(this.w, this.fillPercent);
      for (const h of this.held!) this.tree.add(h);
      this.held = undefined;
    }
  }

  finish(): Uint8Array {
    if (!this.tree && fitsInline(this.held!, this.w.pageSize)) return inlineBucketValue(this.held!, this.sequence);
    if (!this.tree) {
      this.tree = new TreeBuilder(this.w, this.fillPercent);
      for (const h of this.held!) this.tree.add(h);
    }
    return rootBucketValue(this.tree.finish(), this.sequence);
  }
}

/** A bucket to write: ascending entries, nested buckets (any order), sequence, fill percent. */
export interface BucketSpec {
  name: Uint8Array | string;
  entries?: Iterable<LeafEntry> | AsyncIterable<LeafEntry>;
  buckets?: BucketSpec[];
  sequence?: bigint;
  fillPercent?: number;
}

export interface WriteBoltOptions extends BoltFileWriterOptions {
  /** txid of the newer meta (default 2). */
  txid?: bigint;
}

export interface WriteBoltResult {
  path: string;
  pageSize: number;
  /** meta.pgid: pages in the file. */
  pages: number;
  entries: number;
}

const nameBytes = (n: Uint8Array | string): Uint8Array => (typeof n === 'string' ? Buffer.from(n, 'utf8') : n);

/** Writes a new bolt file holding these top-level buckets. */
export async function writeBoltDb(path: string, buckets: BucketSpec[], opts: WriteBoltOptions = {}): Promise<WriteBoltResult> {
  const w = new BoltFileWriter(path, opts);
  let entries = 0;
  try {
    const write = async (spec: BucketSpec): Promise<Uint8Array> => {
      const bw = new BucketWriter(w, spec.fillPercent ?? 0.5, spec.sequence ?? 0n);
      const nested: LeafEntry[] = [];
      for (const child of spec.buckets ?? []) nested.push({ key: nameBytes(child.name), value: await write(child), flags: LEAF_FLAG_BUCKET });
      nested.sort((a, b) => Buffer.compare(a.key, b.key));
      let n = 0;
      const emitNestedBefore = (key: Uint8Array | undefined) => {
        while (n < nested.length && (key === undefined || Buffer.compare(nested[n]!.key, key) < 0)) bw.add(nested[n++]!);
      };
      for await (const e of spec.entries ?? []) {
        emitNestedBefore(e.key);
        bw.add(e);
        entries++;
      }
      emitNestedBefore(undefined);
      return bw.finish();
    };
    const root = new TreeBuilder(w, 1);
    const sorted = [...buckets].sort((a, b) => Buffer.compare(nameBytes(a.name), nameBytes(b.name)));
    const values: LeafEntry[] = [];
    for (const b of sorted) values.push({ key: nameBytes(b.name), value: await write(b), flags: LEAF_FLAG_BUCKET });
    for (const v of values) root.add(v);
    const rootPgid = root.finish();
    w.finish(rootPgid, opts.txid ?? 2n);
  } catch (err) {
    w.close();
    throw err;
  }
  return { path, pageSize: w.pageSize, pages: w.hwm, entries };
}

export { LEAF_FLAG_BUCKET };

// A bulk loader that writes a valid bbolt file from keys given in sorted order: leaves packed
// to a fill percent (as bbolt's split does), branch levels built bottom-up, inline buckets
// for small buckets, two metas with FNV-1a checksums. Used only to generate benchmark data.
import { closeSync, openSync, writeSync } from 'node:fs';
import { fnv64a } from '../../src/io/fnv64a.js';
import {
  BOLT_MAGIC,
  BOLT_VERSION,
  LEAF_FLAG_BUCKET,
  PAGE_FLAG_BRANCH,
  PAGE_FLAG_LEAF,
  PAGE_FLAG_META,
  PAGE_HEADER_SIZE,
  PGID_NO_FREELIST,
} from '../../src/bolt/layout.js';

const ELEM = 16;
/** bbolt minKeysPerPage. */
const MIN_KEYS = 2;

export interface LeafEntry {
  key: Uint8Array;
  value: Uint8Array;
  /** LEAF_FLAG_BUCKET for a nested bucket. */
  flags?: number;
}

/** Serialises one leaf page (id, elements, then keys and values) into `size` bytes. */
export function encodeLeaf(pgid: number, entries: LeafEntry[], size: number, pageSize = 0): Buffer {
  const buf = Buffer.alloc(size);
  writeHeader(buf, pgid, PAGE_FLAG_LEAF, entries.length, size, pageSize);
  let data = PAGE_HEADER_SIZE + entries.length * ELEM;
  entries.forEach((e, i) => {
    const at = PAGE_HEADER_SIZE + i * ELEM;
    buf.writeUInt32LE(e.flags ?? 0, at);
    buf.writeUInt32LE(data - at, at + 4);
    buf.writeUInt32LE(e.key.length, at + 8);
    buf.writeUInt32LE(e.value.length, at + 12);
    buf.set(e.key, data);
    buf.set(e.value, data + e.key.length);
    data += e.key.length + e.value.length;
  });
  return buf;
}

function writeHeader(buf: Buffer, pgid: number, flags: number, count: number, size: number, pageSize = 0): void {
  buf.writeBigUInt64LE(BigInt(pgid), 0);
  buf.writeUInt16LE(flags, 8);
  buf.writeUInt16LE(count, 10);
  buf.writeUInt32LE(pageSize ? size / pageSize - 1 : 0, 12);
}

function leafSize(entries: LeafEntry[]): number {
  let n = PAGE_HEADER_SIZE;
  for (const e of entries) n += ELEM + e.key.length + e.value.length;
  return n;
}

/** The value of an inline bucket: InBucket{root 0, sequence} then its leaf page. */
export function inlineBucketValue(entries: LeafEntry[], sequence = 0n): Buffer {
  const page = encodeLeaf(0, entries, leafSize(entries));
  const v = Buffer.alloc(16 + page.length);
  v.writeBigUInt64LE(0n, 0);
  v.writeBigUInt64LE(sequence, 8);
  page.copy(v, 16);
  return v;
}

/** The value of a bucket stored on its own pages. */
export function rootBucketValue(root: number, sequence = 0n): Buffer {
  const v = Buffer.alloc(16);
  v.writeBigUInt64LE(BigInt(root), 0);
  v.writeBigUInt64LE(sequence, 8);
  return v;
}

export class BoltFileWriter {
  readonly pageSize: number;
  private readonly fd: number;
  /** Next free page id; 0 and 1 are the metas. */
  private next = 2;
  private pending: Buffer[] = [];
  private pendingAt = 2;
  private pendingBytes = 0;

  constructor(path: string, pageSize = 4096) {
    this.pageSize = pageSize;
    this.fd = openSync(path, 'w');
  }

  get hwm(): number {
    return this.next;
  }

  /** Appends a page image (its size is a multiple of the page size); returns its id. */
  append(build: (pgid: number) => Buffer): number {
    const pgid = this.next;
    const buf = build(pgid);
    this.next += buf.length / this.pageSize;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes >= 16 << 20) this.flush();
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

  pagesFor(bytes: number): number {
    return Math.max(1, Math.ceil(bytes / this.pageSize));
  }

  /** Writes both metas (NoFreelistSync, like etcd) and closes the file. */
  finish(rootPgid: number, txid: bigint): void {
    this.flush();
    for (const t of [txid - 1n, txid]) {
      const id = Number(t % 2n);
      const page = Buffer.alloc(this.pageSize);
      writeHeader(page, id, PAGE_FLAG_META, 0, this.pageSize);
      const m = page.subarray(PAGE_HEADER_SIZE);
      m.writeUInt32LE(BOLT_MAGIC, 0);
      m.writeUInt32LE(BOLT_VERSION, 4);
      m.writeUInt32LE(this.pageSize, 8);
      m.writeUInt32LE(0, 12);
      m.writeBigUInt64LE(BigInt(rootPgid), 16);
      m.writeBigUInt64LE(0n, 24);
      m.writeBigUInt64LE(PGID_NO_FREELIST, 32);
      m.writeBigUInt64LE(BigInt(this.next), 40);
      m.writeBigUInt64LE(t, 48);
      m.writeBigUInt64LE(fnv64a(m.subarray(0, 56)), 56);
      writeSync(this.fd, page, 0, page.length, id * this.pageSize);
    }
    closeSync(this.fd);
  }
}

/**
 * Streams sorted entries of one bucket into leaf pages filled to `fillPercent` (etcd puts
 * the key bucket with 0.9), then builds the branch levels. Returns the root page id.
 */
export class TreeBuilder {
  private leaf: LeafEntry[] = [];
  private leafBytes = PAGE_HEADER_SIZE;
  private children: { key: Uint8Array; pgid: number }[] = [];
  private readonly threshold: number;

  constructor(
    private readonly w: BoltFileWriter,
    fillPercent = 0.5,
  ) {
    this.threshold = Math.floor(w.pageSize * fillPercent);
  }

  add(e: LeafEntry): void {
    const size = ELEM + e.key.length + e.value.length;
    if (this.leaf.length >= MIN_KEYS && this.leafBytes + size > this.threshold) this.flushLeaf();
    this.leaf.push(e);
    this.leafBytes += size;
  }

  private flushLeaf(): void {
    if (!this.leaf.length) return;
    const entries = this.leaf;
    const bytes = this.leafBytes;
    const pgid = this.w.append((id) => encodeLeaf(id, entries, this.w.pagesFor(bytes) * this.w.pageSize, this.w.pageSize));
    this.children.push({ key: entries[0]!.key, pgid });
    this.leaf = [];
    this.leafBytes = PAGE_HEADER_SIZE;
  }

  finish(): number {
    this.flushLeaf();
    if (this.children.length === 0) this.w.append((id) => encodeLeaf(id, [], this.w.pageSize, this.w.pageSize));
    let level = this.children;
    if (level.length === 0) return this.w.hwm - 1;
    while (level.length > 1) {
      const up: { key: Uint8Array; pgid: number }[] = [];
      let group: { key: Uint8Array; pgid: number }[] = [];
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
        const size = ELEM + c.key.length;
        if (group.length >= MIN_KEYS && bytes + size > this.threshold) flush();
        group.push(c);
        bytes += size;
      }
      flush();
      level = up;
    }
    return level[0]!.pgid;
  }
}

function encodeBranch(pgid: number, children: { key: Uint8Array; pgid: number }[], size: number, pageSize: number): Buffer {
  const buf = Buffer.alloc(size);
  writeHeader(buf, pgid, PAGE_FLAG_BRANCH, children.length, size, pageSize);
  let data = PAGE_HEADER_SIZE + children.length * ELEM;
  children.forEach((c, i) => {
    const at = PAGE_HEADER_SIZE + i * ELEM;
    buf.writeUInt32LE(data - at, at);
    buf.writeUInt32LE(c.key.length, at + 4);
    buf.writeBigUInt64LE(BigInt(c.pgid), at + 8);
    buf.set(c.key, data);
    data += c.key.length;
  });
  return buf;
}

export { LEAF_FLAG_BUCKET };

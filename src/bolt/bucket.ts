// Buckets: the root bucket, nested buckets on their own pages, and inline buckets whose
// single leaf page is stored inside the parent's value (bbolt bucket.go).
import { CorruptDataError } from '../errors.js';
import type { Bucket, BoltEntry, EntriesOptions, Pgid } from './types.js';
import { IN_BUCKET_SIZE } from './layout.js';
import { compareKeys, PageView } from './page.js';
import type { Pager } from './pager.js';
import { TreeCursor } from './cursor.js';

/** Max bucket nesting followed by recursive walks (bbolt has no limit; real dbs use a few levels). */
export const MAX_BUCKET_DEPTH = 256;

/** The 16-byte InBucket header at the start of a bucket value. */
export interface InBucket {
  root: Pgid;
  sequence: bigint;
}

export function decodeInBucket(value: Uint8Array): InBucket {
  const v = new DataView(value.buffer, value.byteOffset, IN_BUCKET_SIZE);
  return { root: v.getBigUint64(0, true), sequence: v.getBigUint64(8, true) };
}

export function toKeyBytes(name: Uint8Array | string): Uint8Array {
  return typeof name === 'string' ? Buffer.from(name, 'utf8') : name;
}

export function pathText(path: readonly Uint8Array[]): string {
  return path.length === 0 ? '<root>' : path.map((p) => Buffer.from(p).toString('latin1')).join('/');
}

export class BoltBucket implements Bucket {
  readonly path: readonly Uint8Array[];
  readonly root: Pgid;
  readonly sequence: bigint;
  readonly inline: boolean;
  /** Page id of the root page, or the inline page itself. */
  readonly rootRef: number | PageView;
  readonly pager: Pager;

  constructor(pager: Pager, path: readonly Uint8Array[], header: InBucket, rootRef: number | PageView) {
    this.pager = pager;
    this.path = path;
    this.root = header.root;
    this.sequence = header.sequence;
    this.inline = header.root === 0n;
    this.rootRef = rootRef;
  }

  get name(): string {
    return pathText(this.path);
  }

  cursor(): TreeCursor {
    return new TreeCursor(this.pager, this.rootRef, this.name);
  }

  async *entries(opts: EntriesOptions = {}): AsyncGenerator<BoltEntry> {
    const cur = this.cursor();
    const { prefix, from } = opts;
    const dir: 1 | -1 = opts.reverse ? -1 : 1;
    let e: BoltEntry | undefined;
    if (dir === 1) {
      let start = from;
      if (prefix && (!start || compareKeys(start, prefix) < 0)) start = prefix;
      e = start ? await cur.seek(start) : await cur.first();
    } else {
      if (prefix && from && compareKeys(from, prefix) < 0) return;
      const upper = prefix ? prefixEnd(prefix) : undefined;
      if (from && (!upper || compareKeys(from, upper) < 0)) e = await cur.seekBefore(from, true);
      else if (upper) e = await cur.seekBefore(upper, false);
      else e = await cur.last();
    }
    while (e) {
      if (prefix && !startsWith(e.key, prefix)) return;
      yield e;
      const next = cur.step(dir);
      e = next instanceof Promise ? await next : next;
    }
  }

  async get(key: Uint8Array): Promise<Uint8Array | null | undefined> {
    const cur = this.cursor();
    const e = await cur.seek(key);
    if (!e || compareKeys(e.key, key) !== 0) return undefined;
    return e.value;
  }

  async bucket(name: Uint8Array | string): Promise<BoltBucket | undefined> {
    const key = toKeyBytes(name);
    const cur = this.cursor();
    const e = await cur.seek(key);
    if (!e || !e.isBucket || compareKeys(e.key, key) !== 0) return undefined;
    const pos = cur.position()!;
    return openChildBucket(this, key, pos.page, pos.index);
  }

  /** Nested buckets directly inside this one, in key order. */
  async *buckets(): AsyncGenerator<BoltBucket> {
    const cur = this.cursor();
    for (let e = await cur.first(); e; e = await cur.next()) {
      if (!e.isBucket) continue;
      const pos = cur.position()!;
      yield openChildBucket(this, e.key, pos.page, pos.index);
    }
  }
}

/** Opens the bucket stored at leaf element `index` of `page` (a bucket-flagged element). */
export function openChildBucket(parent: BoltBucket, key: Uint8Array, page: PageView, index: number): BoltBucket {
  const path = [...parent.path, key];
  if (path.length > MAX_BUCKET_DEPTH) throw page.corrupt(`buckets nested deeper than ${MAX_BUCKET_DEPTH} levels (cycle?)`);
  const value = page.leafValue(index);
  const valueOffset = page.fileOffset + (value.byteOffset - page.bytes.byteOffset);
  if (value.length < IN_BUCKET_SIZE) {
    throw new CorruptDataError('bolt', `bucket ${pathText(path)}: value is ${value.length} bytes, expected at least ${IN_BUCKET_SIZE} (InBucket header)`, {
      file: page.file,
      offset: valueOffset,
      where: page.inline ? 'inline bucket page' : `page ${page.pgid}`,
    });
  }
  const header = decodeInBucket(value);
  if (header.root !== 0n) {
    const root = header.root < BigInt(parent.pager.hwm) ? Number(header.root) : Number.POSITIVE_INFINITY;
    if (!(root >= 2 && root < parent.pager.hwm)) {
      throw new CorruptDataError('bolt', `bucket ${pathText(path)}: root page ${header.root} out of bounds (high-water mark ${parent.pager.hwm})`, {
        file: page.file,
        offset: valueOffset,
        where: page.inline ? 'inline bucket page' : `page ${page.pgid}`,
      });
    }
    return new BoltBucket(parent.pager, path, header, root);
  }
  const inlineBytes = value.subarray(IN_BUCKET_SIZE);
  const inlinePage = new PageView(inlineBytes, 0, valueOffset + IN_BUCKET_SIZE, page.file, true);
  if (!inlinePage.isLeaf) throw inlinePage.corrupt(`inline bucket ${pathText(path)}: page type ${inlinePage.typeName}, expected leaf`, 8);
  inlinePage.checkElementTable();
  return new BoltBucket(parent.pager, path, header, inlinePage);
}

export function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

/** Smallest key greater than every key with this prefix, or undefined when none (all 0xff). */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  const end = Uint8Array.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i] = end[i]! + 1;
      return end.subarray(0, i + 1);
    }
  }
  return undefined;
}

// Page images as bbolt writes them (node.write / meta.write in bbolt 1.3.6): pure encoders,
// no I/O, so they run in a browser too. Layouts are in ../layout.ts.
import { fnv64a } from '../../io/fnv64a.js';
import {
  BOLT_MAGIC,
  BOLT_VERSION,
  BRANCH_ELEMENT_SIZE,
  IN_BUCKET_SIZE,
  LEAF_ELEMENT_SIZE,
  PAGE_FLAG_BRANCH,
  PAGE_FLAG_LEAF,
  PAGE_FLAG_META,
  PAGE_HEADER_SIZE,
  PGID_NO_FREELIST,
} from '../layout.js';

/** bbolt MaxKeySize. */
export const MAX_KEY_SIZE = 32768;
/** bbolt MaxValueSize. */
export const MAX_VALUE_SIZE = 0x7ffffffe;
/** A page's count field is a u16. */
export const MAX_PAGE_ELEMENTS = 0xffff;

export interface LeafEntry {
  key: Uint8Array;
  value: Uint8Array;
  /** LEAF_FLAG_BUCKET when `value` is a bucket value (InBucket header [+ inline page]). */
  flags?: number;
}

export interface BranchEntry {
  /** First key of the child page. */
  key: Uint8Array;
  pgid: number;
}

/** Bytes a leaf page needs for these entries (header, elements, keys and values). */
export function leafBytes(entries: readonly LeafEntry[]): number {
  let n = PAGE_HEADER_SIZE;
  for (const e of entries) n += LEAF_ELEMENT_SIZE + e.key.length + e.value.length;
  return n;
}

function writeHeader(buf: Uint8Array, pgid: number, flags: number, count: number, overflow: number): DataView {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  v.setBigUint64(0, BigInt(pgid), true);
  v.setUint16(8, flags, true);
  v.setUint16(10, count, true);
  v.setUint32(12, overflow, true);
  return v;
}

/**
 * A leaf page of `size` bytes (a multiple of pageSize, or exactly leafBytes() for an inline
 * page with pageSize 0): elements first, then each key followed by its value.
 */
export function encodeLeaf(pgid: number, entries: readonly LeafEntry[], size: number, pageSize = 0): Uint8Array {
  const buf = new Uint8Array(size);
  const v = writeHeader(buf, pgid, PAGE_FLAG_LEAF, entries.length, pageSize ? size / pageSize - 1 : 0);
  let data = PAGE_HEADER_SIZE + entries.length * LEAF_ELEMENT_SIZE;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const at = PAGE_HEADER_SIZE + i * LEAF_ELEMENT_SIZE;
    v.setUint32(at, e.flags ?? 0, true);
    v.setUint32(at + 4, data - at, true);
    v.setUint32(at + 8, e.key.length, true);
    v.setUint32(at + 12, e.value.length, true);
    buf.set(e.key, data);
    buf.set(e.value, data + e.key.length);
    data += e.key.length + e.value.length;
  }
  return buf;
}

/** A branch page of `size` bytes: elements {pos, ksize, pgid}, then the keys. */
export function encodeBranch(pgid: number, children: readonly BranchEntry[], size: number, pageSize: number): Uint8Array {
  const buf = new Uint8Array(size);
  const v = writeHeader(buf, pgid, PAGE_FLAG_BRANCH, children.length, size / pageSize - 1);
  let data = PAGE_HEADER_SIZE + children.length * BRANCH_ELEMENT_SIZE;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    const at = PAGE_HEADER_SIZE + i * BRANCH_ELEMENT_SIZE;
    v.setUint32(at, data - at, true);
    v.setUint32(at + 4, c.key.length, true);
    v.setBigUint64(at + 8, BigInt(c.pgid), true);
    buf.set(c.key, data);
    data += c.key.length;
  }
  return buf;
}

/** The value of an inline bucket: InBucket{root 0, sequence} followed by its leaf page. */
export function inlineBucketValue(entries: readonly LeafEntry[], sequence = 0n): Uint8Array {
  const page = encodeLeaf(0, entries, leafBytes(entries));
  const out = new Uint8Array(IN_BUCKET_SIZE + page.length);
  new DataView(out.buffer).setBigUint64(8, sequence, true);
  out.set(page, IN_BUCKET_SIZE);
  return out;
}

/** The value of a bucket stored on its own pages: InBucket{root, sequence}. */
export function rootBucketValue(root: number, sequence = 0n): Uint8Array {
  const out = new Uint8Array(IN_BUCKET_SIZE);
  const v = new DataView(out.buffer);
  v.setBigUint64(0, BigInt(root), true);
  v.setBigUint64(8, sequence, true);
  return out;
}

/** bbolt inlines a bucket when it has no sub-buckets and its page is at most pageSize/4. */
export function fitsInline(entries: readonly LeafEntry[], pageSize: number): boolean {
  return entries.every((e) => !e.flags) && leafBytes(entries) <= pageSize / 4;
}

export interface MetaFields {
  pageSize: number;
  /** Root bucket page. */
  root: number;
  /** Freelist page, or undefined for NoFreelistSync (as etcd writes on Linux). */
  freelist?: number;
  /** High-water mark: the number of pages in the file. */
  pgid: number;
  txid: bigint;
}

/** A meta page (page id txid % 2), with its FNV-1a checksum. */
export function encodeMeta(m: MetaFields): Uint8Array {
  const page = new Uint8Array(m.pageSize);
  const id = Number(m.txid % 2n);
  writeHeader(page, id, PAGE_FLAG_META, 0, 0);
  const body = page.subarray(PAGE_HEADER_SIZE);
  const v = new DataView(body.buffer, body.byteOffset, 64);
  v.setUint32(0, BOLT_MAGIC, true);
  v.setUint32(4, BOLT_VERSION, true);
  v.setUint32(8, m.pageSize, true);
  v.setUint32(12, 0, true);
  v.setBigUint64(16, BigInt(m.root), true);
  v.setBigUint64(24, 0n, true);
  v.setBigUint64(32, m.freelist === undefined ? PGID_NO_FREELIST : BigInt(m.freelist), true);
  v.setBigUint64(40, BigInt(m.pgid), true);
  v.setBigUint64(48, m.txid, true);
  v.setBigUint64(56, fnv64a(body.subarray(0, 56)), true);
  return page;
}

// A decoded view of one page (with its overflow pages) or of an inline bucket's page.
// Element accessors bounds-check every offset against the page bytes and return views
// (no copies): a corrupt length names the file, the page and the absolute offset.
import { CorruptDataError } from '../errors.js';
import type { BoltEntry } from './types.js';
import {
  BRANCH_ELEMENT_SIZE,
  LEAF_ELEMENT_SIZE,
  LEAF_FLAG_BUCKET,
  PAGE_FLAG_BRANCH,
  PAGE_FLAG_LEAF,
  PAGE_HEADER_SIZE,
  pageTypeName,
  u64AsNumber,
} from './layout.js';

export class PageView {
  /** Page id this view was read as (0 for an inline bucket page). */
  readonly pgid: number;
  /** Same id as a bigint, computed once for BoltEntry.pgid. */
  readonly pgidBig: bigint;
  /** The id stored in the page header. */
  readonly headerId: number;
  readonly flags: number;
  readonly count: number;
  readonly overflow: number;
  /** Page bytes including overflow pages (or the inline page inside a bucket value). */
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /** Absolute file offset of bytes[0]. */
  readonly fileOffset: number;
  readonly file: string;
  readonly inline: boolean;

  constructor(bytes: Uint8Array, pgid: number, fileOffset: number, file: string, inline = false) {
    if (bytes.length < PAGE_HEADER_SIZE) {
      throw new CorruptDataError('bolt', `page header needs ${PAGE_HEADER_SIZE} bytes, only ${bytes.length} present`, {
        file,
        offset: fileOffset,
        where: inline ? 'inline bucket page' : `page ${pgid}`,
      });
    }
    // A plain Uint8Array view: subarray() on it is much cheaper than on a Node Buffer.
    this.bytes = Buffer.isBuffer(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pgid = pgid;
    this.pgidBig = BigInt(pgid);
    this.headerId = u64AsNumber(this.view, 0);
    this.flags = this.view.getUint16(8, true);
    this.count = this.view.getUint16(10, true);
    this.overflow = this.view.getUint32(12, true);
    this.fileOffset = fileOffset;
    this.file = file;
    this.inline = inline;
  }

  get typeName(): string {
    return pageTypeName(this.flags);
  }

  /** bbolt's cursor tests the leaf bit first, so a page with both bits is a leaf. */
  get isLeaf(): boolean {
    return (this.flags & PAGE_FLAG_LEAF) !== 0;
  }

  get isBranch(): boolean {
    return (this.flags & PAGE_FLAG_LEAF) === 0 && (this.flags & PAGE_FLAG_BRANCH) !== 0;
  }

  corrupt(detail: string, at = 0): CorruptDataError {
    return new CorruptDataError('bolt', detail, {
      file: this.file,
      offset: this.fileOffset + at,
      where: this.inline ? 'inline bucket page' : `page ${this.pgid}`,
    });
  }

  /** Throws unless the element table for `count` elements fits in the page. */
  checkElementTable(): void {
    const need = PAGE_HEADER_SIZE + this.count * LEAF_ELEMENT_SIZE;
    if (need > this.bytes.length) {
      throw this.corrupt(`${this.count} elements need ${need} bytes, page has ${this.bytes.length}`, 10);
    }
  }

  private elementAt(i: number): number {
    if (i < 0 || i >= this.count) throw this.corrupt(`element index ${i} out of range (count ${this.count})`, 10);
    return PAGE_HEADER_SIZE + i * LEAF_ELEMENT_SIZE;
  }

  private slice(at: number, len: number, what: string, i: number): Uint8Array {
    if (at + len > this.bytes.length) {
      throw this.corrupt(`element ${i}: ${what} of ${len} bytes at page offset ${at} runs past the page end (${this.bytes.length})`, PAGE_HEADER_SIZE + i * 16);
    }
    return this.bytes.subarray(at, at + len);
  }

  // ---- leaf elements: flags u32 | pos u32 | ksize u32 | vsize u32 ----

  leafFlags(i: number): number {
    return this.view.getUint32(this.elementAt(i), true);
  }

  leafIsBucket(i: number): boolean {
    return (this.leafFlags(i) & LEAF_FLAG_BUCKET) !== 0;
  }

  leafKey(i: number): Uint8Array {
    const e = this.elementAt(i);
    const pos = this.view.getUint32(e + 4, true);
    const ksize = this.view.getUint32(e + 8, true);
    return this.slice(e + pos, ksize, 'key', i);
  }

  leafValue(i: number): Uint8Array {
    const e = this.elementAt(i);
    const pos = this.view.getUint32(e + 4, true);
    const ksize = this.view.getUint32(e + 8, true);
    const vsize = this.view.getUint32(e + 12, true);
    return this.slice(e + pos + ksize, vsize, 'value', i);
  }

  /** pos+ksize+vsize of an element: bbolt's stats use the last one to measure page use. */
  leafExtent(i: number): number {
    const e = this.elementAt(i);
    return this.view.getUint32(e + 4, true) + this.view.getUint32(e + 8, true) + this.view.getUint32(e + 12, true);
  }

  /** Key and value of leaf element i in one pass (the scan hot path). */
  leafEntry(i: number): BoltEntry {
    if (i < 0 || i >= this.count) throw this.corrupt(`element index ${i} out of range (count ${this.count})`, 10);
    const e = PAGE_HEADER_SIZE + i * LEAF_ELEMENT_SIZE;
    const v = this.view;
    const isBucket = (v.getUint32(e, true) & LEAF_FLAG_BUCKET) !== 0;
    const start = e + v.getUint32(e + 4, true);
    const kEnd = start + v.getUint32(e + 8, true);
    const vEnd = kEnd + v.getUint32(e + 12, true);
    if (vEnd > this.bytes.length) this.leafValue(i); // throws the precise key/value message
    return {
      key: this.bytes.subarray(start, kEnd),
      value: isBucket ? null : this.bytes.subarray(kEnd, vEnd),
      isBucket,
      pgid: this.pgidBig,
      index: i,
    };
  }

  // ---- branch elements: pos u32 | ksize u32 | pgid u64 ----

  branchKey(i: number): Uint8Array {
    const e = this.elementAt(i);
    const pos = this.view.getUint32(e, true);
    const ksize = this.view.getUint32(e + 4, true);
    return this.slice(e + pos, ksize, 'key', i);
  }

  branchPgid(i: number): number {
    return u64AsNumber(this.view, this.elementAt(i) + 8);
  }

  /** pos+ksize of a branch element (stats). */
  branchExtent(i: number): number {
    const e = this.elementAt(i);
    return this.view.getUint32(e, true) + this.view.getUint32(e + 4, true);
  }

  /** Absolute file offset of element i (for messages). */
  elementOffset(i: number): number {
    return this.fileOffset + PAGE_HEADER_SIZE + i * BRANCH_ELEMENT_SIZE;
  }
}

/** Byte-wise key comparison (bytes.Compare). */
export function compareKeys(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

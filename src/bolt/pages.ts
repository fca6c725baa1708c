// Page-level inspection: the `pages` table and the decoded content of single pages
// (`page`, `page-item`, `dump`). Everything is described as it is on disk.
import { CorruptDataError, NotFoundError } from '../errors.js';
import type { BoltDatabase } from './db.js';
import { freePageIds } from './check.js';
import { decodeInBucket } from './bucket.js';
import { decodeMeta, metaProblem, type MetaPage } from './meta.js';
import { fnv64a } from '../io/fnv64a.js';
import {
  FREELIST_COUNT_OVERFLOW,
  IN_BUCKET_SIZE,
  META_CHECKSUMMED,
  META_SIZE,
  PAGE_FLAG_BRANCH,
  PAGE_FLAG_FREELIST,
  PAGE_FLAG_LEAF,
  PAGE_FLAG_META,
  PAGE_HEADER_SIZE,
  pageTypeName,
  u64AsNumber,
} from './layout.js';
import type { Meta } from './types.js';
import type { PageView } from './page.js';

/** One row of `bbolt pages`. */
export interface PageSummary {
  id: number;
  /** branch, leaf, meta, freelist, free or unknown<xx>. */
  type: string;
  /** Element count (undefined for free pages). */
  count?: number;
  /** Overflow pages (undefined for free pages). */
  overflow?: number;
}

/**
 * Every page from 0 to the high-water mark, as `bbolt pages` lists them: free pages (freelist,
 * or for NoFreelistSync the pages no tree reaches) one row each, other pages one row that
 * covers their overflow.
 */
export async function* listPages(db: BoltDatabase): AsyncGenerator<PageSummary> {
  const free = new Set(await freePageIds(db));
  for (let id = 0; id < db.hwm; ) {
    if (free.has(id)) {
      yield { id, type: 'free' };
      id += 1;
      continue;
    }
    const h = await db.pager.header(id);
    if (!h) {
      throw new CorruptDataError('bolt', `page ${id} lies past the end of the file (size ${db.source.size}, high-water mark ${db.hwm})`, {
        file: db.path,
        offset: id * db.pageSize,
        where: `page ${id}`,
      });
    }
    yield { id, type: pageTypeName(h.flags), count: h.count, overflow: h.overflow };
    id += 1 + h.overflow;
  }
}

export interface LeafItem {
  index: number;
  key: Uint8Array;
  /** Raw value (the InBucket header + inline page for a bucket). */
  value: Uint8Array;
  isBucket: boolean;
  /** For bucket elements: InBucket root and sequence. */
  bucket?: { root: bigint; sequence: bigint };
}

export interface BranchItem {
  index: number;
  key: Uint8Array;
  pgid: bigint;
}

/** A page decoded for display (bbolt `page`). */
export interface PageDetail {
  id: number;
  /** Id stored in the header (differs from `id` on a damaged page). */
  headerId: number;
  type: string;
  flags: number;
  count: number;
  overflow: number;
  /** Bytes including overflow pages. */
  totalSize: number;
  meta?: Meta & { valid: boolean; problem?: string };
  leaf?: LeafItem[];
  branch?: BranchItem[];
  freelist?: { count: number; countOverflowed: boolean; ids: bigint[] };
}

function u64(page: PageView, at: number): bigint {
  return page.view.getBigUint64(at, true);
}

/** Reads and decodes page `id` (any type) as it is on disk. */
export async function readPageDetail(db: BoltDatabase, id: number): Promise<PageDetail> {
  if (!Number.isSafeInteger(id) || id < 0) throw new NotFoundError('bolt', `invalid page id ${id}`, { file: db.path });
  const page = await db.pager.rawPage(id);
  const d: PageDetail = {
    id,
    headerId: page.headerId,
    type: page.typeName,
    flags: page.flags,
    count: page.count,
    overflow: page.overflow,
    totalSize: page.bytes.length,
  };
  if (page.flags & PAGE_FLAG_BRANCH) {
    page.checkElementTable();
    d.branch = [];
    for (let i = 0; i < page.count; i++) d.branch.push({ index: i, key: page.branchKey(i), pgid: u64(page, PAGE_HEADER_SIZE + i * 16 + 8) });
  } else if (page.flags & PAGE_FLAG_LEAF) {
    page.checkElementTable();
    d.leaf = [];
    for (let i = 0; i < page.count; i++) d.leaf.push(leafItem(page, i));
  } else if (page.flags & PAGE_FLAG_META) {
    const body = page.bytes.subarray(PAGE_HEADER_SIZE, PAGE_HEADER_SIZE + META_SIZE);
    const meta = decodeMeta(body);
    const problem = metaProblem(meta, fnv64a(body.subarray(0, META_CHECKSUMMED)));
    d.meta = { ...meta, valid: problem === undefined, ...(problem ? { problem } : {}) };
  } else if (page.flags & PAGE_FLAG_FREELIST) {
    let start = PAGE_HEADER_SIZE;
    let count = page.count;
    const countOverflowed = count === FREELIST_COUNT_OVERFLOW;
    if (countOverflowed) {
      count = u64AsNumber(page.view, PAGE_HEADER_SIZE);
      start += 8;
    }
    if (start + count * 8 > page.bytes.length) throw page.corrupt(`freelist claims ${count} ids, page has room for ${Math.floor((page.bytes.length - start) / 8)}`, 10);
    const ids: bigint[] = [];
    for (let i = 0; i < count; i++) ids.push(u64(page, start + i * 8));
    d.freelist = { count, countOverflowed, ids };
  }
  return d;
}

function leafItem(page: PageView, i: number): LeafItem {
  const isBucket = page.leafIsBucket(i);
  const value = page.leafValue(i);
  const item: LeafItem = { index: i, key: page.leafKey(i), value, isBucket };
  if (isBucket) {
    if (value.length < IN_BUCKET_SIZE) throw page.corrupt(`element ${i}: bucket value of ${value.length} bytes, expected >= ${IN_BUCKET_SIZE}`, PAGE_HEADER_SIZE + i * 16);
    item.bucket = decodeInBucket(value);
  }
  return item;
}

/** One leaf element of a page (bbolt `page-item`): the page must be a leaf. */
export async function readPageItem(db: BoltDatabase, id: number, index: number): Promise<LeafItem> {
  const page = await db.pager.rawPage(id);
  if (index >= page.count) {
    throw new NotFoundError('bolt', `leafPageElement: expected item index less than ${page.count}, but got ${index}`, { file: db.path, where: `page ${id}` });
  }
  if ((page.flags & PAGE_FLAG_LEAF) === 0 || (page.flags & PAGE_FLAG_BRANCH) !== 0) {
    throw new NotFoundError('bolt', `leafPageElement: expected page type of 'leaf', but got '${page.typeName}'`, { file: db.path, where: `page ${id}` });
  }
  page.checkElementTable();
  return leafItem(page, index);
}

/** The raw bytes of one page (first page only, as `bbolt dump` prints it). */
export async function readPageBytes(db: BoltDatabase, id: number): Promise<{ offset: number; bytes: Uint8Array }> {
  const offset = id * db.pageSize;
  if (!Number.isSafeInteger(offset) || offset + db.pageSize > db.source.size) {
    throw new CorruptDataError('bolt', `page ${id} at offset ${offset} lies past the end of the file (size ${db.source.size})`, { file: db.path, offset, where: `page ${id}` });
  }
  return { offset, bytes: await db.source.read(offset, db.pageSize) };
}

/** Both meta pages as found on disk, valid or not. */
export function metaPages(db: BoltDatabase): (MetaPage | undefined)[] {
  return [db.metas.meta0, db.metas.meta1];
}

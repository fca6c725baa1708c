// The freelist page (bbolt freelist.go read): sorted u64 page ids after the header; when
// the u16 count is 0xFFFF the real count is the first u64 and the ids follow it.
// With NoFreelistSync there is no freelist page: free pages are those the tree does not reach.
import { CorruptDataError } from '../errors.js';
import { FREELIST_COUNT_OVERFLOW, PAGE_FLAG_FREELIST, PAGE_HEADER_SIZE, PGID_NO_FREELIST, u64AsNumber } from './layout.js';
import type { BoltDatabase } from './db.js';

export interface Freelist {
  /** Page holding the freelist. */
  pgid: number;
  overflow: number;
  /** Count from the page (the u64 one when the u16 count overflowed). */
  count: number;
  /** True when the u16 count was 0xFFFF and the real count came from the first u64. */
  countOverflowed: boolean;
  /** Page ids in on-disk order (bbolt sorts them on load; on disk they are already sorted). */
  ids: number[];
}

/** Reads the freelist page of the active meta; undefined for a NoFreelistSync db. */
export async function readFreelist(db: BoltDatabase): Promise<Freelist | undefined> {
  if (db.meta.freelist === PGID_NO_FREELIST) return undefined;
  const pgid = db.meta.freelist < BigInt(db.hwm) ? Number(db.meta.freelist) : Number.POSITIVE_INFINITY;
  if (!(pgid >= 2 && pgid < db.hwm)) {
    throw new CorruptDataError('bolt', `freelist page ${db.meta.freelist} out of bounds (high-water mark ${db.hwm})`, {
      file: db.path,
      offset: db.metas.active.offset + 16 + 32,
      where: `meta page ${db.metas.active.index}`,
    });
  }
  const page = await db.pager.rawPage(pgid);
  if ((page.flags & PAGE_FLAG_FREELIST) === 0) {
    throw page.corrupt(`invalid freelist page ${pgid}: page type is ${page.typeName}`, 8);
  }
  let start = PAGE_HEADER_SIZE;
  let count = page.count;
  const countOverflowed = count === FREELIST_COUNT_OVERFLOW;
  if (countOverflowed) {
    if (page.bytes.length < PAGE_HEADER_SIZE + 8) throw page.corrupt('freelist count overflow word missing', PAGE_HEADER_SIZE);
    count = u64AsNumber(page.view, PAGE_HEADER_SIZE);
    start += 8;
  }
  if (start + count * 8 > page.bytes.length) {
    throw page.corrupt(`freelist claims ${count} ids (${count * 8} bytes), page has ${page.bytes.length - start}`, countOverflowed ? PAGE_HEADER_SIZE : 10);
  }
  const ids = new Array<number>(count);
  for (let i = 0; i < count; i++) ids[i] = u64AsNumber(page.view, start + i * 8);
  return { pgid, overflow: page.overflow, count, countOverflowed, ids };
}

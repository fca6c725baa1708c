// Reads pages by id through a ByteSource, bounded by the high-water mark and the file size.
import { CorruptDataError, TruncatedError } from '../errors.js';
import type { ByteSource } from '../io/byte-source.js';
import { PAGE_HEADER_SIZE } from './layout.js';
import { PageView } from './page.js';

export class Pager {
  readonly source: ByteSource;
  readonly pageSize: number;
  /** High-water mark of the active meta: valid page ids are [0, hwm). */
  readonly hwm: number;

  constructor(source: ByteSource, pageSize: number, hwm: number) {
    this.source = source;
    this.pageSize = pageSize;
    this.hwm = hwm;
  }

  get file(): string {
    return this.source.name;
  }

  private fail(pgid: number, detail: string, offset?: number): CorruptDataError {
    return new CorruptDataError('bolt', detail, { file: this.file, offset: offset ?? pgid * this.pageSize, where: `page ${pgid}` });
  }

  /**
   * A tree page (branch/leaf) referenced from a bucket: the id must be below the high-water
   * mark, the header must carry the same id, and the page with its overflow must end
   * before both the high-water mark and the end of the file.
   */
  async page(pgid: number): Promise<PageView> {
    if (!Number.isSafeInteger(pgid) || pgid < 2 || pgid >= this.hwm) {
      throw new CorruptDataError('bolt', `page id ${pgid} out of bounds (expected 2 <= id < high-water mark ${this.hwm})`, { file: this.file, where: `page ${pgid}` });
    }
    const page = await this.rawPage(pgid);
    if (page.headerId !== pgid) throw page.corrupt(`page header says id ${page.headerId}, expected ${pgid}`, 0);
    page.checkElementTable();
    return page;
  }

  /**
   * Any page by id, as `bbolt page` reads it: header id and element table unchecked,
   * overflow bounded by the file size (never allocates more than the file holds).
   */
  async rawPage(pgid: number): Promise<PageView> {
    const offset = pgid * this.pageSize;
    if (!Number.isSafeInteger(offset) || offset + this.pageSize > this.source.size) {
      throw new TruncatedError('bolt', `page ${pgid} at offset ${offset} lies past the end of the file (size ${this.source.size})`, {
        file: this.file,
        offset,
        where: `page ${pgid}`,
      });
    }
    const first = await this.source.read(offset, this.pageSize);
    const overflow = new DataView(first.buffer, first.byteOffset + 12, 4).getUint32(0, true);
    if (overflow === 0) return new PageView(first, pgid, offset, this.file);
    const total = (overflow + 1) * this.pageSize;
    if (pgid + overflow >= this.hwm) {
      throw this.fail(pgid, `page claims ${overflow} overflow pages, past the high-water mark ${this.hwm}`, offset + 12);
    }
    if (offset + total > this.source.size) {
      throw new TruncatedError('bolt', `page ${pgid} with ${overflow} overflow pages (${total} bytes) runs past the end of the file (size ${this.source.size})`, {
        file: this.file,
        offset,
        where: `page ${pgid}`,
      });
    }
    return new PageView(await this.source.read(offset, total), pgid, offset, this.file);
  }

  /** The 16-byte header of a page only (pages listing), or undefined past the end of the file. */
  async header(pgid: number): Promise<{ id: number; flags: number; count: number; overflow: number } | undefined> {
    const offset = pgid * this.pageSize;
    if (offset + PAGE_HEADER_SIZE > this.source.size) return undefined;
    const b = await this.source.read(offset, PAGE_HEADER_SIZE);
    const v = new DataView(b.buffer, b.byteOffset, PAGE_HEADER_SIZE);
    const lo = v.getUint32(0, true);
    const hi = v.getUint32(4, true);
    return { id: hi * 0x100000000 + lo, flags: v.getUint16(8, true), count: v.getUint16(10, true), overflow: v.getUint32(12, true) };
  }
}

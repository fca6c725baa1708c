// Finding the page size of a file whose metas may be gone, the way bbolt does first (meta 0's
// pageSize; then meta 1 at 1 KiB << i, db.go:332-420), then by content: the size at which the
// most pages carry their own id and a page type in their header.
import type { ByteSource } from '../io/byte-source.js';
import { fnv64a } from '../io/fnv64a.js';
import { decodeMeta, metaProblem, type MetaPage } from '../bolt/meta.js';
import { MAX_PAGE_SIZE, META_CHECKSUMMED, META_SIZE, MIN_PAGE_SIZE, PAGE_FLAG_BRANCH, PAGE_FLAG_FREELIST, PAGE_FLAG_LEAF, PAGE_HEADER_SIZE } from '../bolt/layout.js';

export type PageSizeSource = 'option' | 'meta0' | 'meta1' | 'content';

export interface PageSizeProbe {
  pageSize: number;
  from: PageSizeSource;
  /** Every size tried and what it gave (for the report when nothing fits). */
  tried: string[];
}

const plausible = (n: number) => n >= MIN_PAGE_SIZE && n <= MAX_PAGE_SIZE && (n & (n - 1)) === 0;

/** A meta page at `offset`, valid or not (undefined past the end). */
export async function metaAt(src: ByteSource, offset: number, index: number): Promise<MetaPage | undefined> {
  if (offset + PAGE_HEADER_SIZE + META_SIZE > src.size) return undefined;
  const body = await src.read(offset + PAGE_HEADER_SIZE, META_SIZE);
  const meta = decodeMeta(body);
  const computedChecksum = fnv64a(body.subarray(0, META_CHECKSUMMED));
  const page: MetaPage = { index, offset, meta, computedChecksum };
  const problem = metaProblem(meta, computedChecksum) ?? (plausible(meta.pageSize) ? undefined : `page size ${meta.pageSize} is implausible`);
  if (problem) page.invalid = problem;
  return page;
}

/** Pages (of the first `sample`) whose header holds their own id and a branch/leaf/freelist type. */
async function selfIdentifying(src: ByteSource, pageSize: number, sample: number): Promise<number> {
  const pages = Math.min(sample, Math.floor(src.size / pageSize));
  let hits = 0;
  for (let p = 2; p < pages; p++) {
    const h = await src.read(p * pageSize, PAGE_HEADER_SIZE);
    const v = new DataView(h.buffer, h.byteOffset, PAGE_HEADER_SIZE);
    if (v.getUint32(4, true) !== 0 || v.getUint32(0, true) !== p) continue;
    const flags = v.getUint16(8, true);
    if (flags === PAGE_FLAG_LEAF || flags === PAGE_FLAG_BRANCH || flags === PAGE_FLAG_FREELIST) hits++;
  }
  return hits;
}

export async function probePageSize(src: ByteSource, option?: number): Promise<PageSizeProbe | { tried: string[] }> {
  const tried: string[] = [];
  if (option !== undefined) return { pageSize: option, from: 'option', tried };
  const m0 = await metaAt(src, 0, 0);
  if (m0 && !m0.invalid) return { pageSize: m0.meta.pageSize, from: 'meta0', tried };
  tried.push(`meta 0: ${m0?.invalid ?? 'file too short'}`);
  for (let i = 0; i <= 14; i++) {
    const size = 1024 << i;
    const m1 = await metaAt(src, size, 1);
    if (m1 && !m1.invalid && m1.meta.pageSize === size) return { pageSize: size, from: 'meta1', tried };
  }
  tried.push('meta 1 at 1 KiB << 0..14: none valid');
  let best = 0;
  let bestHits = 0;
  for (let size = MIN_PAGE_SIZE; size <= 1 << 16; size <<= 1) {
    const hits = await selfIdentifying(src, size, 4096);
    tried.push(`${size}: ${hits} pages with their own id`);
    // a larger size is only taken when it explains clearly more pages (a 4 KiB file also
    // shows its pages at 1 KiB ids 4, 8, ... only by accident)
    if (hits > bestHits) {
      best = size;
      bestHits = hits;
    }
  }
  if (bestHits > 0) return { pageSize: best, from: 'content', tried };
  return { tried };
}

// A B+tree cursor over one bucket (bbolt cursor.go semantics): first/last/seek/next/prev
// with an explicit stack of (page, index) frames, so a scan costs one page read per page
// and no per-entry async work except at page boundaries.
import { CorruptDataError } from '../errors.js';
import type { BoltEntry } from './types.js';
import { compareKeys, PageView } from './page.js';
import type { Pager } from './pager.js';

/** No valid bbolt tree is this deep (fan-out >= 2 per level); deeper means a cycle. */
export const MAX_TREE_DEPTH = 64;

interface Frame {
  page: PageView;
  index: number;
}

export class TreeCursor {
  private stack: Frame[] = [];
  /** Pages entered during this cursor's life: a second visit means a cycle or shared subtree. */
  private readonly visited = new Set<number>();
  /** Direction of the last move; turning around legitimately re-enters pages, so it resets `visited`. */
  private lastDir: 1 | -1 = 1;

  constructor(
    private readonly pager: Pager,
    /** Root page id, or the inline page of an inline bucket. */
    private readonly root: number | PageView,
    /** Bucket path for messages, e.g. "key" or "a/b". */
    private readonly where: string,
  ) {}

  private async load(pgid: number, parent: PageView | undefined, index = 0): Promise<PageView> {
    if (parent && !(pgid >= 2 && pgid < this.pager.hwm)) {
      throw parent.corrupt(`bucket ${this.where}: branch element ${index} points to page ${pgid}, out of bounds (expected 2 <= id < high-water mark ${this.pager.hwm})`, parent.elementOffset(index) - parent.fileOffset + 8);
    }
    if (this.stack.length >= MAX_TREE_DEPTH) {
      throw new CorruptDataError('bolt', `bucket ${this.where}: tree deeper than ${MAX_TREE_DEPTH} levels at page ${pgid} (cycle?)`, {
        file: this.pager.file,
        offset: pgid * this.pager.pageSize,
        where: `page ${pgid}`,
      });
    }
    if (this.visited.has(pgid)) {
      throw new CorruptDataError('bolt', `bucket ${this.where}: page ${pgid} is referenced twice in one tree (cycle or shared subtree)${parent ? `, again from page ${parent.pgid}` : ''}`, {
        file: this.pager.file,
        offset: pgid * this.pager.pageSize,
        where: `page ${pgid}`,
      });
    }
    this.visited.add(pgid);
    const page = await this.pager.page(pgid);
    if (!page.isLeaf && !page.isBranch) throw page.corrupt(`bucket ${this.where}: invalid page type ${page.typeName}, expected branch or leaf`, 8);
    return page;
  }

  private async rootPage(): Promise<PageView> {
    this.stack = [];
    this.visited.clear();
    this.lastDir = 1;
    if (typeof this.root !== 'number') return this.root;
    return this.load(this.root, undefined);
  }

  /** Pushes frames from `page` down to a leaf, taking the first (dir 1) or last (dir -1) child. */
  private async descend(page: PageView, dir: 1 | -1): Promise<void> {
    for (;;) {
      const index = dir === 1 ? 0 : page.count - 1;
      this.stack.push({ page, index });
      if (page.isLeaf || page.count === 0) return;
      page = await this.load(page.branchPgid(index), page, index);
    }
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** The entry under the cursor, or undefined when it is not on a leaf element. */
  current(): BoltEntry | undefined {
    const f = this.top();
    if (!f || !f.page.isLeaf || f.index < 0 || f.index >= f.page.count) return undefined;
    return entryAt(f.page, f.index);
  }

  /** Leaf page and element index under the cursor. */
  position(): { page: PageView; index: number } | undefined {
    const f = this.top();
    if (!f || !f.page.isLeaf || f.index < 0 || f.index >= f.page.count) return undefined;
    return { page: f.page, index: f.index };
  }

  async first(): Promise<BoltEntry | undefined> {
    await this.descend(await this.rootPage(), 1);
    return this.current() ?? this.advance(1);
  }

  async last(): Promise<BoltEntry | undefined> {
    await this.descend(await this.rootPage(), -1);
    return this.current() ?? this.advance(-1);
  }

  /** Positions at the first key >= `key` (bbolt Cursor.Seek). */
  async seek(key: Uint8Array): Promise<BoltEntry | undefined> {
    let page = await this.rootPage();
    for (;;) {
      let index = lowerBound(page, key);
      if (page.isLeaf) {
        this.stack.push({ page, index });
        break;
      }
      const exact = index < page.count && compareKeys(page.branchKey(index), key) === 0;
      if (!exact && index > 0) index--;
      this.stack.push({ page, index });
      if (page.count === 0) break;
      page = await this.load(page.branchPgid(index), page, index);
    }
    return this.current() ?? this.advance(1);
  }

  /** Positions at the last key <= `key` (inclusive) or < `key`. */
  async seekBefore(key: Uint8Array, inclusive: boolean): Promise<BoltEntry | undefined> {
    const e = await this.seek(key);
    if (!e) return this.last();
    if (inclusive && compareKeys(e.key, key) === 0) return e;
    return this.prev();
  }

  async next(): Promise<BoltEntry | undefined> {
    return this.step(1);
  }

  async prev(): Promise<BoltEntry | undefined> {
    return this.step(-1);
  }

  /** Moves one entry; synchronous inside a page (returns the entry, not a promise). */
  step(dir: 1 | -1): BoltEntry | undefined | Promise<BoltEntry | undefined> {
    const f = this.top();
    if (!f) return undefined;
    f.index += dir;
    if (f.page.isLeaf && f.index >= 0 && f.index < f.page.count) return entryAt(f.page, f.index);
    return this.advance(dir);
  }

  /** Called when the top frame has run off its page: climbs and descends to the next leaf with entries. */
  private async advance(dir: 1 | -1): Promise<BoltEntry | undefined> {
    if (dir !== this.lastDir) {
      this.visited.clear();
      for (const f of this.stack) this.visited.add(f.page.pgid);
      this.lastDir = dir;
    }
    for (;;) {
      this.stack.pop();
      const f = this.top();
      if (!f) return undefined;
      f.index += dir;
      if (f.index < 0 || f.index >= f.page.count) continue;
      await this.descend(await this.load(f.page.branchPgid(f.index), f.page, f.index), dir);
      const e = this.current();
      if (e) return e;
    }
  }
}

/** First element index whose key is >= key (sort.Search). */
function lowerBound(page: PageView, key: Uint8Array): number {
  let lo = 0;
  let hi = page.count;
  const leaf = page.isLeaf;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = leaf ? page.leafKey(mid) : page.branchKey(mid);
    if (compareKeys(k, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function entryAt(page: PageView, index: number): BoltEntry {
  return page.leafEntry(index);
}

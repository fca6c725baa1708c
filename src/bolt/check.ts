// checkBolt: bbolt's Tx.check (tx_check.go) as a pure function returning findings. It never
// throws on corruption: an unreadable page becomes a finding and the walk goes on.
// Messages use bbolt 1.3.6 wording ("page N: multiple references"); the key-order checks
// are those bbolt added later (1.3.7+), with keys in hex as its CLI prints them.
import { ForensicsError } from '../errors.js';
import type { BoltDatabase } from './db.js';
import { readFreelist } from './freelist.js';
import { IN_BUCKET_SIZE } from './layout.js';
import { compareKeys, PageView } from './page.js';
import { MAX_TREE_DEPTH } from './cursor.js';
import { decodeInBucket, MAX_BUCKET_DEPTH } from './bucket.js';

export type CheckFindingKind =
  | 'already-freed'
  | 'out-of-bounds'
  | 'multiple-references'
  | 'reachable-freed'
  | 'invalid-type'
  | 'key-order'
  | 'unreadable'
  | 'unreachable-unfreed'
  /** The page's header id is not the id it was reached by (a page written to the wrong place, or a flipped id). */
  | 'id-mismatch';

export interface CheckFinding {
  kind: CheckFindingKind;
  /** The page the finding is about. */
  pgid: number;
  /** One line, as bbolt check prints it. */
  message: string;
}

export interface CheckResult {
  findings: CheckFinding[];
  /** Pages reached from the metas, the freelist and the bucket trees. */
  reachablePages: number;
  /** Pages in the freelist (or, for NoFreelistSync, the pages no tree reaches). */
  freePages: number;
  hwm: number;
  noFreelistSync: boolean;
}

export interface CheckOptions {
  /** Stop collecting after this many findings (the walk still ends normally). Default: unlimited. */
  maxFindings?: number;
}

function goPgids(stack: number[]): string {
  return `[${stack.join(' ')}]`;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Walks every bucket tree marking reachable pages; collects bbolt check findings. */
class TreeScan {
  readonly reachable: Uint8Array;
  readonly findings: CheckFinding[] = [];
  constructor(
    readonly db: BoltDatabase,
    readonly freed: Uint8Array | undefined,
    readonly keyOrder: boolean,
  ) {
    this.reachable = new Uint8Array(db.pagesInFile);
  }

  private add(list: CheckFinding[], kind: CheckFindingKind, pgid: number, message: string): void {
    list.push({ kind, pgid, message });
  }

  /** Checks the bucket whose root is `root` (a page id) and then its nested buckets. */
  async checkBucket(root: number, depth: number): Promise<void> {
    const pageFindings: CheckFinding[] = [];
    const orderFindings: CheckFinding[] = [];
    const childBuckets: { root: number; pgid: number }[] = [];
    await this.visit(root, undefined, undefined, [], 0, pageFindings, orderFindings, childBuckets);
    this.findings.push(...pageFindings, ...orderFindings);
    if (depth >= MAX_BUCKET_DEPTH) {
      if (childBuckets.length) this.add(this.findings, 'invalid-type', root, `page ${root}: buckets nested deeper than ${MAX_BUCKET_DEPTH} levels, not followed`);
      return;
    }
    for (const child of childBuckets) await this.checkBucket(child.root, depth + 1);
  }

  /**
   * One page of a bucket tree: reachability findings (bbolt checkBucket) and key-order
   * findings (recursivelyCheckPagesInternal). Returns the largest key in the subtree.
   */
  private async visit(
    pgid: number,
    minKeyClosed: Uint8Array | undefined,
    maxKeyOpen: Uint8Array | undefined,
    parentStack: number[],
    depth: number,
    pageFindings: CheckFinding[],
    orderFindings: CheckFinding[],
    childBuckets: { root: number; pgid: number }[],
  ): Promise<Uint8Array | undefined> {
    const hwm = this.db.hwm;
    const stack = [...parentStack, pgid];
    if (!(pgid < hwm)) {
      this.add(pageFindings, 'out-of-bounds', pgid, `page ${pgid}: out of bounds: ${hwm}`);
      return undefined;
    }
    if (depth >= MAX_TREE_DEPTH) {
      this.add(pageFindings, 'invalid-type', pgid, `page ${pgid}: tree deeper than ${MAX_TREE_DEPTH} levels, not followed (stack: ${goPgids(stack)})`);
      return undefined;
    }
    let page: PageView;
    try {
      page = await this.db.pager.rawPage(pgid);
    } catch (err) {
      if (!(err instanceof ForensicsError)) throw err;
      this.reachable[pgid] = 1;
      this.add(pageFindings, 'unreadable', pgid, `page ${pgid}: unreadable: ${err.detail}`);
      return undefined;
    }
    if (page.headerId !== pgid) {
      this.add(pageFindings, 'id-mismatch', pgid, `page ${pgid}: header id is ${page.headerId}, expected ${pgid} (the id it was reached by)`);
    }
    let seenBefore = false;
    for (let i = 0; i <= page.overflow && pgid + i < hwm; i++) {
      const id = pgid + i;
      if (this.reachable[id]) {
        this.add(pageFindings, 'multiple-references', id, `page ${id}: multiple references`);
        if (i === 0) seenBefore = true;
      }
      this.reachable[id] = 1;
    }
    if (this.freed?.[pgid]) this.add(pageFindings, 'reachable-freed', pgid, `page ${pgid}: reachable freed`);
    else if (!page.isBranch && !page.isLeaf) {
      this.add(pageFindings, 'invalid-type', pgid, `page ${pgid}: invalid type: ${page.typeName}`);
      this.add(orderFindings, 'key-order', pgid, `unexpected page type for pgid:${pgid}`);
      return undefined;
    }
    // A page reached twice (cycle or shared subtree) is reported once and not walked again.
    if (seenBefore) return undefined;
    try {
      page.checkElementTable();
      if (page.isLeaf) return this.leaf(page, minKeyClosed, maxKeyOpen, stack, orderFindings, childBuckets);
      let runningMin = minKeyClosed;
      let maxInSubtree: Uint8Array | undefined;
      for (let i = 0; i < page.count; i++) {
        const key = page.branchKey(i);
        if (this.keyOrder) {
          if (i === 0 && runningMin !== undefined && compareKeys(runningMin, key) > 0) {
            this.add(orderFindings, 'key-order', pgid, `key (${i}, ${hex(key)}) on the branch page(${pgid}) needs to be >= to the index in the ancestor. Pages stack: ${goPgids(stack)}`);
          }
          if (maxKeyOpen !== undefined && compareKeys(key, maxKeyOpen) >= 0) {
            this.add(orderFindings, 'key-order', pgid, `key (${i}: ${hex(key)}) on the branch page(${pgid}) needs to be < than key of the next element reachable from the ancestor (${hex(maxKeyOpen)}). Pages stack: ${goPgids(stack)}`);
          }
        }
        const maxKey = i < page.count - 1 ? page.branchKey(i + 1) : maxKeyOpen;
        maxInSubtree = await this.visit(page.branchPgid(i), key, maxKey, stack, depth + 1, pageFindings, orderFindings, childBuckets);
        runningMin = maxInSubtree;
      }
      return maxInSubtree;
    } catch (err) {
      if (!(err instanceof ForensicsError)) throw err;
      this.add(pageFindings, 'unreadable', pgid, `page ${pgid}: corrupt: ${err.detail}`);
      return undefined;
    }
  }

  private leaf(
    page: PageView,
    minKeyClosed: Uint8Array | undefined,
    maxKeyOpen: Uint8Array | undefined,
    stack: number[],
    orderFindings: CheckFinding[],
    childBuckets: { root: number; pgid: number }[],
  ): Uint8Array | undefined {
    const pgid = page.pgid;
    let runningMin = minKeyClosed;
    for (let i = 0; i < page.count; i++) {
      const key = page.leafKey(i);
      if (this.keyOrder) {
        if (i === 0 && runningMin !== undefined && compareKeys(runningMin, key) > 0) {
          this.add(orderFindings, 'key-order', pgid, `key[${i}]=(hex)${hex(key)} on leaf page(${pgid}) needs to be >= to the key in the ancestor. Stack: ${goPgids(stack)}`);
        }
        if (i > 0 && runningMin !== undefined) {
          const c = compareKeys(runningMin, key);
          if (c >= 0) {
            this.add(orderFindings, 'key-order', pgid, `key[${i}]=(hex)${hex(key)} on leaf page(${pgid}) needs to be > (found ${c > 0 ? '<' : '='}) than previous element (hex)${hex(runningMin)}. Stack: ${goPgids(stack)}`);
          }
        }
        if (maxKeyOpen !== undefined && compareKeys(key, maxKeyOpen) >= 0) {
          this.add(orderFindings, 'key-order', pgid, `key[${i}]=(hex)${hex(key)} on leaf page(${pgid}) needs to be < than key of the next element in ancestor (hex)${hex(maxKeyOpen)}. Pages stack: ${goPgids(stack)}`);
        }
      }
      runningMin = key;
      if (page.leafIsBucket(i)) {
        const v = page.leafValue(i);
        if (v.length < IN_BUCKET_SIZE) {
          this.add(orderFindings, 'invalid-type', pgid, `page ${pgid}: bucket element ${i} has a ${v.length}-byte value, expected at least ${IN_BUCKET_SIZE}`);
          continue;
        }
        const root = decodeInBucket(v).root;
        // Inline buckets (root 0) have no pages of their own; bbolt skips them.
        if (root !== 0n) childBuckets.push({ root: root < BigInt(Number.MAX_SAFE_INTEGER) ? Number(root) : Number.MAX_SAFE_INTEGER, pgid });
      }
    }
    return page.count > 0 ? page.leafKey(page.count - 1) : undefined;
  }
}

/** Marks pages 0, 1 and the freelist (with its overflow) reachable, as bbolt check does. */
async function markFixedPages(db: BoltDatabase, reachable: Uint8Array, findings: CheckFinding[], freelistOverflow: number | undefined): Promise<void> {
  if (db.hwm > 0) reachable[0] = 1;
  if (db.hwm > 1) reachable[1] = 1;
  if (!db.noFreelistSync) {
    const fl = Number(db.meta.freelist);
    if (fl < db.hwm) {
      const overflow = freelistOverflow ?? (await db.pager.header(fl))?.overflow ?? 0;
      for (let i = 0; i <= overflow && fl + i < db.hwm; i++) reachable[fl + i] = 1;
    } else {
      findings.push({ kind: 'out-of-bounds', pgid: fl, message: `page ${db.meta.freelist}: out of bounds: ${db.hwm}` });
    }
  }
}

/** Pages the bucket trees reach (plus metas and freelist), without findings. */
export async function reachablePages(db: BoltDatabase): Promise<Uint8Array> {
  const scan = new TreeScan(db, undefined, false);
  await markFixedPages(db, scan.reachable, [], undefined);
  await scan.checkBucket(rootPgid(db), 0);
  return scan.reachable;
}

function rootPgid(db: BoltDatabase): number {
  const r = db.meta.root.root;
  return r < BigInt(Number.MAX_SAFE_INTEGER) ? Number(r) : Number.MAX_SAFE_INTEGER;
}

/**
 * Ids of free pages in ascending order: the freelist's ids, or for NoFreelistSync every
 * page in [2, hwm) no bucket tree reaches (what bbolt reconstructs on open).
 */
export async function freePageIds(db: BoltDatabase): Promise<number[]> {
  if (!db.noFreelistSync) {
    const fl = await readFreelist(db);
    return fl ? [...fl.ids].sort((a, b) => a - b) : [];
  }
  const reachable = await reachablePages(db);
  const ids: number[] = [];
  for (let i = 2; i < db.pagesInFile; i++) if (!reachable[i]) ids.push(i);
  return ids;
}

/** bbolt `check`: every finding, in bbolt's order. Never throws on corrupt data. */
export async function checkBolt(db: BoltDatabase, opts: CheckOptions = {}): Promise<CheckResult> {
  const findings: CheckFinding[] = [];
  const hwm = db.hwm;
  let freed: Uint8Array | undefined;
  let freelistOverflow: number | undefined;
  let freeCount = 0;
  if (!db.noFreelistSync) {
    freed = new Uint8Array(db.pagesInFile);
    try {
      const fl = await readFreelist(db);
      if (fl) {
        freelistOverflow = fl.overflow;
        // bbolt sorts the ids before the double-free pass.
        for (const id of [...fl.ids].sort((a, b) => a - b)) {
          if (freed[id]) findings.push({ kind: 'already-freed', pgid: id, message: `page ${id}: already freed` });
          freed[id] = 1;
        }
        freeCount = fl.ids.length;
      }
    } catch (err) {
      if (!(err instanceof ForensicsError)) throw err;
      findings.push({ kind: 'unreadable', pgid: Number(db.meta.freelist), message: `page ${db.meta.freelist}: unreadable freelist: ${err.detail}` });
    }
  }
  const scan = new TreeScan(db, freed, true);
  await markFixedPages(db, scan.reachable, findings, freelistOverflow);
  await scan.checkBucket(rootPgid(db), 0);
  findings.push(...scan.findings);
  let reachableCount = 0;
  if (db.truncated) {
    findings.push({
      kind: 'unreadable',
      pgid: db.pagesInFile,
      message: `file truncated: high-water mark ${hwm} needs ${hwm * db.pageSize} bytes, file has ${db.source.size}; pages ${db.pagesInFile}..${hwm - 1} missing`,
    });
  }
  for (let i = 0; i < db.pagesInFile; i++) {
    if (scan.reachable[i]) reachableCount++;
    else if (freed && !freed[i]) findings.push({ kind: 'unreachable-unfreed', pgid: i, message: `page ${i}: unreachable unfreed` });
  }
  // NoFreelistSync: the free pages are by definition the ones nothing reaches.
  if (!freed) freeCount = Math.max(0, db.pagesInFile - reachableCount);
  const limited = opts.maxFindings !== undefined ? findings.slice(0, opts.maxFindings) : findings;
  return { findings: limited, reachablePages: reachableCount, freePages: freeCount, hwm, noFreelistSync: db.noFreelistSync };
}

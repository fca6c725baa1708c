// Bucket statistics, computed exactly as bbolt 1.3.6 Bucket.Stats (bucket.go).
import type { BoltDatabase } from './db.js';
import { BoltBucket, openChildBucket, startsWith } from './bucket.js';
import { LEAF_ELEMENT_SIZE, BRANCH_ELEMENT_SIZE, PAGE_HEADER_SIZE } from './layout.js';
import { CorruptDataError } from '../errors.js';
import { MAX_TREE_DEPTH } from './cursor.js';
import type { PageView } from './page.js';

/** bbolt BucketStats, Go field names. */
export interface BucketStats {
  BranchPageN: number;
  BranchOverflowN: number;
  LeafPageN: number;
  LeafOverflowN: number;
  KeyN: number;
  Depth: number;
  BranchAlloc: number;
  BranchInuse: number;
  LeafAlloc: number;
  LeafInuse: number;
  BucketN: number;
  InlineBucketN: number;
  InlineBucketInuse: number;
}

export function emptyStats(): BucketStats {
  return {
    BranchPageN: 0,
    BranchOverflowN: 0,
    LeafPageN: 0,
    LeafOverflowN: 0,
    KeyN: 0,
    Depth: 0,
    BranchAlloc: 0,
    BranchInuse: 0,
    LeafAlloc: 0,
    LeafInuse: 0,
    BucketN: 0,
    InlineBucketN: 0,
    InlineBucketInuse: 0,
  };
}

/** BucketStats.Add: sums every field except Depth, which takes the max. */
export function addStats(s: BucketStats, o: BucketStats): void {
  for (const k of Object.keys(s) as (keyof BucketStats)[]) {
    if (k === 'Depth') s.Depth = Math.max(s.Depth, o.Depth);
    else s[k] += o[k];
  }
}

/** Visits the bucket's pages depth-first (bbolt forEachPage), with each page's depth. */
async function forEachPage(b: BoltBucket, fn: (p: PageView, depth: number) => Promise<void>): Promise<void> {
  if (typeof b.rootRef !== 'number') return fn(b.rootRef, 0);
  const seen = new Set<number>();
  const visit = async (pgid: number, depth: number): Promise<void> => {
    if (depth >= MAX_TREE_DEPTH || seen.has(pgid)) {
      throw new CorruptDataError('bolt', `bucket ${b.name}: page ${pgid} reached twice or tree deeper than ${MAX_TREE_DEPTH} (cycle)`, {
        file: b.pager.file,
        offset: pgid * b.pager.pageSize,
        where: `page ${pgid}`,
      });
    }
    seen.add(pgid);
    const p = await b.pager.page(pgid);
    await fn(p, depth);
    if (p.isBranch) for (let i = 0; i < p.count; i++) await visit(p.branchPgid(i), depth + 1);
  };
  return visit(b.rootRef, 0);
}

/** Stats of one bucket including its nested buckets (bbolt Bucket.Stats). */
export async function bucketStats(b: BoltBucket): Promise<BucketStats> {
  const s = emptyStats();
  const sub = emptyStats();
  const pageSize = b.pager.pageSize;
  s.BucketN += 1;
  if (b.inline) s.InlineBucketN += 1;
  await forEachPage(b, async (p, depth) => {
    if (p.isLeaf) {
      s.KeyN += p.count;
      let used = PAGE_HEADER_SIZE;
      if (p.count !== 0) {
        // The last element's pos+ksize+vsize spans every earlier key and value.
        used += LEAF_ELEMENT_SIZE * (p.count - 1) + p.leafExtent(p.count - 1);
      }
      if (b.inline) {
        s.InlineBucketInuse += used;
      } else {
        s.LeafPageN++;
        s.LeafInuse += used;
        s.LeafOverflowN += p.overflow;
        for (let i = 0; i < p.count; i++) {
          if (p.leafIsBucket(i)) addStats(sub, await bucketStats(openChildBucket(b, p.leafKey(i), p, i)));
        }
      }
    } else if (p.isBranch) {
      s.BranchPageN++;
      s.BranchInuse += PAGE_HEADER_SIZE + BRANCH_ELEMENT_SIZE * (p.count - 1) + (p.count > 0 ? p.branchExtent(p.count - 1) : 0);
      s.BranchOverflowN += p.overflow;
    }
    if (depth + 1 > s.Depth) s.Depth = depth + 1;
  });
  s.BranchAlloc = (s.BranchPageN + s.BranchOverflowN) * pageSize;
  s.LeafAlloc = (s.LeafPageN + s.LeafOverflowN) * pageSize;
  s.Depth += sub.Depth;
  addStats(s, sub);
  return s;
}

export interface AggregateStats {
  /** Number of top-level buckets whose name starts with the prefix. */
  bucketCount: number;
  stats: BucketStats;
}

/** `bbolt stats [prefix]`: sum of the stats of top-level buckets whose name has the prefix. */
export async function dbStats(db: BoltDatabase, prefix: Uint8Array = new Uint8Array(0)): Promise<AggregateStats> {
  const stats = emptyStats();
  let bucketCount = 0;
  for await (const b of db.root.buckets()) {
    if (!startsWith(b.path[b.path.length - 1]!, prefix)) continue;
    addStats(stats, await bucketStats(b));
    bucketCount++;
  }
  return { bucketCount, stats };
}

// Public API of src/bolt: a pure-TS, read-only bbolt reader.
export * from './types.js';
export * from './layout.js';
export { openBolt, BoltDatabase, SNAPSHOT_TRAILER_SIZE, type OpenBoltOptions } from './db.js';
export { BoltBucket, decodeInBucket, prefixEnd, type InBucket } from './bucket.js';
export { TreeCursor, MAX_TREE_DEPTH } from './cursor.js';
export { PageView, compareKeys } from './page.js';
export { Pager } from './pager.js';
export { decodeMeta, readMetas, metaProblem, type MetaPage, type MetaPair } from './meta.js';
export { checkBolt, freePageIds, reachablePages, type CheckFinding, type CheckFindingKind, type CheckResult, type CheckOptions } from './check.js';
export { readFreelist, type Freelist } from './freelist.js';
export { bucketStats, dbStats, addStats, emptyStats, type BucketStats, type AggregateStats } from './stats.js';
export { listPages, readPageDetail, readPageItem, readPageBytes, metaPages, type PageSummary, type PageDetail, type LeafItem, type BranchItem } from './pages.js';

// Public API of src/bolt: a pure-TS, read-only bbolt reader.
export * from './types.js';
export * from './layout.js';
export { openBolt, BoltDatabase, SNAPSHOT_TRAILER_SIZE, type OpenBoltOptions } from './db.js';
export { BoltBucket, decodeInBucket, prefixEnd, type InBucket } from './bucket.js';
export { TreeCursor, MAX_TREE_DEPTH } from './cursor.js';
export { PageView, compareKeys } from './page.js';
export { Pager } from './pager.js';
export { decodeMeta, readMetas, metaProblem, type MetaPage, type MetaPair } from './meta.js';

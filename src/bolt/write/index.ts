// Public API of src/bolt/write: a bbolt writer (new files only). Node-only: import it from
// 'etcd-forensics' in Node, not from the browser bundle.
export * from './pages.js';
export { BoltFileWriter, TreeBuilder, BucketWriter, LEAF_FLAG_BUCKET, writeBoltDb, type BucketSpec, type BoltFileWriterOptions, type WriteBoltOptions, type WriteBoltResult } from './file-writer.js';

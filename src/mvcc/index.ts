// Public API of src/mvcc: etcd's keyspace on top of src/bolt.
export * from './revision.js';
export * from './key-value.js';
export * from './schema/index.js';
export * from './keyspace/index.js';

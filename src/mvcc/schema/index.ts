// Public API of src/mvcc/schema: typed decoders for every bucket of etcd's bolt schema,
// and etcd-dump-db's operations (list-bucket, iterate-bucket lines, hash) over a BoltDb.
export * from './buckets.js';
export type { SchemaOrigin } from './wire.js';
export * from './lease.js';
export * from './auth.js';
export * from './meta.js';
export * from './membership.js';
export * from './json-exact.js';
export * from './entry.js';
export * from './byte-sink.js';
export * from './go-format.js';
export * from './dump-db-line.js';
export * from './dump-db.js';
export * from './etcd-version.js';

// Public API of src/mvcc/write: a fresh etcd db from revisions (Node-only: writes a file).
export * from './etcd-db.js';

// etcd-forensics library entry point. No CLI code is reachable from here.
export * from './errors.js';
// Node entry: node:crypto as the AES implementation of the encryption-at-rest code
import './k8s/encryption/node-cipher.js';
export * as io from './io/index.js';
export * as bolt from './bolt/index.js';
export * as wal from './wal/index.js';
export * as snap from './snap/index.js';
export * as mvcc from './mvcc/index.js';
export * as k8s from './k8s/index.js';
export * as proto from './proto/index.js';
export * as replay from './replay/index.js';
export * as verify from './verify/index.js';
// The most used functions are also exported flat, e.g. `import { openBolt } from 'etcd-forensics'`.
export * from './bolt/index.js';
export * from './wal/index.js';
export * from './snap/index.js';
export * from './mvcc/index.js';
export * from './k8s/index.js';
export { replayWal, type ReplayOptions, type AppliedEntry, type ReplaySummary } from './replay/index.js';
export { verifyInput, verifyInputs, type InputReport, type InputFinding, type InputKind, type StartAction, type DbFacts } from './verify/index.js';
// Both mvcc (extract's value view) and k8s define a DecodedValue; the package root's is the k8s one.
export type { DecodedValue } from './k8s/index.js';
// Writers (Node-only: they create files): a bbolt writer and an etcd db writer on top.
export * as boltWrite from './bolt/write/index.js';
export { writeEtcdDb, EtcdDbWriter, type EtcdDbContent, type EtcdDbExtras, type EtcdMeta, type RevisionEntry, type RawRevisionEntry, type WriteEtcdDbOptions, type WriteEtcdDbResult } from './mvcc/write/index.js';
export * as salvage from './salvage/index.js';
export { salvageDb, type Salvage, type SalvageOptions, type SalvageReport, type SalvagedRevision, type SalvagedEntry } from './salvage/index.js';

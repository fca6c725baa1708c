// Public API of src/mvcc/keyspace: etcd's keyspace read offline from a bolt db.
export { openKeyspace, readCompactionState, type Keyspace, type CompactionState } from './open.js';
export { forEachRevision, userKeyOf, valueOf, keyString, keyBytes, type StoredRevision, type ScanOptions } from './revision-scan.js';
export { scanKeyValue, leaseOf, type KeyValueFields } from './kv-fields.js';
export {
  storeRevisions,
  resolveReadRevision,
  RevisionCompactedError,
  FutureRevisionError,
  type StoreRevisions,
} from './store-revision.js';
export { hashKV, type HashKVResult } from './hash-kv.js';
export { listKeys, collectKeyStates, loadKeyValue, loadRevision, MAX_DAMAGE_REPORTS, type KeyState, type KeyListing, type ListOptions } from './listing.js';
export { listVersions, buildGenerations, getKey, type KeyRevision, type Generation, type GetOptions, type GetResult } from './key-history.js';
export { snapshotStatus, verifyTrailer, SnapshotIntegrityError, humanizeBytes, type SnapshotStatus, type TrailerStatus } from './snapshot-status.js';
export { parseTemplate, executeTemplate, parseFilters, matchesFilters, GO_STRUCT, type Template, type FieldFilter } from './template.js';
export { goSprint, goJsonMarshal, goFormatFloat } from './go-format.js';
export { encryptionAudit, type EncryptionAudit, type ResourceEncryption } from './encryption-audit.js';
export { decodeValue, valueToYaml, valueToProto, type DecodedValue, type DecodeValueOptions } from './value-codec.js';
export { analyze, resourcePrefix, type AnalyzeReport, type PrefixUsage, type KeyUsage, type PageUsage, type AnalyzeOptions } from './analyze.js';
export { diff, type DiffResult, type KeyDifference, type DifferenceKind, type KeySide, type DiffOptions } from './diff.js';
export { displayKey } from './display.js';

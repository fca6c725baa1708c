// Public API of src/wal: segment names, frames, the CRC-checked record stream, etcd's
// ReadAll, entry classification, the etcd-dump-logs renderer and WAL verification.
export * from './names.js';
export * from './frame.js';
export { walEvents, hex32, type WalEvent, type WalRecord, type WalProblem, type WalProblemKind, type WalSegmentEnd, type WalReadOptions, type SegmentRef } from './records.js';
export { readWalAll, walEntries, entryCount, type WalReadAll, type WalReadAllOptions, type WalReadError, type WalReadErrorCode, type WalStart } from './read-all.js';
export { EntryView, entryFilters, matchEntry, IRR_FILTER_FIELDS, ENTRY_TYPE_NAMES_ACCEPTED, type PrinterKind, type EntryFilter } from './entry-kind.js';
export { entryText, excerpt, termIndexPrefix, idHex, type EntryTextOptions } from './dump-logs-text.js';
export { dumpLogs, parseDecoderOutput, memberWalDir, memberSnapDir, type DumpLogsOptions, type DumpLogsResult, type StreamDecoder } from './dump-logs.js';
export { goTimeStringUtc } from './go-time.js';
export { entryJson, type EntryJson, type EntryContentKind } from './entry-json.js';
export { verifyPath, verifyPath as verifyWal, type VerifyReport, type Finding, type FindingCode, type FindingSeverity } from './verify.js';

// The `meta` bucket (etcd mvcc/store.go, schema/bucket.go):
//   consistent_index     uint64 big-endian: last applied raft index
//   term                 uint64 big-endian: its raft term (3.5+)
//   scheduledCompactRev  17-byte revision key (main ‖ '_' ‖ sub): compaction started
//   finishedCompactRev   17-byte revision key: compaction done
//   confState            JSON raftpb.ConfState (3.5+)
//   storageVersion       text, e.g. "3.6.0" (3.6+)
import { CorruptDataError } from '../../errors.js';
import { REVISION_BYTES, type Revision } from '../revision.js';
import { parseJsonExact, type JsonValue } from './json-exact.js';
import { META_KEYS } from './buckets.js';
import type { SchemaOrigin } from './wire.js';

export type MetaValue =
  | { key: 'consistent_index' | 'term'; value: bigint }
  | { key: 'scheduledCompactRev' | 'finishedCompactRev'; revision: Revision }
  | { key: 'confState'; confState: JsonValue }
  | { key: 'storageVersion'; version: string }
  | { key: 'unknown'; name: Uint8Array; raw: Uint8Array };

const decoder = new TextDecoder('utf-8', { fatal: false });

export function decodeUint64Be(value: Uint8Array, what: string, origin: SchemaOrigin = {}): bigint {
  if (value.length !== 8) {
    throw new CorruptDataError('mvcc', `${what} value of ${value.length} bytes, expected 8 (uint64 big-endian)`, { file: origin.file, offset: origin.base });
  }
  return new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0, false);
}

/** A compaction revision stored in meta: 17 bytes, main and sub as int64 big-endian around '_'. */
export function decodeCompactRevision(value: Uint8Array, what: string, origin: SchemaOrigin = {}): Revision {
  if (value.length !== REVISION_BYTES || value[8] !== 0x5f) {
    throw new CorruptDataError('mvcc', `${what} value of ${value.length} bytes is not a 17-byte revision`, { file: origin.file, offset: origin.base });
  }
  const dv = new DataView(value.buffer, value.byteOffset, value.byteLength);
  return { main: dv.getBigInt64(0, false), sub: dv.getBigInt64(9, false) };
}

export function decodeMetaValue(key: Uint8Array, value: Uint8Array, origin: SchemaOrigin = {}): MetaValue {
  const name = decoder.decode(key);
  switch (name) {
    case META_KEYS.consistentIndex:
    case META_KEYS.term:
      return { key: name, value: decodeUint64Be(value, `meta/${name}`, origin) };
    case META_KEYS.scheduledCompactRev:
    case META_KEYS.finishedCompactRev:
      return { key: name, revision: decodeCompactRevision(value, `meta/${name}`, origin) };
    case META_KEYS.confState:
      return { key: name, confState: parseJsonExact(decoder.decode(value), 'meta/confState') };
    case META_KEYS.storageVersion:
      return { key: name, version: decoder.decode(value) };
    default:
      return { key: 'unknown', name: key, raw: value };
  }
}

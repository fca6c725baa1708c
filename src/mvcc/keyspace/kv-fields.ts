// The hot-path reader of mvccpb.KeyValue (the value of every `key` bucket entry).
//
// Unlike decodeKeyValue (../key-value.ts), which builds bigints through a ByteReader, this
// scanner returns offsets into the marshalled bytes and the three revision counters as
// plain numbers, because the key bucket is read once per entry for millions of entries.
// Revisions past 2^53 are refused (UnsupportedError); the lease id, which is a random
// 63-bit number, is decoded to bigint on demand only (leaseOf).
//
//   field 1 key (bytes) · 2 create_revision · 3 mod_revision · 4 version (varints)
//   field 5 value (bytes) · 6 lease (varint)
import { CorruptDataError, UnsupportedError } from '../../errors.js';

export interface KeyValueFields {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  createRevision: number;
  modRevision: number;
  version: number;
  /** Offset of the lease varint, or -1 when the field is absent (lease 0). */
  leaseAt: number;
}

/** Thrown inside the scanner; the caller adds the file/page location. */
export class KeyValueFormatError extends Error {}

const TWO_32 = 4294967296;

/** Reads a varint at `pos` that must fit in 2^53; returns [value, next position]. */
function varintNumber(b: Uint8Array, pos: number, what: string): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= b.length) throw new KeyValueFormatError(`${what}: varint runs past the end`);
    const byte = b[pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      if (value > Number.MAX_SAFE_INTEGER) throw new KeyValueFormatError(`${what}: ${value} does not fit in 2^53`);
      return [value, pos];
    }
    scale *= 128;
  }
  throw new KeyValueFormatError(`${what}: varint longer than 10 bytes`);
}

function skipVarint(b: Uint8Array, pos: number, what: string): number {
  for (let i = 0; i < 10; i++) {
    if (pos >= b.length) throw new KeyValueFormatError(`${what}: varint runs past the end`);
    if (b[pos++]! < 0x80) return pos;
  }
  throw new KeyValueFormatError(`${what}: varint longer than 10 bytes`);
}

const FIELD_NAMES = ['', 'key', 'create_revision', 'mod_revision', 'version', 'value', 'lease'];

/** Scans a marshalled KeyValue; throws KeyValueFormatError on malformed protobuf. */
export function scanKeyValue(b: Uint8Array): KeyValueFields {
  const f: KeyValueFields = {
    keyStart: 0,
    keyEnd: 0,
    valueStart: 0,
    valueEnd: 0,
    createRevision: 0,
    modRevision: 0,
    version: 0,
    leaseAt: -1,
  };
  let pos = 0;
  while (pos < b.length) {
    let tag: number;
    [tag, pos] = varintNumber(b, pos, 'field tag');
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    const name = FIELD_NAMES[field] ?? `field ${field}`;
    if (wire === 2) {
      let n: number;
      [n, pos] = varintNumber(b, pos, `${name} length`);
      if (pos + n > b.length) throw new KeyValueFormatError(`${name}: length ${n} runs past the end (${b.length - pos} bytes left)`);
      if (field === 1) {
        f.keyStart = pos;
        f.keyEnd = pos + n;
      } else if (field === 5) {
        f.valueStart = pos;
        f.valueEnd = pos + n;
      } else if (field >= 2 && field <= 6) {
        throw new KeyValueFormatError(`${name} has wire type 2, expected varint`);
      }
      pos += n;
    } else if (wire === 0) {
      if (field === 1 || field === 5) throw new KeyValueFormatError(`${name} has wire type 0, expected bytes`);
      if (field === 6) {
        f.leaseAt = pos;
        pos = skipVarint(b, pos, name);
      } else if (field >= 2 && field <= 4) {
        let v: number;
        [v, pos] = varintNumber(b, pos, name);
        if (field === 2) f.createRevision = v;
        else if (field === 3) f.modRevision = v;
        else f.version = v;
      } else {
        pos = skipVarint(b, pos, name);
      }
    } else if (wire === 1 || wire === 5) {
      if (field >= 1 && field <= 6) throw new KeyValueFormatError(`${name} has wire type ${wire}`);
      pos += wire === 1 ? 8 : 4;
      if (pos > b.length) throw new KeyValueFormatError(`${name}: fixed field runs past the end`);
    } else {
      throw new KeyValueFormatError(`unsupported protobuf wire type ${wire} (field ${field})`);
    }
  }
  return f;
}

/** The lease id of a scanned KeyValue (0n when absent), as a signed 64-bit bigint. */
export function leaseOf(b: Uint8Array, f: KeyValueFields): bigint {
  if (f.leaseAt < 0) return 0n;
  let v = 0n;
  let shift = 0n;
  for (let pos = f.leaseAt; pos < b.length && shift < 70n; pos++, shift += 7n) {
    const byte = b[pos]!;
    v |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) break;
  }
  return BigInt.asIntN(64, v);
}

/** Refuses revision numbers a JS number cannot hold exactly (etcd would need 2^53 writes). */
export function revisionNumber(hi: number, lo: number, what: string, loc: { file?: string; where?: string }): number {
  if (hi >= 0x80000000) throw new CorruptDataError('mvcc', `${what} is negative (etcd never writes one)`, loc);
  if (hi >= 0x200000) throw new UnsupportedError('mvcc', `${what} ${BigInt(hi) * 4294967296n + BigInt(lo)} exceeds 2^53`, loc);
  return hi * TWO_32 + lo;
}

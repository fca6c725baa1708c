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

const FIELD_NAMES = ['field tag', 'key', 'create_revision', 'mod_revision', 'version', 'value', 'lease'];
const fieldName = (field: number) => FIELD_NAMES[field] ?? `field ${field}`;

// The scanner's cursor lives in a module variable so varint reads allocate nothing (this
// runs a few times per key-bucket entry).
let at = 0;

/** Reads a varint at `at` that must fit in 2^53, advancing `at`. */
function varintNumber(b: Uint8Array, field: number): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (at >= b.length) throw new KeyValueFormatError(`${fieldName(field)}: varint runs past the end`);
    const byte = b[at++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      if (value > Number.MAX_SAFE_INTEGER) throw new KeyValueFormatError(`${fieldName(field)}: ${value} does not fit in 2^53`);
      return value;
    }
    scale *= 128;
  }
  throw new KeyValueFormatError(`${fieldName(field)}: varint longer than 10 bytes`);
}

function skipVarint(b: Uint8Array, field: number): void {
  for (let i = 0; i < 10; i++) {
    if (at >= b.length) throw new KeyValueFormatError(`${fieldName(field)}: varint runs past the end`);
    if (b[at++]! < 0x80) return;
  }
  throw new KeyValueFormatError(`${fieldName(field)}: varint longer than 10 bytes`);
}


export function emptyFields(): KeyValueFields {
  return { keyStart: 0, keyEnd: 0, valueStart: 0, valueEnd: 0, createRevision: 0, modRevision: 0, version: 0, leaseAt: -1 };
}

/**
 * Scans a marshalled KeyValue into `f` (a fresh object by default; the key-bucket scan
 * reuses one); throws KeyValueFormatError on malformed protobuf.
 */
export function scanKeyValue(b: Uint8Array, f: KeyValueFields = emptyFields()): KeyValueFields {
  f.keyStart = f.keyEnd = f.valueStart = f.valueEnd = 0;
  f.createRevision = f.modRevision = f.version = 0;
  f.leaseAt = -1;
  at = 0;
  while (at < b.length) {
    const tag = b[at]! < 0x80 ? b[at++]! : varintNumber(b, 0);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 2) {
      const n = varintNumber(b, field);
      if (at + n > b.length) throw new KeyValueFormatError(`${fieldName(field)}: length ${n} runs past the end (${b.length - at} bytes left)`);
      if (field === 1) {
        f.keyStart = at;
        f.keyEnd = at + n;
      } else if (field === 5) {
        f.valueStart = at;
        f.valueEnd = at + n;
      } else if (field >= 2 && field <= 6) {
        throw new KeyValueFormatError(`${fieldName(field)} has wire type 2, expected varint`);
      }
      at += n;
    } else if (wire === 0) {
      if (field === 1 || field === 5) throw new KeyValueFormatError(`${fieldName(field)} has wire type 0, expected bytes`);
      if (field === 2) f.createRevision = varintNumber(b, 2);
      else if (field === 3) f.modRevision = varintNumber(b, 3);
      else if (field === 4) f.version = varintNumber(b, 4);
      else {
        if (field === 6) f.leaseAt = at;
        skipVarint(b, field);
      }
    } else if (wire === 1 || wire === 5) {
      if (field >= 1 && field <= 6) throw new KeyValueFormatError(`${fieldName(field)} has wire type ${wire}`);
      at += wire === 1 ? 8 : 4;
      if (at > b.length) throw new KeyValueFormatError(`${fieldName(field)}: fixed field runs past the end`);
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

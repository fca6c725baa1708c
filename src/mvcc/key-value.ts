// mvccpb.KeyValue, the value of every `key` bucket entry, decoded by hand on the hot path.
//
//   message KeyValue {
//     bytes key = 1; int64 create_revision = 2; int64 mod_revision = 3;
//     int64 version = 4; bytes value = 5; int64 lease = 6;
//   }
// A tombstone's value is KeyValue{key} only.
import { ByteReader } from '../io/byte-reader.js';

export interface KeyValue {
  key: Uint8Array;
  createRevision: bigint;
  modRevision: bigint;
  version: bigint;
  value: Uint8Array;
  lease: bigint;
}

const EMPTY = new Uint8Array(0);

/**
 * Decodes a KeyValue. `bytes` and `value` are views into `data` (no copy).
 * Unknown fields are skipped as protobuf requires; wire-type errors throw CorruptDataError.
 */
export function decodeKeyValue(data: Uint8Array, origin: { file?: string; base?: number } = {}): KeyValue {
  const r = new ByteReader(data, { format: 'mvcc', file: origin.file, base: origin.base ?? 0 });
  const kv: KeyValue = { key: EMPTY, createRevision: 0n, modRevision: 0n, version: 0n, value: EMPTY, lease: 0n };
  while (!r.eof) {
    const tagAt = r.pos;
    const tag = r.uvarint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if ((field === 1 || field === 5) && wire === 2) {
      const n = r.uvarint();
      const b = r.bytesView(n, field === 1 ? 'KeyValue.key' : 'KeyValue.value');
      if (field === 1) kv.key = b;
      else kv.value = b;
    } else if (field >= 2 && field <= 6 && field !== 5 && wire === 0) {
      const v = BigInt.asIntN(64, r.uvarint64());
      if (field === 2) kv.createRevision = v;
      else if (field === 3) kv.modRevision = v;
      else if (field === 4) kv.version = v;
      else kv.lease = v;
    } else if (field >= 1 && field <= 6) {
      throw r.corrupt(`KeyValue field ${field} has wire type ${wire}`, tagAt);
    } else {
      skipField(r, wire, tagAt);
    }
  }
  return kv;
}

/** Skips one field's payload of the given wire type. */
export function skipField(r: ByteReader, wire: number, tagAt: number): void {
  switch (wire) {
    case 0:
      r.uvarint64();
      return;
    case 1:
      r.skip(8);
      return;
    case 2:
      r.skip(r.uvarint());
      return;
    case 5:
      r.skip(4);
      return;
    default:
      throw r.corrupt(`unsupported protobuf wire type ${wire}`, tagAt);
  }
}

/** Encodes a KeyValue exactly as gogoproto Marshal does (fields in order, zero values omitted). */
export function encodeKeyValue(kv: KeyValue): Uint8Array {
  const parts: number[] = [];
  const varint = (v: bigint) => {
    let x = BigInt.asUintN(64, v);
    while (x >= 0x80n) {
      parts.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    parts.push(Number(x));
  };
  const bytes = (field: number, b: Uint8Array) => {
    if (b.length === 0) return;
    parts.push((field << 3) | 2);
    varint(BigInt(b.length));
    for (const x of b) parts.push(x);
  };
  const int = (field: number, v: bigint) => {
    if (v === 0n) return;
    parts.push(field << 3);
    varint(v);
  };
  bytes(1, kv.key);
  int(2, kv.createRevision);
  int(3, kv.modRevision);
  int(4, kv.version);
  bytes(5, kv.value);
  int(6, kv.lease);
  return Uint8Array.from(parts);
}

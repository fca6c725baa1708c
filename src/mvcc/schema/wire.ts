// Minimal protobuf wire walker for etcd's small schema messages (leasepb, authpb,
// etcdserverpb.AlarmMember). Every length is bounds-checked by ByteReader; a field with
// an unexpected wire type is corruption, unknown fields are skipped as protobuf requires.
import { ByteReader } from '../../io/byte-reader.js';
import { skipField } from '../key-value.js';

export const WIRE_VARINT = 0;
export const WIRE_BYTES = 2;

export interface WireField {
  field: number;
  wire: number;
  /** Offset of the tag inside the message (for error messages). */
  at: number;
}

/** Where a message came from, so errors name the file and offset. */
export interface SchemaOrigin {
  file?: string;
  /** Absolute offset of the message's first byte, when known. */
  base?: number;
}

/**
 * Calls `onField(f, r)` for every field of the message in `data`. The callback must consume
 * the field's payload (r.uvarint64(), r.bytesView(r.uvarint())...) or return false to have it skipped.
 */
export function walkFields(
  data: Uint8Array,
  message: string,
  origin: SchemaOrigin,
  onField: (f: WireField, r: ByteReader) => boolean,
): void {
  const r = new ByteReader(data, { format: 'mvcc', file: origin.file, base: origin.base ?? 0 });
  while (!r.eof) {
    const at = r.pos;
    const tag = r.uvarint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (field === 0) throw r.corrupt(`${message}: field number 0`, at);
    if (!onField({ field, wire, at }, r)) skipField(r, wire, at);
  }
}

/** Throws unless the field has the wire type its schema says. */
export function expectWire(f: WireField, r: ByteReader, message: string, name: string, wire: number): void {
  if (f.wire !== wire) throw r.corrupt(`${message}.${name} (field ${f.field}) has wire type ${f.wire}, expected ${wire}`, f.at);
}

/** A length-delimited payload as a view into the message. */
export function readBytesField(r: ByteReader, message: string, name: string): Uint8Array {
  const n = r.uvarint();
  return r.bytesView(n, `${message}.${name}`);
}

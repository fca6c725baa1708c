// Protobuf wire-format cursor with the exact acceptance rules of gogoproto's generated
// Unmarshal (the code etcd 3.4 runs): a varint longer than 10 bytes is an overflow, a
// length past the end is "unexpected EOF", wire types 6 and 7 are illegal, and an unknown
// field is skipped (groups included). Which bytes parse as which message decides what
// etcd-dump-logs prints, so these rules are behaviour, not detail.

import { CorruptDataError } from '../errors.js';

/** Why bytes are not a valid protobuf message (mirrors gogoproto's error texts). */
/**
 * A CorruptDataError, so a message that slips past a layer's own mapping still ends as one
 * line and exit 1, never as an internal error. The message is gogoproto's text, as is.
 */
export class ProtoError extends CorruptDataError {
  override readonly code: string = 'PROTO';
  /** Offset inside the message bytes where decoding stopped. */
  readonly at: number;
  constructor(message: string, at: number) {
    super('proto', message);
    this.message = message;
    this.name = 'ProtoError';
    this.at = at;
  }
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const MAX_GROUP_DEPTH = 64;

export class WireReader {
  readonly buf: Uint8Array;
  pos: number;
  readonly end: number;

  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  get eof(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as a non-negative JS number when it fits 2^53, else as bigint. */
  varint64(): bigint {
    let lo = 0;
    let shift = 0;
    let result = 0n;
    // Fast path: the first 4 bytes (28 bits) in a number.
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('unexpected EOF', this.pos);
      const b = this.buf[this.pos++]!;
      if (shift < 28) {
        lo |= (b & 0x7f) << shift;
        if (b < 0x80) return BigInt(lo >>> 0);
      } else {
        if (shift === 28) result = BigInt(lo >>> 0);
        result |= BigInt(b & 0x7f) << BigInt(shift);
        if (b < 0x80) return BigInt.asUintN(64, result);
      }
      shift += 7;
    }
    throw new ProtoError('integer overflow', this.pos);
  }

  /** A varint known to be small (tags, lengths): returns a number, throws past 2^53. */
  varintNumber(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('unexpected EOF', this.pos);
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) {
        if (i === 9 && b > 1) throw new ProtoError('integer overflow', this.pos);
        return result;
      }
      mul *= 128;
    }
    throw new ProtoError('integer overflow', this.pos);
  }

  /** A length-delimited field's bounds [start, end) after checking them against the message. */
  lengthDelimited(): [number, number] {
    const at = this.pos;
    const n = this.varintNumber();
    // gogo: int(uint64) < 0 → ErrInvalidLength; postIndex > l → io.ErrUnexpectedEOF.
    if (n >= 2 ** 63) throw new ProtoError('negative length found during unmarshaling', at);
    const start = this.pos;
    if (n > this.end - start) throw new ProtoError('unexpected EOF', at);
    this.pos = start + n;
    return [start, start + n];
  }

  fixed32(): number {
    if (this.end - this.pos < 4) throw new ProtoError('unexpected EOF', this.pos);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  fixed64(): bigint {
    const lo = this.fixed32();
    const hi = this.fixed32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** Reads a tag; returns [fieldNumber, wireType]. */
  tag(messageName: string): [number, number] {
    const at = this.pos;
    const t = this.varintNumber();
    const field = Math.floor(t / 8);
    const wire = t % 8;
    if (wire === WIRE_END_GROUP) throw new ProtoError(`proto: ${messageName}: wiretype end group for non-group`, at);
    if (field <= 0) throw new ProtoError(`proto: ${messageName}: illegal tag ${field} (wire type ${wire})`, at);
    return [field, wire];
  }

  /** Skips one field's value of wire type `wire` (the tag is already read). */
  skip(wire: number, depth = 0): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_FIXED64:
        if (this.end - this.pos < 8) throw new ProtoError('unexpected EOF', this.pos);
        this.pos += 8;
        return;
      case WIRE_BYTES:
        this.lengthDelimited();
        return;
      case WIRE_START_GROUP: {
        if (depth >= MAX_GROUP_DEPTH) throw new ProtoError('proto: groups nested too deeply', this.pos);
        for (;;) {
          if (this.pos >= this.end) throw new ProtoError('unexpected EOF', this.pos);
          const t = this.varintNumber();
          if (t % 8 === WIRE_END_GROUP) return;
          this.skip(t % 8, depth + 1);
        }
      }
      case WIRE_END_GROUP:
        return;
      case WIRE_FIXED32:
        if (this.end - this.pos < 4) throw new ProtoError('unexpected EOF', this.pos);
        this.pos += 4;
        return;
      default:
        throw new ProtoError(`proto: illegal wireType ${wire}`, this.pos);
    }
  }
}

// Protobuf wire format, schema-less: field tags, varints and length-delimited payloads.
// Layout of one field: varint tag (fieldNo << 3 | wireType), then by wire type
//   0 varint · 1 fixed 8 bytes · 2 varint length + payload · 5 fixed 4 bytes.
// Groups (3/4) are not used by Kubernetes and are rejected.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

/** One field occurrence; payload offsets are relative to the buffer being read. */
export interface WireField {
  no: number;
  wireType: number;
  /** Offset of the tag byte. */
  tagAt: number;
  /** Varint value (wire 0) as a signed 64-bit bigint; fixed values as raw bits. */
  value: bigint;
  /** Payload range for wire 2 (and fixed types). */
  start: number;
  end: number;
}

/** Why a wire parse stopped, with the byte offset. */
export class WireError extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Reads a varint at `pos`; returns [value as number (exact up to 2^53), next pos] or throws. */
export function readVarint(buf: Uint8Array, pos: number, end: number): [number, number] {
  let result = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw new WireError(pos, 'varint runs past the end of the message');
    const b = buf[pos++]!;
    result += (b & 0x7f) * mul;
    if (b < 0x80) return [result, pos];
    mul *= 128;
  }
  throw new WireError(pos, 'varint longer than 10 bytes');
}

/** Reads a varint as a signed 64-bit bigint (two's complement, as Go's int64/int32 casts). */
export function readVarint64(buf: Uint8Array, pos: number, end: number): [bigint, number] {
  let lo = 0;
  let hi = 0;
  let shift = 0;
  let i = 0;
  for (; i < 10; i++) {
    if (pos >= end) throw new WireError(pos, 'varint runs past the end of the message');
    const b = buf[pos++]!;
    if (shift < 28) lo |= (b & 0x7f) << shift;
    else if (shift === 28) {
      lo |= (b & 0x0f) << 28;
      hi |= (b & 0x7f) >>> 4;
    } else hi |= (b & 0x7f) << (shift - 32);
    shift += 7;
    if (b < 0x80) {
      const v = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
      return [BigInt.asIntN(64, v), pos];
    }
  }
  throw new WireError(pos, 'varint longer than 10 bytes');
}

/** The length lengthPrefixAt read last (a module binding: no array per call on hot paths). */
export let prefixedLength = 0;

/**
 * A length varint at p (at most 5 bytes) whose payload fits before end: returns where the
 * payload starts (its length in prefixedLength), or -1.
 */
export function lengthPrefixAt(buf: Uint8Array, p: number, end: number): number {
  let len = 0;
  let mul = 1;
  for (let i = 0; i < 5 && p < end; i++) {
    const b = buf[p++]!;
    len += (b & 0x7f) * mul;
    if (b < 0x80) {
      if (len > end - p) return -1;
      prefixedLength = len;
      return p;
    }
    mul *= 128;
  }
  return -1;
}

/** Parses every field of a message in [start, end); throws WireError on malformed input. */
export function parseWire(buf: Uint8Array, start: number, end: number): WireField[] {
  const out: WireField[] = [];
  let pos = start;
  while (pos < end) {
    const tagAt = pos;
    const [tag, p1] = readVarint(buf, pos, end);
    pos = p1;
    const no = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (no < 1 || no > 536870911) throw new WireError(tagAt, `invalid field number ${no}`);
    switch (wireType) {
      case WIRE_VARINT: {
        const [v, p2] = readVarint64(buf, pos, end);
        out.push({ no, wireType, tagAt, value: v, start: pos, end: p2 });
        pos = p2;
        break;
      }
      case WIRE_FIXED64:
        if (pos + 8 > end) throw new WireError(pos, 'fixed64 runs past the end of the message');
        out.push({ no, wireType, tagAt, value: 0n, start: pos, end: pos + 8 });
        pos += 8;
        break;
      case WIRE_LEN: {
        const [len, p2] = readVarint(buf, pos, end);
        if (len > end - p2) throw new WireError(pos, `length ${len} runs past the end of the message (${end - p2} bytes left)`);
        out.push({ no, wireType, tagAt, value: 0n, start: p2, end: p2 + len });
        pos = p2 + len;
        break;
      }
      case WIRE_FIXED32:
        if (pos + 4 > end) throw new WireError(pos, 'fixed32 runs past the end of the message');
        out.push({ no, wireType, tagAt, value: 0n, start: pos, end: pos + 4 });
        pos += 4;
        break;
      default:
        throw new WireError(tagAt, `unsupported wire type ${wireType} (field ${no})`);
    }
  }
  return out;
}

/** Like parseWire but returns undefined instead of throwing. */
export function tryParseWire(buf: Uint8Array, start: number, end: number): WireField[] | undefined {
  try {
    return parseWire(buf, start, end);
  } catch {
    return undefined;
  }
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lossy = new TextDecoder('utf-8');

/** Decodes UTF-8; undefined when invalid. */
export function utf8OrUndefined(buf: Uint8Array, start: number, end: number): string | undefined {
  try {
    return utf8Strict.decode(buf.subarray(start, end));
  } catch {
    return undefined;
  }
}

/** Decodes UTF-8 replacing invalid sequences with U+FFFD, as Go's encoding/json does. */
export function utf8Lossy_(buf: Uint8Array, start: number, end: number): string {
  return utf8Lossy.decode(buf.subarray(start, end));
}
export { utf8Lossy_ as utf8Lossy };

// ---- writer ----

/** Growable byte buffer for encoding. */
export class WireWriter {
  buf: Uint8Array = new Uint8Array(256);
  len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const nb = new Uint8Array(size);
    nb.set(this.buf.subarray(0, this.len));
    this.buf = nb;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  varint(v: number): void {
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.len++] = v;
  }

  /** Signed 64-bit varint (negative numbers take 10 bytes, as Go's int64/int32 casts). */
  varint64(v: bigint): void {
    let u = BigInt.asUintN(64, v);
    this.ensure(10);
    while (u >= 0x80n) {
      this.buf[this.len++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.buf[this.len++] = Number(u);
  }

  tag(no: number, wireType: number): void {
    this.varint(no * 8 + wireType);
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

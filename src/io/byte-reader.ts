// ByteReader: the one bounds-checked cursor every decoder uses. It carries the absolute
// file offset of its first byte (`base`) so errors point at real positions in the file.
import { TruncatedError, CorruptDataError } from '../errors.js';

export interface ByteReaderOrigin {
  /** Format name used as the error prefix ("bolt", "wal", ...). */
  format: string;
  /** File the bytes came from. */
  file?: string;
  /** Absolute file offset of bytes[0]. */
  base?: number;
}

export class ByteReader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly format: string;
  readonly file: string | undefined;
  readonly base: number;
  pos = 0;

  constructor(bytes: Uint8Array, origin: ByteReaderOrigin) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.format = origin.format;
    this.file = origin.file;
    this.base = origin.base ?? 0;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  get eof(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** Absolute file offset of the cursor. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Throws TruncatedError unless `n` more bytes are available. */
  need(n: number, what = 'data'): void {
    if (n < 0 || this.pos + n > this.bytes.length) {
      throw new TruncatedError(this.format, `${what}: need ${n} bytes, ${this.remaining} left`, {
        file: this.file,
        offset: this.offset,
      });
    }
  }

  corrupt(detail: string, at = this.pos): CorruptDataError {
    return new CorruptDataError(this.format, detail, { file: this.file, offset: this.base + at });
  }

  seek(pos: number): void {
    if (pos < 0 || pos > this.bytes.length) throw this.corrupt(`seek to ${pos} outside ${this.bytes.length} bytes`);
    this.pos = pos;
  }

  skip(n: number, what?: string): void {
    this.need(n, what);
    this.pos += n;
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  u16le(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  u32le(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  u32be(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, false);
    this.pos += 4;
    return v;
  }

  u64le(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  i64le(): bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.pos, true);
    this.pos += 8;
    return v;
  }

  u64be(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, false);
    this.pos += 8;
    return v;
  }

  /** A subarray view (no copy) of the next `n` bytes. */
  bytesView(n: number, what?: string): Uint8Array {
    this.need(n, what);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** Protobuf base-128 varint as bigint (up to 10 bytes). */
  uvarint64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.u8();
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    throw this.corrupt('varint longer than 10 bytes', this.pos - 10);
  }

  /** Varint that must fit in a safe integer (lengths, tags). */
  uvarint(): number {
    let result = 0;
    let mul = 1;
    const start = this.pos;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw this.corrupt('varint too large for a length', start);
  }
}

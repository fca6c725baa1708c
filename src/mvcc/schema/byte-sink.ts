// ByteSink: a growable byte buffer that Go-style renderers append to. Output lines are
// built as bytes, never as JS strings, so a million-entry bucket is printed without
// decoding or re-encoding UTF-8 (the hot path of `iterate-bucket`).
import { isGoPrintableUnicode13 } from '../../io/go-unicode13.js';

const HEX = '0123456789abcdef';

/**
 * Go strconv.Quote output for every byte value that is not the start of a multi-byte UTF-8
 * sequence, packed little-endian in OUT32[c] (the byte itself, a C escape, or `\xNN` for
 * control bytes and bytes >= 0x80 that cannot start a sequence), its length in OUT_LEN[c].
 * OUT_LEN is 0 for 0xc2..0xf4, which may start a sequence and are decoded. Storing all 4
 * bytes and advancing by the length keeps the per-byte loop free of branches on random data.
 */
const OUT32 = new Uint32Array(256);
const OUT_LEN = new Uint8Array(256);
/** `\xNN` of every byte as 4 little-endian packed bytes (for invalid UTF-8 lead bytes). */
const HEX_ESCAPE32 = new Uint32Array(256);
const pack = (s: string): number => {
  let v = 0;
  for (let k = 0; k < s.length; k++) v |= s.charCodeAt(k) << (8 * k);
  return v >>> 0;
};
{
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
  for (let c = 0; c < 256; c++) {
    HEX_ESCAPE32[c] = pack('\\x' + HEX[c >> 4]! + HEX[c & 15]!);
    if (c >= 0xc2 && c <= 0xf4) continue;
    let out = named[c] ?? String.fromCharCode(c);
    if (named[c] === undefined && (c < 0x20 || c >= 0x7f)) out = '\\x' + HEX[c >> 4]! + HEX[c & 15]!;
    OUT_LEN[c] = out.length;
    OUT32[c] = pack(out);
  }
}

/** Cache of unicode.IsPrint per code point: 0 unknown, 1 printable, 2 not printable. */
const printableCache = new Uint8Array(0x110000);

function isPrintableCached(cp: number): boolean {
  let v = printableCache[cp]!;
  if (v === 0) {
    v = isGoPrintableUnicode13(cp) ? 1 : 2;
    printableCache[cp] = v;
  }
  return v === 1;
}

/**
 * utf8.DecodeRune at `i` without allocating: (codePoint << 3) | width, or -1 for a byte
 * that does not start a valid sequence (Go then prints it as \xNN). Same rules as
 * io/go-quote's decodeRune (no overlongs, no surrogates, max U+10FFFF).
 */
function decodeRunePacked(b: Uint8Array, i: number): number {
  const c0 = b[i]!;
  const n = b.length - i;
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    if (n >= 2 && (b[i + 1]! & 0xc0) === 0x80) return ((((c0 & 0x1f) << 6) | (b[i + 1]! & 0x3f)) << 3) | 2;
    return -1;
  }
  if (c0 >= 0xe0 && c0 <= 0xef) {
    if (n < 3) return -1;
    const c1 = b[i + 1]!;
    const c2 = b[i + 2]!;
    if (c1 < (c0 === 0xe0 ? 0xa0 : 0x80) || c1 > (c0 === 0xed ? 0x9f : 0xbf) || (c2 & 0xc0) !== 0x80) return -1;
    return ((((c0 & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f)) << 3) | 3;
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    if (n < 4) return -1;
    const c1 = b[i + 1]!;
    const c2 = b[i + 2]!;
    const c3 = b[i + 3]!;
    if (c1 < (c0 === 0xf0 ? 0x90 : 0x80) || c1 > (c0 === 0xf4 ? 0x8f : 0xbf) || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return -1;
    return ((((c0 & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f)) << 3) | 4;
  }
  return -1;
}

/**
 * A buffer that is not zero-filled: every byte handed out by take() was written first, and
 * zeroing a fresh megabyte per output chunk cost more than the copy into it.
 */
function uninitialized(size: number): Uint8Array {
  const b = Buffer.allocUnsafeSlow(size);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export class ByteSink {
  buf: Uint8Array;
  /** DataView over `buf`: one unaligned 4-byte store per escaped byte. */
  private view: DataView;
  length = 0;

  constructor(initialCapacity = 1 << 16) {
    this.buf = uninitialized(initialCapacity);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = uninitialized(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer, next.byteOffset, next.byteLength);
  }

  byte(c: number): void {
    if (this.length === this.buf.length) this.reserve(1);
    this.buf[this.length++] = c;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** Appends a string that is known to be ASCII (format literals, digits). */
  ascii(s: string): void {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < n; i++) buf[at++] = s.charCodeAt(i);
    this.length = at;
  }

  /** Appends any JS string as UTF-8. */
  utf8(s: string): void {
    this.reserve(s.length * 3);
    this.length += Buffer.from(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength).write(s, this.length, 'utf8');
  }

  /** Go `%q` of a []byte / string: strconv.Quote byte for byte. */
  goQuoted(b: Uint8Array): void {
    this.byte(0x22);
    this.goQuotedBody(b);
    this.byte(0x22);
  }

  /** The inside of Go `%q` (no surrounding quotes). */
  goQuotedBody(b: Uint8Array): void {
    const n = b.length;
    // \xNN is the longest escape per input byte (4); \u/\U escapes cover 2-4 input bytes;
    // +16 leaves room for the 4-byte writes of the last byte.
    this.reserve(n * 4 + 16);
    const buf = this.buf;
    const view = this.view;
    let at = this.length;
    let i = 0;
    // One pass, byte by byte: no subarray objects on the hot path (keys and values are short).
    while (i < n) {
      const c = b[i]!;
      const len = OUT_LEN[c]!;
      if (len !== 0) {
        // Always 4 bytes written (reserve() left room), the cursor moves by the real length.
        view.setUint32(at, OUT32[c]!, true);
        at += len;
        i++;
        continue;
      }
      // A lead byte not followed by a continuation byte (most of them, in binary data) is invalid.
      const next = i + 1 < n ? b[i + 1]! : 0;
      const packed = (next & 0xc0) === 0x80 ? decodeRunePacked(b, i) : -1;
      if (packed < 0) {
        view.setUint32(at, HEX_ESCAPE32[c]!, true);
        at += 4;
        i++;
        continue;
      }
      const cp = packed >> 3;
      const w = packed & 7;
      if (isPrintableCached(cp)) {
        for (let k = 0; k < w; k++) buf[at++] = b[i + k]!;
        i += w;
      } else {
        const esc = cp < 0x10000 ? '\\u' + cp.toString(16).padStart(4, '0') : '\\U' + cp.toString(16).padStart(8, '0');
        for (let k = 0; k < esc.length; k++) buf[at++] = esc.charCodeAt(k);
        i += w;
      }
    }
    this.length = at;
  }

  /** Hands out the bytes written so far and starts a new buffer (the old one may be queued for writing). */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.length);
    this.buf = uninitialized(Math.max(this.buf.length, 1 << 16));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.length = 0;
    return out;
  }

  /** The bytes written so far as a UTF-8 string (Go output is bytes; invalid UTF-8 is replaced). */
  toString(): string {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.length).toString('utf8');
  }
}

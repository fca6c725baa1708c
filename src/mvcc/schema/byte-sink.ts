// ByteSink: a growable byte buffer that Go-style renderers append to. Output lines are
// built as bytes, never as JS strings, so a million-entry bucket is printed without
// decoding or re-encoding UTF-8 (the hot path of `iterate-bucket`).
import { decodeRune } from '../../io/go-quote.js';
import { isGoPrintableUnicode13 } from './go-unicode13.js';

const HEX = '0123456789abcdef';

/** ASCII escape bytes for Go strconv.Quote, indexed by byte; undefined = copy the byte. */
const ASCII_ESCAPES: (Uint8Array | undefined)[] = (() => {
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
  const table: (Uint8Array | undefined)[] = [];
  for (let c = 0; c < 0x80; c++) {
    let esc: string | undefined = named[c];
    if (esc === undefined && (c < 0x20 || c === 0x7f)) esc = '\\x' + HEX[c >> 4]! + HEX[c & 15]!;
    table.push(esc === undefined ? undefined : Buffer.from(esc, 'latin1'));
  }
  return table;
})();

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

export class ByteSink {
  buf: Uint8Array;
  length = 0;

  constructor(initialCapacity = 1 << 16) {
    this.buf = new Uint8Array(initialCapacity);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    const need = this.length + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
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
    // Worst case is 10 bytes per input byte (\U0010ffff for 4 bytes is less); \xNN = 4 per byte.
    this.reserve(n * 4 + 16);
    let i = 0;
    while (i < n) {
      // Copy the longest run of bytes that need no escaping in one set().
      let j = i;
      while (j < n) {
        const c = b[j]!;
        if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) break;
        j++;
      }
      if (j > i) {
        this.buf.set(b.subarray(i, j), this.length);
        this.length += j - i;
        i = j;
        if (i >= n) break;
      }
      const c = b[i]!;
      if (c < 0x80) {
        const esc = ASCII_ESCAPES[c]!;
        this.buf.set(esc, this.length);
        this.length += esc.length;
        i++;
        continue;
      }
      const [cp, w] = decodeRune(b, i);
      if (cp < 0) {
        this.hexEscape(c);
        i++;
      } else if (isPrintableCached(cp)) {
        this.buf.set(b.subarray(i, i + w), this.length);
        this.length += w;
        i += w;
      } else {
        // Non-printable rune: \u for the BMP, \U above. 10 bytes at most, reserved above.
        this.reserve(10);
        this.ascii(cp < 0x10000 ? '\\u' + cp.toString(16).padStart(4, '0') : '\\U' + cp.toString(16).padStart(8, '0'));
        i += w;
      }
    }
  }

  private hexEscape(c: number): void {
    const buf = this.buf;
    buf[this.length++] = 0x5c;
    buf[this.length++] = 0x78;
    buf[this.length++] = HEX.charCodeAt(c >> 4);
    buf[this.length++] = HEX.charCodeAt(c & 15);
  }

  /** Hands out the bytes written so far and starts a new buffer (the old one may be queued for writing). */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.length);
    this.buf = new Uint8Array(Math.max(this.buf.length, 1 << 16));
    this.length = 0;
    return out;
  }

  /** The bytes written so far as a UTF-8 string (Go output is bytes; invalid UTF-8 is replaced). */
  toString(): string {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.length).toString('utf8');
  }
}

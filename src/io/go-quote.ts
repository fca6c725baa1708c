// Go's strconv.Quote (what fmt's %q prints for a string or []byte), byte for byte:
// printable runes (unicode.IsPrint) are kept, \a \b \f \n \r \t \v \\ \" escaped, other
// runes below 0x10000 as \uXXXX, above as \UXXXXXXXX, and bytes that are not valid
// UTF-8 as \xNN. The reference tools (etcd-dump-db, etcd-dump-logs, bbolt) print keys
// and values this way, so output must match exactly.

import { isGoPrintableUnicode13 } from './go-unicode13.js';

const HEX = '0123456789abcdef';

function hex2(b: number): string {
  return HEX[b >> 4]! + HEX[b & 15]!;
}

/**
 * Go unicode.IsPrint for a code point, with Go 1.19's Unicode 13 tables: the reference
 * tools (etcd 3.4.23, bbolt 1.3.6 as Debian ships them) were built with it, and Node's
 * newer tables would print runes added since (e.g. U+061D) that Go escapes.
 */
export function isGoPrintable(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return isGoPrintableUnicode13(cp);
}

/**
 * Decodes one UTF-8 sequence at `i` as Go's utf8.DecodeRune does.
 * Returns [codePoint, width], with codePoint -1 for an invalid byte (width 1).
 */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i]!;
  if (c0 < 0x80) return [c0, 1];
  const n = b.length - i;
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    if (n >= 2 && (b[i + 1]! & 0xc0) === 0x80) return [((c0 & 0x1f) << 6) | (b[i + 1]! & 0x3f), 2];
    return [-1, 1];
  }
  if (c0 >= 0xe0 && c0 <= 0xef) {
    if (n < 3) return [-1, 1];
    const c1 = b[i + 1]!;
    const c2 = b[i + 2]!;
    const lo = c0 === 0xe0 ? 0xa0 : 0x80;
    const hi = c0 === 0xed ? 0x9f : 0xbf; // no surrogates
    if (c1 < lo || c1 > hi || (c2 & 0xc0) !== 0x80) return [-1, 1];
    return [((c0 & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f), 3];
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    if (n < 4) return [-1, 1];
    const c1 = b[i + 1]!;
    const c2 = b[i + 2]!;
    const c3 = b[i + 3]!;
    const lo = c0 === 0xf0 ? 0x90 : 0x80;
    const hi = c0 === 0xf4 ? 0x8f : 0xbf;
    if (c1 < lo || c1 > hi || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return [-1, 1];
    return [((c0 & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f), 4];
  }
  return [-1, 1];
}

/** The body of a Go quoted string (without the surrounding quotes). */
export function goQuoteBody(b: Uint8Array): string {
  // Fast path: plain printable ASCII without quote or backslash.
  let plain = true;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) {
      plain = false;
      break;
    }
  }
  if (plain) return latin1(b);

  let out = '';
  for (let i = 0; i < b.length; ) {
    const [cp, w] = decodeRune(b, i);
    if (cp < 0) {
      out += '\\x' + hex2(b[i]!);
      i += 1;
      continue;
    }
    i += w;
    out += quoteRune(cp);
  }
  return out;
}

function quoteRune(cp: number): string {
  if (cp === 0x22) return '\\"';
  if (cp === 0x5c) return '\\\\';
  if (isGoPrintable(cp)) return String.fromCodePoint(cp);
  switch (cp) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex2(cp);
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/** Go `%q` of a []byte or string given as bytes. */
export function goQuote(b: Uint8Array): string {
  return '"' + goQuoteBody(b) + '"';
}

/** Go `%q` of a JS string (encoded as UTF-8 first, as Go strings are bytes). */
export function goQuoteString(s: string): string {
  return goQuote(Buffer.from(s, 'utf8'));
}

/** True when every rune is valid UTF-8 and printable (bbolt's "auto" format test). */
export function isPrintableUtf8(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; ) {
    const [cp, w] = decodeRune(b, i);
    if (cp < 0 || !isGoPrintable(cp)) return false;
    i += w;
  }
  return true;
}

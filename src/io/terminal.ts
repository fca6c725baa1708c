// The one terminal-escaping function. Text that came from the input (bucket names, keys,
// kinds, labels, error details) must not be able to drive the terminal it is printed on:
// C0 controls (except \n and \t in multi-line text), DEL, C1 controls (U+0080–U+009F —
// U+009B is CSI on 8-bit terminals) and the bidi controls that reorder what is shown
// (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) plus U+2028/U+2029 become visible
// escapes. Used by every text sink: the stdout writer on a terminal, stderr lines, and
// names quoted in error messages (capped in length, so garbage cannot flood a line).
// Browser-safe: no Node imports.

// eslint-disable-next-line no-control-regex
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const n = c.charCodeAt(0);
  if (n === 0x0a) return '\\n';
  if (n === 0x0d) return '\\r';
  if (n === 0x09) return '\\t';
  return n < 0x100 ? '\\x' + n.toString(16).padStart(2, '0') : '\\u' + n.toString(16).padStart(4, '0');
}

/**
 * `s` with every terminal control escaped (`\x1b`, `\x9b`, `\u202e`). With `oneLine`
 * (stderr, error messages) \n, \r and \t are escaped too; otherwise \n and \t stay.
 */
export function escapeTerminal(s: string, oneLine = false): string {
  const re = oneLine ? UNSAFE_ONE_LINE : UNSAFE_MULTILINE;
  re.lastIndex = 0;
  return re.test(s) ? s.replace(re, escapeChar) : s;
}

/** Longest name quoted in an error message, in characters after escaping. */
export const MAX_QUOTED_NAME = 120;

/**
 * A name or value from the input as it goes into an error message: escaped for one line
 * and cut to `max` characters with a note of the full length.
 */
export function quoteForError(s: string, max = MAX_QUOTED_NAME): string {
  const e = escapeTerminal(s, true);
  if (e.length <= max) return e;
  return `${e.slice(0, max)}…(${s.length} chars)`;
}

/** Is byte `i` of `b` the start of a safe, valid UTF-8 sequence? Returns its length, or 0. */
function safeUtf8At(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return c < 0x20 ? (c === 0x0a || c === 0x09 ? 1 : 0) : c === 0x7f ? 0 : 1;
  const cont = (k: number): boolean => i + k < b.length && (b[i + k]! & 0xc0) === 0x80;
  let len: number;
  let cp: number;
  if (c >= 0xc2 && c <= 0xdf) {
    if (!cont(1)) return 0;
    len = 2;
    cp = ((c & 0x1f) << 6) | (b[i + 1]! & 0x3f);
  } else if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    len = 3;
    cp = ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
    if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  } else if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    len = 4;
    cp = ((c & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f);
    if (cp < 0x10000 || cp > 0x10ffff) return 0;
  } else return 0;
  UNSAFE_MULTILINE.lastIndex = 0;
  return UNSAFE_MULTILINE.test(String.fromCodePoint(cp)) ? 0 : len;
}

/**
 * Bytes for a terminal: the same escapes as escapeTerminal, applied to raw bytes (keys,
 * `encode` output). Invalid UTF-8 bytes are escaped as `\xNN` too, so a lone 0x9b byte
 * cannot act as CSI. Returns `b` itself when nothing needs escaping.
 */
export function escapeTerminalBytes(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length) {
    const n = safeUtf8At(b, i);
    if (n === 0) break;
    i += n;
  }
  if (i === b.length) return b;
  const out: number[] = Array.from(b.subarray(0, i));
  while (i < b.length) {
    const n = safeUtf8At(b, i);
    if (n > 0) {
      for (let k = 0; k < n; k++) out.push(b[i + k]!);
      i += n;
      continue;
    }
    const c = b[i]!;
    let esc: string;
    const cp2 = c >= 0xc2 && c <= 0xdf && i + 1 < b.length && (b[i + 1]! & 0xc0) === 0x80 ? ((c & 0x1f) << 6) | (b[i + 1]! & 0x3f) : -1;
    const cp3 =
      c >= 0xe0 && c <= 0xef && i + 2 < b.length && (b[i + 1]! & 0xc0) === 0x80 && (b[i + 2]! & 0xc0) === 0x80
        ? ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f)
        : -1;
    if (cp2 >= 0x80) {
      esc = escapeChar(String.fromCharCode(cp2));
      i += 2;
    } else if (cp3 >= 0x800) {
      esc = escapeChar(String.fromCharCode(cp3));
      i += 3;
    } else {
      esc = '\\x' + c.toString(16).padStart(2, '0');
      i += 1;
    }
    for (let k = 0; k < esc.length; k++) out.push(esc.charCodeAt(k));
  }
  return Uint8Array.from(out);
}

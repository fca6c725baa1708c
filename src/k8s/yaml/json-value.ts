// JSON text → the value tree go-yaml v2 builds when sigs.k8s.io/yaml.JSONToYAML reads
// that JSON as YAML (yaml.Unmarshal into interface{}).
//
// What the YAML reading does to JSON, and how it is mirrored here:
// - Object keys are strings; a repeated key keeps the LAST value (non-strict decoding).
//   Keys like "__proto__" are plain data (Map).
// - Numbers are plain scalars, resolved by resolve.go: an integer literal in int64 range
//   is an int, else a uint64 if it fits, else a float64; a literal with '.' or an
//   exponent is a float64. A float literal that overflows float64 is not a float for
//   go-yaml: it stays the STRING of its text (then printed plain, e.g. 1e400).
//   Ints keep their exact digits here (no float round trip).
// - Strings are double-quoted scalars with YAML's escapes (see "escapes" below): JSON's
//   "\/" is refused, an escaped surrogate (\ud800-\udfff, even a valid pair) is an
//   error in go-yaml's scanner, and
//   raw characters outside YAML's printable set (C0/C1 controls except tab, DEL,
//   U+FFFE/U+FFFF) make the reader fail with "control characters are not allowed".
//   A raw line break inside a string (U+0085 NEL; U+2028/U+2029) is folded the YAML way.
// - Nesting deeper than go-yaml's scanner limit (10000 flow levels) is an error.

import { CorruptDataError } from '../../errors.js';
import { formatGoFloat } from './go-float.js';

/** A number as go-yaml prints it (ints: exact digits; floats: strconv 'g' -1). */
export class YamlNumber {
  constructor(readonly text: string) {}
}

export type YamlMapping = Map<string, YamlValue>;
export type YamlValue = null | boolean | string | YamlNumber | YamlValue[] | YamlMapping;

/** go-yaml v2 scanner's max flow level (scannerc.go max_flow_level). */
export const MAX_JSON_DEPTH = 10000;

export class YamlConversionError extends CorruptDataError {
  override readonly code: string = 'YAML_CONVERSION';
}

function fail(detail: string, offset: number): never {
  throw new YamlConversionError('yaml', `cannot convert JSON to YAML: ${detail} at JSON offset ${offset}`);
}

const INT64_MAX_DIGITS = '9223372036854775807';
const INT64_MIN_DIGITS = '9223372036854775808';
const UINT64_MAX_DIGITS = '18446744073709551615';

/** digits (no sign, no leading zeros) <= limit, compared as decimal numbers. */
function fitsDigits(digits: string, limit: string): boolean {
  return digits.length < limit.length || (digits.length === limit.length && digits <= limit);
}

/** Resolve one JSON number literal the way go-yaml does. */
export function resolveJsonNumber(lit: string): YamlNumber | string {
  const isInt = !/[.eE]/.test(lit);
  if (isInt) {
    const neg = lit.charCodeAt(0) === 0x2d;
    const digits = neg ? lit.slice(1) : lit;
    if (digits === '0') return new YamlNumber('0'); // "-0" is int 0
    if (neg ? fitsDigits(digits, INT64_MIN_DIGITS) : fitsDigits(digits, UINT64_MAX_DIGITS)) return new YamlNumber(lit);
  }
  const f = Number(lit);
  if (!Number.isFinite(f)) return lit; // ParseFloat range error: go-yaml keeps the text as a string
  return new YamlNumber(formatGoFloat(f));
}

// Raw characters the YAML reader refuses (readerc.go): everything but tab, LF, CR,
// 0x20-0x7E, NEL, 0xA0-0xD7FF, 0xE000-0xFFFD and (valid pairs of) astral code points.
function rawCharAllowed(c: number): boolean {
  return c === 0x09 || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
}

function isYamlBreak(c: number): boolean {
  return c === 0x85 || c === 0x2028 || c === 0x2029;
}

interface ArrayFrame {
  arr: YamlValue[];
  map: undefined;
  key: string;
}
interface MapFrame {
  arr: undefined;
  map: YamlMapping;
  key: string;
}
type Frame = ArrayFrame | MapFrame;

/** Parses JSON text into the value go-yaml v2 would hold after yaml.Unmarshal. */
export function parseJsonForYaml(text: string): YamlValue {
  let pos = 0;
  const len = text.length;
  const stack: Frame[] = [];

  const skipWs = (): void => {
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };

  const parseString = (): string => {
    // text[pos] is the opening quote.
    const start = pos;
    pos++;
    let out = '';
    let chunk = pos;
    let rawBreak = false;
    for (;;) {
      if (pos >= len) fail('unterminated string', start);
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(chunk, pos);
        pos++;
        return rawBreak ? decodeFolded(text.slice(start + 1, pos - 1)) : out;
      }
      if (c === 0x5c) {
        out += text.slice(chunk, pos);
        const e = decodeEscape(text, pos);
        if (e === undefined) fail('bad escape in string', pos);
        if (typeof e === 'number') fail(`found invalid Unicode character escape code (U+${e.toString(16).toUpperCase()})`, pos);
        out += e;
        pos += escapeLength(text, pos);
        chunk = pos;
        continue;
      }
      if (c < 0x20 && c !== 0x09) fail('control character in string', pos);
      if (c >= 0xd800 && c <= 0xdfff) {
        // Astral characters must be a valid surrogate pair.
        const d = text.charCodeAt(pos + 1);
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          pos += 2;
          continue;
        }
        fail('invalid UTF-16 in string', pos);
      }
      if (!rawCharAllowed(c)) fail(`control characters are not allowed (U+${c.toString(16).toUpperCase().padStart(4, '0')})`, pos);
      if (isYamlBreak(c)) rawBreak = true;
      pos++;
    }
  };

  const parseNumber = (): YamlNumber | string => {
    const start = pos;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const d0 = text.charCodeAt(pos);
    if (d0 === 0x30) pos++;
    else if (d0 >= 0x31 && d0 <= 0x39) {
      while (pos < len && isDigitCode(text.charCodeAt(pos))) pos++;
    } else fail('invalid number', start);
    if (text.charCodeAt(pos) === 0x2e) {
      pos++;
      if (!isDigitCode(text.charCodeAt(pos))) fail('invalid number', start);
      while (pos < len && isDigitCode(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      pos++;
      const s = text.charCodeAt(pos);
      if (s === 0x2b || s === 0x2d) pos++;
      if (!isDigitCode(text.charCodeAt(pos))) fail('invalid number', start);
      while (pos < len && isDigitCode(text.charCodeAt(pos))) pos++;
    }
    return resolveJsonNumber(text.slice(start, pos));
  };

  const literal = (word: string): void => {
    if (text.startsWith(word, pos)) pos += word.length;
    else fail('invalid literal', pos);
  };

  /** go-yaml counts every '[' / '{' as a flow level, empty ones included. */
  const checkDepth = (): void => {
    if (stack.length >= MAX_JSON_DEPTH) fail(`exceeded max depth of ${MAX_JSON_DEPTH} (nesting of arrays/objects)`, pos);
  };

  /** Reads `"key" :` of an object member. */
  const readKey = (frame: MapFrame): void => {
    skipWs();
    if (text.charCodeAt(pos) !== 0x22) fail('expected a string key', pos);
    const keyStart = pos;
    frame.key = parseString();
    skipWs();
    if (text.charCodeAt(pos) !== 0x3a) fail("expected ':'", pos);
    checkSimpleKey(text, keyStart, pos);
    pos++;
  };

  if (text.charCodeAt(0) === 0xfeff) pos = 1; // the YAML reader drops a leading byte order mark
  skipWs();
  if (pos >= len) return null; // yaml.Unmarshal of an empty document gives nil → "null"
  let value: YamlValue = null;
  for (;;) {
    // Parse one value (or open a container and continue with its first member).
    skipWs();
    const c = text.charCodeAt(pos);
    let haveValue = true;
    if (c === 0x7b) {
      checkDepth();
      pos++;
      skipWs();
      if (text.charCodeAt(pos) === 0x7d) {
        pos++;
        value = new Map();
      } else {
        const frame: MapFrame = { arr: undefined, map: new Map(), key: '' };
        stack.push(frame);
        readKey(frame);
        haveValue = false;
      }
    } else if (c === 0x5b) {
      checkDepth();
      pos++;
      skipWs();
      if (text.charCodeAt(pos) === 0x5d) {
        pos++;
        value = [];
      } else {
        stack.push({ arr: [], map: undefined, key: '' });
        haveValue = false;
      }
    } else if (c === 0x22) value = parseString();
    else if (c === 0x74) (literal('true'), (value = true));
    else if (c === 0x66) (literal('false'), (value = false));
    else if (c === 0x6e) (literal('null'), (value = null));
    else if (c === 0x2d || isDigitCode(c)) value = parseNumber();
    else fail(pos >= len ? 'unexpected end of JSON' : 'unexpected character', pos);
    if (!haveValue) continue;

    // Attach the finished value to its container; close containers that end here.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        skipWs();
        if (pos < len) fail('unexpected data after the JSON value', pos);
        return value;
      }
      if (top.arr !== undefined) top.arr.push(value);
      else top.map.set(top.key, value);
      skipWs();
      const sep = text.charCodeAt(pos);
      if (sep === 0x2c) {
        pos++;
        if (top.map !== undefined) readKey(top);
        break; // parse the next member value
      }
      const close = top.arr !== undefined ? 0x5d : 0x7d;
      if (sep !== close) fail(`expected ',' or '${String.fromCharCode(close)}'`, pos);
      pos++;
      stack.pop();
      value = top.arr !== undefined ? top.arr : top.map;
    }
  }
}

/**
 * A JSON object key is a YAML "simple key", which go-yaml (scannerc.go
 * stale_simple_keys) drops when its ':' is on a later line or more than 1024
 * characters after the key's first character; the mapping then fails with "did not
 * find expected ',' or '}'". In JSON from Go this happens for keys holding a raw U+0085
 * (encoding/json does not escape it) and for keys longer than about 1022 characters.
 */
function checkSimpleKey(text: string, keyStart: number, colon: number): void {
  let chars = colon - keyStart;
  if (chars > 1024) {
    for (let i = keyStart; i < colon; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff) chars--; // a surrogate pair is one character
    }
  }
  let breaks = false;
  for (let i = keyStart; i < colon && !breaks; i++) {
    const c = text.charCodeAt(i);
    breaks = c === 0x0a || c === 0x0d || isYamlBreak(c);
  }
  if (chars > 1024 || breaks) {
    fail(`object key ${breaks ? 'spans lines (raw line break)' : `is more than 1024 characters before its ':'`}; go-yaml: did not find expected ',' or '}'`, keyStart);
  }
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

// --- escapes ---------------------------------------------------------------------------
// Strings are read by go-yaml's double-quoted scalar scanner (scannerc.go), not by a JSON
// parser, so the escapes are YAML's: \0 \a \b \t \<TAB> \n \v \f \r \e \<space> \" \'
// \\ \N \_ \L \P \xXX \uXXXX \UXXXXXXXX. JSON's "\/" is NOT among them: Go fails with
// "found unknown escape character" (its encoding/json never writes "\/"). A \u or \U
// value that is a surrogate or above U+10FFFF is refused. (An escaped raw line break,
// impossible in JSON, is refused here too.)

const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x30, '\0'], [0x61, '\x07'], [0x62, '\b'], [0x74, '\t'], [0x09, '\t'], [0x6e, '\n'],
  [0x76, '\v'], [0x66, '\f'], [0x72, '\r'], [0x65, '\x1b'], [0x20, ' '], [0x22, '"'],
  [0x27, "'"], [0x5c, '\\'], [0x4e, '\u0085'], [0x5f, '\u00a0'], [0x4c, '\u2028'], [0x50, '\u2029'],
]);

/** Hex digits after \x, \u, \U. */
function hexDigitsOf(kind: number): number {
  return kind === 0x78 ? 2 : kind === 0x75 ? 4 : kind === 0x55 ? 8 : 0;
}

/** Source length of the escape at text[at] (a backslash); only called for valid escapes. */
function escapeLength(text: string, at: number): number {
  return 2 + hexDigitsOf(text.charCodeAt(at + 1));
}

/**
 * Decodes the escape at text[at]. Returns the text, undefined for an unknown or
 * malformed escape, or the code (a number) for a surrogate / out-of-range code point.
 */
function decodeEscape(text: string, at: number): string | number | undefined {
  const kind = text.charCodeAt(at + 1);
  const simple = SIMPLE_ESCAPES.get(kind);
  if (simple !== undefined) return simple;
  const n = hexDigitsOf(kind);
  if (n === 0) return undefined;
  const hex = text.slice(at + 2, at + 2 + n);
  if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
  const code = parseInt(hex, 16);
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return code;
  return String.fromCodePoint(code);
}

// --- line folding of raw breaks inside a double-quoted scalar --------------------------
// Only reached when a string holds a raw NEL / LS / PS (Go's encoding/json writes U+0085
// unescaped). scannerc.go yaml_parser_scan_flow_scalar: a run of raw blanks and breaks is
// joined like this: blanks before the first break are dropped and blanks after it are
// skipped; a first break that is NEL (read as '\n') becomes one space, or the following
// breaks when there are more; LS/PS are kept followed by the other breaks. Escaped
// characters are content and end a run. `raw` was validated by the first pass.

function isRawBlankOrBreak(c: number): boolean {
  return c === 0x20 || c === 0x09 || isYamlBreak(c);
}

function decodeFolded(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c === 0x5c) {
      out += decodeEscape(raw, i) as string;
      i += escapeLength(raw, i);
      continue;
    }
    if (!isRawBlankOrBreak(c)) {
      out += raw[i];
      i++;
      continue;
    }
    let whitespaces = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    for (; i < raw.length && isRawBlankOrBreak(raw.charCodeAt(i)); i++) {
      const b = raw.charCodeAt(i);
      if (b === 0x20 || b === 0x09) {
        if (leadingBreak === '') whitespaces += raw[i];
        continue;
      }
      const line = b === 0x85 ? '\n' : raw[i]!; // read_line turns NEL into '\n'
      if (leadingBreak === '') {
        whitespaces = '';
        leadingBreak = line;
      } else trailingBreaks += line;
    }
    if (leadingBreak === '') out += whitespaces;
    else if (leadingBreak === '\n') out += trailingBreaks === '' ? ' ' : trailingBreaks;
    else out += leadingBreak + trailingBreaks;
  }
  return out;
}

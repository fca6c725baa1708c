// Which plain (unquoted) scalars YAML 1.1 would read back as something other than a
// string. go-yaml v2 quotes a string exactly when its resolver (resolve.go `resolve`)
// gives a non-string tag, or when it looks like a base-60 float (encode.go
// `isBase60Float`). This file answers that question for one string.
//
// The resolver looks at the first byte to pick a "hint":
//   + -            sign   → timestamp / int / float / 0b-binary attempts
//   0-9            digit  → same
//   yYnNtTfFoO~    map    → only the fixed words below
//   .              float  → Go strconv.ParseFloat
//   anything else         → always a string (so "<<" stays plain)
// An empty string has the hint "N" and resolves to null.

/** Words the resolver maps to bool / null / float / merge without parsing. */
const RESOLVE_WORDS: ReadonlySet<string> = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<',
]);

const enum Hint {
  None,
  Sign,
  Digit,
  Map,
  Dot,
}

function hintOf(s: string): Hint {
  if (s.length === 0) return Hint.Map; // Go uses 'N' for "", which is in the word map
  const c = s.charCodeAt(0);
  if (c === 0x2b || c === 0x2d) return Hint.Sign;
  if (c >= 0x30 && c <= 0x39) return Hint.Digit;
  if (c === 0x2e) return Hint.Dot;
  switch (c) {
    case 0x79: case 0x59: case 0x6e: case 0x4e: case 0x74: case 0x54: // y Y n N t T
    case 0x66: case 0x46: case 0x6f: case 0x4f: case 0x7e: // f F o O ~
      return Hint.Map;
  }
  return Hint.None;
}

/** go-yaml's yamlStyleFloat: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** encode.go base60float. */
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
/**
 * Strings Go's strconv.ParseFloat accepts when they start with '.': decimal digits with
 * underscores only between digits, an optional exponent. (Hex floats and Inf/NaN cannot
 * start with '.'.)
 */
const DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * Go strconv.ParseUint/ParseInt digit parsing (no underscores: the resolver strips them
 * first). Returns the value, or undefined on a syntax error. Range is checked by callers.
 */
function parseGoDigits(s: string, base: number): bigint | undefined {
  if (s.length === 0) return undefined;
  let v = 0n;
  const b = BigInt(base);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20; // lower-case letters; digits unchanged
    let d: number;
    if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (c >= 0x61 && c <= 0x7a) d = c - 0x61 + 10;
    else return undefined;
    if (d >= base) return undefined;
    v = v * b + BigInt(d);
    if (v > UINT64_MAX) return v; // already out of any range; stop growing
  }
  return v;
}

/** strconv.ParseUint(s, base, 64) succeeds. base 0 means Go literal prefixes. */
function goParseUintOk(s: string, base: number): boolean {
  if (s.length === 0) return false;
  let digits = s;
  if (base === 0) {
    base = 10;
    if (s.charCodeAt(0) === 0x30) {
      const p = s.length >= 3 ? s.charCodeAt(1) | 0x20 : 0;
      if (p === 0x62) { base = 2; digits = s.slice(2); }
      else if (p === 0x6f) { base = 8; digits = s.slice(2); }
      else if (p === 0x78) { base = 16; digits = s.slice(2); }
      else {
        base = 8;
        digits = s.slice(1);
        if (digits.length === 0) return true; // "0"
      }
    }
  }
  const v = parseGoDigits(digits, base);
  return v !== undefined && v <= UINT64_MAX;
}

/** strconv.ParseInt(s, base, 64) succeeds. */
function goParseIntOk(s: string, base: number): boolean {
  if (s.length === 0) return false;
  let neg = false;
  let body = s;
  const c0 = s.charCodeAt(0);
  if (c0 === 0x2b) body = s.slice(1);
  else if (c0 === 0x2d) { neg = true; body = s.slice(1); }
  if (!goParseUintOk(body, base)) return false;
  // Recompute the magnitude for the signed range check (cheap: these strings are short).
  const mag = magnitudeOf(body, base);
  return neg ? -mag >= INT64_MIN : mag <= INT64_MAX;
}

function magnitudeOf(s: string, base: number): bigint {
  if (base === 0) {
    if (s.charCodeAt(0) === 0x30 && s.length > 1) {
      const p = s.length >= 3 ? s.charCodeAt(1) | 0x20 : 0;
      if (p === 0x62) return parseGoDigits(s.slice(2), 2) ?? 0n;
      if (p === 0x6f) return parseGoDigits(s.slice(2), 8) ?? 0n;
      if (p === 0x78) return parseGoDigits(s.slice(2), 16) ?? 0n;
      return parseGoDigits(s.slice(1), 8) ?? 0n;
    }
    return parseGoDigits(s, 10) ?? 0n;
  }
  return parseGoDigits(s, base) ?? 0n;
}

/** A decimal float Go's ParseFloat accepts without overflow (JS and Go both round to nearest). */
function finiteFloat(s: string): boolean {
  return Number.isFinite(Number(s.replace(/_/g, '')));
}

/**
 * True when go-yaml v2 would resolve the plain scalar `s` to a non-string (bool, null,
 * int, float, timestamp, merge), i.e. when a string with this text must be quoted.
 */
export function resolvesToNonString(s: string): boolean {
  const hint = hintOf(s);
  if (hint === Hint.None) return false;
  if (RESOLVE_WORDS.has(s)) return true;
  switch (hint) {
    case Hint.Map:
      return false;
    case Hint.Dot:
      return DOT_FLOAT.test(s) && finiteFloat(s);
    case Hint.Sign:
    case Hint.Digit: {
      if (isYamlTimestamp(s)) return true;
      const plain = s.indexOf('_') >= 0 ? s.replace(/_/g, '') : s;
      if (goParseIntOk(plain, 0)) return true;
      if (goParseUintOk(plain, 0)) return true;
      if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
      if (plain.startsWith('0b')) {
        const rest = plain.slice(2);
        return goParseIntOk(rest, 2) || goParseUintOk(rest, 2);
      }
      if (plain.startsWith('-0b')) return goParseIntOk('-' + plain.slice(3), 2);
      return false;
    }
  }
  return false;
}

/** encode.go isBase60Float: "1:20" style numbers YAML 1.1 parsers read as sexagesimal. */
export function isBase60Float(s: string): boolean {
  if (s.length === 0) return false;
  const c = s.charCodeAt(0);
  if (!(c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39)) || s.indexOf(':') < 0) return false;
  return BASE60_FLOAT.test(s);
}

/** encode.go stringv: may this string be written as a plain scalar? */
export function canBePlain(s: string): boolean {
  return !resolvesToNonString(s) && !isBase60Float(s);
}

// --- timestamps ------------------------------------------------------------------------
// resolve.go tries Go time.Parse with four layouts after a quick "YYYY-" check:
//   2006-1-2T15:4:5.999999999Z07:00, the same with a lower-case t,
//   2006-1-2 15:4:5.999999999, and 2006-1-2.
// time.Parse rules used below: "1","2","15","4","5" take one or two digits (greedy);
// ".999999999" is optional and takes any number of digits after '.' or ','; a space in
// the layout matches one or more spaces; Z07:00 is 'Z' or ±hh:mm (two digits each);
// month 1-12, hour < 24, minute < 60, second < 60, tz hour <= 24, tz minute <= 60, and
// finally the day must exist in that month of that year.

class TimeCursor {
  constructor(
    readonly s: string,
    public i: number,
  ) {}
  digit(at: number): number {
    const c = this.s.charCodeAt(at);
    return c >= 0x30 && c <= 0x39 ? c - 0x30 : -1;
  }
  /** Go getnum(value, false): one or two digits. */
  num12(): number {
    const a = this.digit(this.i);
    if (a < 0) return -1;
    const b = this.digit(this.i + 1);
    if (b < 0) {
      this.i += 1;
      return a;
    }
    this.i += 2;
    return a * 10 + b;
  }
  lit(ch: string): boolean {
    if (this.s[this.i] !== ch) return false;
    this.i++;
    return true;
  }
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

type TimeLayout = 'T' | 't' | ' ' | 'date';

function parsesAs(s: string, layout: TimeLayout): boolean {
  const c = new TimeCursor(s, 4); // "2006" is the four digits checked by the caller
  const year = Number(s.slice(0, 4));
  if (!c.lit('-')) return false;
  const month = c.num12();
  if (month < 0 || month === 0 || month > 12) return false;
  if (!c.lit('-')) return false;
  const day = c.num12();
  if (day < 0) return false;
  if (layout !== 'date') {
    if (layout === ' ') {
      // A layout space requires a space here (unless the input ended) and skips them all.
      if (c.i < s.length && s[c.i] !== ' ') return false;
      while (s[c.i] === ' ') c.i++;
    } else if (!c.lit(layout)) return false;
    const hour = c.num12();
    if (hour < 0 || hour >= 24) return false;
    if (!c.lit(':')) return false;
    const min = c.num12();
    if (min < 0 || min >= 60) return false;
    if (!c.lit(':')) return false;
    const sec = c.num12();
    if (sec < 0 || sec >= 60) return false;
    // Optional fraction: '.' or ',' followed by at least one digit, then all digits.
    if ((s[c.i] === '.' || s[c.i] === ',') && c.digit(c.i + 1) >= 0) {
      c.i += 2;
      while (c.digit(c.i) >= 0) c.i++;
    }
    if (layout !== ' ') {
      if (s[c.i] === 'Z') c.i++;
      else {
        if (s.length - c.i < 6 || s[c.i + 3] !== ':') return false;
        const sign = s[c.i];
        const h1 = c.digit(c.i + 1), h2 = c.digit(c.i + 2), m1 = c.digit(c.i + 4), m2 = c.digit(c.i + 5);
        if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return false;
        if (h1 * 10 + h2 > 24 || m1 * 10 + m2 > 60) return false;
        if (sign !== '+' && sign !== '-') return false;
        c.i += 6;
      }
    }
  }
  if (c.i !== s.length) return false;
  return day >= 1 && day <= daysIn(month, year);
}

/** resolve.go parseTimestamp succeeds. */
export function isYamlTimestamp(s: string): boolean {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
  if (i !== 4 || i === s.length || s[i] !== '-') return false;
  return parsesAs(s, 'T') || parsesAs(s, 't') || parsesAs(s, ' ') || parsesAs(s, 'date');
}

// --- values (YAML input) -----------------------------------------------------------------

export type PlainScalar =
  | { kind: 'str' }
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number };

const TRUE_WORDS: ReadonlySet<string> = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL_WORDS: ReadonlySet<string> = new Set(['', '~', 'null', 'Null', 'NULL']);

function signedValue(s: string, base: number): bigint {
  const c0 = s.charCodeAt(0);
  if (c0 === 0x2d) return -magnitudeOf(s.slice(1), base);
  return magnitudeOf(c0 === 0x2b ? s.slice(1) : s, base);
}

/**
 * What go-yaml v2's resolver makes of a plain (unquoted) scalar when decoding into
 * interface{}, as sigs.k8s.io/yaml does for kubectl and auger: YAML 1.1 booleans
 * (yes/on/…), Go integer literals (0644 is octal, 0x/0o/0b prefixes, `_` separators),
 * floats; timestamps stay strings (yaml.v2 keeps them so for interface{} targets).
 */
export function resolvePlainScalar(s: string): PlainScalar {
  const hint = hintOf(s);
  if (hint === Hint.None) return { kind: 'str' };
  if (TRUE_WORDS.has(s)) return { kind: 'bool', value: true };
  if (FALSE_WORDS.has(s)) return { kind: 'bool', value: false };
  if (NULL_WORDS.has(s)) return { kind: 'null' };
  if (RESOLVE_WORDS.has(s)) return s === '<<' ? { kind: 'str' } : { kind: 'float', value: s.includes('nan') || s.includes('NaN') || s.includes('NAN') ? NaN : s.startsWith('-') ? -Infinity : Infinity };
  switch (hint) {
    case Hint.Dot:
      return DOT_FLOAT.test(s) && finiteFloat(s) ? { kind: 'float', value: Number(s.replace(/_/g, '')) } : { kind: 'str' };
    case Hint.Sign:
    case Hint.Digit: {
      if (isYamlTimestamp(s)) return { kind: 'str' };
      const plain = s.indexOf('_') >= 0 ? s.replace(/_/g, '') : s;
      if (goParseIntOk(plain, 0)) return { kind: 'int', value: signedValue(plain, 0) };
      if (goParseUintOk(plain, 0)) return { kind: 'int', value: magnitudeOf(plain, 0) };
      if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return { kind: 'float', value: Number(plain) };
      if (plain.startsWith('0b')) {
        const rest = plain.slice(2);
        if (goParseIntOk(rest, 2) || goParseUintOk(rest, 2)) return { kind: 'int', value: magnitudeOf(rest, 2) };
      } else if (plain.startsWith('-0b') && goParseIntOk('-' + plain.slice(3), 2)) return { kind: 'int', value: -magnitudeOf(plain.slice(3), 2) };
      return { kind: 'str' };
    }
  }
  return { kind: 'str' };
}

// Mapping key order of go-yaml v2 (sorter.go keyList.Less).
//
// keyList.Less is a "natural" order on runes: letters sort after non-letters, two letters
// compare by code point, and runs of digits compare by numeric value ("a2" < "a10"),
// shorter runs first on a tie ("a1" < "a01"). JSON object keys are always strings, so
// the numeric-key branches of Less never apply.

/** A key prepared for comparison: its code points. */
export type RuneKey = Uint32Array;

export function toRunes(s: string): RuneKey {
  const out = new Uint32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    out[n++] = c;
  }
  return n === s.length ? out : out.subarray(0, n);
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

/** Go unicode.IsLetter. */
function isLetter(r: number): boolean {
  if (r < 0x80) return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  return LETTER.test(String.fromCodePoint(r));
}

/** Go unicode.IsDigit (category Nd). */
function isDigit(r: number): boolean {
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  return DIGIT.test(String.fromCodePoint(r));
}

/**
 * Value of a digit run as Go computes it: an = an*10 + (rune - '0') in int64, wrapping
 * on overflow (non-ASCII digits contribute rune-'0', as in Go).
 */
function runValue(r: RuneKey, from: number, start: bigint | number): { value: bigint | number; end: number } {
  let v: number = typeof start === 'number' ? start : 0;
  let big: bigint | undefined = typeof start === 'bigint' ? start : undefined;
  let i = from;
  for (; i < r.length && isDigit(r[i]!); i++) {
    const d = r[i]! - 0x30;
    if (big === undefined && v < 1e14 && d < 1e5) {
      v = v * 10 + d;
    } else {
      big = BigInt.asIntN(64, (big ?? BigInt(v)) * 10n + BigInt(d));
    }
  }
  return { value: big ?? v, end: i };
}

/** sorter.go keyList.Less for two string keys. */
export function keyLess(a: RuneKey, b: RuneKey): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ra = a[i]!;
    const rb = b[i]!;
    if (ra === rb) continue;
    const al = isLetter(ra);
    const bl = isLetter(rb);
    if (al && bl) return ra < rb;
    if (al || bl) return bl;
    let start = 0;
    if (ra === 0x30 || rb === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(a[j]!); j--) {
        if (a[j] !== 0x30) {
          start = 1;
          break;
        }
      }
    }
    const av = runValue(a, i, start);
    const bv = runValue(b, i, start);
    if (av.value !== bv.value) {
      // Mixed number/bigint only after an overflow; compare as bigint then.
      if (typeof av.value === 'number' && typeof bv.value === 'number') return av.value < bv.value;
      return BigInt(av.value) < BigInt(bv.value);
    }
    if (av.end !== bv.end) return av.end < bv.end;
    return ra < rb;
  }
  return a.length < b.length;
}

/**
 * Sorts `items` in place by go-yaml's key order. Go sorts map keys taken in Go's random
 * map iteration order; where keyLess is a consistent order (it is for most real keys)
 * every sort gives the one result Go gives. Where it is not (digit runs with leading
 * zeros next to longer runs, e.g. "0777" with "0B1" and "1e309"), Go's own output
 * changes from run to run, so no algorithm can match it byte for byte; we then give a
 * deterministic order that depends on the input order.
 */
export function sortLikeGo<T>(items: T[], keyOf: (item: T) => RuneKey): void {
  if (items.length <= 1) return;
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => (keyLess(a.key, b.key) ? -1 : keyLess(b.key, a.key) ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) items[i] = keyed[i]!.item;
}

/** ASCII without digits: the keys for which go-yaml's order is a plain string order. */
const DIGIT_FREE_ASCII = /^[\x00-\x2f\x3a-\x7f]*$/;

/**
 * For a digit-free ASCII key, a string whose code-unit order is keyLess's order:
 * without digit runs, Less compares character by character with every non-letter below
 * every letter, so lifting letters above 0x7f is enough. Undefined for other keys.
 */
export function plainSortKey(key: string): string | undefined {
  if (!DIGIT_FREE_ASCII.test(key)) return undefined;
  return key.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x80));
}

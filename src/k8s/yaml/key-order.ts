// Mapping key order of go-yaml v2 (sorter.go keyList.Less) and the exact permutation
// Go's sort.Sort (pattern-defeating quicksort, Go >= 1.19) produces with it.
//
// keyList.Less is a "natural" order on runes: letters sort after non-letters, two letters
// compare by code point, and runs of digits compare by numeric value ("a2" < "a10"),
// shorter runs first on a tie ("a1" < "a01"). It is not a strict weak order for every
// input (digit runs and the look-back for leading zeros can make it intransitive), so a
// different sort algorithm could give a different order: we replay Go's own algorithm.
// JSON object keys are always strings, so the numeric-key branches of Less never apply.

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

// ---- Go sort.Sort (zsortinterface.go + sort.go), replayed on an index permutation ----

interface Sortable {
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

function insertionSort(d: Sortable, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && d.less(j, j - 1); j--) d.swap(j, j - 1);
  }
}

function siftDown(d: Sortable, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && d.less(first + child, first + child + 1)) child++;
    if (!d.less(first + root, first + child)) return;
    d.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(d: Sortable, a: number, b: number): void {
  const first = a;
  const hi = b - a;
  for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(d, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    d.swap(first, first + i);
    siftDown(d, 0, i, first);
  }
}

const UNKNOWN_HINT = 0;
const INCREASING_HINT = 1;
const DECREASING_HINT = 2;

function bitsLen(x: number): number {
  return x === 0 ? 0 : 32 - Math.clz32(x);
}

function pdqsort(d: Sortable, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSort(d, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(d, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(d, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(d, a, b);
    if (hint === DECREASING_HINT) {
      reverseRange(d, a, b);
      pivot = b - 1 - (pivot - a);
      hint = INCREASING_HINT;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING_HINT) {
      if (partialInsertionSort(d, a, b)) return;
    }
    if (a > 0 && !d.less(a - 1, pivot)) {
      a = partitionEqual(d, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(d, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.floor(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(d, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(d, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(d: Sortable, a: number, b: number, pivot: number): [number, boolean] {
  d.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && d.less(i, a)) i++;
  while (i <= j && !d.less(j, a)) j--;
  if (i > j) {
    d.swap(j, a);
    return [j, true];
  }
  d.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && d.less(i, a)) i++;
    while (i <= j && !d.less(j, a)) j--;
    if (i > j) break;
    d.swap(i, j);
    i++;
    j--;
  }
  d.swap(j, a);
  return [j, false];
}

function partitionEqual(d: Sortable, a: number, b: number, pivot: number): number {
  d.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !d.less(a, i)) i++;
    while (i <= j && d.less(a, j)) j--;
    if (i > j) break;
    d.swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort(d: Sortable, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !d.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    d.swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!d.less(j, j - 1)) break;
        d.swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!d.less(j, j - 1)) break;
        d.swap(j, j - 1);
      }
    }
  }
  return false;
}

function breakPatterns(d: Sortable, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  // sort.go xorshift seeded with the length: x ^= x<<13; x ^= x>>7; x ^= x<<17 (uint64).
  let r = BigInt(length);
  const mask64 = (1n << 64n) - 1n;
  const modulus = 1 << bitsLen(length);
  const half = Math.floor(length / 4) * 2;
  for (let idx = a + half - 1; idx <= a + half + 1; idx++) {
    r ^= (r << 13n) & mask64;
    r ^= r >> 7n;
    r ^= (r << 17n) & mask64;
    let other = Number(r & BigInt(modulus - 1));
    if (other >= length) other -= length;
    d.swap(idx, a + other);
  }
}

function choosePivot(d: Sortable, a: number, b: number): [number, number] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.floor(l / 4) * 1;
  let j = a + Math.floor(l / 4) * 2;
  let k = a + Math.floor(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = median(d, i - 1, i, i + 1, swaps);
      j = median(d, j - 1, j, j + 1, swaps);
      k = median(d, k - 1, k, k + 1, swaps);
    }
    j = median(d, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, INCREASING_HINT];
  if (swaps.n === maxSwaps) return [j, DECREASING_HINT];
  return [j, UNKNOWN_HINT];
}

function median(d: Sortable, a: number, b: number, c: number, swaps: { n: number }): number {
  // order2 three times, as Go does: (a,b), (b,c), (a,b).
  if (d.less(b, a)) { swaps.n++; [a, b] = [b, a]; }
  if (d.less(c, b)) { swaps.n++; [b, c] = [c, b]; }
  if (d.less(b, a)) { swaps.n++; [a, b] = [b, a]; }
  return b;
}

function reverseRange(d: Sortable, a: number, b: number): void {
  let i = a;
  let j = b - 1;
  while (i < j) {
    d.swap(i, j);
    i++;
    j--;
  }
}

/** Sorts `items` in place into the order Go's sort.Sort(keyList) leaves them. */
export function sortLikeGo<T>(items: T[], keyOf: (item: T) => RuneKey): void {
  const n = items.length;
  if (n <= 1) return;
  const keys = items.map(keyOf);
  const d: Sortable = {
    less: (i, j) => keyLess(keys[i]!, keys[j]!),
    swap: (i, j) => {
      const k = keys[i]!;
      keys[i] = keys[j]!;
      keys[j] = k;
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    },
  };
  pdqsort(d, 0, n, bitsLen(n));
}

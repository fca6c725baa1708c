// Go's text renderings that Kubernetes JSON uses: time.Duration.String(), RFC3339 times
// (metav1.Time: seconds; metav1.MicroTime: 6 fractional digits) and encoding/json strings.

/** time.Duration(ns).String(), e.g. 90s → "1m30s", 1500µs → "1.5ms", 0 → "0s". */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1000000000n) {
    // sub-second: ns, µs, ms with fraction
    let unit: string;
    let div: bigint;
    if (u < 1000n) return (neg ? '-' : '') + u + 'ns';
    else if (u < 1000000n) [unit, div] = ['µs', 1000n];
    else [unit, div] = ['ms', 1000000n];
    out = fraction(u, div) + unit;
  } else {
    const h = u / 3600000000000n;
    u -= h * 3600000000000n;
    const m = u / 60000000000n;
    u -= m * 60000000000n;
    out = fraction(u, 1000000000n) + 's';
    if (h > 0n) out = `${h}h${m}m` + out;
    else if (m > 0n) out = `${m}m` + out;
  }
  return (neg ? '-' : '') + out;
}

function fraction(v: bigint, div: bigint): string {
  const whole = v / div;
  let frac = (v % div).toString().padStart(div.toString().length - 1, '0').replace(/0+$/, '');
  if (frac) frac = '.' + frac;
  return `${whole}${frac}`;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** Two digits of a date/time part (0..99). */
function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** RFC3339 in UTC from Unix seconds (+ nanos for MicroTime's 6 digits). */
export function formatGoTime(seconds: bigint | number, nanos: number, micro: boolean): string {
  const ms = Number(seconds) * 1000;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const year = d.getUTCFullYear();
  const ys = year < 0 ? '-' + pad(-year, 4) : year >= 1000 && year <= 9999 ? String(year) : pad(year, 4);
  let s = ys + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate()) + 'T' + pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + ':' + pad2(d.getUTCSeconds());
  if (micro) s += '.' + pad(Math.floor(nanos / 1000), 6);
  return s + 'Z';
}

/** Parses an RFC3339 time (any offset) to Unix seconds and nanos; undefined if malformed. */
export function parseGoTime(s: string): { seconds: bigint; nanos: number } | undefined {
  const m = /^(-?\d{4,})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d\d):(\d\d))$/.exec(s);
  if (!m) return undefined;
  // Date covers ±275,760 years; Go's time goes to int64 seconds. Beyond Date's range count
  // days exactly; beyond int64 seconds there is no such time (undefined, not NaN).
  if (m[1]!.replace('-', '').length > 5) return parseFarTime(m);
  let ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (Number(m[1]) < 100) {
    const d = new Date(ms);
    d.setUTCFullYear(Number(m[1]));
    ms = d.getTime();
  }
  if (m[8]) ms -= (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) * 60000;
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: m[7] ? Number(m[7].padEnd(9, '0')) : 0 };
}

const INT64_MAX = (1n << 63n) - 1n;

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(y: bigint, m: number, d: number): bigint {
  if (m <= 2) y -= 1n;
  const era = (y >= 0n ? y : y - 399n) / 400n;
  const yoe = y - era * 400n;
  const mp = BigInt((m + 9) % 12);
  const doy = (153n * mp + 2n) / 5n + BigInt(d - 1);
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146097n + doe - 719468n;
}

function parseFarTime(m: RegExpExecArray): { seconds: bigint; nanos: number } | undefined {
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  let seconds = daysFromCivil(BigInt(m[1]!), month, day) * 86400n + BigInt(Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]));
  if (m[8]) seconds -= BigInt((m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) * 60);
  if (seconds > INT64_MAX || seconds < -INT64_MAX - 1n) return undefined;
  return { seconds, nanos: m[7] ? Number(m[7].padEnd(9, '0')) : 0 };
}

/** Parses a Go duration string ("1h2m3.5s", "300ms") to nanoseconds. */
export function parseGoDuration(s: string): bigint | undefined {
  if (s === '0') return 0n;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(s);
  if (!m) return undefined;
  const units: Record<string, bigint> = { ns: 1n, us: 1000n, µs: 1000n, μs: 1000n, ms: 1000000n, s: 1000000000n, m: 60000000000n, h: 3600000000000n };
  let total = 0n;
  for (const part of s.replace(/^[-+]/, '').matchAll(/(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/g)) {
    const unit = units[part[3]!]!;
    total += BigInt(part[1] || '0') * unit;
    if (part[2]) {
      const digits = part[2];
      total += (BigInt(digits) * unit) / 10n ** BigInt(digits.length);
    }
  }
  return m[1] === '-' ? -total : total;
}

const HEX = '0123456789abcdef';

/** Every character the loop below changes: controls, " \\ < > &, U+2028/2029, surrogates. */
const NEEDS_ESCAPE = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;

/** encoding/json string literal: escapes ", \, control chars, <, >, &, U+2028/2029. */
export function goJsonString(s: string): string {
  // most strings need no escape at all: one native scan instead of the loop below
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26 && c !== 0x2028 && c !== 0x2029) {
      // lone surrogates become U+FFFD as in Go (invalid UTF-8 cannot reach here otherwise)
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = s.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
        out += s.slice(last, i) + '\ufffd';
        last = i + 1;
      }
      continue;
    }
    out += s.slice(last, i);
    last = i + 1;
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      default:
        out += '\\u' + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
    }
  }
  return out + s.slice(last) + '"';
}

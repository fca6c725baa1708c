// How Go prints the values auger's templates and `--fields value` see: a JSON value
// unmarshalled into `any` (map[string]any, []any, float64, string, bool, nil).
//   printed by fmt (%v, what text/template uses):  map[a:1 b:x], [1 2], 1e+06, <nil>
//   marshalled by encoding/json (auger's value field): sorted keys, HTML-safe escapes
import { UsageError } from '../../errors.js';

/** strconv.FormatFloat(f, 'g', -1, 64) as fmt's %v prints a float64. */
export function goFormatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // Shortest digits via JS, then Go's shortest %g layout: exponent form when exp < -4 || exp >= 6.
  const [mant, expStr] = f.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : `${Math.abs(exp)}`;
    return `${mant}e${exp < 0 ? '-' : '+'}${e}`;
  }
  return String(f);
}

/** fmt.Sprint(v) for a JSON-shaped value. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFormatFloat(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(goSprint).join(' ') + ']';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    return 'map[' + keys.map((k) => `${k}:${goSprint(o[k])}`).join(' ') + ']';
  }
  return String(v);
}

function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** encoding/json Marshal of a JSON-shaped value: map keys sorted, HTML characters escaped. */
export function goJsonMarshal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'null';
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-6 || a >= 1e21)) {
      // Go writes 'e' format here and trims e-07 to e-7: what toExponential gives.
      return v.toExponential();
    }
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(goJsonMarshal).join(',') + ']';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return '{' + Object.keys(o).sort().map((k) => goJsonString(k) + ':' + goJsonMarshal(o[k])).join(',') + '}';
  }
  throw new UsageError(`cannot marshal a ${typeof v}`);
}

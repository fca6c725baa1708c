// JSON text as Go's encoding/json writes it, for values held in JavaScript, so that
// objectToYaml(v) is sigs.k8s.io/yaml.Marshal(v) = JSONToYAML(json.Marshal(v)).
//
// The escaping matters to the YAML step: encoding/json escapes ", \, control characters
// (\n \r \t short, others \u00XX), < > & and U+2028/U+2029, and writes everything else
// raw - including DEL, C1 controls and U+0085, which go-yaml then refuses or folds.
// JSON.stringify differs (it leaves U+2028/U+2029 raw, which go-yaml would read as line
// breaks), hence this writer. Map keys are written in insertion order (YAML sorts them).

export type GoJsonValue =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | GoJsonValue[]
  | ReadonlyMap<string, GoJsonValue>
  | { readonly [key: string]: GoJsonValue };

const HEX = '0123456789abcdef';

/** encoding/json's quoted form of a string. */
export function goJsonString(s: string): string {
  let out = '"';
  let chunk = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20) {
      esc = c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : '\\u00' + HEX[c >> 4] + HEX[c & 15];
    } else if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (c === 0x3c) esc = '\\u003c';
    else if (c === 0x3e) esc = '\\u003e';
    else if (c === 0x26) esc = '\\u0026';
    else if (c === 0x2028) esc = '\\u2028';
    else if (c === 0x2029) esc = '\\u2029';
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate is invalid UTF-8 for Go: it writes U+FFFD.
      const pair = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        i++;
        continue;
      }
      esc = '\\ufffd';
    }
    if (esc !== undefined) {
      out += s.slice(chunk, i) + esc;
      chunk = i + 1;
    }
  }
  return out + s.slice(chunk) + '"';
}

/** Maximum nesting accepted (encoding/json and go-yaml both stop at 10000). */
const MAX_DEPTH = 10000;

function scalarJson(value: null | undefined | boolean | number | bigint | string): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return goJsonString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    default:
      if (!Number.isFinite(value)) throw new RangeError(`json: unsupported value: ${value}`);
      return Object.is(value, -0) ? '-0' : String(value);
  }
}

interface Frame {
  /** Remaining members: [key or undefined for array items, value]. */
  members: Array<[string | undefined, GoJsonValue]>;
  next: number;
  close: string;
}

/**
 * json.Marshal of a plain JavaScript value: bigint as exact digits, numbers as
 * encoding/json prints a float64 (identical to String(x) for finite x), Map or plain
 * objects as JSON objects, undefined members skipped (as `omitempty` would).
 * Iterative, so deep values cannot overflow the stack.
 */
export function marshalGoJson(value: GoJsonValue): string {
  let out = '';
  const stack: Frame[] = [];
  const open = (v: GoJsonValue): void => {
    if (v === null || typeof v !== 'object') {
      out += scalarJson(v);
      return;
    }
    if (stack.length >= MAX_DEPTH) throw new RangeError(`value nested deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(v)) {
      out += '[';
      stack.push({ members: v.map((x): [undefined, GoJsonValue] => [undefined, x]), next: 0, close: ']' });
    } else {
      out += '{';
      const entries: Array<[string, GoJsonValue]> = v instanceof Map ? [...v] : Object.entries(v);
      stack.push({ members: entries.filter((e) => e[1] !== undefined), next: 0, close: '}' });
    }
  };
  open(value);
  for (let top = stack[stack.length - 1]; top !== undefined; top = stack[stack.length - 1]) {
    if (top.next >= top.members.length) {
      out += top.close;
      stack.pop();
      continue;
    }
    const [key, v] = top.members[top.next]!;
    if (top.next++ > 0) out += ',';
    if (key !== undefined) out += goJsonString(key) + ':';
    open(v);
  }
  return out;
}

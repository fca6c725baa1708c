// JSON text as Go's encoding/json writes it, for values held in JavaScript, so that
// objectToYaml(v) is sigs.k8s.io/yaml.Marshal(v) = JSONToYAML(json.Marshal(v)).
//
// The escaping matters to the YAML step: encoding/json escapes ", \, control characters
// (\n \r \t short, others \u00XX), < > & and U+2028/U+2029, and writes everything else
// raw - including DEL, C1 controls and U+0085, which go-yaml then refuses or folds.
// JSON.stringify differs (it leaves U+2028/U+2029 raw, which go-yaml would read as line
// breaks), hence this writer. Map keys are written in insertion order (YAML sorts them).
// Strings are quoted by the k8s layer's goJsonString (go-format.ts).

import { goJsonString } from '../go-format.js';

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

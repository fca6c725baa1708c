// JSON text as Go's encoding/json writes it: MarshalIndent layout, HTML-safe string
// escapes, exact integers, map keys already sorted by the decoder.
import { goJsonString } from './go-format.js';
import { JNum, JObj, type JValue } from './json-value.js';
import { RawJson, type K8sValue } from './decode.js';

/** Compact JSON text of a parsed value (keys and number literals kept as written). */
export function compactJson(v: JValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof JNum) return v.text;
  if (Array.isArray(v)) return '[' + v.map(compactJson).join(',') + ']';
  if (v instanceof JObj) {
    const parts: string[] = [];
    for (const [k, x] of v.map) parts.push(goJsonString(k) + ':' + compactJson(x));
    return '{' + parts.join(',') + '}';
  }
  return 'null';
}

/** Renders a decoded value; `indent` '' gives compact output. */
export function renderJson(v: K8sValue, indent = '  '): string {
  const out: string[] = [];
  write(v, indent, '', out);
  return out.join('');
}

function write(v: K8sValue, indent: string, cur: string, out: string[]): void {
  if (v === null) {
    out.push('null');
    return;
  }
  switch (typeof v) {
    case 'string':
      out.push(goJsonString(v));
      return;
    case 'number':
      out.push(Number.isFinite(v) ? String(v) : 'null');
      return;
    case 'bigint':
      out.push(v.toString());
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
  }
  if (v instanceof RawJson) {
    out.push(indent ? reindent(v.text, indent, cur) : v.text);
    return;
  }
  const inner = cur + indent;
  const nl = indent ? '\n' : '';
  const sep = indent ? ': ' : ':';
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      out.push(i ? ',' + nl + inner : nl + inner);
      write(v[i]!, indent, inner, out);
    }
    out.push(nl + cur + ']');
    return;
  }
  const entries: Iterable<[string, K8sValue]> = v instanceof Map ? v : Object.entries(v);
  let first = true;
  for (const [k, x] of entries) {
    out.push(first ? '{' + nl + inner : ',' + nl + inner);
    first = false;
    out.push(goJsonString(k), sep);
    write(x, indent, inner, out);
  }
  out.push(first ? '{}' : nl + cur + '}');
}

/** Re-indents compact JSON text (strings contain no raw newlines, so a char scan is safe). */
function reindent(text: string, indent: string, cur: string): string {
  let out = '';
  let depth = 0;
  let inStr = false;
  const pad = (d: number): string => cur + indent.repeat(d);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inStr) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') {
      inStr = true;
      out += c;
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      if (text[i + 1] === close) {
        out += c + close;
        i++;
      } else {
        depth++;
        out += c + '\n' + pad(depth);
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += '\n' + pad(depth) + c;
    } else if (c === ',') out += ',\n' + pad(depth);
    else if (c === ':') out += ': ';
    else out += c;
  }
  return out;
}

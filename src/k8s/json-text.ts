// JSON text as Go's encoding/json writes it: MarshalIndent layout, HTML-safe string
// escapes, exact integers, map keys already sorted by the decoder.
import { goJsonString } from './go-format.js';
import { JNum, JObj, type JValue } from '../io/json-value.js';
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

/** Quoted keys with their separator, shared across calls (field names repeat in every object). */
const KEY_CACHE_LIMIT = 8192;
const keyCache = new Map<string, string>();
const compactKeyCache = new Map<string, string>();

function quotedKey(k: string, sep: string, cache: Map<string, string>): string {
  let q = cache.get(k);
  if (q === undefined) {
    q = goJsonString(k) + sep;
    if (cache.size < KEY_CACHE_LIMIT) cache.set(k, q);
  }
  return q;
}

/** Renders a decoded value; `indent` '' gives compact output. */
export function renderJson(v: K8sValue, indent = '  '): string {
  const pads: string[] = [''];
  const pad = (d: number): string => {
    while (pads.length <= d) pads.push(pads[pads.length - 1]! + indent);
    return pads[d]!;
  };
  const nl = indent ? '\n' : '';
  const sep = indent ? ': ' : ':';
  // the key cache only holds the usual two layouts
  const cache = indent === '  ' ? keyCache : indent === '' ? compactKeyCache : new Map<string, string>();
  // per depth: newline + indentation before a member, and before the closing bracket
  const opens: string[] = [];
  const closes: string[] = [];
  const open = (d: number): string => {
    while (opens.length <= d) opens.push(nl + pad(opens.length + 1));
    return opens[d]!;
  };
  const close = (d: number): string => {
    while (closes.length <= d) closes.push(nl + pad(closes.length));
    return closes[d]!;
  };
  const write = (v: K8sValue, depth: number): string => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return goJsonString(v);
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'bigint':
        return v.toString();
      case 'boolean':
        return v ? 'true' : 'false';
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      const o = open(depth);
      let s = '[' + o + write(v[0]!, depth + 1);
      for (let i = 1; i < v.length; i++) s += ',' + o + write(v[i]!, depth + 1);
      return s + close(depth) + ']';
    }
    if (v instanceof RawJson) return indent ? reindent(v.text, indent, pad(depth)) : v.text;
    const o = open(depth);
    let s = '';
    if (v instanceof Map) {
      for (const [k, x] of v) s += (s ? ',' : '{') + o + quotedKey(k, sep, cache) + write(x, depth + 1);
    } else {
      // Object.keys is quicker than for-in on these null-prototype (dictionary) objects
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        s += (i ? ',' : '{') + o + quotedKey(k, sep, cache) + write(v[k]!, depth + 1);
      }
    }
    return s ? s + close(depth) + '}' : '{}';
  };
  return write(v, 0);
}

/** Re-indents compact JSON text (strings contain no raw newlines, so a char scan is safe). */
export function reindent(text: string, indent: string, cur: string): string {
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

/**
 * Go's json.Compact of a valid JSON text: whitespace outside strings removed, everything
 * else (number literals, string escapes) kept as written, so int64 values stay exact.
 */
export function compactJsonText(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip the string, escapes included
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

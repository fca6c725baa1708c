// Lossless JSON parse: numbers keep their literal text (int64 values survive), object keys
// keep their order and are held in a Map (a key "__proto__" is data, never a prototype).
// Used by the Kubernetes codec (exact field order and numbers) and, through toPlainJson,
// by the etcd-dump-db decoders (uint64 member IDs in JSON).

import { CorruptDataError } from '../errors.js';

export class JNum {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export class JObj {
  readonly map = new Map<string, JValue>();
  get keys(): string[] {
    return [...this.map.keys()];
  }
  get(k: string): JValue | undefined {
    return this.map.get(k);
  }
}

export type JValue = string | boolean | null | JNum | JObj | JValue[];

/**
 * Nesting budget of parseJson and of everything that walks its result (the k8s encoder,
 * renderers, templates, toPlainJson all recurse). Go's encoding/json allows 10000, but
 * 6,200 levels already overflow V8's default stack in the recursive walkers, so the
 * budget sits well below what the stack allows: a deeper value is one clean error.
 */
export const MAX_JSON_DEPTH = 1000;

/** Invalid JSON: corrupt data (exit 1), never an internal error. `at` is the text offset. */
export class JsonSyntaxError extends CorruptDataError {
  override readonly code: string = 'JSON_SYNTAX';
  constructor(
    readonly at: number,
    detail: string,
  ) {
    super('json', detail, { offset: at });
    // callers quote this inside their own located messages
    this.message = `invalid JSON at offset ${at}: ${detail}`;
  }
}

/** Parses one JSON value from `text` starting at `from`; returns the value and the end offset. */
export function parseJsonPrefix(text: string, from = 0): [JValue, number] {
  let pos = from;
  const ws = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };
  const fail = (d: string): never => {
    throw new JsonSyntaxError(pos, d);
  };
  const str = (): string => {
    // fast path: no escapes
    const start = ++pos;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        pos = i + 1;
        return text.slice(start, i);
      }
      if (c === 0x5c || c < 0x20) break;
      i++;
    }
    let out = text.slice(start, i);
    pos = i;
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos++;
        return out;
      }
      if (c < 0x20) fail('control character in string');
      if (c === 0x5c) {
        const e = text[pos + 1];
        pos += 2;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const h = text.slice(pos, pos + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) fail('bad \\u escape');
            out += String.fromCharCode(parseInt(h, 16));
            pos += 4;
            break;
          }
          default:
            fail('bad escape');
        }
      } else {
        out += text[pos];
        pos++;
      }
    }
  };
  const value = (depth: number): JValue => {
    if (depth > MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH}`);
    ws();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const o = new JObj();
      ws();
      if (text[pos] === '}') {
        pos++;
        return o;
      }
      for (;;) {
        ws();
        if (text[pos] !== '"') fail('expected object key');
        const k = str();
        ws();
        if (text[pos] !== ':') fail("expected ':'");
        pos++;
        o.map.set(k, value(depth + 1));
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return o;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      pos++;
      const a: JValue[] = [];
      ws();
      if (text[pos] === ']') {
        pos++;
        return a;
      }
      for (;;) {
        a.push(value(depth + 1));
        ws();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return a;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', pos)) {
      pos += 4;
      return true;
    }
    if (text.startsWith('false', pos)) {
      pos += 5;
      return false;
    }
    if (text.startsWith('null', pos)) {
      pos += 4;
      return null;
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!m) fail('unexpected character');
    pos += m![0].length;
    return new JNum(m![0]);
  };
  const v = value(0);
  return [v, pos];
}

/** Parses a whole JSON text (trailing whitespace only). */
export function parseJson(text: string): JValue {
  const [v, end] = parseJsonPrefix(text, 0);
  let pos = end;
  while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  if (pos !== text.length) throw new JsonSyntaxError(pos, 'trailing data after the JSON value');
  return v;
}

const INTEGER = /^-?\d+$/;

/** Structural equality; integers compared exactly (int64 beyond 2^53 too), other numbers by value. */
export function jsonEqual(a: JValue, b: JValue): boolean {
  if (a === b) return true;
  if (a instanceof JNum && b instanceof JNum) {
    if (a.text === b.text) return true;
    if (INTEGER.test(a.text) && INTEGER.test(b.text)) return BigInt(a.text) === BigInt(b.text);
    return Number(a.text) === Number(b.text);
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]!));
  if (a instanceof JObj && b instanceof JObj) {
    if (a.map.size !== b.map.size) return false;
    for (const [k, v] of a.map) {
      const w = b.map.get(k);
      if (w === undefined || !jsonEqual(v, w)) return false;
    }
    return true;
  }
  return false;
}

export type PlainJson = null | boolean | number | bigint | string | PlainJson[] | { [key: string]: PlainJson };

/**
 * A parsed value as plain data: null-prototype objects (a key "__proto__" stays data),
 * integers outside the safe range as bigint, other numbers as number. Throws
 * JsonSyntaxError (at = 0) past `maxDepth` levels of nesting.
 */
export function toPlainJson(v: JValue, maxDepth = MAX_JSON_DEPTH, depth = 0): PlainJson {
  if (depth > maxDepth) throw new JsonSyntaxError(0, `nesting deeper than ${maxDepth}`);
  if (v instanceof JNum) {
    if (/^-?\d+$/.test(v.text)) {
      const n = Number(v.text);
      return Number.isSafeInteger(n) ? n : BigInt(v.text);
    }
    return Number(v.text);
  }
  if (Array.isArray(v)) return v.map((x) => toPlainJson(x, maxDepth, depth + 1));
  if (v instanceof JObj) {
    const o = Object.create(null) as { [key: string]: PlainJson };
    for (const [k, x] of v.map) o[k] = toPlainJson(x, maxDepth, depth + 1);
    return o;
  }
  return v;
}

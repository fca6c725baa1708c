// Protobuf (runtime.Unknown.raw) → object tree in Go's JSON shape, driven by the schema.
//
// Value tree: messages are null-prototype objects whose keys are in Go struct order;
// maps are `Map`s with keys sorted as Go sorts them; int64 beyond 2^53 are bigint;
// raw JSON (RawExtension, FieldsV1) is a RawJson holding compact JSON text.
import { CorruptDataError } from '../errors.js';
import {
  FLAG_INLINE,
  FLAG_MAP,
  FLAG_NULL_WHEN_ABSENT,
  FLAG_RENDER_ZERO,
  FLAG_OMIT_ZERO,
  FLAG_REPEATED,
  FLAG_REQUIRED,
  decodeTable,
  type FieldSpec,
  type MessageType,
  type ValueSpec,
} from './schema.js';
import { formatGoDuration, formatGoTime } from './go-format.js';
import { JsonSyntaxError, parseJson } from '../io/json-value.js';
import { compactJson } from './json-text.js';
import { parseWire, readVarint, readVarint64, utf8Lossy, utf8OrUndefined, tryParseWire, WireError, type WireField } from './wire.js';

/** Raw JSON carried by RawExtension/FieldsV1, embedded verbatim (compacted) in output. */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

export type K8sValue = string | number | bigint | boolean | null | RawJson | K8sValue[] | Map<string, K8sValue> | K8sObject;
export interface K8sObject {
  [key: string]: K8sValue;
}

export const MAX_DEPTH = 100;

/** Node's Buffer has utf8Slice (what toString('utf8', s, e) calls after its argument checks). */
type SliceableBuffer = Buffer & { utf8Slice(start: number, end: number): string };

interface Ctx {
  buf: Uint8Array;
  /** Same bytes as a Buffer, for fast UTF-8 slices (invalid sequences → U+FFFD, as Go). */
  text: SliceableBuffer;
  kind: string;
  /** Absolute offset of buf[0] in the stored value. */
  base: number;
}

function fail(ctx: Ctx, at: number, path: string, detail: string): never {
  throw new CorruptDataError('k8s', `${ctx.kind} field ${path || '.'}: ${detail}`, { offset: ctx.base + at });
}

export function int64Value(v: number | bigint): number | bigint {
  if (typeof v === 'number') return v;
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** Decodes a message in [start, end) as `type`. */
export function decodeMessage(buf: Uint8Array, start: number, end: number, type: MessageType, kind: string, base = 0, into?: K8sObject): K8sObject {
  const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as SliceableBuffer;
  return readMessage({ buf, text, kind, base }, start, end, type, '', 0, into);
}

/** `into`: an object to add the fields to (after its own keys) instead of a new one. */
function readMessage(ctx: Ctx, start: number, end: number, type: MessageType, path: string, depth: number, into?: K8sObject): K8sObject {
  if (depth > MAX_DEPTH) fail(ctx, start, path, `nesting deeper than ${MAX_DEPTH}`);
  const buf = ctx.buf;
  const dense = decodeTable(type);
  // collected values by field slot (repeated/map accumulate)
  const got: (K8sValue | undefined)[] = new Array<K8sValue | undefined>(type.fields.length);
  let unknown: Map<string, K8sValue> | undefined;
  let pos = start;
  while (pos < end) {
    const tagAt = pos;
    let tag = buf[pos]!;
    if (tag < 0x80) pos++;
    else {
      try {
        [tag, pos] = readVarint(buf, pos, end);
      } catch (e) {
        return wireFail(ctx, e, path);
      }
    }
    const no = Math.floor(tag / 8);
    const wt = tag & 7;
    const field = no < dense.length ? dense[no] : type.byNo.get(no);
    let vStart = pos;
    let vEnd: number;
    let varint: number | bigint = 0;
    try {
      if (wt === 0) {
        // small values (the common case) stay numbers; long varints (negative, > 2^49) as int64
        if (pos < end && buf[pos]! < 0x80) {
          varint = buf[pos]!;
          vEnd = pos + 1;
        } else {
          const [n, p2] = readVarint(buf, pos, end);
          if (p2 - pos <= 7) [varint, vEnd] = [n, p2];
          else [varint, vEnd] = readVarint64(buf, pos, end);
        }
      } else if (wt === 2) {
        let len: number;
        let p2: number;
        if (pos < end && buf[pos]! < 0x80) {
          len = buf[pos]!;
          p2 = pos + 1;
        } else [len, p2] = readVarint(buf, pos, end);
        if (len > end - p2) fail(ctx, pos, path + fieldPath(field, no), `length ${len} runs past the end of the message (${end - p2} bytes left)`);
        vStart = p2;
        vEnd = p2 + len;
      } else if (wt === 1) vEnd = pos + 8;
      else if (wt === 5) vEnd = pos + 4;
      else return fail(ctx, tagAt, path + fieldPath(field, no), `unsupported wire type ${wt}`);
      if (vEnd > end) fail(ctx, pos, path + fieldPath(field, no), 'fixed-size value runs past the end of the message');
    } catch (e) {
      return wireFail(ctx, e, path + fieldPath(field, no));
    }
    pos = vEnd;
    if (!field || no < 1) {
      unknown ??= new Map();
      unknown.set(`unknown:${no}`, dumpUnknown(ctx, wt, varint, vStart, vEnd, depth));
      continue;
    }
    const fpath = path + field.pathPart!;
    const slot = field.slot!;
    if (field.flags & FLAG_MAP) {
      if (wt !== 2) fail(ctx, tagAt, fpath, `wire type ${wt}, expected a map entry`);
      let m = got[slot] as Map<string, K8sValue> | undefined;
      if (!m) got[slot] = m = new Map();
      readMapEntry(ctx, vStart, vEnd, field.value, m, fpath, depth);
      continue;
    }
    if (field.flags & FLAG_REPEATED) {
      let arr = got[slot] as K8sValue[] | undefined;
      if (!arr) got[slot] = arr = [];
      if (wt === 2 && isVarintSpec(field.value)) {
        // packed
        let p = vStart;
        while (p < vEnd) {
          let v: bigint;
          try {
            [v, p] = readVarint64(buf, p, vEnd);
          } catch (e) {
            return wireFail(ctx, e, fpath);
          }
          arr.push(scalarFromVarint(field.value, v));
        }
      } else arr.push(readValue(ctx, wt, varint, vStart, vEnd, field.value, fpath, depth, tagAt));
      continue;
    }
    got[slot] = readValue(ctx, wt, varint, vStart, vEnd, field.value, fpath, depth, tagAt);
  }
  // Filled as a plain object and given its null prototype afterwards: V8 keeps such objects
  // in fast (shape) mode, where Object.create(null) objects are hash tables, which is ~3x
  // slower to render. setKey keeps a key "__proto__" a data property while filling.
  const out = into ?? ({} as K8sObject);
  emitFields(ctx, type, got, out, path, depth);
  if (unknown) for (const [k, v] of unknown) setKey(out, k, v);
  if (!into) Object.setPrototypeOf(out, null);
  return out;
}

/** out[k] = v, also for k "__proto__" (which on an object still having Object.prototype would set the prototype). */
function setKey(out: K8sObject, k: string, v: K8sValue): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

function fieldPath(field: FieldSpec | undefined, no: number): string {
  return field ? '.' + field.name : `.<field ${no}>`;
}

function wireFail(ctx: Ctx, e: unknown, path: string): never {
  if (e instanceof WireError) fail(ctx, e.at, path, e.reason);
  throw e;
}

/** Writes the collected values into `out` in JSON order, applying Go's omitempty rules. */
function emitFields(ctx: Ctx, type: MessageType, got: (K8sValue | undefined)[], out: K8sObject, path: string, depth: number): void {
  decodeTable(type);
  const fields = type.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const v = f.slot! >= 0 ? got[f.slot!] : undefined;
    if (f.flags & FLAG_INLINE) {
      if (v !== undefined && v !== null && typeof v === 'object' && !(v instanceof Map) && !Array.isArray(v) && !(v instanceof RawJson)) {
        for (const k of Object.keys(v)) setKey(out, k, (v as K8sObject)[k]!);
      } else if (v === undefined && f.value.type) {
        // absent embedded struct: Go still renders its required fields
        const inner = Object.create(null) as K8sObject;
        emitFields(ctx, f.value.type, [], inner, path, depth + 1);
        for (const k of Object.keys(inner)) setKey(out, k, inner[k]!);
      }
      continue;
    }
    if (v === undefined) {
      if (f.flags & FLAG_REQUIRED) setKey(out, f.name, zeroValue(f));
      continue;
    }
    if (!(f.flags & FLAG_RENDER_ZERO) && isZero(v, f)) continue;
    setKey(out, f.name, v instanceof Map && v.size > 1 ? sortMap(v) : v);
  }
}

/** Go's encoding/json writes map keys sorted by their UTF-8 bytes. */
function sortMap(m: Map<string, K8sValue>): Map<string, K8sValue> {
  const keys = [...m.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const out = new Map<string, K8sValue>();
  for (const k of keys) out.set(k, m.get(k)!);
  return out;
}

function zeroValue(f: FieldSpec): K8sValue {
  if (f.flags & (FLAG_REPEATED | FLAG_MAP | FLAG_NULL_WHEN_ABSENT)) return null;
  switch (f.value.code) {
    case 's':
      return '';
    case 'i':
      return 0;
    case 'B':
      return false;
    case 'd':
    case 'f':
      return 0;
    case 't':
    case 'T':
    case 'b':
    case 'r':
    case 'w':
    case 'F':
      return null;
    case 'q':
      return '0';
    case 'x':
      return 0;
    case 'D':
      return '0s';
    case 'm':
      return Object.create(null) as K8sObject;
  }
}

function isZero(v: K8sValue, f: FieldSpec): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  switch (f.value.code) {
    case 's':
      return v === '';
    case 'i':
    case 'd':
    case 'f':
      return v === 0 || v === 0n;
    case 'B':
      return v === false;
    case 'b':
      return v === null || v === '';
    case 't':
    case 'T':
      return v === null && (f.flags & FLAG_OMIT_ZERO) !== 0;
    default:
      return false; // messages present on the wire are rendered
  }
}

function isVarintSpec(s: ValueSpec): boolean {
  return s.code === 'i' || s.code === 'B';
}

function scalarFromVarint(s: ValueSpec, v: number | bigint): K8sValue {
  return s.code === 'B' ? v != 0 : int64Value(v);
}

function readValue(ctx: Ctx, wt: number, varint: number | bigint, s: number, e: number, spec: ValueSpec, path: string, depth: number, tagAt: number): K8sValue {
  // the common cases first, without the closure call
  if (wt === 2) {
    if (spec.code === 's') return ctx.text.utf8Slice(s, e);
    if (spec.code === 'm') return readMessage(ctx, s, e, spec.type!, path, depth + 1);
  } else if (wt === 0) {
    if (spec.code === 'i') return int64Value(varint);
    if (spec.code === 'B') return varint != 0;
  }
  const buf = ctx.buf;
  const want = (w: number): void => {
    if (wt !== w) fail(ctx, tagAt, path, `wire type ${wt}, expected ${w} for ${specName(spec)}`);
  };
  switch (spec.code) {
    case 'i':
      want(0);
      return int64Value(varint);
    case 'B':
      want(0);
      return varint != 0;
    case 'd':
      want(1);
      return new DataView(buf.buffer, buf.byteOffset + s, 8).getFloat64(0, true);
    case 'f':
      want(5);
      return new DataView(buf.buffer, buf.byteOffset + s, 4).getFloat32(0, true);
    case 's':
      want(2);
      return ctx.text.utf8Slice(s, e);
    case 'b':
      want(2);
      return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('base64');
    case 'm':
      want(2);
      return readMessage(ctx, s, e, spec.type!, path, depth + 1);
    case 'w': {
      want(2);
      const arr: K8sValue[] = [];
      for (const f of subFields(ctx, s, e, path)) if (f.no === 1) arr.push(readValue(ctx, f.wireType, f.value, f.start, f.end, spec.elem!, path + '[]', depth + 1, f.tagAt));
      return arr;
    }
    default:
      want(2);
      return readSpecial(ctx, s, e, spec.code, path);
  }
}

/** metav1.Fields: its map entries {1: key, 2: Fields} as a sorted Map; no entries → null (a nil map). */
function readFieldsSet(ctx: Ctx, s: number, e: number, path: string, depth: number): K8sValue {
  if (depth > MAX_DEPTH) fail(ctx, s, path, `nesting deeper than ${MAX_DEPTH}`);
  const out = new Map<string, K8sValue>();
  for (const entry of subFields(ctx, s, e, path)) {
    if (entry.no !== 1) continue;
    if (entry.wireType !== 2) fail(ctx, entry.tagAt, path, `wire type ${entry.wireType}, expected 2 for a Fields entry`);
    let key = '';
    let value: K8sValue = null;
    for (const kv of subFields(ctx, entry.start, entry.end, path)) {
      if (kv.wireType !== 2) continue;
      if (kv.no === 1) key = ctx.text.utf8Slice(kv.start, kv.end);
      else if (kv.no === 2) value = readFieldsSet(ctx, kv.start, kv.end, `${path}[${JSON.stringify(key)}]`, depth + 1);
    }
    out.set(key, value);
  }
  return out.size ? sortMap(out) : null;
}

function specName(spec: ValueSpec): string {
  const names: Record<string, string> = { s: 'string', b: 'bytes', i: 'integer', B: 'bool', d: 'double', f: 'float', t: 'Time', T: 'MicroTime', D: 'Duration', q: 'Quantity', x: 'IntOrString', r: 'raw JSON', m: 'message', w: 'list', F: 'Fields' };
  return names[spec.code] ?? spec.code;
}

function subFields(ctx: Ctx, s: number, e: number, path: string): WireField[] {
  try {
    return parseWire(ctx.buf, s, e);
  } catch (err) {
    return wireFail(ctx, err, path);
  }
}

function readSpecial(ctx: Ctx, s: number, e: number, code: string, path: string): K8sValue {
  const buf = ctx.buf;
  if (code === 't' || code === 'T') {
    const t = plainTimestamp(buf, s, e);
    if (t !== undefined) return s === e ? null : formatGoTime(t[0], t[1], code === 'T');
  }
  if (code === 'F') return readFieldsSet(ctx, s, e, path, 0);
  const sub = subFields(ctx, s, e, path);
  const get = (no: number): (typeof sub)[number] | undefined => {
    let last;
    for (const f of sub) if (f.no === no) last = f;
    return last;
  };
  switch (code) {
    case 't':
    case 'T': {
      const secs = get(1)?.value ?? 0n;
      const nanos = Number(get(2)?.value ?? 0n);
      if (sub.length === 0 || (secs === -62135596800n && nanos === 0)) return null; // zero time
      return formatGoTime(secs, nanos, code === 'T');
    }
    case 'D':
      return formatGoDuration(get(1)?.value ?? 0n);
    case 'q': {
      const f = get(1);
      return f ? utf8Lossy(buf, f.start, f.end) : '0';
    }
    case 'x': {
      const type = get(1)?.value ?? 0n;
      if (type === 1n) {
        const f = get(3);
        return f ? utf8Lossy(buf, f.start, f.end) : '';
      }
      return int64Value(BigInt.asIntN(32, get(2)?.value ?? 0n));
    }
    case 'r': {
      const f = get(1);
      if (!f) return null;
      const text = utf8OrUndefined(buf, f.start, f.end);
      if (text === undefined) fail(ctx, f.start, path, 'raw object is not UTF-8 JSON');
      try {
        return new RawJson(compactJson(parseJson(text)));
      } catch (err) {
        if (err instanceof JsonSyntaxError) fail(ctx, f.start + err.at, path, `raw object is not valid JSON (${err.message})`);
        throw err;
      }
    }
  }
  return fail(ctx, s, path, `unknown schema code ${code}`);
}

/**
 * Timestamp {seconds=1, nanos=2} when it is the plain case (non-negative, short varints,
 * single-byte tags): [seconds, nanos]; undefined sends it the general way.
 */
function plainTimestamp(buf: Uint8Array, s: number, e: number): [number, number] | undefined {
  let secs = 0;
  let nanos = 0;
  let p = s;
  while (p < e) {
    const tag = buf[p++]!;
    if (tag !== 0x08 && tag !== 0x10) return undefined;
    let v = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (i === (tag === 0x08 ? 7 : 4) || p >= e) return undefined;
      const b = buf[p++]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    if (tag === 0x08) secs = v;
    else nanos = v;
  }
  return [secs, nanos];
}

/**
 * Map-entry fast path: a length varint of at most 4 bytes at p → the payload start, its
 * length in shortLenValue; -1 when unusual (the general path then reports any error).
 */
let shortLenValue = 0;
function shortLen(buf: Uint8Array, p: number, e: number): number {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 4 && p + i < e; i++) {
    const b = buf[p + i]!;
    v += (b & 0x7f) * mul;
    if (b < 0x80) {
      shortLenValue = v;
      return p + i + 1;
    }
    mul *= 128;
  }
  return -1;
}

function readMapEntry(ctx: Ctx, s: number, e: number, spec: ValueSpec, m: Map<string, K8sValue>, path: string, depth: number): void {
  // fast path: exactly `key (field 1, bytes)` then `value (field 2, bytes)`, well-formed
  const buf = ctx.buf;
  if (s < e && buf[s] === 0x0a) {
    const ks = shortLen(buf, s + 1, e);
    const ke = ks + shortLenValue;
    if (ks >= 0 && ke < e && buf[ke] === 0x12) {
      const vs = shortLen(buf, ke + 1, e);
      if (vs >= 0 && vs + shortLenValue === e) {
        const key = ctx.text.utf8Slice(ks, ke);
        const val = spec.code === 's' ? ctx.text.utf8Slice(vs, e) : readValue(ctx, 2, 0n, vs, e, spec, `${path}[${JSON.stringify(key)}]`, depth + 1, ke);
        m.set(key, val);
        return;
      }
    }
  }
  const sub = subFields(ctx, s, e, path);
  let key = '';
  let val: K8sValue | undefined;
  for (const f of sub) {
    if (f.no === 1) {
      if (f.wireType !== 2) fail(ctx, f.tagAt, path, `map key has wire type ${f.wireType}, expected 2`);
      key = ctx.text.utf8Slice(f.start, f.end);
    } else if (f.no === 2) {
      val = readValue(ctx, f.wireType, f.value, f.start, f.end, spec, `${path}[${JSON.stringify(key)}]`, depth + 1, f.tagAt);
    }
  }
  if (val === undefined) {
    switch (spec.code) {
      case 's':
        val = '';
        break;
      case 'm':
        val = readMessage(ctx, 0, 0, spec.type!, path, depth + 1);
        break;
      default:
        val = null;
    }
  }
  m.set(key, val);
}

/** Schema-less dump of a field the schema does not know (kept visible, never dropped). */
function dumpUnknown(ctx: Ctx, wt: number, varint: number | bigint, s: number, e: number, depth: number): K8sValue {
  const buf = ctx.buf;
  if (wt === 0) return int64Value(varint);
  if (wt === 1 || wt === 5) return Buffer.from(buf.subarray(s, e)).toString('hex');
  const text = utf8OrUndefined(buf, s, e);
  if (text !== undefined && /^[\P{C}\n\t]*$/u.test(text)) return text;
  const sub = depth < MAX_DEPTH ? tryParseWire(buf, s, e) : undefined;
  if (sub && sub.length) {
    const o = Object.create(null) as K8sObject;
    for (const f of sub) {
      const k = `${f.no}`;
      const v = dumpUnknown(ctx, f.wireType, f.value, f.start, f.end, depth + 1);
      const prev = o[k];
      o[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    return o;
  }
  return Buffer.from(buf.subarray(s, e)).toString('base64');
}

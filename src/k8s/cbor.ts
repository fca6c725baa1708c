// Kubernetes CBOR (KEP-4222): what kube-apiserver stores with the CBOR storage gate and
// serves as application/cbor. The value is the self-described tag 55799 (`d9 d9 f7`) and one
// data item: the object as its JSON would be (same keys, same omitempty rules), encoded by
// apimachinery's deterministic mode (runtime/serializer/cbor/internal/modes/encode.go):
//   - map keys and struct fields sorted bytewise on their encoding (RFC 8949 4.2.1): shorter first;
//   - Go strings and field names as byte strings (major 2), never text strings;
//   - []byte as tag 22 ("expected base64") + byte string; Time as its RFC3339 string;
//   - integers in the shortest head; floats in the shortest of float16/32/64 that keeps the
//     value; no NaN or infinities; definite lengths only; nil slices and maps as null.
// Decoding gives the JSON the apiserver serves: a kind the schema knows in Go struct order
// (its maps sorted), any other (a custom resource: unstructured) with every map sorted, as
// encoding/json writes map[string]interface{}.
import { CorruptDataError } from '../errors.js';
import { int64Value, RawJson, MAX_DEPTH, type K8sObject, type K8sValue } from './decode.js';
import { renderJson } from './json-text.js';
import { FLAG_INLINE, FLAG_MAP, FLAG_OMIT_ZERO, FLAG_REPEATED, type FieldSpec, type MessageType, type ValueSpec } from './schema.js';
import { JNum, JObj, type JValue } from '../io/json-value.js';

export const CBOR_SELF_DESCRIBED = Uint8Array.of(0xd9, 0xd9, 0xf7);
const TAG_SELF_DESCRIBED = 55799;
const TAG_BASE64URL = 21;
const TAG_BASE64 = 22;
const TAG_BASE16 = 23;
const TAG_RFC3339 = 0;

// ---- schema: a message's JSON fields with embedded structs flattened ----

interface FlatFields {
  /** JSON name → index into fields. */
  byName: Map<string, number>;
  /** Fields in JSON (Go struct) order, inline ones expanded in place. */
  fields: FieldSpec[];
  /** UTF-8 name of each field. */
  names: Uint8Array[];
  /** Field indices in the order Go's encoder writes them (by encoded key: shorter first, then bytewise). */
  wireOrder: number[];
}

const flats = new WeakMap<MessageType, FlatFields>();

function flatOf(type: MessageType): FlatFields {
  let f = flats.get(type);
  if (f) return f;
  const fields: FieldSpec[] = [];
  const add = (t: MessageType, depth: number): void => {
    for (const x of t.fields) {
      if (x.flags & FLAG_INLINE) {
        if (x.value.type && depth < 16) add(x.value.type, depth + 1);
      } else fields.push(x);
    }
  };
  add(type, 0);
  const byName = new Map<string, number>();
  fields.forEach((x, i) => {
    if (!byName.has(x.name)) byName.set(x.name, i);
  });
  const names = fields.map((x) => new TextEncoder().encode(x.name));
  const wireOrder = fields.map((_, i) => i).sort((a, b) => names[a]!.length - names[b]!.length || Buffer.compare(names[a]!, names[b]!));
  f = { byName, fields, names, wireOrder };
  flats.set(type, f);
  return f;
}

// ---- decoding ----

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Go's sort of map keys (encoding/json): by UTF-8 bytes. */
function byUtf8(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** ASCII keys: UTF-16 order is UTF-8 byte order. */
function byCodeUnit(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function byUtf8Entry(a: [string, unknown], b: [string, unknown]): number {
  return byUtf8(a[0], b[0]);
}

type SliceableBuffer = Buffer & { utf8Slice(s: number, e: number): string; latin1Slice(s: number, e: number): string };

class CborReader {
  pos: number;
  /** The argument of the last head read (a number up to 2^53, else a bigint). */
  arg: number | bigint = 0;
  /** The last string read had a byte >= 0x80. */
  nonAscii = false;
  readonly text: SliceableBuffer;
  constructor(
    readonly buf: Uint8Array,
    start: number,
    readonly end: number,
    readonly label: string,
  ) {
    this.pos = start;
    this.text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as SliceableBuffer;
  }

  /** A byte string as Go's string of it renders (invalid UTF-8 → U+FFFD), or a text string (must be valid). */
  str(s: number, e: number, strict: boolean, at: number): string {
    const b = this.buf;
    let p = s;
    while (p < e && b[p]! < 0x80) p++;
    this.nonAscii = p < e;
    if (p === e) return this.text.latin1Slice(s, e);
    return strict ? this.strictText(s, e, at) : this.text.utf8Slice(s, e);
  }

  /** Skips one data item (tags included), bounds-checked. */
  skip(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(this.pos, `nesting deeper than ${MAX_DEPTH}`);
    const at = this.pos;
    const major = this.head();
    switch (major) {
      case 2:
      case 3:
        this.stringBytes(at);
        return;
      case 4: {
        const n = this.count(at, 1);
        for (let i = 0; i < n; i++) this.skip(depth + 1);
        return;
      }
      case 5: {
        const n = this.count(at, 2);
        for (let i = 0; i < 2 * n; i++) this.skip(depth + 1);
        return;
      }
      case 6:
        this.skip(depth + 1);
        return;
    }
  }

  fail(at: number, detail: string): never {
    throw new CorruptDataError('k8s', `CBOR ${this.label}: ${detail}`, { offset: at });
  }

  /** Reads a head: returns the major type, the argument in this.arg (additional info 31 is refused). */
  head(): number {
    const at = this.pos;
    if (at >= this.end) this.fail(at, 'truncated (a data item was expected)');
    const ib = this.buf[this.pos++]!;
    const major = ib >> 5;
    const ai = ib & 31;
    if (ai < 24) this.arg = ai;
    else if (ai <= 27) {
      const n = 1 << (ai - 24);
      if (this.pos + n > this.end) this.fail(at, `truncated head (${n}-byte argument)`);
      const b = this.buf;
      const p = this.pos;
      if (n === 1) this.arg = b[p]!;
      else if (n === 2) this.arg = (b[p]! << 8) | b[p + 1]!;
      else if (n === 4) this.arg = ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
      else {
        const hi = ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
        const lo = ((b[p + 4]! << 24) | (b[p + 5]! << 16) | (b[p + 6]! << 8) | b[p + 7]!) >>> 0;
        this.arg = hi < 0x200000 ? hi * 0x100000000 + lo : (BigInt(hi) << 32n) | BigInt(lo);
      }
      this.pos += n;
    } else if (ai === 31) this.fail(at, 'indefinite-length item (the Kubernetes encoder writes definite lengths only)');
    else this.fail(at, `reserved additional information ${ai}`);
    return major;
  }

  /** A length argument that fits in what is left of the input (each item is one byte at least). */
  count(at: number, perItem: number): number {
    const n = this.arg;
    if (typeof n === 'bigint' || n * perItem > this.end - this.pos) this.fail(at, `length ${n} runs past the end of the value (${this.end - this.pos} bytes left)`);
    return n;
  }

  /** The bytes of a byte or text string whose head was read. */
  stringBytes(at: number): [number, number] {
    const n = this.count(at, 1);
    const s = this.pos;
    this.pos += n;
    return [s, s + n];
  }

  /** A map key: a byte or text string. */
  key(): string {
    const at = this.pos;
    let major = this.head();
    while (major === 6 && this.arg === TAG_SELF_DESCRIBED) major = this.head();
    if (major !== 2 && major !== 3) this.fail(at, `map key of major type ${major}, expected a string`);
    const [s, e] = this.stringBytes(at);
    return this.str(s, e, major === 3, at);
  }

  strictText(s: number, e: number, at: number): string {
    try {
      return utf8Strict.decode(this.buf.subarray(s, e));
    } catch {
      return this.fail(at, 'text string is not valid UTF-8');
    }
  }

  /**
   * One data item as the JSON value Go renders for it. `spec` (a schema field's value, or
   * undefined for unstructured content) decides struct order, []byte and raw JSON;
   * `flags` are the field's (map / repeated).
   */
  value(spec: ValueSpec | undefined, flags: number, depth: number): K8sValue {
    if (depth > MAX_DEPTH) this.fail(this.pos, `nesting deeper than ${MAX_DEPTH}`);
    // RawExtension / FieldsV1: Go renders the content as compact JSON of the unstructured value
    if (spec?.code === 'r' && !(flags & (FLAG_MAP | FLAG_REPEATED))) {
      const v = this.value(undefined, 0, depth);
      return v === null ? null : new RawJson(renderJson(v, ''));
    }
    const at = this.pos;
    let major = this.head();
    let tag = -1;
    while (major === 6) {
      const t = this.arg;
      if (t === TAG_SELF_DESCRIBED) {
        major = this.head();
        continue;
      }
      if (tag >= 0 || (t !== TAG_BASE64 && t !== TAG_BASE64URL && t !== TAG_BASE16 && t !== TAG_RFC3339)) this.fail(at, `unsupported tag ${t}`);
      tag = t as number;
      major = this.head();
    }
    if (tag === TAG_RFC3339 && major !== 3 && major !== 2) this.fail(at, 'tag 0 (date/time) on a non-string');
    switch (major) {
      case 0:
        return int64Value(this.arg);
      case 1: {
        const n = this.arg;
        return int64Value(typeof n === 'bigint' || n >= Number.MAX_SAFE_INTEGER ? -1n - BigInt(n) : -1 - n);
      }
      case 2: {
        const [s, e] = this.stringBytes(at);
        if (tag < 0 && spec?.code !== 'b') return this.str(s, e, false, at);
        const b = Buffer.from(this.buf.buffer, this.buf.byteOffset + s, e - s);
        if (tag === TAG_BASE64) return b.toString('base64');
        if (tag === TAG_BASE64URL) return b.toString('base64url');
        if (tag === TAG_BASE16) return b.toString('hex');
        // a []byte field holds the bytes themselves; a string field holds them as text
        if (spec?.code === 'b' && !(flags & FLAG_MAP)) return b.toString('base64');
        return this.str(s, e, false, at);
      }
      case 3: {
        const [s, e] = this.stringBytes(at);
        return this.str(s, e, true, at);
      }
      case 4: {
        const n = this.count(at, 1);
        const out: K8sValue[] = new Array(n);
        const elem = flags & FLAG_REPEATED ? spec : spec?.code === 'w' ? spec.elem : undefined;
        for (let i = 0; i < n; i++) out[i] = this.value(elem, 0, depth + 1);
        return out;
      }
      case 5: {
        const n = this.count(at, 2);
        if (flags & FLAG_MAP) return this.map(n, spec, depth, at);
        if (spec?.code === 'm' && !(flags & FLAG_REPEATED)) return this.message(n, spec.type!, depth, at);
        return this.map(n, undefined, depth, at);
      }
      case 7:
        return this.simple(at);
    }
    return this.fail(at, `major type ${major} where a value was expected`);
  }

  simple(at: number): K8sValue {
    const ib = this.buf[at]!;
    const v = this.arg as number;
    switch (ib & 31) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
      case 23:
        return null;
      case 25:
        return halfToNumber(v);
      case 26:
        return new DataView(this.buf.buffer, this.buf.byteOffset + at + 1, 4).getFloat32(0, false);
      case 27:
        return new DataView(this.buf.buffer, this.buf.byteOffset + at + 1, 8).getFloat64(0, false);
    }
    return this.fail(at, `simple value ${v}`);
  }

  /** A Kubernetes map (labels…) or unstructured content: keys sorted as encoding/json sorts them. */
  map(n: number, valueSpec: ValueSpec | undefined, depth: number, at: number): Map<string, K8sValue> {
    const entries: [string, K8sValue][] = new Array(n);
    let nonAscii = false;
    for (let i = 0; i < n; i++) {
      const k = this.key();
      nonAscii ||= this.nonAscii;
      entries[i] = [k, this.value(valueSpec, 0, depth + 1)];
    }
    if (n > 1) {
      entries.sort(nonAscii ? byUtf8Entry : byCodeUnit);
      for (let i = 1; i < n; i++) if (entries[i]![0] === entries[i - 1]![0]) this.fail(at, `duplicate map key ${JSON.stringify(entries[i]![0])}`);
    }
    return new Map(entries);
  }

  /** A struct: its keys in Go struct order, keys the schema does not know after them (sorted). */
  message(n: number, type: MessageType, depth: number, at: number, head?: K8sObject): K8sObject {
    const flat = flatOf(type);
    const got: (K8sValue | undefined)[] = new Array(flat.fields.length);
    let unknown: [string, K8sValue][] | undefined;
    const order = flat.wireOrder;
    const names = flat.names;
    const buf = this.buf;
    let j = 0;
    for (let i = 0; i < n; i++) {
      const kAt = this.pos;
      // Go writes the keys in wireOrder: match them by their bytes, without building strings
      const ib = buf[kAt];
      if (ib !== undefined && ib >= 0x40 && ib < 0x58) {
        const ks = kAt + 1;
        const len = ib - 0x40;
        if (ks + len <= this.end) {
          while (j < order.length && cmpKey(names[order[j]!]!, buf, ks, len) < 0) j++;
          if (j < order.length && cmpKey(names[order[j]!]!, buf, ks, len) === 0) {
            const fi = order[j++]!;
            this.pos = ks + len;
            const f = flat.fields[fi]!;
            got[fi] = this.value(f.value, f.flags, depth + 1);
            continue;
          }
        }
      }
      const k = this.key();
      const fi = flat.byName.get(k);
      if (fi !== undefined) {
        const f = flat.fields[fi]!;
        if (got[fi] !== undefined) this.fail(kAt, `duplicate map key ${JSON.stringify(k)}`);
        got[fi] = this.value(f.value, f.flags, depth + 1);
      } else (unknown ??= []).push([k, this.value(undefined, 0, depth + 1)]);
    }
    const out = head ?? ({} as K8sObject);
    for (let i = 0; i < got.length; i++) {
      const v = got[i];
      if (v !== undefined) setKey(out, flat.fields[i]!.name, v);
    }
    if (unknown) {
      unknown.sort(byUtf8Entry);
      for (let i = 0; i < unknown.length; i++) {
        if (i > 0 && unknown[i]![0] === unknown[i - 1]![0]) this.fail(at, `duplicate map key ${JSON.stringify(unknown[i]![0])}`);
        if (head && (unknown[i]![0] === 'kind' || unknown[i]![0] === 'apiVersion')) continue;
        setKey(out, unknown[i]![0], unknown[i]![1]);
      }
    }
    if (!head) Object.setPrototypeOf(out, null);
    return out;
  }
}

/** A field name against a key of `len` bytes at buf[s]: by length, then bytewise. */
function cmpKey(name: Uint8Array, buf: Uint8Array, s: number, len: number): number {
  if (name.length !== len) return name.length - len;
  for (let i = 0; i < len; i++) {
    const d = name[i]! - buf[s + i]!;
    if (d) return d;
  }
  return 0;
}

function setKey(out: K8sObject, k: string, v: K8sValue): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

export interface CborDecoded {
  apiVersion: string;
  kind: string;
  object: K8sObject;
  /** The schema knew the kind (struct order); else unstructured (every map sorted). */
  typed: boolean;
}

/**
 * Decodes a CBOR value (`d9 d9 f7` + one map). `typeOf` finds the kind's message type.
 * Throws CorruptDataError naming the byte offset for damaged input.
 */
export function decodeCbor(bytes: Uint8Array, typeOf: (apiVersion: string, kind: string) => MessageType | undefined): CborDecoded {
  const r = new CborReader(bytes, 0, bytes.length, 'value');
  let major = r.head();
  while (major === 6 && r.arg === TAG_SELF_DESCRIBED) major = r.head();
  if (major !== 5) r.fail(0, `top-level item of major type ${major}, expected a map (an object)`);
  const n = r.count(0, 2);
  const bodyAt = r.pos;
  // first pass over the top-level keys for kind/apiVersion (needed to pick the type)
  const peek = new CborReader(bytes, bodyAt, bytes.length, 'value');
  let apiVersion = '';
  let kind = '';
  for (let i = 0; i < n; i++) {
    const k = peek.key();
    if (k === 'kind' || k === 'apiVersion') {
      const v = peek.value(undefined, 0, 1);
      if (typeof v === 'string') {
        if (k === 'kind') kind = v;
        else apiVersion = v;
      }
    } else peek.skip(1);
  }
  if (peek.pos !== bytes.length) peek.fail(peek.pos, `${bytes.length - peek.pos} bytes after the object`);
  const type = typeOf(apiVersion, kind);
  let object: K8sObject;
  if (type) {
    // TypeMeta (kind, apiVersion) first, as Go's embedded struct renders it
    const head = {} as K8sObject;
    if (kind) head.kind = kind;
    if (apiVersion) head.apiVersion = apiVersion;
    object = r.message(n, type, 0, 0, head);
    Object.setPrototypeOf(object, null);
  } else {
    const m = r.map(n, undefined, 0, 0);
    object = Object.create(null) as K8sObject;
    for (const [k, v] of m) setKey(object, k, v);
  }
  return { apiVersion, kind, object, typed: type !== undefined };
}

// ---- encoding ----

class CborWriter {
  buf = new Uint8Array(1024);
  len = 0;

  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  /** A head in its shortest form. */
  head(major: number, n: number | bigint): void {
    const m = major << 5;
    if (typeof n === 'number' && n < 24) return this.byte(m | n);
    if (typeof n === 'number' && n < 0x100) {
      this.byte(m | 24);
      return this.byte(n);
    }
    if (typeof n === 'number' && n < 0x10000) {
      this.byte(m | 25);
      this.byte(n >> 8);
      return this.byte(n & 0xff);
    }
    if (typeof n === 'number' && n < 0x100000000) {
      this.ensure(5);
      this.buf[this.len++] = m | 26;
      new DataView(this.buf.buffer).setUint32(this.len, n, false);
      this.len += 4;
      return;
    }
    this.ensure(9);
    this.buf[this.len++] = m | 27;
    new DataView(this.buf.buffer).setBigUint64(this.len, BigInt(n), false);
    this.len += 8;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
}

const enc = new TextEncoder();
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INTEGER = /^-?\d+$/;

function bad(path: string, detail: string): never {
  throw new CorruptDataError('k8s', `encode CBOR field ${path || '.'}: ${detail}`);
}

function writeInt(w: CborWriter, n: bigint): void {
  if (n >= 0n) w.head(0, n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n);
  else {
    const m = -1n - n;
    w.head(1, m <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(m) : m);
  }
}

/** The float16 bits of x when x converts exactly, else undefined. */
function exactHalf(x: number): number | undefined {
  if (x === 0) return Object.is(x, -0) ? 0x8000 : 0;
  const sign = x < 0 ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a > 65504) return undefined;
  if (a < 2 ** -14) {
    const m = a * 2 ** 24;
    return Number.isInteger(m) ? sign | m : undefined;
  }
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  const m = (a / 2 ** e - 1) * 1024;
  if (!Number.isInteger(m)) return undefined;
  return sign | ((e + 15) << 10) | m;
}

/** ShortestFloat16: the narrowest of float16, float32, float64 that holds the value exactly. */
function writeFloat(w: CborWriter, x: number, path: string): void {
  if (!Number.isFinite(x)) bad(path, 'NaN and infinite values are not encoded (as in JSON)');
  const h = exactHalf(x);
  if (h !== undefined) {
    w.byte(0xf9);
    w.byte(h >> 8);
    w.byte(h & 0xff);
    return;
  }
  w.ensure(9);
  const dv = new DataView(w.buf.buffer);
  if (Math.fround(x) === x) {
    w.buf[w.len++] = 0xfa;
    dv.setFloat32(w.len, x, false);
    w.len += 4;
  } else {
    w.buf[w.len++] = 0xfb;
    dv.setFloat64(w.len, x, false);
    w.len += 8;
  }
}

function writeString(w: CborWriter, s: string): void {
  const b = enc.encode(s);
  w.head(2, b.length);
  w.bytes(b);
}

/** Map entries in the deterministic order: by the encoded key (byte strings: shorter first, then bytewise). */
function sortedKeys(keys: Iterable<string>): [string, Uint8Array][] {
  return [...keys].map((k) => [k, enc.encode(k)] as [string, Uint8Array]).sort((a, b) => a[1].length - b[1].length || Buffer.compare(a[1], b[1]));
}

/** A JSON number as Go's unstructured decoding holds it: int64 when it is an integer literal in range, else float64. */
function writeGenericNumber(w: CborWriter, v: JNum, path: string): void {
  if (INTEGER.test(v.text)) {
    const n = BigInt(v.text);
    if (n >= INT64_MIN && n <= INT64_MAX && v.text !== '-0') return writeInt(w, n);
  }
  writeFloat(w, Number(v.text), path);
}

function writeValue(w: CborWriter, v: JValue, spec: ValueSpec | undefined, flags: number, path: string, depth: number): void {
  if (depth > MAX_DEPTH) bad(path, `nesting deeper than ${MAX_DEPTH}`);
  if (v === null) return w.byte(0xf6);
  if (typeof v === 'boolean') return w.byte(v ? 0xf5 : 0xf4);
  const code = spec?.code;
  if (typeof v === 'string') {
    if (code === 'b' && !(flags & FLAG_MAP)) {
      w.byte(0xd6); // tag 22: base64 when rendered as text
      const b = Buffer.from(v, 'base64');
      w.head(2, b.length);
      return w.bytes(b);
    }
    return writeString(w, v);
  }
  if (v instanceof JNum) {
    if (code === 'd' || code === 'f') {
      const x = Number(v.text);
      return writeFloat(w, code === 'f' ? Math.fround(x) : x, path);
    }
    if ((code === 'i' || code === 'x') && INTEGER.test(v.text)) return writeInt(w, BigInt(v.text));
    return writeGenericNumber(w, v, path);
  }
  if (Array.isArray(v)) {
    const elem = flags & FLAG_REPEATED ? spec : code === 'w' ? spec!.elem : undefined;
    w.head(4, v.length);
    v.forEach((x, i) => writeValue(w, x, elem, 0, `${path}[${i}]`, depth + 1));
    return;
  }
  // an object
  if (code === 'm' && !(flags & (FLAG_MAP | FLAG_REPEATED))) return writeStruct(w, v, spec!.type!, path, depth);
  const valueSpec = flags & FLAG_MAP ? spec : undefined;
  const keys = sortedKeys(v.map.keys());
  w.head(5, keys.length);
  for (const [k, kb] of keys) {
    w.head(2, kb.length);
    w.bytes(kb);
    writeValue(w, v.map.get(k)!, valueSpec, 0, `${path}[${JSON.stringify(k)}]`, depth + 1);
  }
}

function writeStruct(w: CborWriter, v: JObj, type: MessageType, path: string, depth: number): void {
  const flat = flatOf(type);
  const keys = sortedKeys([...v.map.keys()].filter((k) => {
    const fi = flat.byName.get(k);
    // a zero omitzero field (creationTimestamp: null) is left out by Go's typed encoding
    return !(fi !== undefined && flat.fields[fi]!.flags & FLAG_OMIT_ZERO && v.map.get(k) === null);
  }));
  w.head(5, keys.length);
  for (const [k, kb] of keys) {
    w.head(2, kb.length);
    w.bytes(kb);
    const fi = flat.byName.get(k);
    const f = fi === undefined ? undefined : flat.fields[fi]!;
    writeValue(w, v.map.get(k)!, f?.value, f?.flags ?? 0, path + '.' + k, depth + 1);
  }
}

/**
 * `d9 d9 f7` + the object as apimachinery's CBOR serializer writes it: typed (struct rules:
 * []byte as tag 22, float fields as floats) when `type` is given, else as unstructured
 * content (a custom resource): integers as int64, other numbers as float64.
 */
export function encodeCbor(object: JObj, type: MessageType | undefined): Uint8Array {
  const w = new CborWriter();
  w.bytes(CBOR_SELF_DESCRIBED);
  if (type) writeStruct(w, object, type, '', 0);
  else writeValue(w, object, undefined, 0, '', 0);
  return w.buf.slice(0, w.len);
}

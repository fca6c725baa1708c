// Protobuf (runtime.Unknown.raw) → JSON text directly from the wire bytes, without the
// object tree of decode.ts: the same text `renderJson(decodeMessage(...))` gives, about
// 5x faster.
//
// Contract: renderStoredJson returns exactly the tree path's text, or undefined when it
// cannot be sure (damaged or unusual input: wrong wire types, truncation, unknown fields,
// a non-repeated field written twice, duplicate map keys, negative or overlong timestamps
// written oddly, too deep...). The caller then runs the tree path, which either renders
// the value or throws its CorruptDataError with field path and offset. So error messages
// and every rare shape come from one place (decode.ts), and this module only has to be
// right on what it accepts.
//
// How: per message, one pass over the wire records each field's occurrences (offsets in
// typed-array pools shared by all depths, used as a stack), then the fields are written in
// Go struct (schema) order. Per MessageType a plan (WeakMap, never keyed by kind name:
// per-release schema views are distinct MessageType objects) holds the quoted keys for
// both layouts and the zero texts.
import { FLAG_INLINE, FLAG_MAP, FLAG_OMIT_ZERO, FLAG_RENDER_ZERO, FLAG_REPEATED, FLAG_REQUIRED, decodeTable, type FieldSpec, type MessageType, type ValueSpec } from './schema.js';
import { formatGoDuration, formatGoTime, goJsonString } from './go-format.js';
import { decodeMessage, MAX_DEPTH } from './decode.js';
import { parseJson } from '../io/json-value.js';
import { compactJson, reindent, renderJson } from './json-text.js';
import { parseJsonForYaml, resolveJsonNumber, type YamlMapping, type YamlValue } from './yaml/json-value.js';
import { lengthPrefixAt, prefixedLength, readVarint64, utf8Lossy, utf8OrUndefined } from './wire.js';

/** Thrown inside this module when the tree path must decide; never escapes. */
const FALLBACK = new Error('render-json: fallback to the tree decoder');

// value codes (switch on small ints)
const C_STRING = 0;
const C_BYTES = 1;
const C_INT = 2;
const C_BOOL = 3;
const C_DOUBLE = 4;
const C_FLOAT = 5;
const C_TIME = 6;
const C_MICROTIME = 7;
const C_DURATION = 8;
const C_QUANTITY = 9;
const C_INT_OR_STRING = 10;
const C_RAW = 11;
const C_MESSAGE = 12;
const C_LIST = 13;
/** metav1.Fields (1.14/1.15 managedFields): left to the tree path. */
const C_FIELDS = 14;

// field plan bits
const B_INLINE = 1;
const B_MAP = 2;
const B_REPEATED = 4;
const B_REQUIRED = 8;
const B_RENDER_ZERO = 16;
/** A Time with `omitzero` in a release that has the tag: a zero (null) is left out. */
const B_OMIT_ZERO = 32;

const CODES: Record<ValueSpec['code'], number> = { s: C_STRING, b: C_BYTES, i: C_INT, B: C_BOOL, d: C_DOUBLE, f: C_FLOAT, t: C_TIME, T: C_MICROTIME, D: C_DURATION, q: C_QUANTITY, x: C_INT_OR_STRING, r: C_RAW, m: C_MESSAGE, w: C_LIST, F: C_FIELDS };

/** How to render one value of a spec (a field's value, a list element, a map value). */
interface ValuePlan {
  code: number;
  /** C_MESSAGE: the message's plan. */
  message?: MessagePlan;
  /** C_LIST: the element plan. */
  elem?: ValuePlan;
}

interface FieldPlan {
  /** JSON name. */
  name: string;
  value: ValuePlan;
  slot: number;
  inline: boolean;
  map: boolean;
  repeated: boolean;
  required: boolean;
  renderZero: boolean;
  /** FLAG_OMIT_ZERO without FLAG_RENDER_ZERO: a zero Time is left out. */
  omitZero: boolean;
  /** What Go renders for an absent required field, UTF-8 and as text. */
  zeroText: Uint8Array;
  zeroJson: string;
  /** The compact key `"name":` is keyPool[keyAt, keyAt + keyLen) (the indented layout adds a space). */
  keyAt: number;
  keyLen: number;
}

interface MessagePlan {
  type: MessageType;
  fields: FieldPlan[];
  /** Field number → 1 + the field's value slot, 0 for none (from decode.ts's table: the same last-wins winner). */
  slotOf: Int16Array;
  /** Per slot: 1 when the field may occur more than once (repeated or map). */
  multi: Uint8Array;
  // per field (JSON order), the hot part of `fields` side by side in memory
  fieldSlot: Int16Array;
  /** B_* bits. */
  fieldBits: Uint8Array;
  fieldCode: Uint8Array;
  fieldKeyAt: Int32Array;
  fieldKeyLen: Uint16Array;
  /** Per field: its value plan, and the message plan of a message-valued field. */
  fieldValue: ValuePlan[];
  fieldMessage: (MessagePlan | undefined)[];
  slots: number;
  /** Some JSON name can come twice (embedded structs) or an embedded struct is not a message: tree path. */
  fallback: boolean;
  /** As a stored object's root: no field named kind/apiVersion (those would replace the TypeMeta in place: tree path). */
  rootSafe: boolean;
  /** JSON order is field-number order: emitInWireOrder may render it in one pass. */
  direct: boolean;
  /** Per JSON depth: where indentedKeys pooled each field's line start and key. */
  indentedKeyAt: (Int32Array | undefined)[];
}

const plans = new WeakMap<MessageType, MessagePlan>();

function planFor(type: MessageType): MessagePlan {
  let p = plans.get(type);
  if (p) return p;
  const dense = decodeTable(type);
  const slotOf = new Int16Array(dense.length);
  const multi = new Uint8Array(type.fields.length);
  dense.forEach((f, no) => {
    if (f && no > 0) slotOf[no] = f.slot! + 1;
  });
  for (const f of type.fields) if (f.flags & (FLAG_REPEATED | FLAG_MAP)) multi[f.slot!] = 1;
  const nf = type.fields.length;
  p = {
    type,
    fields: [],
    slotOf,
    multi,
    fieldSlot: new Int16Array(nf),
    fieldBits: new Uint8Array(nf),
    fieldCode: new Uint8Array(nf),
    fieldKeyAt: new Int32Array(nf),
    fieldKeyLen: new Uint16Array(nf),
    fieldValue: [],
    fieldMessage: [],
    slots: nf,
    fallback: false,
    rootSafe: false,
    direct: false,
    indentedKeyAt: [],
  };
  plans.set(type, p); // before the fields: recursive types refer to themselves
  const names = jsonNames(type, new Set());
  p.rootSafe = names !== undefined && !names.includes('kind') && !names.includes('apiVersion');
  p.fallback = names === undefined || new Set(names).size !== names.length;
  for (const f of type.fields) {
    if (f.flags & FLAG_INLINE && f.value.code !== 'm') p.fallback = true;
    // keys are copied as float64 words: words starting with printable ASCII are never NaNs
    // (whose bits could change on the way)
    if (!/^[\x20-\x7e]*$/.test(f.name)) p.fallback = true;
    p.fields.push({
      name: f.name,
      value: valuePlan(f.value),
      slot: f.slot!,
      inline: (f.flags & FLAG_INLINE) !== 0,
      map: (f.flags & FLAG_MAP) !== 0,
      repeated: (f.flags & FLAG_REPEATED) !== 0,
      required: (f.flags & FLAG_REQUIRED) !== 0,
      renderZero: (f.flags & FLAG_RENDER_ZERO) !== 0,
      omitZero: (f.flags & (FLAG_OMIT_ZERO | FLAG_RENDER_ZERO)) === FLAG_OMIT_ZERO,
      zeroText: asciiChecked(utf8(zeroText(f))),
      zeroJson: zeroText(f),
      ...poolKey(f.name),
    });
    const i = p.fields.length - 1;
    const fp = p.fields[i]!;
    p.fieldSlot[i] = fp.slot;
    p.fieldBits[i] = (fp.inline ? B_INLINE : 0) | (fp.map ? B_MAP : 0) | (fp.repeated ? B_REPEATED : 0) | (fp.required ? B_REQUIRED : 0) | (fp.renderZero ? B_RENDER_ZERO : 0) | (fp.omitZero ? B_OMIT_ZERO : 0);
    p.fieldCode[i] = fp.value.code;
    p.fieldKeyAt[i] = fp.keyAt;
    p.fieldKeyLen[i] = fp.keyLen;
    p.fieldValue.push(fp.value);
    p.fieldMessage.push(fp.value.message);
  }
  // two fields sharing a field number would both render the one value: leave that to the tree
  if (new Set(p.fields.map((f) => f.slot)).size !== p.fields.length) p.fallback = true;
  // (each field is then its own slot, slot = JSON index)
  p.direct = !p.fallback && p.fields.every((f, i) => f.slot === i && (i === 0 || type.fields[i - 1]!.no < type.fields[i]!.no));
  return p;
}

// Every field's quoted key in one array: the keys of a message sit together in memory
// (one small typed array per key made the key copy the hot spot: cache misses).
let keyPool = new Uint8Array(1 << 16);
let keyPoolWords = new DataView(keyPool.buffer);
let keyPoolEnd = 0;

function poolKey(name: string): { keyAt: number; keyLen: number } {
  const b = utf8(goJsonString(name) + ':');
  return { keyAt: poolBytes(b), keyLen: b.length };
}

/** Appends b to the key pool (keeping 8 bytes after the end readable); returns where. */
function poolBytes(b: Uint8Array): number {
  if (keyPoolEnd + b.length + 8 > keyPool.length) {
    keyPool = grown(keyPool, Math.max(keyPool.length * 2, keyPoolEnd + b.length + 8));
    keyPoolWords = new DataView(keyPool.buffer);
  }
  keyPool.set(b, keyPoolEnd);
  keyPoolEnd += b.length;
  return keyPoolEnd - b.length;
}

/**
 * Indented layout: `\n`, the indentation of JSON depth jd, the quoted key and `: ` of
 * every field of the plan, pooled on first use at that depth (depths below
 * INDENTED_KEY_DEPTHS only, so the pool stays small whatever the input nests).
 */
const INDENTED_KEY_DEPTHS = 24;
function indentedKeys(plan: MessagePlan, jd: number): Int32Array {
  const at = new Int32Array(plan.fields.length);
  const lead = '\n' + ' '.repeat(2 * jd + 2);
  plan.fields.forEach((f, i) => {
    if (!f.inline) at[i] = poolBytes(utf8(lead + goJsonString(f.name) + ': '));
  });
  plan.indentedKeyAt[jd] = at;
  return at;
}

/** JSON names of a message with embedded structs flattened; undefined for an embedding cycle. */
function jsonNames(type: MessageType, seen: Set<MessageType>): string[] | undefined {
  if (seen.has(type)) return undefined;
  seen.add(type);
  const out: string[] = [];
  for (const f of type.fields) {
    if (f.flags & FLAG_INLINE && f.value.type) {
      const inner = jsonNames(f.value.type, seen);
      if (!inner) return undefined;
      out.push(...inner);
    } else out.push(f.name);
  }
  seen.delete(type);
  return out;
}

function valuePlan(spec: ValueSpec): ValuePlan {
  const code = CODES[spec.code];
  if (code === C_MESSAGE) return { code, message: planFor(spec.type!) };
  if (code === C_LIST) return { code, elem: valuePlan(spec.elem!) };
  return { code };
}

/**
 * What the tree path renders for f when absent and required: asked of decode.ts itself
 * (a one-field message decoded from no bytes), so flags it learns stay in step here.
 */
function zeroText(f: FieldSpec): string {
  if (f.flags & FLAG_INLINE) return '';
  const probe: FieldSpec = { no: 1, name: 'zero', flags: f.flags | FLAG_REQUIRED, value: f.value };
  const type: MessageType = { index: -1, fields: [probe], byNo: new Map([[1, probe]]), byName: new Map([['zero', probe]]), inline: [], wireOrder: [probe] };
  return renderJson(decodeMessage(new Uint8Array(0), 0, 0, type, 'zero value').zero!, '');
}

// ---- per-render state (the renderer is synchronous and not re-entrant) ----

type SliceableBuffer = Buffer & {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
  base64Slice(start: number, end: number): string;
  utf8Write(s: string, offset: number, length: number): number;
};

// Byte arrays here are plain Uint8Arrays, never Buffers: property access on a Buffer
// (even .length) is several times slower (Buffer.prototype is a dictionary-mode object),
// which made the per-member copy the hot spot. Buffers only as views for Node's codecs.

function isAscii(b: Uint8Array): boolean {
  for (const c of b) if (c >= 0x80) return false;
  return true;
}

function asciiChecked(b: Uint8Array): Uint8Array {
  if (!isAscii(b)) fixedTextAscii = false;
  return b;
}

/** A standalone Uint8Array of the UTF-8 of s. */
function utf8(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s));
}

function bufferView(a: Uint8Array): SliceableBuffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength) as SliceableBuffer;
}

/** The wire bytes being rendered; as a Buffer (utf8Slice, base64Slice) and a DataView (floats). */
const EMPTY = new Uint8Array(0);
let buf: Uint8Array = EMPTY;
let wireView: SliceableBuffer | undefined;
/** buf as a Buffer, made when first needed (most values never need one). */
function wire(): SliceableBuffer {
  return (wireView ??= bufferView(buf));
}
let viewOf: DataView | undefined;

/** buf as a DataView (floats), made when first needed. */
function view(): DataView {
  return (viewOf ??= new DataView(buf.buffer, buf.byteOffset, buf.byteLength));
}
/** 0 compact, 1 indented by two spaces. */
let layout = 0;

// The JSON text is written as UTF-8 into one reused buffer and turned into a string once:
// no string per member, and ASCII wire strings are copied byte by byte.
let ob = new Uint8Array(1 << 16);
/** ob as a Buffer (utf8Write, utf8Slice). */
let obText = bufferView(ob);
/** ob as a DataView, for word writes. */
let obWords = new DataView(ob.buffer);
/**
 * Writes may run up to SLACK bytes past op + what they reserved (whole 8-byte words, the
 * excess overwritten later), so the room checked against is ob.length - SLACK.
 */
const SLACK = 16;
let cap = ob.length - SLACK;
let op = 0;
/** Nothing but ASCII written since the render began (the text is then made by the cheaper latin1Slice). */
let asciiOut = true;
/** Every zero text is ASCII (checked, not assumed). */
let fixedTextAscii = true;
/** Beyond this the buffer is dropped after the render (one huge object must not pin memory). */
const OUT_KEEP = 1 << 22;

function grow(n: number): void {
  let size = ob.length * 2;
  while (size - SLACK < op + n) size *= 2;
  const nb = new Uint8Array(size);
  nb.set(ob.subarray(0, op));
  ob = nb;
  obText = bufferView(nb);
  obWords = new DataView(nb.buffer);
  cap = size - SLACK;
}

/** Bytes that go into a JSON string unchanged (printable ASCII except " \ < > &). */
const PLAIN = new Uint8Array(256);
for (let c = 0x20; c < 0x80; c++) PLAIN[c] = 1;
for (const c of '"\\<>&') PLAIN[c.charCodeAt(0)] = 0;


/** Before a member or element of a container at JSON depth jd that has n of them already. */
function sep(n: number, jd: number): void {
  if (op + 2 * jd + 4 > cap) grow(2 * jd + 4);
  const out = ob;
  let o = op;
  if (n) out[o++] = 0x2c;
  if (layout) {
    out[o++] = 0x0a;
    o = spaces(o, 2 * jd + 2);
  }
  op = o;
}

/** Eight spaces as a float64's bit pattern (not a NaN: written back unchanged). */
const EIGHT_SPACES = new DataView(new Uint8Array(8).fill(0x20).buffer).getFloat64(0);

/** k spaces at o in ob (room for k checked by the caller; whole words, into the slack); returns the end. */
function spaces(o: number, k: number): number {
  const dv = obWords;
  for (let j = 0; j < k; j += 8) dv.setFloat64(o + j, EIGHT_SPACES);
  return o + k;
}

/**
 * Separator and key of field i of the plan as a member of the object at JSON depth jd
 * with n members: in the indented layout the pooled `\n<indent>"key": ` of that depth,
 * else the pooled `"key":`; copied in whole 8-byte words (the pool has the slack too).
 */
function member(plan: MessagePlan, i: number, n: number, jd: number): void {
  let at = plan.fieldKeyAt[i]!;
  let len = plan.fieldKeyLen[i]!;
  if (layout) {
    if (jd >= INDENTED_KEY_DEPTHS) {
      memberDeep(at, len, n, jd);
      return;
    }
    at = (plan.indentedKeyAt[jd] ?? indentedKeys(plan, jd))[i]!;
    len += 2 * jd + 4;
  }
  if (op + len + 1 > cap) grow(len + 1);
  let o = op;
  if (n) ob[o++] = 0x2c;
  const dv = obWords;
  const words = keyPoolWords;
  for (let k = 0; k < len; k += 8) dv.setFloat64(o + k, words.getFloat64(at + k));
  op = o + len;
}

/** member() deeper than the pooled indentations. */
function memberDeep(keyAt: number, keyLen: number, n: number, jd: number): void {
  sep(n, jd);
  if (op + keyLen + 1 > cap) grow(keyLen + 1);
  const dv = obWords;
  const words = keyPoolWords;
  for (let k = 0; k < keyLen; k += 8) dv.setFloat64(op + k, words.getFloat64(keyAt + k));
  op += keyLen;
  ob[op++] = 0x20;
}

/** Closing bracket of a container at JSON depth jd with n members. */
function close(n: number, jd: number, bracket: number): void {
  if (op + 2 * jd + 2 > cap) grow(2 * jd + 2);
  const out = ob;
  let o = op;
  if (n && layout) {
    out[o++] = 0x0a;
    o = spaces(o, 2 * jd);
  }
  out[o++] = bracket;
  op = o;
}

function putByte(c: number): void {
  if (op >= cap) grow(1);
  ob[op++] = c;
}

function putBytes(b: Uint8Array): void {
  if (op + b.length > cap) grow(b.length);
  ob.set(b, op);
  op += b.length;
}

/** Text known to be ASCII (numbers, base64, `true`...). */
function putAscii(s: string): void {
  const n = s.length;
  if (op + n > cap) grow(n);
  const out = ob;
  let o = op;
  for (let i = 0; i < n; i++) out[o++] = s.charCodeAt(i);
  op = o;
}

/** Any text, as UTF-8. */
function putText(s: string): void {
  asciiOut = false;
  if (op + s.length * 3 > cap) grow(s.length * 3);
  op += obText.utf8Write(s, op, cap - op);
}

/** A JS string as a JSON string literal (goJsonString). */
function putString(s: string): void {
  const n = s.length;
  if (op + n + 2 > cap) grow(n + 2);
  const start = op;
  ob[op++] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || PLAIN[c] === 0) {
      op = start;
      putText(goJsonString(s));
      return;
    }
    ob[op++] = c;
  }
  ob[op++] = 0x22;
}

/** The wire string in [s, e) as a JSON string literal: bytes copied while plain ASCII, else decode.ts's way (utf8Slice, goJsonString). */
function putWireString(s: number, e: number): void {
  if (op + e - s + 2 > cap) grow(e - s + 2);
  const out = ob;
  const src = buf;
  const words = view();
  const dv = obWords;
  let o = op;
  out[o++] = 0x22;
  let p = s;
  // four bytes at a time: one load, four table looks, one store
  for (; p + 4 <= e; p += 4, o += 4) {
    const w = words.getInt32(p);
    if ((PLAIN[w & 255]! & PLAIN[(w >> 8) & 255]! & PLAIN[(w >> 16) & 255]! & PLAIN[w >>> 24]!) === 0) {
      putText(goJsonString(wire().utf8Slice(s, e)));
      return;
    }
    dv.setInt32(o, w);
  }
  for (; p < e; p++) {
    const c = src[p]!;
    if (PLAIN[c] === 0) {
      putText(goJsonString(wire().utf8Slice(s, e)));
      return;
    }
    out[o++] = c;
  }
  out[o++] = 0x22;
  op = o;
}

/** Non-negative integer below 2^53 as decimal digits. */
function putUint(v: number): void {
  if (v < 10) putByte(0x30 + v);
  else putAscii(String(v));
}

// Field occurrences of the messages being rendered: a stack of records (start, end, wire
// type, next occurrence of the same field), and per message a head/tail per field slot.
let occStart: Int32Array = new Int32Array(1024);
let occEnd: Int32Array = new Int32Array(1024);
let occNext: Int32Array = new Int32Array(1024);
let occWire: Uint8Array = new Uint8Array(1024);
let occTop = 0;
let heads: Int32Array = new Int32Array(256);
let tails: Int32Array = new Int32Array(256);
let headTop = 0;

/** A copy of a with room for n elements (n >= a.length). */
function grown<T extends Int32Array | Uint8Array>(a: T, n: number): T {
  const b = (a instanceof Int32Array ? new Int32Array(n) : new Uint8Array(n)) as T;
  b.set(a);
  return b;
}

function growOcc(): void {
  const n = occStart.length * 2;
  occStart = grown(occStart, n);
  occEnd = grown(occEnd, n);
  occNext = grown(occNext, n);
  occWire = grown(occWire, n);
}

function growHeads(need: number): void {
  let n = heads.length * 2;
  while (n < need) n *= 2;
  heads = grown(heads, n);
  tails = grown(tails, n);
}

// map entries being rendered (a stack, as maps nest): key and value ranges
let mapKs: Int32Array = new Int32Array(256);
let mapKe: Int32Array = new Int32Array(256);
let mapVs: Int32Array = new Int32Array(256);
let mapVe: Int32Array = new Int32Array(256);
let mapTop = 0;

function growMap(): void {
  const n = mapKs.length * 2;
  mapKs = grown(mapKs, n);
  mapKe = grown(mapKe, n);
  mapVs = grown(mapVs, n);
  mapVe = grown(mapVe, n);
}

const KIND_KEYS = [utf8('"kind":'), utf8('"kind": ')];
const API_VERSION_KEYS = [utf8('"apiVersion":'), utf8('"apiVersion": ')];

/**
 * JSON text of a stored object: `{kind, apiVersion}` (each when non-empty) then the fields
 * of `raw` decoded as `type`, as renderJson(decodeStorageValue(...).object) prints it with
 * `indent` '  ' (toJson) or '' (compact). undefined: use the tree path.
 */
export function renderStoredJson(raw: Uint8Array, type: MessageType | undefined, kind: string, apiVersion: string, indent: '  ' | ''): string | undefined {
  if (!type) return undefined;
  const plan = planFor(type);
  if (plan.fallback || !plan.rootSafe) return undefined;
  setWire(raw);
  layout = indent ? 1 : 0;
  op = 0;
  asciiOut = fixedTextAscii;
  try {
    ob[op++] = 0x7b;
    let n = 0;
    if (kind) {
      sep(n++, 0);
      putBytes(KIND_KEYS[layout]!);
      putString(kind);
    }
    if (apiVersion) {
      sep(n++, 0);
      putBytes(API_VERSION_KEYS[layout]!);
      putString(apiVersion);
    }
    n = emitMembers(plan, 0, raw.length, 0, 0, n);
    close(n, 0, 0x7d);
    return asciiOut ? obText.latin1Slice(0, op) : obText.utf8Slice(0, op);
  } catch {
    // FALLBACK, or anything unforeseen: the tree path decides (and reports errors)
    return undefined;
  } finally {
    endRender();
    if (cap > OUT_KEEP) {
      ob = new Uint8Array(1 << 16);
      obText = bufferView(ob);
      obWords = new DataView(ob.buffer);
      cap = ob.length - SLACK;
    }
  }
}

function setWire(raw: Uint8Array): void {
  buf = raw;
  wireView = undefined;
  viewOf = undefined;
}

/** Clears the per-render state (also after a fallback). */
function endRender(): void {
  occTop = 0;
  headTop = 0;
  mapTop = 0;
  repTop = 0;
  buf = EMPTY;
  wireView = undefined;
  viewOf = undefined;
}

/** Records the field occurrences of the message in [s, e); returns its head base. */
function scan(plan: MessagePlan, s: number, e: number): number {
  const hb = headTop;
  const nf = plan.slots;
  if (hb + nf > heads.length) growHeads(hb + nf);
  heads.fill(-1, hb, hb + nf);
  headTop = hb + nf;
  const slotOf = plan.slotOf;
  let pos = s;
  while (pos < e) {
    const tag = readTag(pos, e);
    const no = tag >>> 3;
    let slot: number;
    if (no < slotOf.length) slot = slotOf[no]! - 1;
    else {
      const f = plan.type.byNo.get(no);
      slot = f && no > 0 ? f.slot! : -1;
    }
    if (slot < 0) throw FALLBACK; // unknown field: the tree dumps it
    const idx = pushOccurrence(tag & 7, tagEnd, e);
    pos = occEnd[idx]!;
    const h = hb + slot;
    if (heads[h] === -1) heads[h] = idx;
    else {
      // a second occurrence of a singular field: the tree decodes (and checks) both, keeps the last
      if (plan.multi[slot] === 0) throw FALLBACK;
      occNext[tails[h]!] = idx;
    }
    tails[h] = idx;
  }
  return hb;
}

/** `{...}` of a message at JSON depth jd (proto nesting pd). */
function emitObject(plan: MessagePlan, s: number, e: number, jd: number, pd: number): void {
  putByte(0x7b);
  close(emitMembers(plan, s, e, jd, pd, 0), jd, 0x7d);
}

/** The tag at p (at most 4 bytes: field numbers below 2^25; longer ones go to the tree); its end in tagEnd. */
let tagEnd = 0;
function readTag(p: number, e: number): number {
  let tag = buf[p++]!;
  if (tag >= 0x80) {
    tag &= 0x7f;
    let mul = 128;
    for (let i = 1; ; i++) {
      if (i === 4 || p >= e) throw FALLBACK;
      const b = buf[p++]!;
      tag += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
  }
  tagEnd = p;
  return tag;
}

/** End of the value of wire type wt at p (within e); where its bytes start in valueStart (after a length). */
let valueStart = 0;
function valueEnd(wt: number, p: number, e: number): number {
  let vs = p;
  let ve: number;
  if (wt === 2) {
    if (p >= e) throw FALLBACK;
    let len = buf[p]!;
    if (len < 0x80) vs = p + 1;
    else vs = lenEnd(p, e), (len = lenValue);
    if (len > e - vs) throw FALLBACK;
    ve = vs + len;
  } else if (wt === 0) ve = varintEnd(p, e);
  else if (wt === 1) ve = p + 8;
  else if (wt === 5) ve = p + 4;
  else throw FALLBACK;
  if (ve > e) throw FALLBACK;
  valueStart = vs;
  return ve;
}

/** Pushes the occurrence of wire type wt whose value starts at p (within e); returns its index (end in occEnd). */
function pushOccurrence(wt: number, p: number, e: number): number {
  const ve = valueEnd(wt, p, e);
  const idx = occTop++;
  if (idx >= occStart.length) growOcc();
  occStart[idx] = valueStart;
  occEnd[idx] = ve;
  occWire[idx] = wt;
  occNext[idx] = -1;
  return idx;
}

/** Writes the members of a message into the object at JSON depth jd that already has n members; returns the new count. */
function emitMembers(plan: MessagePlan, s: number, e: number, jd: number, pd: number, n: number): number {
  if (pd > MAX_DEPTH || plan.fallback) throw FALLBACK;
  if (plan.direct) {
    const m = emitInWireOrder(plan, s, e, jd, pd, n);
    if (m >= 0) return m;
  }
  const ob0 = occTop;
  const hb = scan(plan, s, e);
  const nf = plan.slots;
  const fieldSlot = plan.fieldSlot;
  for (let i = 0; i < nf; i++) {
    const occ = heads[hb + fieldSlot[i]!]!;
    n = occ < 0 ? emitAbsent(plan, i, jd, n) : emitPresent(plan, i, occ, jd, pd, n);
  }
  occTop = ob0;
  headTop = hb;
  return n;
}

/**
 * The one-pass way for a message whose JSON order is its field-number order (most are), as
 * Go's marshaller writes it: each field is written as it is read, with no occurrence table.
 * Returns -1, having written nothing, when the wire is not in that order (a field out of
 * order or repeated apart, an unknown or far field number): the caller then scans.
 */
function emitInWireOrder(plan: MessagePlan, s: number, e: number, jd: number, pd: number, n: number): number {
  const op0 = op;
  const ob0 = occTop;
  const slotOf = plan.slotOf;
  const multi = plan.multi;
  const nf = plan.slots;
  let next = 0;
  let pos = s;
  while (pos < e) {
    const tag = readTag(pos, e);
    const no = tag >>> 3;
    const i = no < slotOf.length ? slotOf[no]! - 1 : -1;
    if (i < next) {
      op = op0;
      occTop = ob0;
      return -1;
    }
    for (; next < i; next++) n = emitAbsent(plan, next, jd, n);
    next = i + 1;
    if (multi[i] === 0 && (plan.fieldBits[i]! & B_INLINE) === 0) {
      // one value: straight from the wire
      pos = valueEnd(tag & 7, tagEnd, e);
      n = emitSingle(plan, i, tag & 7, valueStart, pos, jd, pd, n);
      continue;
    }
    const first = pushOccurrence(tag & 7, tagEnd, e);
    pos = occEnd[first]!;
    if (multi[i] === 1) {
      // the rest of this run of the field: one table of occurrences, as scan makes
      let last = first;
      while (pos < e) {
        const t = readTag(pos, e);
        if (t >>> 3 !== no) break;
        const o = pushOccurrence(t & 7, tagEnd, e);
        occNext[last] = o;
        last = o;
        pos = occEnd[o]!;
      }
    }
    n = emitPresent(plan, i, first, jd, pd, n);
    occTop = ob0;
  }
  for (; next < nf; next++) n = emitAbsent(plan, next, jd, n);
  return n;
}

/** Field i of the plan, absent on the wire. */
function emitAbsent(plan: MessagePlan, i: number, jd: number, n: number): number {
  const bits = plan.fieldBits[i]!;
  if (bits & B_INLINE) return emitAbsentInline(plan.fields[i]!.value.message!, jd, n);
  if (bits & B_REQUIRED) {
    member(plan, i, n++, jd);
    putBytes(plan.fields[i]!.zeroText);
  }
  return n;
}

/** Field i of the plan, its occurrences from occ on; returns the new member count. */
function emitPresent(plan: MessagePlan, i: number, occ: number, jd: number, pd: number, n: number): number {
  const bits = plan.fieldBits[i]!;
  if (bits & B_INLINE) {
    if (occWire[occ] !== 2) throw FALLBACK;
    return emitMembers(plan.fields[i]!.value.message!, occStart[occ]!, occEnd[occ]!, jd, pd + 1, n);
  }
  if (bits & B_MAP) {
    member(plan, i, n++, jd);
    emitMap(plan.fields[i]!, occ, jd + 1, pd);
    return n;
  }
  if (bits & B_REPEATED) {
    // only empty packed runs: no items, rendered only when the zero renders
    const base = collectRepeated(plan.fieldValue[i]!, occ);
    if (repTop === base && (bits & B_RENDER_ZERO) === 0) return n;
    member(plan, i, n++, jd);
    emitRepeated(plan.fieldValue[i]!, base, jd + 1, pd);
    return n;
  }
  return emitSingle(plan, i, occWire[occ]!, occStart[occ]!, occEnd[occ]!, jd, pd, n);
}

/** Field i of the plan, neither inline, map nor repeated: its value of wire type wt in [vs, ve). */
function emitSingle(plan: MessagePlan, i: number, wt: number, vs: number, ve: number, jd: number, pd: number, n: number): number {
  const bits = plan.fieldBits[i]!;
  const fieldCode = plan.fieldCode;
  const renderZero = (bits & B_RENDER_ZERO) !== 0;
  const code = fieldCode[i]!;
  // the two commonest first
  if (code === C_STRING) {
    if (wt !== 2) throw FALLBACK;
    if (vs === ve && !renderZero) return n;
    member(plan, i, n, jd);
    putWireString(vs, ve);
    return n + 1;
  }
  if (code === C_MESSAGE) {
    if (wt !== 2) throw FALLBACK;
    member(plan, i, n, jd);
    emitObject(plan.fieldMessage[i]!, vs, ve, jd + 1, pd + 1);
    return n + 1;
  }
  switch (code) {
    case C_INT: {
      if (wt !== 0) throw FALLBACK;
      if (ve - vs === 1) {
        // one-byte varint: 0..127
        const x = buf[vs]!;
        if (x === 0 && !renderZero) return n;
        member(plan, i, n++, jd);
        putUint(x);
        return n;
      }
      const t = int64Text(vs, ve);
      if (t === '0' && !renderZero) return n;
      member(plan, i, n++, jd);
      putAscii(t);
      return n;
    }
    case C_BOOL: {
      if (wt !== 0) throw FALLBACK;
      const b = varintNonZero(vs, ve);
      if (!b && !renderZero) return n;
      member(plan, i, n++, jd);
      putAscii(b ? 'true' : 'false');
      return n;
    }
    case C_DOUBLE:
    case C_FLOAT: {
      const double = fieldCode[i] === C_DOUBLE;
      if (wt !== (double ? 1 : 5)) throw FALLBACK;
      const x = double ? view().getFloat64(vs, true) : view().getFloat32(vs, true);
      if (x === 0 && !renderZero) return n;
      member(plan, i, n++, jd);
      putAscii(Number.isFinite(x) ? String(x) : 'null');
      return n;
    }
    case C_BYTES:
      if (wt !== 2) throw FALLBACK;
      if (vs === ve && !renderZero) return n;
      member(plan, i, n++, jd);
      putByte(0x22);
      putAscii(wire().base64Slice(vs, ve));
      putByte(0x22);
      return n;
    case C_LIST: {
      if (wt !== 2) throw FALLBACK;
      const count = listCount(vs, ve);
      if (count === 0 && !renderZero) return n;
      member(plan, i, n++, jd);
      emitList(plan.fieldValue[i]!.elem!, vs, ve, count, jd + 1, pd);
      return n;
    }
    default:
      // the special types: present on the wire → rendered, but for a zero omitzero Time
      if (bits & B_OMIT_ZERO && wt === 2 && !readTime(vs, ve)) return n;
      member(plan, i, n++, jd);
      emitValue(plan.fieldValue[i]!, wt, vs, ve, jd + 1, pd);
  }
  return n;
}

/** An embedded struct absent on the wire: Go still renders its required fields (decode.ts emitFields with nothing got). */
function emitAbsentInline(plan: MessagePlan, jd: number, n: number): number {
  if (plan.fallback) throw FALLBACK;
  for (let i = 0; i < plan.fields.length; i++) {
    const f = plan.fields[i]!;
    if (f.inline) n = emitAbsentInline(f.value.message!, jd, n);
    else if (f.required) {
      member(plan, i, n++, jd);
      putBytes(f.zeroText);
    }
  }
  return n;
}

/**
 * One value (list element, map value, message or special field) at JSON depth jd; pd is the
 * proto depth the tree's readValue would be called with.
 */
function emitValue(v: ValuePlan, wt: number, vs: number, ve: number, jd: number, pd: number): void {
  switch (v.code) {
    case C_STRING:
      if (wt !== 2) throw FALLBACK;
      putWireString(vs, ve);
      return;
    case C_MESSAGE:
      if (wt !== 2) throw FALLBACK;
      emitObject(v.message!, vs, ve, jd, pd + 1);
      return;
    case C_INT:
      if (wt !== 0) throw FALLBACK;
      putAscii(int64Text(vs, ve));
      return;
    case C_BOOL:
      if (wt !== 0) throw FALLBACK;
      putAscii(varintNonZero(vs, ve) ? 'true' : 'false');
      return;
    case C_DOUBLE:
    case C_FLOAT: {
      if (wt !== (v.code === C_DOUBLE ? 1 : 5)) throw FALLBACK;
      const x = v.code === C_DOUBLE ? view().getFloat64(vs, true) : view().getFloat32(vs, true);
      putAscii(Number.isFinite(x) ? String(x) : 'null');
      return;
    }
    case C_BYTES:
      if (wt !== 2) throw FALLBACK;
      putByte(0x22);
      putAscii(wire().base64Slice(vs, ve));
      putByte(0x22);
      return;
    case C_LIST:
      if (wt !== 2) throw FALLBACK;
      emitList(v.elem!, vs, ve, listCount(vs, ve), jd, pd);
      return;
  }
  if (wt !== 2) throw FALLBACK;
  switch (v.code) {
    case C_TIME:
    case C_MICROTIME:
      putTime(vs, ve, v.code === C_MICROTIME);
      return;
    case C_DURATION:
      putString(durationText(vs, ve));
      return;
    case C_QUANTITY:
      putQuantity(vs, ve);
      return;
    case C_INT_OR_STRING:
      putIntOrString(vs, ve);
      return;
    case C_RAW:
      putRawJson(vs, ve, jd);
      return;
  }
  throw FALLBACK;
}

// The items of repeated fields being rendered (a stack, as they nest): wire type and value
// range; a packed run of varints becomes one varint item per value, so the JSON and YAML
// writers see the same items either way.
let repWire: Uint8Array = new Uint8Array(256);
let repStart: Int32Array = new Int32Array(256);
let repEnd: Int32Array = new Int32Array(256);
let repTop = 0;

function pushItem(wt: number, s: number, e: number): void {
  if (repTop >= repStart.length) {
    const n = repStart.length * 2;
    repWire = grown(repWire, n);
    repStart = grown(repStart, n);
    repEnd = grown(repEnd, n);
  }
  repWire[repTop] = wt;
  repStart[repTop] = s;
  repEnd[repTop] = e;
  repTop++;
}

/** Pushes the items of a repeated field (its occurrences from first) on the item stack; returns their base (repTop - base of them). */
function collectRepeated(v: ValuePlan, first: number): number {
  const base = repTop;
  const packable = v.code === C_INT || v.code === C_BOOL;
  for (let o = first; o >= 0; o = occNext[o]!) {
    const wt = occWire[o]!;
    const vs = occStart[o]!;
    const ve = occEnd[o]!;
    if (packable && wt === 2) {
      for (let p = vs; p < ve; ) {
        const q = varintEnd(p, ve);
        pushItem(0, p, q);
        p = q;
      }
    } else pushItem(wt, vs, ve);
  }
  return base;
}

/** `[...]` of the items from base (collectRepeated), which it pops. */
function emitRepeated(v: ValuePlan, base: number, jd: number, pd: number): void {
  putByte(0x5b);
  const count = repTop - base;
  // items pushed by nested values sit above and are popped by them: read by index each time
  for (let k = 0; k < count; k++) {
    sep(k, jd);
    emitValue(v, repWire[base + k]!, repStart[base + k]!, repEnd[base + k]!, jd + 1, pd);
  }
  close(count, jd, 0x5d);
  repTop = base;
}

/** Elements of a `w` list payload: only field-1 records (anything else → tree). */
function listCount(s: number, e: number): number {
  let n = 0;
  let p = s;
  while (p < e) {
    const tag = buf[p++]!;
    if (tag >> 3 !== 1) throw FALLBACK;
    const wt = tag & 7;
    if (wt === 2) {
      const vs = lenEnd(p, e);
      p = vs + lenValue;
    } else if (wt === 0) p = varintEnd(p, e);
    else throw FALLBACK;
    n++;
  }
  return n;
}

/** The list record at p (listCount checked the payload): its value's start; wire type and end in itemWire, itemEnd. */
let itemWire = 0;
let itemEnd = 0;
function listItem(p: number, e: number): number {
  const wt = buf[p]! & 7;
  itemWire = wt;
  if (wt === 2) {
    const vs = lenEnd(p + 1, e);
    itemEnd = vs + lenValue;
    return vs;
  }
  itemEnd = varintEnd(p + 1, e);
  return p + 1;
}

function emitList(elem: ValuePlan, s: number, e: number, count: number, jd: number, pd: number): void {
  if (count === 0) {
    putAscii('[]');
    return;
  }
  putByte(0x5b);
  let n = 0;
  for (let p = s; p < e; ) {
    const vs = listItem(p, e);
    const wt = itemWire;
    p = itemEnd;
    sep(n++, jd);
    emitValue(elem, wt, vs, p, jd + 1, pd + 1);
  }
  close(n, jd, 0x5d);
}

/**
 * Pushes the entries of a map field (its occurrences from first) on the map stack;
 * returns their order (undefined: already sorted). Only `key, value` entries with ASCII
 * keys, no duplicates; anything else → tree.
 */
function collectMap(first: number): number[] | undefined {
  const base = mapTop;
  for (let o = first; o >= 0; o = occNext[o]!) {
    if (occWire[o] !== 2) throw FALLBACK;
    const s = occStart[o]!;
    const e = occEnd[o]!;
    if (s >= e || buf[s] !== 0x0a) throw FALLBACK;
    const ks = lenEnd(s + 1, e);
    const ke = ks + lenValue;
    if (ke >= e || buf[ke] !== 0x12) throw FALLBACK;
    const vs = lenEnd(ke + 1, e);
    if (vs + lenValue !== e) throw FALLBACK;
    // keys are compared as bytes, which is Go's order only for valid UTF-8: ASCII here, else tree
    for (let p = ks; p < ke; p++) if (buf[p]! >= 0x80) throw FALLBACK;
    if (mapTop >= mapKs.length) growMap();
    mapKs[mapTop] = ks;
    mapKe[mapTop] = ke;
    mapVs[mapTop] = vs;
    mapVe[mapTop] = e;
    mapTop++;
  }
  // Go sorts keys by their bytes; the apiserver wrote them sorted, so usually no work
  for (let i = base + 1; i < mapTop; i++) {
    const c = compareKeys(i - 1, i);
    if (c === 0) throw FALLBACK; // duplicate key: the tree decodes both values, keeps the last
    if (c > 0) {
      const order: number[] = [];
      for (let j = base; j < mapTop; j++) order.push(j);
      order.sort(compareKeys);
      for (let j = 1; j < order.length; j++) if (compareKeys(order[j - 1]!, order[j]!) === 0) throw FALLBACK;
      return order;
    }
  }
  return undefined;
}

function emitMap(f: FieldPlan, first: number, jd: number, pd: number): void {
  const base = mapTop;
  const order = collectMap(first);
  const count = mapTop - base;
  const v = f.value;
  putByte(0x7b);
  for (let i = 0; i < count; i++) {
    const k = order ? order[i]! : base + i;
    sep(i, jd);
    putWireString(mapKs[k]!, mapKe[k]!);
    if (layout) putAscii(': ');
    else putByte(0x3a);
    const vs = mapVs[k]!;
    const ve = mapVe[k]!;
    if (v.code === C_STRING) putWireString(vs, ve);
    else emitValue(v, 2, vs, ve, jd + 1, pd + 1);
  }
  close(count, jd, 0x7d);
  mapTop = base;
}

/** Byte order of map keys a and b (entries of the map stack). */
function compareKeys(a: number, b: number): number {
  const as = mapKs[a]!;
  const bs = mapKs[b]!;
  const al = mapKe[a]! - as;
  const bl = mapKe[b]! - bs;
  const n = Math.min(al, bl);
  for (let i = 0; i < n; i++) {
    const d = buf[as + i]! - buf[bs + i]!;
    if (d !== 0) return d;
  }
  return al - bl;
}

// ---- scalars ----

/** Length-varint at p (payload within e): the payload start; the length in lenValue. */
let lenValue = 0;
function lenEnd(p: number, e: number): number {
  const s = lengthPrefixAt(buf, p, e);
  if (s < 0) throw FALLBACK;
  lenValue = prefixedLength;
  return s;
}

/** End of the varint at p (at most 10 bytes, within e). */
function varintEnd(p: number, e: number): number {
  for (let i = 0; i < 10 && p < e; i++) if (buf[p++]! < 0x80) return p;
  throw FALLBACK;
}

/** Decimal text of the int64 varint in [s, e) (two's complement, as Go's int64 cast). */
function int64Text(s: number, e: number): string {
  if (e - s <= 7) return String(smallVarint(s, e));
  return readVarint64(buf, s, e)[0].toString();
}

/** varint != 0 as decode.ts sees it (a 10th byte only contributes its lowest bit to 64 bits). */
function varintNonZero(s: number, e: number): boolean {
  if (e - s >= 10) return readVarint64(buf, s, e)[0] !== 0n;
  for (let p = s; p < e; p++) if (buf[p]! & 0x7f) return true;
  return false;
}

/** Varint of at most 7 bytes as a number. */
function smallVarint(s: number, e: number): number {
  let v = 0;
  let mul = 1;
  for (let p = s; p < e; p++) {
    v += (buf[p]! & 0x7f) * mul;
    mul *= 128;
  }
  return v;
}

/** Go's zero time as protobuf seconds (time.Time{}.Unix()). */
const ZERO_TIME_SECONDS = -62135596800;

let timeSecs = 0;
let timeNanos = 0;

/**
 * metav1.Time / MicroTime {seconds = 1, nanos = 2}: false for null (empty message, or the
 * zero time where decode.ts's general path maps it to null), else the parts in timeSecs/timeNanos.
 */
function readTime(s: number, e: number): boolean {
  if (s === e) return false;
  let secs = 0;
  let nanos = 0;
  // decode.ts's plain path (short varints) formats any value; its general path maps the zero time to null
  let plain = true;
  let p = s;
  while (p < e) {
    const tag = buf[p++]!;
    if (tag !== 0x08 && tag !== 0x10) throw FALLBACK;
    const q = varintEnd(p, e);
    if (tag === 0x08) {
      if (q - p <= 7) secs = smallVarint(p, q);
      else {
        secs = Number(readVarint64(buf, p, q)[0]);
        plain = false;
      }
    } else if (q - p <= 4) nanos = smallVarint(p, q);
    else {
      nanos = Number(readVarint64(buf, p, q)[0]);
      plain = false;
    }
    p = q;
  }
  if (!plain && secs === ZERO_TIME_SECONDS && nanos === 0) return false;
  timeSecs = secs;
  timeNanos = nanos;
  return true;
}

/** Quoted RFC3339, or null. */
function putTime(s: number, e: number, micro: boolean): void {
  if (!readTime(s, e)) putAscii('null');
  else if (timeSecs >= MIN_FAST_SECONDS && timeSecs <= MAX_FAST_SECONDS && timeNanos >= 0 && timeNanos < 1e9) putRfc3339(timeSecs, timeNanos, micro);
  else putString(formatGoTime(timeSecs, timeNanos, micro));
}

/** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: years formatGoTime writes as 4 plain digits. */
const MIN_FAST_SECONDS = -62167219200;
const MAX_FAST_SECONDS = 253402300799;

/** `<sep>NN` at o; returns the end. */
function twoDigits(out: Uint8Array, o: number, sep: number, v: number): number {
  out[o] = sep;
  out[o + 1] = 0x30 + Math.floor(v / 10);
  out[o + 2] = 0x30 + (v % 10);
  return o + 3;
}

/** formatGoTime's text for years 0..9999 (quoted), written as digits: no Date, no strings. */
function putRfc3339(secs: number, nanos: number, micro: boolean): void {
  const days = Math.floor(secs / 86400);
  let rem = secs - days * 86400;
  // civil-from-days (proleptic Gregorian, H. Hinnant)
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rem / 3600);
  rem -= hour * 3600;
  const minute = Math.floor(rem / 60);
  const second = rem - minute * 60;
  if (op + 30 > cap) grow(30);
  const out = ob;
  let o = op;
  out[o++] = 0x22;
  out[o++] = 0x30 + Math.floor(year / 1000);
  out[o++] = 0x30 + (Math.floor(year / 100) % 10);
  out[o++] = 0x30 + (Math.floor(year / 10) % 10);
  out[o++] = 0x30 + (year % 10);
  o = twoDigits(out, o, 0x2d, month);
  o = twoDigits(out, o, 0x2d, day);
  o = twoDigits(out, o, 0x54, hour);
  o = twoDigits(out, o, 0x3a, minute);
  o = twoDigits(out, o, 0x3a, second);
  if (micro) {
    out[o++] = 0x2e;
    let us = Math.floor(nanos / 1000);
    for (let k = 5; k >= 0; k--) {
      out[o + k] = 0x30 + (us % 10);
      us = Math.floor(us / 10);
    }
    o += 6;
  }
  out[o++] = 0x5a;
  out[o++] = 0x22;
  op = o;
}

/** Duration {duration = 1 (ns)} → Go's duration text. */
function durationText(s: number, e: number): string {
  let ns = 0n;
  let p = s;
  while (p < e) {
    if (buf[p++] !== 0x08) throw FALLBACK;
    const q = varintEnd(p, e);
    ns = readVarint64(buf, p, q)[0];
    p = q;
  }
  return formatGoDuration(ns);
}

/** A length-delimited string decode.ts reads with utf8Lossy, quoted. */
function putLossyString(s: number, e: number): void {
  for (let p = s; p < e; p++) {
    if (buf[p]! >= 0x80) {
      putString(utf8Lossy(buf, s, e));
      return;
    }
  }
  putWireString(s, e);
}

/** The last field-1 string of a one-string message (Quantity, RawExtension): its start, end in lenValue terms; -1 when absent. */
let stringEnd = 0;
function lastString(s: number, e: number): number {
  let vs = -1;
  let p = s;
  while (p < e) {
    if (buf[p++] !== 0x0a) throw FALLBACK;
    vs = lenEnd(p, e);
    stringEnd = vs + lenValue;
    p = stringEnd;
  }
  return vs;
}

/** Quantity {string = 1} → quoted string; "0" when absent. */
function putQuantity(s: number, e: number): void {
  const vs = lastString(s, e);
  if (vs < 0) putAscii('"0"');
  else putLossyString(vs, stringEnd);
}

/** IntOrString {type = 1, intVal = 2, strVal = 3}: the int (a number), or the string's start (strEnd in stringEnd; -1: "") when a string. */
let intOrStringIsString = false;
function readIntOrString(s: number, e: number): number {
  let type = 0n;
  let intVal = 0n;
  let strStart = -1;
  let strEnd = -1;
  let p = s;
  while (p < e) {
    const tag = buf[p++]!;
    if (tag === 0x08 || tag === 0x10) {
      const q = varintEnd(p, e);
      const v = readVarint64(buf, p, q)[0];
      if (tag === 0x08) type = v;
      else intVal = v;
      p = q;
    } else if (tag === 0x1a) {
      strStart = lenEnd(p, e);
      strEnd = strStart + lenValue;
      p = strEnd;
    } else throw FALLBACK;
  }
  intOrStringIsString = type === 1n;
  if (!intOrStringIsString) return Number(BigInt.asIntN(32, intVal));
  stringEnd = strEnd;
  return strStart;
}

function putIntOrString(s: number, e: number): void {
  const v = readIntOrString(s, e);
  if (!intOrStringIsString) putAscii(String(v));
  else if (v < 0) putAscii('""');
  else putLossyString(v, stringEnd);
}

/** RawExtension / FieldsV1 {raw = 1}: the JSON compacted, or undefined (null) when absent. */
function rawJsonCompact(s: number, e: number): string | undefined {
  const vs = lastString(s, e);
  if (vs < 0) return undefined;
  const json = utf8OrUndefined(buf, vs, stringEnd);
  if (json === undefined) throw FALLBACK;
  return compactJson(parseJson(json)); // invalid JSON throws: the tree reports it
}

/** The raw JSON indented at depth jd, or null. */
function putRawJson(s: number, e: number, jd: number): void {
  const vs = lastString(s, e);
  if (vs >= 0 && simpleJson(vs, stringEnd)) {
    putSimpleJson(vs, stringEnd, jd);
    return;
  }
  const compact = rawJsonCompact(s, e);
  if (compact === undefined) putAscii('null');
  else putText(layout ? reindent(compact, '  ', '  '.repeat(jd)) : compact);
}

// Raw JSON (managedFields' FieldsV1 in every object, RawExtension) is re-rendered by the
// tree path as compactJson(parseJson(text)), re-indented. For the usual text (printable
// ASCII, no escapes, no characters goJsonString would escape, no repeated key in an
// object, shallow) that is the same tokens with Go's layout: checked in one pass, written
// in a second, no strings made.

const JSON_WS = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) JSON_WS[c] = 1;
/** Bytes allowed inside a string of simple JSON: printable ASCII except " \ < > &. */
const JSON_PLAIN = PLAIN;
const SIMPLE_JSON_DEPTH = 64;
/** What simpleJson saw: line breaks the layout adds at most (brackets and commas), deepest nesting. */
let simpleBreaks = 0;
let simpleDepth = 0;
/** Whitespace between tokens (else the text is already compactJson's). */
let simpleHadSpace = false;
/** Keys of the objects being checked (a stack): start, end. */
const keyStarts = new Int32Array(1024);
const keyEnds = new Int32Array(1024);

// simpleJson's state: module-level rather than closures, so a check allocates nothing.
/** Per open container: 1 object, 2 array; and for objects the first key slot. */
const sjKinds = new Uint8Array(SIMPLE_JSON_DEPTH);
const sjKeyBase = new Int32Array(SIMPLE_JSON_DEPTH);
let sjP = 0;
let sjE = 0;
let sjDepth = 0;
let sjKeyTop = 0;

/** Is [s, e) one JSON value in the simple form above (whitespace around tokens allowed)? */
function simpleJson(s: number, e: number): boolean {
  sjP = s;
  sjE = e;
  sjDepth = 0;
  sjKeyTop = 0;
  simpleBreaks = 0;
  simpleDepth = 0;
  simpleHadSpace = false;
  for (;;) {
    // a value
    sjSkipSpace();
    if (sjP >= e) return false;
    const c = buf[sjP]!;
    if (c === 0x7b || c === 0x5b) {
      if (sjDepth === SIMPLE_JSON_DEPTH) return false;
      sjKinds[sjDepth] = c === 0x7b ? 1 : 2;
      sjKeyBase[sjDepth] = sjKeyTop;
      sjDepth++;
      if (sjDepth > simpleDepth) simpleDepth = sjDepth;
      sjP++;
      sjSkipSpace();
      if (sjP < e && buf[sjP] === (c === 0x7b ? 0x7d : 0x5d)) {
        sjP++;
        sjDepth--;
      } else if (c === 0x7b) {
        simpleBreaks++;
        if (!sjObjectKey()) return false;
        continue;
      } else {
        simpleBreaks++;
        continue;
      }
    } else if (c === 0x22) {
      if (!sjString()) return false;
    } else if (c === 0x74) {
      if (!sjWord(TRUE_BYTES)) return false;
    } else if (c === 0x66) {
      if (!sjWord(FALSE_BYTES)) return false;
    } else if (c === 0x6e) {
      if (!sjWord(NULL_BYTES)) return false;
    } else {
      const start = sjP;
      // short: parseJson looks at 400 characters
      if (!sjNumber() || sjP - start > 300) return false;
    }
    // after a value: separators and closing brackets
    for (;;) {
      sjSkipSpace();
      if (sjDepth === 0) return sjP === e;
      const kind = sjKinds[sjDepth - 1]!;
      if (sjP >= e) return false;
      const d = buf[sjP]!;
      if (d === 0x2c) {
        sjP++;
        simpleBreaks++;
        if (kind === 1 && !sjObjectKey()) return false;
        break;
      }
      if (d !== (kind === 1 ? 0x7d : 0x5d)) return false;
      sjP++;
      simpleBreaks++;
      sjKeyTop = sjKeyBase[sjDepth - 1]!;
      sjDepth--;
    }
  }
}

const TRUE_BYTES = utf8('true');
const FALSE_BYTES = utf8('false');
const NULL_BYTES = utf8('null');

function sjWord(word: Uint8Array): boolean {
  if (sjP + word.length > sjE) return false;
  for (let i = 0; i < word.length; i++) if (buf[sjP + i] !== word[i]) return false;
  sjP += word.length;
  return true;
}

function sjSkipSpace(): void {
  let p = sjP;
  const e = sjE;
  while (p < e && JSON_WS[buf[p]!]) p++;
  if (p !== sjP) {
    simpleHadSpace = true;
    sjP = p;
  }
}

/** A string at sjP (the quote); false when not simple. */
function sjString(): boolean {
  let p = sjP + 1;
  const e = sjE;
  while (p < e) {
    const c = buf[p]!;
    if (c === 0x22) {
      sjP = p + 1;
      return true;
    }
    if (JSON_PLAIN[c] === 0) return false;
    p++;
  }
  return false;
}

/** `"key" :` of an object member, not repeating an earlier key of the object. */
function sjObjectKey(): boolean {
  sjSkipSpace();
  if (sjP >= sjE || buf[sjP] !== 0x22) return false;
  const ks = sjP + 1;
  if (!sjString()) return false;
  const ke = sjP - 1;
  for (let k = sjKeyBase[sjDepth - 1]!; k < sjKeyTop; k++) {
    if (keyEnds[k]! - keyStarts[k]! !== ke - ks) continue;
    let same = true;
    for (let i = 0; i < ke - ks; i++) {
      if (buf[keyStarts[k]! + i] !== buf[ks + i]) {
        same = false;
        break;
      }
    }
    if (same) return false; // a repeated key: parseJson keeps the last value at the first place
  }
  if (sjKeyTop >= keyStarts.length) return false;
  keyStarts[sjKeyTop] = ks;
  keyEnds[sjKeyTop] = ke;
  sjKeyTop++;
  sjSkipSpace();
  if (sjP >= sjE || buf[sjP] !== 0x3a) return false;
  sjP++;
  return true;
}

function sjDigit(at: number): boolean {
  return at < sjE && buf[at]! >= 0x30 && buf[at]! <= 0x39;
}

/** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? at sjP. */
function sjNumber(): boolean {
  const e = sjE;
  let p = sjP;
  if (buf[p] === 0x2d) p++;
  if (!sjDigit(p)) return false;
  if (buf[p] === 0x30) p++;
  else while (sjDigit(p)) p++;
  if (p < e && buf[p] === 0x2e) {
    p++;
    if (!sjDigit(p)) return false;
    while (sjDigit(p)) p++;
  }
  if (p < e && (buf[p] === 0x65 || buf[p] === 0x45)) {
    p++;
    if (p < e && (buf[p] === 0x2b || buf[p] === 0x2d)) p++;
    if (!sjDigit(p)) return false;
    while (sjDigit(p)) p++;
  }
  sjP = p;
  return true;
}

/** Writes simple JSON (checked by simpleJson) in Go's layout at JSON depth jd: reindent(compactJson(...)). */
function putSimpleJson(s: number, e: number, jd: number): void {
  // at most: every byte, plus per bracket or comma a newline, indentation and a space
  const room = 2 * (e - s) + (layout ? simpleBreaks * (2 * (jd + simpleDepth) + 3) : 0) + 8;
  if (op + room > cap) grow(room);
  const out = ob;
  let o = op;
  let depth = jd;
  let inString = false;
  for (let p = s; p < e; p++) {
    const c = buf[p]!;
    if (inString) {
      out[o++] = c;
      if (c === 0x22) inString = false;
      continue;
    }
    if (JSON_WS[c]) continue;
    if (c === 0x22) {
      inString = true;
      out[o++] = c;
    } else if (c === 0x7b || c === 0x5b) {
      out[o++] = c;
      let q = p + 1;
      while (JSON_WS[buf[q]!]) q++;
      const closer = c === 0x7b ? 0x7d : 0x5d;
      if (buf[q] === closer) {
        out[o++] = closer;
        p = q;
      } else if (layout) {
        depth++;
        out[o++] = 0x0a;
        o = spaces(o, 2 * depth);
      }
    } else if (c === 0x7d || c === 0x5d) {
      if (layout) {
        depth--;
        out[o++] = 0x0a;
        o = spaces(o, 2 * depth);
      }
      out[o++] = c;
    } else if (c === 0x2c) {
      out[o++] = c;
      if (layout) {
        out[o++] = 0x0a;
        o = spaces(o, 2 * depth);
      }
    } else if (c === 0x3a) {
      out[o++] = c;
      if (layout) out[o++] = 0x20;
    } else out[o++] = c;
  }
  op = o;
}

// ---- YAML values ----
//
// toYaml is sigs.k8s.io/yaml JSONToYAML of the JSON text: the text is read back into
// go-yaml's value tree (yaml/json-value.ts parseJsonForYaml) and marshalled. For what this
// renderer writes, that tree is known without the text: the same members in the same
// order, strings that come back as they went in, numbers resolved from the same literals.
// So the tree is built straight from the wire, under the same contract as the JSON: any
// doubt (and every string the YAML reader would treat specially) → undefined, and the
// caller takes the text path.

/**
 * go-yaml's value for the JSON text renderStoredJson gives (the TypeMeta first, then the
 * fields), as parseJsonForYaml would read it; undefined: take the text path.
 */
export function buildStoredYamlValue(raw: Uint8Array, type: MessageType | undefined, kind: string, apiVersion: string): YamlMapping | undefined {
  if (!type) return undefined;
  const plan = planFor(type);
  if (plan.fallback || !plan.rootSafe) return undefined;
  setWire(raw);
  try {
    const out: YamlMapping = new Map();
    if (kind) out.set('kind', yamlString(kind));
    if (apiVersion) out.set('apiVersion', yamlString(apiVersion));
    yamlMembers(plan, 0, raw.length, 0, out);
    return out;
  } catch {
    return undefined;
  } finally {
    endRender();
  }
}

/**
 * s itself when the YAML reader gives back exactly s from its JSON string literal
 * (goJsonString): escapes (controls, " \ < > &, U+2028/9) decode back; raw characters the
 * reader refuses or folds (DEL, C1 controls with NEL, U+FFFE/F) and surrogates (lone
 * ones become U+FFFD on the way) → text path.
 */
function yamlString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x7f) continue;
    if (c < 0xa0 || c > 0xfffd || (c >= 0xd800 && c <= 0xdfff)) throw FALLBACK;
  }
  return s;
}

/** A wire string as yamlString; printable ASCII without a decoder call. */
function yamlWireString(s: number, e: number): string {
  for (let p = s; p < e; p++) {
    const c = buf[p]!;
    if (c < 0x20 || c >= 0x7f) return yamlString(wire().utf8Slice(s, e));
  }
  return wire().latin1Slice(s, e);
}

function yamlLossyString(s: number, e: number): string {
  for (let p = s; p < e; p++) if (buf[p]! >= 0x80) return yamlString(utf8Lossy(buf, s, e));
  return yamlWireString(s, e);
}

/** The members of a message into out, in JSON order (emitMembers' rules). */
function yamlMembers(plan: MessagePlan, s: number, e: number, pd: number, out: YamlMapping): void {
  if (pd > MAX_DEPTH || plan.fallback) throw FALLBACK;
  const ob0 = occTop;
  const hb = scan(plan, s, e);
  const fields = plan.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const occ = heads[hb + f.slot]!;
    if (f.inline) {
      if (occ < 0) yamlAbsentInline(f.value.message!, out);
      else {
        if (occWire[occ] !== 2) throw FALLBACK;
        yamlMembers(f.value.message!, occStart[occ]!, occEnd[occ]!, pd + 1, out);
      }
      continue;
    }
    if (occ < 0) {
      if (f.required) out.set(f.name, parseJsonForYaml(f.zeroJson));
      continue;
    }
    const code = f.value.code;
    if (f.map) {
      out.set(f.name, yamlMap(f.value, occ, pd));
      continue;
    }
    if (f.repeated) {
      const items = yamlRepeated(f.value, occ, pd);
      if (items.length > 0 || f.renderZero) out.set(f.name, items);
      continue;
    }
    const wt = occWire[occ]!;
    const vs = occStart[occ]!;
    const ve = occEnd[occ]!;
    let v: YamlValue;
    switch (code) {
      case C_STRING:
        if (wt !== 2) throw FALLBACK;
        if (vs === ve && !f.renderZero) continue;
        v = yamlWireString(vs, ve);
        break;
      case C_INT: {
        if (wt !== 0) throw FALLBACK;
        const t = int64Text(vs, ve);
        if (t === '0' && !f.renderZero) continue;
        v = resolveJsonNumber(t);
        break;
      }
      case C_BOOL:
        if (wt !== 0) throw FALLBACK;
        v = varintNonZero(vs, ve);
        if (!v && !f.renderZero) continue;
        break;
      case C_DOUBLE:
      case C_FLOAT: {
        if (wt !== (code === C_DOUBLE ? 1 : 5)) throw FALLBACK;
        const x = code === C_DOUBLE ? view().getFloat64(vs, true) : view().getFloat32(vs, true);
        if (x === 0 && !f.renderZero) continue;
        v = Number.isFinite(x) ? resolveJsonNumber(String(x)) : null;
        break;
      }
      case C_BYTES:
        if (wt !== 2) throw FALLBACK;
        if (vs === ve && !f.renderZero) continue;
        v = wire().base64Slice(vs, ve);
        break;
      case C_LIST: {
        if (wt !== 2) throw FALLBACK;
        const items = yamlList(f.value.elem!, vs, ve, pd);
        if (items.length === 0 && !f.renderZero) continue;
        v = items;
        break;
      }
      default:
        if (f.omitZero && wt === 2 && !readTime(vs, ve)) continue;
        v = yamlValue(f.value, wt, vs, ve, pd);
    }
    out.set(f.name, v);
  }
  occTop = ob0;
  headTop = hb;
}

function yamlAbsentInline(plan: MessagePlan, out: YamlMapping): void {
  if (plan.fallback) throw FALLBACK;
  for (const f of plan.fields) {
    if (f.inline) yamlAbsentInline(f.value.message!, out);
    else if (f.required) out.set(f.name, parseJsonForYaml(f.zeroJson));
  }
}

/** One value (emitValue's rules); pd as there. */
function yamlValue(v: ValuePlan, wt: number, vs: number, ve: number, pd: number): YamlValue {
  switch (v.code) {
    case C_STRING:
      if (wt !== 2) throw FALLBACK;
      return yamlWireString(vs, ve);
    case C_MESSAGE: {
      if (wt !== 2) throw FALLBACK;
      const m: YamlMapping = new Map();
      yamlMembers(v.message!, vs, ve, pd + 1, m);
      return m;
    }
    case C_INT:
      if (wt !== 0) throw FALLBACK;
      return resolveJsonNumber(int64Text(vs, ve));
    case C_BOOL:
      if (wt !== 0) throw FALLBACK;
      return varintNonZero(vs, ve);
    case C_DOUBLE:
    case C_FLOAT: {
      if (wt !== (v.code === C_DOUBLE ? 1 : 5)) throw FALLBACK;
      const x = v.code === C_DOUBLE ? view().getFloat64(vs, true) : view().getFloat32(vs, true);
      return Number.isFinite(x) ? resolveJsonNumber(String(x)) : null;
    }
    case C_BYTES:
      if (wt !== 2) throw FALLBACK;
      return wire().base64Slice(vs, ve);
    case C_LIST:
      if (wt !== 2) throw FALLBACK;
      return yamlList(v.elem!, vs, ve, pd);
  }
  if (wt !== 2) throw FALLBACK;
  switch (v.code) {
    case C_TIME:
    case C_MICROTIME:
      return readTime(vs, ve) ? formatGoTime(timeSecs, timeNanos, v.code === C_MICROTIME) : null;
    case C_DURATION:
      return yamlString(durationText(vs, ve));
    case C_QUANTITY: {
      const qs = lastString(vs, ve);
      return qs < 0 ? '0' : yamlLossyString(qs, stringEnd);
    }
    case C_INT_OR_STRING: {
      const x = readIntOrString(vs, ve);
      if (!intOrStringIsString) return resolveJsonNumber(String(x));
      return x < 0 ? '' : yamlLossyString(x, stringEnd);
    }
    case C_RAW: {
      // simple and compact already: the text is what compactJson would give
      const rs = lastString(vs, ve);
      if (rs >= 0 && stringEnd - rs <= 4096 && simpleJson(rs, stringEnd) && !simpleHadSpace) return parseJsonForYaml(wire().latin1Slice(rs, stringEnd));
      const compact = rawJsonCompact(vs, ve);
      // the whole document's nesting limit cannot be judged from a part: small texts only
      if (compact === undefined) return null;
      if (compact.length > 4096) throw FALLBACK;
      return parseJsonForYaml(compact);
    }
  }
  throw FALLBACK;
}

function yamlRepeated(v: ValuePlan, first: number, pd: number): YamlValue[] {
  const base = collectRepeated(v, first);
  const count = repTop - base;
  const items: YamlValue[] = [];
  for (let k = 0; k < count; k++) items.push(yamlValue(v, repWire[base + k]!, repStart[base + k]!, repEnd[base + k]!, pd));
  repTop = base;
  return items;
}

function yamlList(elem: ValuePlan, s: number, e: number, pd: number): YamlValue[] {
  listCount(s, e); // checks the payload holds only field-1 records
  const items: YamlValue[] = [];
  for (let p = s; p < e; ) {
    const vs = listItem(p, e);
    const wt = itemWire;
    p = itemEnd;
    items.push(yamlValue(elem, wt, vs, p, pd + 1));
  }
  return items;
}

function yamlMap(v: ValuePlan, first: number, pd: number): YamlMapping {
  const base = mapTop;
  const order = collectMap(first);
  const count = mapTop - base;
  const out: YamlMapping = new Map();
  for (let i = 0; i < count; i++) {
    const k = order ? order[i]! : base + i;
    // a long key is no YAML simple key any more: text path
    if (mapKe[k]! - mapKs[k]! > 150) throw FALLBACK;
    const key = yamlWireString(mapKs[k]!, mapKe[k]!);
    out.set(key, v.code === C_STRING ? yamlWireString(mapVs[k]!, mapVe[k]!) : yamlValue(v, 2, mapVs[k]!, mapVe[k]!, pd + 1));
  }
  mapTop = base;
  return out;
}

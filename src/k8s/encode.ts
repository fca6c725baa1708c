// JSON object → protobuf bytes exactly as the apiserver's gogo-generated marshallers
// write them: fields in field-number order, map entries sorted by key, non-pointer
// zero values written (FLAG_WRITE_ZERO), Time/IntOrString/Quantity in their wire shapes.
import { CorruptDataError, UsageError } from '../errors.js';
import { FLAG_INLINE, FLAG_MAP, FLAG_OMIT_ZERO, FLAG_REPEATED, FLAG_WRITE_ZERO, type FieldSpec, type MessageType, type ValueSpec } from './schema.js';
import { parseGoDuration, parseGoTime } from './go-format.js';
import { JNum, JObj, type JValue } from '../io/json-value.js';
import { compactJson } from './json-text.js';
import { quoteForError } from '../io/terminal.js';
import { WireWriter, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './wire.js';

const enc = new TextEncoder();

function bad(kind: string, path: string, detail: string): never {
  throw new CorruptDataError('k8s', `encode ${quoteForError(kind)} field ${quoteForError(path || '.')}: ${detail}`);
}

export function encodeMessage(obj: JObj, type: MessageType, kind: string): Uint8Array {
  const w = new WireWriter();
  writeMessage(w, obj, type, kind, '', 0);
  return w.result();
}

function writeMessage(w: WireWriter, obj: JObj, type: MessageType, kind: string, path: string, depth: number): void {
  if (depth > 100) bad(kind, path, 'nesting deeper than 100');
  for (const f of type.wireOrder) {
    if (f.flags & FLAG_INLINE) {
      writeLen(w, f.no, (sub) => writeMessage(sub, obj, f.value.type!, kind, path, depth + 1));
      continue;
    }
    const v = obj.get(f.name);
    const fpath = path + '.' + f.name;
    if (v === undefined) {
      if (f.flags & (FLAG_WRITE_ZERO | FLAG_OMIT_ZERO)) writeZero(w, f);
      continue;
    }
    if (f.flags & FLAG_MAP) {
      if (v === null) continue;
      if (!(v instanceof JObj)) bad(kind, fpath, 'expected an object (map)');
      const keys = [...v.map.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      for (const k of keys) {
        writeLen(w, f.no, (e) => {
          const kb = enc.encode(k);
          e.tag(1, WIRE_LEN);
          e.varint(kb.length);
          e.bytes(kb);
          writeValue(e, 2, v.map.get(k)!, f.value, kind, `${fpath}[${JSON.stringify(k)}]`, depth, true);
        });
      }
      continue;
    }
    if (f.flags & FLAG_REPEATED) {
      if (v === null) continue;
      if (!Array.isArray(v)) bad(kind, fpath, 'expected an array');
      v.forEach((x, i) => writeValue(w, f.no, x, f.value, kind, `${fpath}[${i}]`, depth, true));
      continue;
    }
    writeValue(w, f.no, v, f.value, kind, fpath, depth, false);
  }
}

/** metav1.Fields: entries {1: key, 2: Fields} sorted by key; a null value is the empty Fields (gogo writes it). */
function writeFieldsSet(w: WireWriter, v: JObj, kind: string, path: string, depth: number): void {
  if (depth > 100) bad(kind, path, 'nesting deeper than 100');
  const keys = [...v.map.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const k of keys) {
    const x = v.map.get(k)!;
    if (x !== null && !(x instanceof JObj)) bad(kind, `${path}[${JSON.stringify(k)}]`, 'expected an object or null');
    writeLen(w, 1, (e) => {
      writeString(e, 1, k);
      writeLen(e, 2, (f) => {
        if (x instanceof JObj) writeFieldsSet(f, x, kind, `${path}[${JSON.stringify(k)}]`, depth + 1);
      });
    });
  }
}

function writeLen(w: WireWriter, no: number, body: (sub: WireWriter) => void): void {
  const sub = new WireWriter();
  body(sub);
  w.tag(no, WIRE_LEN);
  w.varint(sub.len);
  w.bytes(sub.buf.subarray(0, sub.len));
}

function writeZero(w: WireWriter, f: FieldSpec): void {
  switch (f.value.code) {
    case 's':
      w.tag(f.no, WIRE_LEN);
      w.varint(0);
      break;
    case 'i':
    case 'B':
      w.tag(f.no, WIRE_VARINT);
      w.varint(0);
      break;
    case 't':
    case 'T':
      // a struct Time (FLAG_OMIT_ZERO): gogo writes its empty message
      w.tag(f.no, WIRE_LEN);
      w.varint(0);
      break;
  }
}

function intOf(v: JValue, kind: string, path: string): bigint {
  if (v instanceof JNum && /^-?\d+$/.test(v.text)) return BigInt(v.text);
  if (v instanceof JNum && Number.isInteger(Number(v.text))) return BigInt(Number(v.text));
  return bad(kind, path, `expected an integer, got ${quoteForError(compactJson(v))}`);
}

function writeString(w: WireWriter, no: number, s: string): void {
  const b = enc.encode(s);
  w.tag(no, WIRE_LEN);
  w.varint(b.length);
  w.bytes(b);
}

function writeValue(w: WireWriter, no: number, v: JValue, spec: ValueSpec, kind: string, path: string, depth: number, inList: boolean): void {
  switch (spec.code) {
    case 's':
      if (v === null) return inList ? writeString(w, no, '') : undefined;
      if (typeof v !== 'string') bad(kind, path, `expected a string, got ${quoteForError(compactJson(v))}`);
      return writeString(w, no, v);
    case 'b': {
      if (v === null) return;
      if (typeof v !== 'string') bad(kind, path, 'expected base64 bytes');
      const b = Buffer.from(v, 'base64');
      w.tag(no, WIRE_LEN);
      w.varint(b.length);
      w.bytes(b);
      return;
    }
    case 'i':
      if (v === null) return;
      w.tag(no, WIRE_VARINT);
      w.varint64(intOf(v, kind, path));
      return;
    case 'B':
      if (v === null) return;
      if (typeof v !== 'boolean') bad(kind, path, `expected true or false, got ${quoteForError(compactJson(v))}`);
      w.tag(no, WIRE_VARINT);
      w.varint(v ? 1 : 0);
      return;
    case 'd':
    case 'f': {
      if (!(v instanceof JNum)) return;
      const b = new Uint8Array(spec.code === 'd' ? 8 : 4);
      const dv = new DataView(b.buffer);
      if (spec.code === 'd') dv.setFloat64(0, Number(v.text), true);
      else dv.setFloat32(0, Number(v.text), true);
      w.tag(no, spec.code === 'd' ? WIRE_FIXED64 : WIRE_FIXED32);
      w.bytes(b);
      return;
    }
    case 'm':
      if (v === null) return inList ? writeLen(w, no, () => undefined) : undefined;
      if (!(v instanceof JObj)) bad(kind, path, `expected an object, got ${quoteForError(compactJson(v))}`);
      return writeLen(w, no, (sub) => writeMessage(sub, v, spec.type!, kind, path, depth + 1));
    case 'w':
      if (v === null) return writeLen(w, no, () => undefined);
      if (!Array.isArray(v)) bad(kind, path, 'expected an array');
      return writeLen(w, no, (sub) => v.forEach((x, i) => writeValue(sub, 1, x, spec.elem!, kind, `${path}[${i}]`, depth + 1, true)));
    case 't':
    case 'T':
      return writeLen(w, no, (sub) => {
        if (v === null) return;
        if (typeof v !== 'string') bad(kind, path, 'expected an RFC3339 time');
        const t = parseGoTime(v);
        if (!t) bad(kind, path, `invalid RFC3339 time ${quoteForError(JSON.stringify(v))}`);
        sub.tag(1, WIRE_VARINT);
        sub.varint64(t.seconds);
        sub.tag(2, WIRE_VARINT);
        sub.varint64(BigInt(spec.code === 't' ? 0 : t.nanos - (t.nanos % 1000)));
      });
    case 'D':
      return writeLen(w, no, (sub) => {
        const ns = typeof v === 'string' ? parseGoDuration(v) : undefined;
        if (ns === undefined) bad(kind, path, `invalid duration ${quoteForError(compactJson(v))}`);
        sub.tag(1, WIRE_VARINT);
        sub.varint64(ns);
      });
    case 'q':
      if (v === null) return;
      return writeLen(w, no, (sub) => writeString(sub, 1, typeof v === 'string' ? v : v instanceof JNum ? v.text : bad(kind, path, 'expected a quantity')));
    case 'x':
      if (v === null) return;
      return writeLen(w, no, (sub) => {
        const isStr = typeof v === 'string';
        sub.tag(1, WIRE_VARINT);
        sub.varint(isStr ? 1 : 0);
        sub.tag(2, WIRE_VARINT);
        sub.varint64(isStr ? 0n : BigInt.asIntN(32, intOf(v, kind, path)));
        writeString(sub, 3, isStr ? v : '');
      });
    case 'F':
      if (v === null) return writeLen(w, no, () => undefined);
      if (!(v instanceof JObj)) bad(kind, path, 'expected an object (managedFields fields)');
      return writeLen(w, no, (sub) => writeFieldsSet(sub, v, kind, path, depth + 1));
    case 'r':
      return writeLen(w, no, (sub) => {
        if (v === null) return;
        const b = enc.encode(compactJson(v));
        sub.tag(1, WIRE_LEN);
        sub.varint(b.length);
        sub.bytes(b);
      });
  }
  throw new UsageError(`encode: unsupported schema code ${spec.code}`);
}

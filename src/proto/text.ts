// gogoproto's compact text format (proto.CompactTextString), which etcd-dump-logs prints
// for every InternalRaftRequest:
//   header:<ID:2273651502444431163 > put:<key:"/k" value:"v" >␠
// Rules (golang/gogo protobuf text.go): fields in declaration order, each as
// `name:value` followed by one space; messages as `<…>`; proto3 scalars skipped when zero,
// empty bytes/strings skipped; oneof members always printed when set; repeated fields
// once per element; proto2 non-pointer fields always printed; enums by name (number when
// unknown); bytes and strings quoted byte by byte: \n \r \t \" \\ escaped, bytes outside
// 0x20..0x7e as 3-digit octal.
import { messageInfo, type DecodedMessage, type FieldInfo, type MessageInfo, type ProtoValue } from './decode.js';
import { NULLABLE_FIELDS, PROTO2_TYPES } from './schema.js';

export interface TextOptions {
  /** Replaces the value of these field names with `<value removed>` (e.g. passwords). */
  redactFields?: ReadonlySet<string>;
}

/** gogoproto CompactTextString of a decoded message. */
export function compactText(type: MessageInfo | string, msg: DecodedMessage, opts: TextOptions = {}): string {
  const info = typeof type === 'string' ? messageInfo(type) : type;
  const parts: string[] = [];
  writeStruct(parts, info, msg, opts);
  return parts.join('');
}

function writeStruct(out: string[], info: MessageInfo, msg: DecodedMessage, opts: TextOptions): void {
  const proto2 = PROTO2_TYPES.has(info.fullName);
  for (const fi of info.fields) {
    const v = msg[fi.name];
    if (fi.repeated) {
      if (!v) continue;
      for (const el of v as ProtoValue[]) {
        out.push(fi.name, ':');
        writeValue(out, fi, el, opts);
        out.push(' ');
      }
      continue;
    }
    if (v === undefined) {
      if (!proto2 || fi.oneofSiblings || fi.kind === 'message') continue;
      if (fi.kind === 'bytes' && !fi.isString) continue; // nil []byte
      if (NULLABLE_FIELDS.has(`${info.fullName}.${fi.name}`)) continue;
      out.push(fi.name, ':');
      writeValue(out, fi, zeroOf(fi), opts);
      out.push(' ');
      continue;
    }
    if (!proto2 && !fi.oneofSiblings && fi.kind !== 'message' && isZero(v)) continue;
    out.push(fi.name, ':');
    if (opts.redactFields?.has(fi.name) && fi.kind === 'bytes') out.push('"<value removed>"');
    else writeValue(out, fi, v, opts);
    out.push(' ');
  }
}

function zeroOf(fi: FieldInfo): ProtoValue {
  switch (fi.kind) {
    case 'int64':
    case 'uint64':
      return 0n;
    case 'bool':
      return false;
    case 'bytes':
      return new Uint8Array(0);
    default:
      return 0;
  }
}

function isZero(v: ProtoValue): boolean {
  if (typeof v === 'bigint') return v === 0n;
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'boolean') return !v;
  if (v instanceof Uint8Array) return v.length === 0;
  return false;
}

function writeValue(out: string[], fi: FieldInfo, v: ProtoValue, opts: TextOptions): void {
  switch (fi.kind) {
    case 'message':
      out.push('<');
      writeStruct(out, fi.message!, v as DecodedMessage, opts);
      out.push('>');
      return;
    case 'bytes':
      out.push(textQuote(v as Uint8Array));
      return;
    case 'enum':
      out.push(fi.enumValues!.get(v as number) ?? String(v));
      return;
    default:
      out.push(String(v));
  }
}

// Escape of every byte value: [length, b0, b1, b2, b3].
const ESCAPES = new Uint8Array(256 * 5);
for (let c = 0; c < 256; c++) {
  let e: number[];
  if (c === 0x0a) e = [0x5c, 0x6e];
  else if (c === 0x0d) e = [0x5c, 0x72];
  else if (c === 0x09) e = [0x5c, 0x74];
  else if (c === 0x22 || c === 0x5c) e = [0x5c, c];
  else if (c >= 0x20 && c < 0x7f) e = [c];
  else e = [0x5c, 0x30 + (c >> 6), 0x30 + ((c >> 3) & 7), 0x30 + (c & 7)];
  ESCAPES[c * 5] = e.length;
  ESCAPES.set(e, c * 5 + 1);
}

/** The text format's quoting of a string or bytes field (not Go %q: octal escapes). */
export function textQuote(b: Uint8Array): string {
  // Output is pure ASCII: build it as bytes (up to 4 per input byte) and decode once.
  const out = Buffer.allocUnsafe(b.length * 4 + 2);
  let o = 0;
  out[o++] = 0x22;
  for (let i = 0; i < b.length; i++) {
    const k = b[i]! * 5;
    const n = ESCAPES[k]!;
    out[o] = ESCAPES[k + 1]!;
    if (n > 1) {
      out[o + 1] = ESCAPES[k + 2]!;
      out[o + 2] = ESCAPES[k + 3]!;
      out[o + 3] = ESCAPES[k + 4]!;
    }
    o += n;
  }
  out[o++] = 0x22;
  return out.toString('latin1', 0, o);
}

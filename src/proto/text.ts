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

const OCTAL: string[] = Array.from({ length: 256 }, (_, c) => '\\' + c.toString(8).padStart(3, '0'));

/** The text format's quoting of a string or bytes field (not Go %q: octal escapes). */
export function textQuote(b: Uint8Array): string {
  let plain = true;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) {
      plain = false;
      break;
    }
  }
  if (plain) return '"' + Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1') + '"';
  let s = '"';
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0x0a) s += '\\n';
    else if (c === 0x0d) s += '\\r';
    else if (c === 0x09) s += '\\t';
    else if (c === 0x22) s += '\\"';
    else if (c === 0x5c) s += '\\\\';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += OCTAL[c]!;
  }
  return s + '"';
}

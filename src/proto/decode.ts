// Schema-driven protobuf decoding with gogoproto's acceptance rules (see ./wire.ts).
// A decoded message is a plain object keyed by .proto field name:
//   64-bit integers → bigint, 32-bit integers and enums → number, bool → boolean,
//   string and bytes → Uint8Array (Go strings are bytes; nothing is UTF-8 decoded here),
//   messages → DecodedMessage, repeated → arrays.
// A field is present in the object only when it occurred on the wire, which is what the
// text printer needs for message fields and oneofs.
import type protobuf from 'protobufjs';
import { messageType } from './schema.js';
import { ProtoError, WireReader, WIRE_BYTES, WIRE_VARINT } from './wire.js';

export type ProtoValue = bigint | number | boolean | Uint8Array | DecodedMessage | ProtoValue[];
export type DecodedMessage = { [field: string]: ProtoValue };

type ScalarKind = 'int64' | 'uint64' | 'int32' | 'uint32' | 'bool' | 'enum' | 'bytes' | 'message';

export interface FieldInfo {
  name: string;
  id: number;
  kind: ScalarKind;
  /** A .proto `string` (decoded as bytes like `bytes`, but printed differently when empty in proto2). */
  isString: boolean;
  repeated: boolean;
  /** Other members of this field's oneof (set one, the others are cleared). */
  oneofSiblings: string[] | undefined;
  message: MessageInfo | undefined;
  enumValues: Map<number, string> | undefined;
}

export interface MessageInfo {
  fullName: string;
  shortName: string;
  /** Fields in declaration order. */
  fields: FieldInfo[];
  byId: Map<number, FieldInfo>;
}

const MAX_DEPTH = 100;
const infoCache = new Map<protobuf.Type, MessageInfo>();
const infoByName = new Map<string, MessageInfo>();

function kindOf(field: protobuf.Field): ScalarKind {
  switch (field.type) {
    case 'int64':
    case 'uint64':
    case 'int32':
    case 'uint32':
    case 'bool':
    case 'bytes':
      return field.type;
    case 'string':
      return 'bytes';
  }
  const rt = field.resolvedType;
  if (rt && 'values' in rt) return 'enum';
  return 'message';
}

/** Field tables of a message type, built once from the protobufjs reflection type. */
export function messageInfo(typeOrName: protobuf.Type | string): MessageInfo {
  if (typeof typeOrName === 'string') {
    let info = infoByName.get(typeOrName);
    if (!info) infoByName.set(typeOrName, (info = messageInfo(messageType(typeOrName))));
    return info;
  }
  const type = typeof typeOrName === 'string' ? messageType(typeOrName) : typeOrName;
  const hit = infoCache.get(type);
  if (hit) return hit;
  const info: MessageInfo = {
    fullName: type.fullName.replace(/^\./, ''),
    shortName: type.name,
    fields: [],
    byId: new Map(),
  };
  infoCache.set(type, info); // before recursing: messages can refer to themselves
  for (const field of type.fieldsArray) {
    const kind = kindOf(field);
    const fi: FieldInfo = {
      name: field.name,
      id: field.id,
      kind,
      isString: field.type === 'string',
      repeated: field.repeated,
      oneofSiblings: field.partOf ? field.partOf.oneof.filter((n) => n !== field.name) : undefined,
      message: undefined,
      enumValues: undefined,
    };
    if (kind === 'message') fi.message = messageInfo(field.resolvedType as protobuf.Type);
    if (kind === 'enum') {
      const values = (field.resolvedType as protobuf.Enum).values;
      fi.enumValues = new Map(Object.entries(values).map(([k, v]) => [v, k]));
    }
    info.fields.push(fi);
    info.byId.set(fi.id, fi);
  }
  return info;
}

/** Decodes `bytes` as message `type`; throws ProtoError where gogoproto's Unmarshal fails. */
export function decodeMessage(type: MessageInfo | string, bytes: Uint8Array): DecodedMessage {
  const info = typeof type === 'string' ? messageInfo(type) : type;
  return decodeInto(info, new WireReader(bytes), 0);
}

/** True when gogoproto would unmarshal `bytes` as `type` without error. */
export function parsesAs(type: MessageInfo | string, bytes: Uint8Array): boolean {
  try {
    decodeMessage(type, bytes);
    return true;
  } catch (err) {
    if (err instanceof ProtoError) return false;
    throw err;
  }
}

function decodeInto(info: MessageInfo, r: WireReader, depth: number): DecodedMessage {
  if (depth > MAX_DEPTH) throw new ProtoError('proto: message nested too deeply', r.pos);
  const msg: DecodedMessage = Object.create(null) as DecodedMessage;
  while (!r.eof) {
    const [id, wire] = r.tag(info.shortName);
    const fi = info.byId.get(id);
    if (!fi) {
      r.skip(wire);
      continue;
    }
    if (fi.repeated) {
      let list = msg[fi.name] as ProtoValue[] | undefined;
      if (!list) msg[fi.name] = list = [];
      if (wire === WIRE_BYTES && fi.kind !== 'bytes' && fi.kind !== 'message') {
        // packed scalars
        const [start, end] = r.lengthDelimited();
        const sub = new WireReader(r.buf, start, end);
        while (!sub.eof) list.push(readScalar(fi, sub, WIRE_VARINT, info));
      } else {
        list.push(readValue(fi, r, wire, info, depth));
      }
      continue;
    }
    const v = readValue(fi, r, wire, info, depth);
    if (fi.oneofSiblings) for (const s of fi.oneofSiblings) delete msg[s];
    msg[fi.name] = v;
  }
  return msg;
}

function wrongWire(info: MessageInfo, fi: FieldInfo, wire: number, at: number): ProtoError {
  return new ProtoError(`proto: wrong wireType = ${wire} for field ${fi.name} of ${info.shortName}`, at);
}

function readValue(fi: FieldInfo, r: WireReader, wire: number, info: MessageInfo, depth: number): ProtoValue {
  if (fi.kind === 'message') {
    if (wire !== WIRE_BYTES) throw wrongWire(info, fi, wire, r.pos);
    const [start, end] = r.lengthDelimited();
    return decodeInto(fi.message!, new WireReader(r.buf, start, end), depth + 1);
  }
  if (fi.kind === 'bytes') {
    if (wire !== WIRE_BYTES) throw wrongWire(info, fi, wire, r.pos);
    const [start, end] = r.lengthDelimited();
    return r.buf.subarray(start, end);
  }
  return readScalar(fi, r, wire, info);
}

function readScalar(fi: FieldInfo, r: WireReader, wire: number, info: MessageInfo): ProtoValue {
  // The schemas here only use varint scalars; any other wire type is rejected like gogo does.
  if (wire !== WIRE_VARINT) throw wrongWire(info, fi, wire, r.pos);
  const v = r.varint64();
  switch (fi.kind) {
    case 'uint64':
      return v;
    case 'int64':
      return BigInt.asIntN(64, v);
    case 'uint32':
      return Number(BigInt.asUintN(32, v));
    case 'int32':
    case 'enum':
      return Number(BigInt.asIntN(32, v));
    case 'bool':
      return v !== 0n;
    default:
      throw new ProtoError(`proto: unexpected scalar kind ${fi.kind}`, r.pos);
  }
}

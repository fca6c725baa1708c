// The compact Kubernetes schema derived by scripts/gen-k8s-schema.ts from the
// ../shared/k8s-api data (never hand-written, never copied .proto files).
//
// Serialized form (schema-data.ts, one JSON string):
//   { v: 1, kinds: [[apiVersion, kind, typeIndex], ...], types: [[field, ...], ...] }
//   field = [fieldNo, jsonName, flags, spec]   fields listed in Go struct (JSON) order
//   spec  = 's' string | 'b' []byte (base64) | 'i' int (varint, signed 64) | 'B' bool
//         | 'd' double | 'f' float | 't' Time | 'T' MicroTime | 'D' Duration | 'q' Quantity
//         | 'x' IntOrString | 'r' raw JSON (RawExtension, FieldsV1) | 'm<N>' message type N
//         | 'w<spec>' a message wrapping `repeated <spec> items = 1` rendered as a JSON array
//   For a map field the spec is the value's spec; keys are strings.
import { SCHEMA_DATA } from './schema-data.js';

export const FLAG_REPEATED = 1;
export const FLAG_MAP = 2;
/** Embedded struct (`json:",inline"`): its fields render inside the parent object. */
export const FLAG_INLINE = 4;
/** Rendered when present on the wire even if zero (pointer field or no omitempty). */
export const FLAG_RENDER_ZERO = 8;
/** Rendered even when absent (OpenAPI `required`): zero value / null. */
export const FLAG_REQUIRED = 16;
/** Go writes the zero value on the wire when the JSON omits it (non-pointer field). */
export const FLAG_WRITE_ZERO = 32;
/** Repeated scalar written packed. */
export const FLAG_PACKED = 64;

export type ScalarCode = 's' | 'b' | 'i' | 'B' | 'd' | 'f' | 't' | 'T' | 'D' | 'q' | 'x' | 'r';

export interface ValueSpec {
  code: ScalarCode | 'm' | 'w';
  /** Message type for 'm'. */
  type?: MessageType;
  /** Element spec for 'w'. */
  elem?: ValueSpec;
}

export interface FieldSpec {
  no: number;
  name: string;
  flags: number;
  value: ValueSpec;
  /** Slot of this field number in a decoder's per-message value array (the last field with this number, as byNo). */
  slot?: number;
  /** This field's step in an error path: `.name`, or `.<inline N>` for an embedded struct. */
  pathPart?: string;
}

export interface MessageType {
  index: number;
  /** Fields in JSON order. */
  fields: FieldSpec[];
  /** Field number → field, for decoding. */
  byNo: Map<number, FieldSpec>;
  /** JSON name → field, for encoding (inline fields' names are reached through `inline`). */
  byName: Map<string, FieldSpec>;
  /** Inline fields, searched when a JSON name is not a direct field. */
  inline: FieldSpec[];
  /** Fields in field-number order, for encoding. */
  wireOrder: FieldSpec[];
  /** Field number → field, dense (built on first decode; field numbers are small). */
  slotByNo?: (FieldSpec | undefined)[];
}

/** Largest field number given a dense decode table; rarer numbers fall back to byNo. */
const DENSE_FIELD_LIMIT = 1024;

/** Decoder tables for `type`: field slots and a dense field-number index (built once). */
export function decodeTable(type: MessageType): (FieldSpec | undefined)[] {
  if (type.slotByNo) return type.slotByNo;
  const dense: (FieldSpec | undefined)[] = [];
  type.fields.forEach((f, i) => {
    if (type.byNo.get(f.no) === f) f.slot = i;
  });
  for (const f of type.fields) {
    f.pathPart = '.' + (f.flags & FLAG_INLINE ? `<inline ${f.no}>` : f.name);
    const winner = type.byNo.get(f.no);
    f.slot = winner?.slot ?? -1;
    if (f.no < DENSE_FIELD_LIMIT) {
      while (dense.length <= f.no) dense.push(undefined);
      dense[f.no] = winner;
    }
  }
  type.slotByNo = dense;
  return dense;
}

export interface K8sSchema {
  types: MessageType[];
  /** `apiVersion␀kind` → root message type. */
  kinds: Map<string, MessageType>;
}

type RawField = [number, string, number, string];
interface RawSchema {
  v: number;
  kinds: [string, string, number][];
  types: RawField[][];
}

export function parseSpec(spec: string, types: MessageType[]): ValueSpec {
  const c = spec[0];
  if (c === 'm') {
    const t = types[Number(spec.slice(1))];
    if (!t) throw new Error(`schema: bad type reference ${spec}`);
    return { code: 'm', type: t };
  }
  if (c === 'w') return { code: 'w', elem: parseSpec(spec.slice(1), types) };
  return { code: spec as ScalarCode };
}

export function loadSchema(text: string): K8sSchema {
  const raw = JSON.parse(text) as RawSchema;
  const types: MessageType[] = raw.types.map((_, index) => ({
    index,
    fields: [],
    byNo: new Map(),
    byName: new Map(),
    inline: [],
    wireOrder: [],
  }));
  raw.types.forEach((fields, i) => {
    const t = types[i]!;
    for (const [no, name, flags, spec] of fields) {
      const f: FieldSpec = { no, name, flags, value: parseSpec(spec, types) };
      t.fields.push(f);
      t.byNo.set(no, f);
      if (flags & FLAG_INLINE) t.inline.push(f);
      else t.byName.set(name, f);
    }
    t.wireOrder = [...t.fields].sort((a, b) => a.no - b.no);
  });
  const kinds = new Map<string, MessageType>();
  for (const [apiVersion, kind, idx] of raw.kinds) kinds.set(`${apiVersion}\0${kind}`, types[idx]!);
  return { types, kinds };
}

let cached: K8sSchema | undefined;

/** The built-in schema (parsed once, on first use). */
export function builtinSchema(): K8sSchema {
  cached ??= loadSchema(SCHEMA_DATA);
  return cached;
}

/** The message type of a kind, or undefined when the schema does not know it. */
export function lookupKind(apiVersion: string, kind: string, schema = builtinSchema()): MessageType | undefined {
  return schema.kinds.get(`${apiVersion}\0${kind}`);
}

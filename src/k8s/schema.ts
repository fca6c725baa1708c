// The compact Kubernetes schema derived by scripts/gen-k8s-schema.ts from the
// ../shared/k8s-api data (never hand-written, never copied .proto files).
//
// Serialized form (schema-data.ts, one JSON string):
//   { v: 1, kinds: [[apiVersion, kind, typeIndex], ...], types: [[field, ...], ...] }
//   field = [fieldNo, jsonName, flags, spec]   fields listed in Go struct (JSON) order
//   spec  = 's' string | 'b' []byte (base64) | 'i' int (varint, signed 64) | 'B' bool
//         | 'd' double | 'f' float | 't' Time | 'T' MicroTime | 'D' Duration | 'q' Quantity
//         | 'x' IntOrString | 'r' raw JSON (RawExtension, FieldsV1) | 'm<N>' message type N
//         | 'F' metav1.Fields (managedFields[].fields, 1.14/1.15): `map<string, Fields> map = 1`,
//           rendered as that map (an empty one as null)
//         | 'w<spec>' a message wrapping `repeated <spec> items = 1` rendered as a JSON array
//   For a map field the spec is the value's spec; keys are strings.
import { SCHEMA_DATA } from './schema-data.js';
import { UsageError } from '../errors.js';

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
/** FLAG_WRITE_ZERO in the releases where the field exists (see FieldSpec.life), not in the newest: a removed field. */
export const FLAG_WRITE_ZERO_IN_LIFE = 128;
/** A pointer scalar without omitempty: absent renders `null`, not the zero value (with FLAG_REQUIRED). */
export const FLAG_NULL_WHEN_ABSENT = 256;
/**
 * `omitzero` on a struct field (metav1.Time): a zero value on the wire is left out of the JSON
 * unless FLAG_RENDER_ZERO says the release predates the tag (then it renders `null`). gogo
 * always writes a struct field, so encode writes its empty message when the JSON omits it.
 */
export const FLAG_OMIT_ZERO = 512;
/** FLAG_REQUIRED (rendered when absent) in the releases where the field exists, not in the newest: a removed field without omitempty. */
export const FLAG_REQUIRED_IN_LIFE = 1024;

export type ScalarCode = 's' | 'b' | 'i' | 'B' | 'd' | 'f' | 't' | 'T' | 'D' | 'q' | 'x' | 'r' | 'F';

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
  /**
   * Release ordinals (index into K8sSchema.releases): the field exists in [since, until]; a
   * zero renders in [zeroFrom, zeroTo] only (-1: no change between releases). Absent when
   * the field lives as long as its message. Read by schemaForRelease.
   */
  life?: readonly [number, number, number, number];
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
  /** Releases the schema was derived from, oldest first ('HEAD' = the one in development). */
  releases: string[];
  /** The release this view renders and writes as; undefined = the newest behaviour of every field. */
  release?: string;
  /** Views already built from this schema, by release name. */
  views?: Map<string, K8sSchema>;
}

type RawField = [number, string, number, string] | [number, string, number, string, [number, number, number, number]];
interface RawSchema {
  v: number;
  releases?: string[];
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

/** Empty message types, one per index (filled by setFields). */
function emptyTypes(n: number): MessageType[] {
  return Array.from({ length: n }, (_, index) => ({ index, fields: [], byNo: new Map(), byName: new Map(), inline: [], wireOrder: [] }));
}

/** Fills a type's field list and its lookup tables. */
function setFields(t: MessageType, fields: FieldSpec[]): void {
  for (const f of fields) {
    t.fields.push(f);
    t.byNo.set(f.no, f);
    if (f.flags & FLAG_INLINE) t.inline.push(f);
    else t.byName.set(f.name, f);
  }
  t.wireOrder = [...t.fields].sort((a, b) => a.no - b.no);
}

export function loadSchema(text: string): K8sSchema {
  const raw = JSON.parse(text) as RawSchema;
  const types = emptyTypes(raw.types.length);
  raw.types.forEach((fields, i) => {
    setFields(
      types[i]!,
      fields.map(([no, name, flags, spec, life]) => {
        const f: FieldSpec = { no, name, flags, value: parseSpec(spec, types) };
        if (life) f.life = life;
        return f;
      }),
    );
  });
  const kinds = new Map<string, MessageType>();
  for (const [apiVersion, kind, idx] of raw.kinds) kinds.set(`${apiVersion}\0${kind}`, types[idx]!);
  return { types, kinds, releases: raw.releases ?? [] };
}

let cached: K8sSchema | undefined;

/** The built-in schema (parsed once, on first use). */
export function builtinSchema(): K8sSchema {
  cached ??= loadSchema(SCHEMA_DATA);
  return cached;
}

/** Per schema (and per size of its kinds map, which callers may extend): apiVersion → kind → type. */
const kindIndex = new WeakMap<K8sSchema, { size: number; byVersion: Map<string, Map<string, MessageType>> }>();

/** The message type of a kind, or undefined when the schema does not know it. */
export function lookupKind(apiVersion: string, kind: string, schema = builtinSchema()): MessageType | undefined {
  // two lookups of the strings as they are: no joined key to build and hash per value
  let index = kindIndex.get(schema);
  if (!index || index.size !== schema.kinds.size) {
    const byVersion = new Map<string, Map<string, MessageType>>();
    for (const [key, type] of schema.kinds) {
      const cut = key.indexOf('\0');
      const v = key.slice(0, cut);
      let kinds = byVersion.get(v);
      if (!kinds) byVersion.set(v, (kinds = new Map()));
      kinds.set(key.slice(cut + 1), type);
    }
    kindIndex.set(schema, (index = { size: schema.kinds.size, byVersion }));
  }
  return index.byVersion.get(apiVersion)?.get(kind);
}

/** `1.29`, `v1.29`, `1.29.3`, `v1.29.0` → [1, 29]; `HEAD` → undefined (newest). */
function parseRelease(release: string): [number, number] | undefined {
  if (/^head$/i.test(release)) return undefined;
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(release.trim());
  if (!m) throw new UsageError(`Kubernetes release "${release}": expected a version like 1.29 or v1.29.3, or HEAD`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * The schema as one Kubernetes release renders and writes its objects: fields that release
 * does not have are neither rendered when absent (`required`) nor written as zeros, and a
 * field whose zero rendering changed between releases follows that release. A release
 * between two known ones behaves as the older known one; one newer than all, as the newest.
 */
export function schemaForRelease(release: string, schema: K8sSchema = builtinSchema()): K8sSchema {
  const want = parseRelease(release);
  const known = schema.releases.map((r) => (/^head$/i.test(r) ? undefined : parseRelease(r)));
  let ord = schema.releases.length - 1;
  if (want) {
    // the newest numbered release not newer than `want`; past the last numbered one, HEAD
    const cmp = (k: [number, number]): number => k[0] - want[0] || k[1] - want[1];
    let found = -1;
    let lastNumbered = -1;
    known.forEach((k, i) => {
      if (!k) return;
      lastNumbered = i;
      if (cmp(k) <= 0) found = i;
    });
    if (found < 0) throw new UsageError(`Kubernetes release ${release} is older than the oldest the schema knows (${schema.releases[0] ?? 'none'})`);
    if (found !== lastNumbered || cmp(known[found]!) === 0) ord = found;
  }
  if (ord === schema.releases.length - 1) return schema;
  const name = schema.releases[ord]!;
  schema.views ??= new Map();
  const hit = schema.views.get(name);
  if (hit) return hit;
  const types = emptyTypes(schema.types.length);
  const remap = (v: ValueSpec): ValueSpec => (v.type ? { code: v.code, type: types[v.type.index]! } : v.elem ? { code: v.code, elem: remap(v.elem) } : v);
  schema.types.forEach((t, i) => {
    setFields(
      types[i]!,
      t.fields.map((f) => {
        const g: FieldSpec = { no: f.no, name: f.name, flags: flagsInRelease(f, ord), value: remap(f.value) };
        if (f.life) g.life = f.life;
        return g;
      }),
    );
  });
  const kinds = new Map<string, MessageType>();
  for (const [k, t] of schema.kinds) kinds.set(k, types[t.index]!);
  const out: K8sSchema = { types, kinds, releases: schema.releases, release: name };
  schema.views.set(name, out);
  return out;
}

function flagsInRelease(f: FieldSpec, ord: number): number {
  let flags = f.flags;
  if (!f.life) return flags;
  const [since, until, zeroFrom, zeroTo] = f.life;
  if (ord < since || ord > until) return flags & ~(FLAG_REQUIRED | FLAG_WRITE_ZERO);
  if (flags & FLAG_WRITE_ZERO_IN_LIFE) flags |= FLAG_WRITE_ZERO;
  if (flags & FLAG_REQUIRED_IN_LIFE) flags |= FLAG_REQUIRED | FLAG_RENDER_ZERO;
  if (zeroFrom < 0) return flags;
  if (ord >= zeroFrom && ord <= zeroTo) return (flags | FLAG_RENDER_ZERO) & ~FLAG_WRITE_ZERO;
  flags &= ~(FLAG_RENDER_ZERO | FLAG_REQUIRED);
  const c = f.value.code;
  if ((c === 's' || c === 'i' || c === 'B') && !(flags & (FLAG_REPEATED | FLAG_MAP))) flags |= FLAG_WRITE_ZERO;
  return flags;
}

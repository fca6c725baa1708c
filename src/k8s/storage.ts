// A stored value as etcd holds it → what it is (protobuf, JSON, encrypted, CBOR) and the
// decoded object. Detection follows auger (pkg/encoding/encoding.go): the `k8s\0` magic
// anywhere → protobuf runtime.Unknown from there; else the first `{`/`[` from which the
// rest parses as JSON. Added: `k8s:enc:` envelopes and the CBOR self-described tag.
//
// runtime.Unknown (protobuf): typeMeta=1 {apiVersion=1, kind=2}, raw=2 (the object's own
// message), contentEncoding=3, contentType=4 (both always written, usually empty).
import { CorruptDataError, UnsupportedError } from '../errors.js';
import { decodeMessage, RawJson, type K8sObject, type K8sValue } from './decode.js';
import { encodeMessage } from './encode.js';
import { JObj, JsonSyntaxError, parseJson, type JValue } from '../io/json-value.js';
import { renderJson, compactJsonText } from './json-text.js';
import { buildStoredYamlValue, renderStoredJson } from './render-json.js';
import { builtinSchema, lookupKind, type K8sSchema, type MessageType } from './schema.js';
import { lengthPrefixAt, parseWire, prefixedLength, utf8Lossy, WireError, WireWriter, WIRE_LEN } from './wire.js';
import { jsonToYaml, marshalYaml, parseJsonForYaml } from './yaml/index.js';
import type { YamlMapping } from './yaml/json-value.js';
import { marshalYamlFast } from './yaml/fast-marshal.js';
import { stringifyJson } from '../io/json.js';
import { decodeCbor, encodeCbor } from './cbor.js';

export const K8S_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);
const ENC_PREFIX = 'k8s:enc:';
const CBOR_TAG = Uint8Array.of(0xd9, 0xd9, 0xf7);

export type StorageEncoding = 'protobuf' | 'json' | 'encrypted' | 'cbor';

export interface DecodedValue {
  encoding: StorageEncoding;
  apiVersion: string;
  kind: string;
  /**
   * The object (protobuf: TypeMeta + fields in Go order; JSON: the parsed value).
   * protobuf: built on first access and cached (toJson/toYaml do not need it: they render
   * the wire bytes directly). A damaged body still throws from decodeStorageValue, which
   * renders the JSON text eagerly, so the object can always be built once decode returned.
   */
  object: K8sObject | undefined;
  /** protobuf: runtime.Unknown.raw (what `-o proto` prints). */
  raw?: Uint8Array;
  /** protobuf: runtime.Unknown contentType / contentEncoding. */
  contentType?: string;
  contentEncoding?: string;
  /** protobuf: the schema had no type for apiVersion/kind; fields are dumped by number. */
  unknownKind?: boolean;
  /** json: the JSON text exactly as stored (from the first `{`/`[`). */
  jsonText?: string;
  /** encrypted: `k8s:enc:<provider>:<version>:<key name>:` parts. */
  provider?: string;
  providerVersion?: string;
  keyName?: string;
  /** Byte offset of the envelope inside the input (auger finds `k8s\0` anywhere). */
  offset: number;
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(needle, from);
}

const ENC_PREFIX_BYTES = Buffer.from(ENC_PREFIX, 'latin1');

function startsWith(b: Uint8Array, p: Uint8Array): boolean {
  if (b.length < p.length) return false;
  for (let i = 0; i < p.length; i++) if (b[i] !== p[i]) return false;
  return true;
}

/**
 * What the caller will print, so decodeStorageValue renders that at once (it renders
 * something at once anyway, to find damage) and the rest only on demand: 'json' (toJson,
 * the default), 'compact' (toCompactJson) or 'yaml' (toYaml).
 */
export type DecodeFor = 'json' | 'compact' | 'yaml';

/** Decodes one stored value. Throws CorruptDataError for damaged protobuf, UnsupportedError for unknown formats. */
export function decodeStorageValue(bytes: Uint8Array, schema: K8sSchema = builtinSchema(), decodeFor: DecodeFor = 'json'): DecodedValue {
  if (startsWith(bytes, ENC_PREFIX_BYTES)) return decodeEncrypted(bytes);
  if (startsWith(bytes, CBOR_TAG)) return decodeCborValue(bytes, schema);
  const at = startsWith(bytes, K8S_MAGIC) ? 0 : indexOf(bytes, K8S_MAGIC);
  if (at >= 0) return decodeProtobuf(bytes, at, schema, decodeFor);
  // inside a WAL entry (--batch-process) the envelope is not at the start
  const encAt = indexOf(bytes, ENC_PREFIX_BYTES);
  if (encAt >= 0) return { ...decodeEncrypted(bytes.subarray(encAt)), offset: encAt };
  const json = findJson(bytes);
  if (json) return json;
  throw new UnsupportedError('k8s', 'value does not appear to contain valid JSON or binary data (no k8s\\0 protobuf magic, no JSON object, not k8s:enc: nor CBOR)');
}

/** A CBOR value (KEP-4222): the object in Go's JSON shape; unknownKind = unstructured (a custom resource). */
function decodeCborValue(bytes: Uint8Array, schema: K8sSchema): DecodedValue {
  const d = decodeCbor(bytes, (apiVersion, kind) => typeOf(apiVersion, kind, schema));
  return { encoding: 'cbor', apiVersion: d.apiVersion, kind: d.kind, object: d.object, unknownKind: !d.typed, offset: 0 };
}

function decodeEncrypted(bytes: Uint8Array): DecodedValue {
  // k8s:enc:<provider>:v1:<key>:<ciphertext>; kms: k8s:enc:kms:v1|v2:<plugin name>:<...>
  const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 512))).toString('latin1');
  const parts = head.slice(ENC_PREFIX.length).split(':');
  const provider = parts[0] ?? '';
  const providerVersion = parts[1] ?? '';
  const keyName = parts.length > 3 ? (parts[2] ?? '') : '';
  return { encoding: 'encrypted', apiVersion: '', kind: '', object: undefined, provider, providerVersion, keyName, offset: 0 };
}

function findJson(bytes: Uint8Array): DecodedValue | undefined {
  const text = utf8Lossy(bytes, 0, bytes.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '{' && c !== '[') continue;
    let v: JValue;
    try {
      v = parseJson(text.slice(i));
    } catch (e) {
      // too deep for the budget: say so, rather than "no JSON found"
      if (e instanceof JsonSyntaxError && e.detail.startsWith('nesting deeper')) throw new CorruptDataError('k8s', `JSON value: ${e.detail}`, { offset: i + e.at });
      if (e instanceof JsonSyntaxError) continue;
      throw e;
    }
    const obj = v instanceof JObj ? v : undefined;
    const str = (k: string): string => {
      const x = obj?.get(k);
      return typeof x === 'string' ? x : '';
    };
    const jsonText = text.slice(i).trimEnd();
    return {
      encoding: 'json',
      apiVersion: str('apiVersion'),
      kind: str('kind'),
      object: JSON.parse(jsonText) as K8sObject,
      jsonText,
      offset: Buffer.byteLength(text.slice(0, i)),
    };
  }
  return undefined;
}

// The envelope's apiVersion and kind repeat from value to value: short ASCII ones are
// interned (the same string object each time: no string built, its hash already known to
// the kind lookup). Bounded: cleared when full, as the values are untrusted.
const INTERN_MAX_LEN = 64;
const INTERN_MAX_ENTRIES = 4096;
const interned = new Map<number, { bytes: Uint8Array; text: string }>();

/** utf8Lossy, without the decoder call for the usual empty or ASCII strings. */
function envelopeText(bytes: Uint8Array, s: number, e: number): string {
  if (s === e) return '';
  let hash = 0x811c9dc5;
  for (let p = s; p < e; p++) {
    const c = bytes[p]!;
    if (c >= 0x80) return utf8Lossy(bytes, s, e);
    hash = Math.imul(hash ^ c, 0x01000193);
  }
  if (e - s > INTERN_MAX_LEN) return latin1(bytes, s, e);
  const key = (hash ^ (e - s)) & 0x3fffffff; // a small integer: a cheap Map key
  const hit = interned.get(key);
  if (hit && sameBytes(hit.bytes, bytes, s, e)) return hit.text;
  const text = latin1(bytes, s, e);
  if (interned.size >= INTERN_MAX_ENTRIES) interned.clear();
  interned.set(key, { bytes: bytes.slice(s, e), text });
  return text;
}

function sameBytes(a: Uint8Array, b: Uint8Array, s: number, e: number): boolean {
  if (a.length !== e - s) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[s + i]) return false;
  return true;
}

function latin1(bytes: Uint8Array, s: number, e: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + s, e - s).toString('latin1');
}

/** runtime.Unknown's fields as the envelope parsers find them. */
interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  rawAt: number;
  contentType: string;
  contentEncoding: string;
}


/**
 * The usual envelope (fields 1-4, each length-delimited with a one-byte tag, typeMeta
 * holding fields 1-2): read without parseWire's records. undefined: anything else, for
 * parseEnvelope (which also reports the errors).
 */
function fastEnvelope(bytes: Uint8Array, start: number): Envelope | undefined {
  const env: Envelope = { apiVersion: '', kind: '', raw: EMPTY_BYTES, rawAt: start, contentType: '', contentEncoding: '' };
  const end = bytes.length;
  let p = start;
  while (p < end) {
    const tag = bytes[p]!;
    if (tag !== 0x0a && tag !== 0x12 && tag !== 0x1a && tag !== 0x22) return undefined;
    const s = lengthPrefixAt(bytes, p + 1, end);
    if (s < 0) return undefined;
    const e = s + prefixedLength;
    if (tag === 0x0a) {
      let q = s;
      while (q < e) {
        const t = bytes[q]!;
        if (t !== 0x0a && t !== 0x12) return undefined;
        const ts = lengthPrefixAt(bytes, q + 1, e);
        if (ts < 0) return undefined;
        q = ts + prefixedLength;
        if (t === 0x0a) env.apiVersion = envelopeText(bytes, ts, q);
        else env.kind = envelopeText(bytes, ts, q);
      }
    } else if (tag === 0x12) {
      env.raw = bytes.subarray(s, e);
      env.rawAt = s;
    } else if (tag === 0x1a) env.contentEncoding = envelopeText(bytes, s, e);
    else env.contentType = envelopeText(bytes, s, e);
    p = e;
  }
  return env;
}

const EMPTY_BYTES = new Uint8Array(0);

function parseEnvelope(bytes: Uint8Array, start: number): Envelope {
  const env: Envelope = { apiVersion: '', kind: '', raw: EMPTY_BYTES, rawAt: start, contentType: '', contentEncoding: '' };
  try {
    for (const f of parseWire(bytes, start, bytes.length)) {
      if (f.wireType !== 2) continue;
      if (f.no === 1) {
        for (const t of parseWire(bytes, f.start, f.end)) {
          if (t.wireType !== 2) continue;
          if (t.no === 1) env.apiVersion = envelopeText(bytes, t.start, t.end);
          if (t.no === 2) env.kind = envelopeText(bytes, t.start, t.end);
        }
      } else if (f.no === 2) {
        env.raw = bytes.subarray(f.start, f.end);
        env.rawAt = f.start;
      } else if (f.no === 3) env.contentEncoding = envelopeText(bytes, f.start, f.end);
      else if (f.no === 4) env.contentType = envelopeText(bytes, f.start, f.end);
    }
  } catch (e) {
    if (e instanceof WireError) throw new CorruptDataError('k8s', `runtime.Unknown envelope: ${e.reason}`, { offset: e.at });
    throw e;
  }
  return env;
}

// Values come in runs of one kind: the last lookup is kept (per schema object, so views differ).
let lastLookup: { schema: K8sSchema; apiVersion: string; kind: string; type: MessageType | undefined } | undefined;

function typeOf(apiVersion: string, kind: string, schema: K8sSchema): MessageType | undefined {
  const l = lastLookup;
  if (l && l.schema === schema && l.kind === kind && l.apiVersion === apiVersion) return l.type;
  const type = lookupKind(apiVersion, kind, schema);
  lastLookup = { schema, apiVersion, kind, type };
  return type;
}

function decodeProtobuf(bytes: Uint8Array, at: number, schema: K8sSchema, decodeFor: DecodeFor): DecodedValue {
  const start = at + K8S_MAGIC.length;
  const { apiVersion, kind, raw, rawAt, contentType, contentEncoding } = fastEnvelope(bytes, start) ?? parseEnvelope(bytes, start);
  const type = typeOf(apiVersion, kind, schema);
  return new ProtobufValue(apiVersion, kind, raw, rawAt, contentType, contentEncoding, type, at, decodeFor);
}

/**
 * A protobuf value. What the caller will print (DecodeFor) is rendered at once, straight
 * from the wire, so a damaged body throws here, as it always did; the other renderings and
 * the object tree only when asked for. Where the direct renderers leave a value to the tree
 * decoder (damaged or unusual input), the tree renders it or throws its error. A class
 * (the accessor on its prototype) rather than a literal with get/set: every literal would
 * carry its own accessor closures and so its own hidden class.
 */
class ProtobufValue implements DecodedValue {
  readonly encoding = 'protobuf' as const;
  readonly unknownKind: boolean;
  /** Renderings of the stored bytes made so far (valid while the tree was never built). */
  private indented: string | undefined;
  private compact: string | undefined;
  /** go-yaml's value of the JSON, built from the wire (buildStoredYamlValue). */
  private yamlValue: YamlMapping | undefined;
  tree: K8sObject | undefined;

  constructor(
    readonly apiVersion: string,
    readonly kind: string,
    readonly raw: Uint8Array,
    readonly rawAt: number,
    readonly contentType: string,
    readonly contentEncoding: string,
    readonly type: MessageType | undefined,
    readonly offset: number,
    decodeFor: DecodeFor,
  ) {
    this.unknownKind = !type;
    if (decodeFor === 'compact') this.compactJson();
    else if (decodeFor === 'yaml') {
      // the YAML value is built only from what the direct JSON renderer accepts (same
      // checks), so the tree, which finds damage, is needed only when it is not built
      this.yamlValue = buildStoredYamlValue(raw, type, kind, apiVersion);
      if (!this.yamlValue) void this.json;
    } else void this.json;
  }

  /** toJson's text (Go's MarshalIndent layout) of the stored bytes. */
  get json(): string {
    return (this.indented ??= renderStoredJson(this.raw, this.type, this.kind, this.apiVersion, '  ') ?? renderJson(this.object));
  }

  /** toCompactJson's text of the stored bytes. */
  compactJson(): string {
    return (this.compact ??= renderStoredJson(this.raw, this.type, this.kind, this.apiVersion, '') ?? renderJson(this.object, ''));
  }

  /** go-yaml's value of the JSON, when it can be built from the wire. */
  storedYamlValue(): YamlMapping | undefined {
    return (this.yamlValue ??= buildStoredYamlValue(this.raw, this.type, this.kind, this.apiVersion));
  }

  /** Built on first access and cached; may be changed (toJson/toYaml then render it). */
  get object(): K8sObject {
    if (this.tree) return this.tree;
    const head = Object.create(null) as K8sObject;
    if (this.kind) head.kind = this.kind;
    if (this.apiVersion) head.apiVersion = this.apiVersion;
    // the object's fields go after the TypeMeta (a field of the same name replaces it in place)
    const label = this.kind ? `${this.apiVersion}/${this.kind}` : '<no kind>';
    decodeMessage(this.raw, 0, this.raw.length, this.type ?? EMPTY_TYPE, label, this.rawAt, head);
    return (this.tree = head);
  }

  set object(v: K8sObject | undefined) {
    this.tree = v;
  }
}

const EMPTY_TYPE: MessageType = { index: -1, fields: [], byNo: new Map(), byName: new Map(), inline: [], wireOrder: [] };

/** What `decode -o json` prints (Go MarshalIndent layout; JSON values pass through as stored). */
export function toJson(decoded: DecodedValue): string {
  if (decoded.encoding === 'json') return decoded.jsonText ?? '';
  if (decoded instanceof ProtobufValue && !decoded.tree) return decoded.json;
  return renderJson(requireObject(decoded) as K8sValue);
}

/** Compact JSON (what `decode --batch-process` replies with): no indentation, same content as toJson. */
export function toCompactJson(decoded: DecodedValue): string {
  // JSON values as stored, compacted (JSON.parse would round int64 values)
  if (decoded.encoding === 'json') return compactJsonText(decoded.jsonText ?? 'null');
  if (decoded instanceof ProtobufValue && !decoded.tree) return decoded.compactJson();
  return renderJson(requireObject(decoded) as K8sValue, '');
}

/** What `decode -o yaml` prints: sigs.k8s.io/yaml JSONToYAML of the JSON. */
export function toYaml(decoded: DecodedValue): string {
  if (decoded.encoding === 'json') {
    // jsonToYaml, with the direct writer where it answers
    const value = parseJsonForYaml(decoded.jsonText ?? '');
    return marshalYamlFast(value) ?? marshalYaml(value);
  }
  // The indented text already rendered reads the same (whitespace between JSON tokens is
  // nothing to the YAML reader), and is cheaper than a second rendering. Errors name an
  // offset in the JSON text: those come from the compact text, as they always did.
  if (decoded instanceof ProtobufValue && !decoded.tree) {
    // go-yaml's value tree straight from the wire when sure (no JSON text to read back)
    const value = decoded.storedYamlValue();
    if (value !== undefined) return marshalYamlFast(value) ?? marshalYaml(value);
    try {
      return jsonToYaml(decoded.json);
    } catch {
      // below
    }
  }
  return jsonToYaml(toCompactJson(decoded));
}

function requireObject(d: DecodedValue): K8sObject {
  if (d.encoding === 'encrypted') throw new UnsupportedError('k8s', describeUndecodable(d));
  return d.object!;
}

/** One line for values that cannot be decoded (encrypted). */
export function describeUndecodable(d: DecodedValue): string {
  if (d.encoding === 'encrypted') {
    const key = d.keyName ? `, key "${d.keyName}"` : '';
    return `value is encrypted at rest (provider ${d.provider}${d.providerVersion ? ' ' + d.providerVersion : ''}${key}); decrypt it with --encryption-config (the apiserver's EncryptionConfiguration)`;
  }
  return `value is ${d.encoding} and has no object`;
}

export interface EncodeOptions {
  /**
   * 'protobuf' (default): `k8s\0` + runtime.Unknown, as built-in kinds are stored. 'cbor': the
   * CBOR serializer's bytes (`d9 d9 f7` + the object), as the apiserver stores custom resources
   * with the CBOR storage gate: typed when the schema knows the kind, else unstructured.
   */
  encoding?: 'protobuf' | 'cbor';
}

/**
 * Encodes an object (JSON text, parsed JSON, or a plain JS object) into the bytes the
 * apiserver stores: `k8s\0` + runtime.Unknown{typeMeta, raw, contentEncoding "", contentType ""},
 * or CBOR (options.encoding).
 */
export function encodeStorageValue(object: string | JValue | Record<string, unknown>, schema: K8sSchema = builtinSchema(), options: EncodeOptions = {}): Uint8Array {
  let v: JValue;
  if (typeof object === 'string') v = parseJson(object);
  else if (object instanceof JObj) v = object;
  else v = parseJson(stringifyJson(object));
  if (!(v instanceof JObj)) throw new CorruptDataError('k8s', 'encode: input is not a JSON object');
  // objects without TypeMeta (e.g. v1 WatchEvent) are stored with an empty apiVersion/kind
  const apiVersion = v.get('apiVersion') ?? '';
  const kind = v.get('kind') ?? '';
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') throw new CorruptDataError('k8s', 'encode: apiVersion and kind must be strings');
  const type = lookupKind(apiVersion, kind, schema);
  if (options.encoding === 'cbor') return encodeCbor(v, type);
  if (!type) throw new UnsupportedError('k8s', `encode: no schema for apiVersion ${apiVersion} kind ${kind}`);
  const raw = encodeMessage(v, type, `${apiVersion}/${kind}`);
  const w = new WireWriter();
  w.bytes(K8S_MAGIC);
  const tm = new WireWriter();
  for (const [no, s] of [
    [1, apiVersion],
    [2, kind],
  ] as const) {
    const b = Buffer.from(s);
    tm.tag(no, WIRE_LEN);
    tm.varint(b.length);
    tm.bytes(b);
  }
  w.tag(1, WIRE_LEN);
  w.varint(tm.len);
  w.bytes(tm.result());
  w.tag(2, WIRE_LEN);
  w.varint(raw.length);
  w.bytes(raw);
  w.tag(3, WIRE_LEN);
  w.varint(0);
  w.tag(4, WIRE_LEN);
  w.varint(0);
  return w.result();
}

export { RawJson };

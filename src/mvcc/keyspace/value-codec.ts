// The one place the keyspace layer meets the Kubernetes codec (src/k8s). Values are
// decoded through src/k8s when it can (the `k8s\0` protobuf envelope); JSON values (CRDs,
// old clusters) pass through; anything else is reported as raw bytes.
import * as k8s from '../../k8s/index.js';

export interface DecodedValue {
  /** How the value was understood. */
  encoding: 'k8s' | 'json' | 'raw';
  /** JSON-shaped object (parsed JSON), undefined for raw values. */
  object?: unknown;
  /** TypeMeta when known. */
  apiVersion?: string;
  kind?: string;
  /** The value rendered as JSON text (the k8s codec's exact text for protobuf values). */
  json?: string;
  /** Why decoding failed (raw values). */
  error?: string;
}

interface K8sCodec {
  decodeStorageValue(bytes: Uint8Array): { encoding: string; apiVersion?: string; kind?: string; object?: unknown };
  toJson(decoded: unknown): string;
  toYaml(decoded: unknown): string;
}

function codec(): K8sCodec | undefined {
  const m = k8s as unknown as Partial<K8sCodec>;
  return typeof m.decodeStorageValue === 'function' && typeof m.toJson === 'function' ? (m as K8sCodec) : undefined;
}

const K8S_MAGIC = [0x6b, 0x38, 0x73, 0x00];

function hasK8sMagic(b: Uint8Array): boolean {
  return b.length >= 4 && K8S_MAGIC.every((x, i) => b[i] === x);
}

/** First non-space byte is `{` or `[`. */
function looksLikeJson(b: Uint8Array): boolean {
  for (const c of b) {
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

/** Decodes a stored value for display; never throws on bad data. */
export function decodeValue(value: Uint8Array): DecodedValue {
  const c = codec();
  if (hasK8sMagic(value)) {
    if (!c) return { encoding: 'raw', error: 'Kubernetes protobuf value: the k8s codec is not available in this build' };
    try {
      const d = c.decodeStorageValue(value);
      const json = c.toJson(d);
      return { encoding: 'k8s', object: JSON.parse(json), apiVersion: d.apiVersion, kind: d.kind, json };
    } catch (err) {
      return { encoding: 'raw', error: err instanceof Error ? err.message : String(err) };
    }
  }
  if (looksLikeJson(value)) {
    const text = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
    try {
      const object = JSON.parse(text) as unknown;
      const tm = object !== null && typeof object === 'object' ? (object as Record<string, unknown>) : {};
      return {
        encoding: 'json',
        object,
        apiVersion: typeof tm.apiVersion === 'string' ? tm.apiVersion : undefined,
        kind: typeof tm.kind === 'string' ? tm.kind : undefined,
        json: text.trim(),
      };
    } catch (err) {
      return { encoding: 'raw', error: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  return { encoding: 'raw', error: 'value does not appear to contain valid JSON or binary data' };
}

/** YAML text of a decoded value, through the k8s codec's emitter when it exists. */
export function valueToYaml(value: Uint8Array, d: DecodedValue): string | undefined {
  const c = codec();
  if (!c || d.encoding === 'raw') return undefined;
  try {
    if (d.encoding === 'k8s') return c.toYaml(c.decodeStorageValue(value));
    const decodedJson = { encoding: 'json', object: d.object, apiVersion: d.apiVersion, kind: d.kind, json: d.json };
    return c.toYaml(decodedJson);
  } catch {
    return undefined;
  }
}

/** The k8s envelope's raw payload (`-o proto`), when the codec exposes it. */
export function k8sCodecAvailable(): boolean {
  return codec() !== undefined;
}

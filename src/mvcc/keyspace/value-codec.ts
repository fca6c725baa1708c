// The one place the keyspace layer meets the Kubernetes codec (src/k8s): auger's
// detection (`k8s\0` protobuf envelope anywhere, else the first JSON object/array);
// CBOR values decode as protobuf ones do; encrypted and other bytes are reported as raw with the codec's reason.
import { decodeStorageValue, describeUndecodable, toJson, toYaml, type DecodedValue as K8sDecoded } from '../../k8s/index.js';
import { ForensicsError } from '../../errors.js';
import { decryptStorageValue, DecryptionError, parseEncryptionEnvelope, type EncryptionConfig } from '../../k8s/encryption/index.js';

export interface DecodedValue {
  /** How the value was understood. */
  encoding: 'k8s' | 'json' | 'raw';
  /** JSON-shaped object (as Go's json.Unmarshal into any would see it), undefined for raw values. */
  object?: unknown;
  /** TypeMeta when known. */
  apiVersion?: string;
  kind?: string;
  /** The value as JSON text: the codec's exact rendering for protobuf, the stored text for JSON. */
  json?: string;
  /** Why the value could not be decoded (raw values). */
  error?: string;
  /** The codec's result, for YAML/proto output. */
  codec?: K8sDecoded;
  /** Encrypted value read through the EncryptionConfiguration: which provider and key. */
  decrypted?: { provider: string; keyName: string; stale: boolean };
  /** Encrypted value that could not be decrypted (it is shown encrypted). */
  decryptError?: DecryptionError;
}

export interface DecodeValueOptions {
  /** Decrypt `k8s:enc:` values with this EncryptionConfiguration (see loadEncryptionConfig). */
  encryption?: EncryptionConfig;
  /** The value's etcd key (picks the resource's providers; AES-GCM's authenticated data). */
  etcdKey?: string | Uint8Array;
}

/** Decodes a stored value for display (decrypting it first when given a config); never throws on bad data. */
export function decodeValue(value: Uint8Array, opts: DecodeValueOptions = {}): DecodedValue {
  if (opts.encryption && parseEncryptionEnvelope(value)) {
    const etcdKey = typeof opts.etcdKey === 'string' ? opts.etcdKey : Buffer.from(opts.etcdKey ?? []).toString('utf8');
    try {
      const r = decryptStorageValue(value, { config: opts.encryption, etcdKey });
      const d = decodeValue(r.data);
      d.decrypted = { provider: r.provider, keyName: r.keyName, stale: r.stale };
      return d;
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      const d = decodeValue(value);
      d.decryptError = err;
      d.error = err.message;
      return d;
    }
  }
  let d: K8sDecoded;
  try {
    d = decodeStorageValue(value);
  } catch (err) {
    if (err instanceof ForensicsError) return { encoding: 'raw', error: err.detail };
    throw err;
  }
  if (d.encoding === 'encrypted') return { encoding: 'raw', error: describeUndecodable(d), codec: d };
  try {
    const json = toJson(d);
    return {
      encoding: d.encoding === 'protobuf' || d.encoding === 'cbor' ? 'k8s' : 'json',
      object: JSON.parse(json) as unknown,
      apiVersion: d.apiVersion || undefined,
      kind: d.kind || undefined,
      json,
      codec: d,
    };
  } catch (err) {
    if (err instanceof ForensicsError || err instanceof SyntaxError) return { encoding: 'raw', error: err.message, codec: d };
    throw err;
  }
}

/** YAML text of a decoded value (sigs.k8s.io/yaml of its JSON), undefined for raw values. */
export function valueToYaml(d: DecodedValue): string | undefined {
  if (!d.codec || d.encoding === 'raw') return undefined;
  try {
    return toYaml(d.codec);
  } catch (err) {
    if (err instanceof ForensicsError) return undefined;
    throw err;
  }
}

/** runtime.Unknown.raw of a protobuf value (what auger's `-o proto` prints). */
export function valueToProto(d: DecodedValue): Uint8Array | undefined {
  return d.encoding === 'k8s' ? d.codec?.raw : undefined;
}

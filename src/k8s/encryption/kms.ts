// KMS envelopes, parsed (not decrypted: that needs the plugin).
//   v2: k8s:enc:kms:v2:<plugin>:<EncryptedObject protobuf> — encryptedData=1 bytes, keyID=2
//       string, encryptedDEKSource=3 bytes, annotations=4 map<string,bytes>, encryptedDEKSourceType=5
//       enum (0 AES_GCM_KEY, 1 HKDF_SHA256_XNONCE_AES_GCM_SEED) — apiserver
//       pkg/storage/value/encrypt/envelope/kmsv2/v2/api.proto.
//   v1: k8s:enc:kms:v1:<plugin>:<u16 big-endian DEK length><encrypted DEK><AES-GCM data>.
import { parseWire, utf8Lossy, WIRE_LEN, WIRE_VARINT } from '../wire.js';

export interface KmsV2Envelope {
  version: 'v2';
  keyID: string;
  encryptedDEKSource: Uint8Array;
  encryptedDEKSourceType: 'AES_GCM_KEY' | 'HKDF_SHA256_XNONCE_AES_GCM_SEED' | `unknown:${number}`;
  annotations: Map<string, Uint8Array>;
  encryptedData: Uint8Array;
}

export interface KmsV1Envelope {
  version: 'v1';
  encryptedDEK: Uint8Array;
  encryptedData: Uint8Array;
}

/** Parses the bytes after `k8s:enc:kms:v2:<plugin>:`. Throws Error with a short reason when damaged. */
export function parseKmsV2Envelope(b: Uint8Array): KmsV2Envelope {
  const env: KmsV2Envelope = {
    version: 'v2',
    keyID: '',
    encryptedDEKSource: new Uint8Array(0),
    encryptedDEKSourceType: 'AES_GCM_KEY',
    annotations: new Map(),
    encryptedData: new Uint8Array(0),
  };
  for (const f of parseWire(b, 0, b.length)) {
    if (f.no === 1 && f.wireType === WIRE_LEN) env.encryptedData = b.subarray(f.start, f.end);
    else if (f.no === 2 && f.wireType === WIRE_LEN) env.keyID = utf8Lossy(b, f.start, f.end);
    else if (f.no === 3 && f.wireType === WIRE_LEN) env.encryptedDEKSource = b.subarray(f.start, f.end);
    else if (f.no === 5 && f.wireType === WIRE_VARINT) {
      const t = Number(f.value);
      env.encryptedDEKSourceType = t === 0 ? 'AES_GCM_KEY' : t === 1 ? 'HKDF_SHA256_XNONCE_AES_GCM_SEED' : `unknown:${t}`;
    } else if (f.no === 4 && f.wireType === WIRE_LEN) {
      let k = '';
      let v: Uint8Array = new Uint8Array(0);
      for (const e of parseWire(b, f.start, f.end)) {
        if (e.no === 1 && e.wireType === WIRE_LEN) k = utf8Lossy(b, e.start, e.end);
        else if (e.no === 2 && e.wireType === WIRE_LEN) v = b.subarray(e.start, e.end);
      }
      env.annotations.set(k, v);
    }
  }
  if (env.encryptedData.length === 0) throw new Error('KMS v2 envelope has no encrypted data');
  if (env.encryptedDEKSource.length === 0) throw new Error('KMS v2 envelope has no encrypted DEK source');
  if (env.keyID === '') throw new Error('KMS v2 envelope has no key ID');
  return env;
}

export function parseKmsV1Envelope(b: Uint8Array): KmsV1Envelope {
  if (b.length < 2) throw new Error('the stored data was shorter than the required size');
  const n = (b[0]! << 8) | b[1]!;
  if (2 + n > b.length) throw new Error(`invalid data encountered by envelope transformer: DEK length ${n} runs past the value (${b.length - 2} bytes)`);
  return { version: 'v1', encryptedDEK: b.subarray(2, 2 + n), encryptedData: b.subarray(2 + n) };
}

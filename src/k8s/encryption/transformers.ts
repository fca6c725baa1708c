// Reading and writing stored values through an EncryptionConfiguration, as the apiserver's
// storage/value transformers do:
//   aescbc:    k8s:enc:aescbc:v1:<key>:<16-byte IV><AES-CBC ciphertext, PKCS#7 padded>
//   aesgcm:    k8s:enc:aesgcm:v1:<key>:<12-byte nonce><ciphertext><16-byte tag>, AAD = etcd key
//   secretbox: k8s:enc:secretbox:v1:<key>:<24-byte nonce><16-byte Poly1305 tag><XSalsa20 ciphertext>
//   identity:  the bytes as they are (on read: refuses values starting k8s:enc:)
//   kms:       k8s:enc:kms:v1|v2:<plugin>:<envelope> (parsed and reported, see kms.ts)
// Read order follows value.prefixTransformers: providers in config order, the first whose
// prefix matches and succeeds wins; identity's failure is skipped; other failures are kept
// and reported together when nothing succeeds. Within a provider the key is picked by name.
import { xsalsa20poly1305 } from '@noble/ciphers/salsa.js';
import { ForensicsError } from '../../errors.js';
import { cipherAdapter, type CipherAdapter } from './cipher.js';
import type { EncryptionConfig, GroupResource, NamedKey, ProviderConfig } from './config.js';
import { parseKmsV1Envelope, parseKmsV2Envelope, type KmsV1Envelope, type KmsV2Envelope } from './kms.js';
import { groupResourceForKey } from './resource.js';

const ENC = 'k8s:enc:';
const ENC_BYTES = new TextEncoder().encode(ENC);

export interface StorageCryptoOptions {
  config: EncryptionConfig;
  /** The etcd key the value is stored under: picks the resource and is AES-GCM's authenticated data. */
  etcdKey: string;
  /** The group-resource, when the key does not tell it (default: from the key, see groupResourceForKey). */
  resource?: GroupResource;
  /** The apiserver's --etcd-prefix (default /registry). */
  etcdPrefix?: string;
  crypto?: CipherAdapter;
}

/** What the `k8s:enc:` head of a value says. */
export interface EncryptionEnvelope {
  provider: string;
  version: string;
  /** Key name (aescbc/aesgcm/secretbox) or KMS plugin name. */
  keyName: string;
  kms?: KmsV1Envelope | KmsV2Envelope;
}

export interface DecryptedValue {
  /** The plaintext (what the codec decodes); the input itself for unencrypted values. */
  data: Uint8Array;
  /** Provider that read it ('identity' for plain values). */
  provider: string;
  keyName: string;
  /** true when not read by the first provider (the apiserver would rewrite it on update). */
  stale: boolean;
  resource: GroupResource | undefined;
}

/** A value that could not be decrypted: names the etcd key, provider and key, never key material. */
export class DecryptionError extends ForensicsError {
  override readonly code: string = 'DECRYPTION_FAILED';
  constructor(
    readonly etcdKey: string,
    readonly provider: string,
    readonly keyName: string,
    readonly reason: string,
  ) {
    super('decrypt', `${JSON.stringify(etcdKey)}: ${provider}${keyName ? ` key ${JSON.stringify(keyName)}` : ''}: ${reason}`);
  }
}

function startsWith(b: Uint8Array, p: Uint8Array): boolean {
  if (b.length < p.length) return false;
  for (let i = 0; i < p.length; i++) if (b[i] !== p[i]) return false;
  return true;
}

const latin1 = (b: Uint8Array, n: number): string => {
  let s = '';
  for (let i = 0; i < Math.min(n, b.length); i++) s += String.fromCharCode(b[i]!);
  return s;
};

/** Parses the `k8s:enc:<provider>:<version>:<name>:` head; undefined for values not starting k8s:enc:. */
export function parseEncryptionEnvelope(b: Uint8Array): (EncryptionEnvelope & { bodyAt: number }) | undefined {
  if (!startsWith(b, ENC_BYTES)) return undefined;
  const head = latin1(b, 512);
  const parts = head.slice(ENC.length).split(':');
  if (parts.length < 4) return { provider: parts[0] ?? '', version: parts[1] ?? '', keyName: '', bodyAt: b.length };
  const [provider, version, keyName] = parts as [string, string, string];
  const bodyAt = ENC.length + provider.length + version.length + keyName.length + 3;
  const env: EncryptionEnvelope & { bodyAt: number } = { provider, version, keyName, bodyAt };
  if (provider === 'kms') {
    try {
      env.kms = version === 'v2' ? parseKmsV2Envelope(b.subarray(bodyAt)) : parseKmsV1Envelope(b.subarray(bodyAt));
    } catch {
      // reported by decrypt; describing the head still works
    }
  }
  return env;
}

function providerPrefix(p: ProviderConfig): string {
  switch (p.type) {
    case 'identity':
      return '';
    case 'kms':
      return p.apiVersion === 'v2' ? `${ENC}kms:v2:${p.name}:` : `${ENC}kms:v1:${p.name}:`;
    default:
      return `${ENC}${p.type}:v1:`;
  }
}

const enc = new TextEncoder();

function pkcs7Unpad(b: Uint8Array): Uint8Array {
  const c = b[b.length - 1] ?? 0;
  const size = b.length - c;
  if (c === 0 || c > b.length) throw new Error('invalid PKCS7 data (empty or not padded: wrong key?)');
  for (let i = size; i < b.length; i++) if (b[i] !== c) throw new Error('invalid padding on input (wrong key?)');
  return b.subarray(0, size);
}

function readWithKey(type: 'aescbc' | 'aesgcm' | 'secretbox', key: NamedKey, data: Uint8Array, aad: Uint8Array, crypto: CipherAdapter): Uint8Array {
  const secret = key.secretBytes();
  if (type === 'aescbc') {
    if (data.length < 16) throw new Error('the stored data was shorter than the required size (truncated?)');
    const body = data.subarray(16);
    if (body.length % 16 !== 0 || body.length === 0) throw new Error('the stored data is not a multiple of the block size (truncated?)');
    return pkcs7Unpad(crypto.aesCbcDecrypt(secret, data.subarray(0, 16), body));
  }
  if (type === 'aesgcm') {
    if (data.length < 12 + 16) throw new Error('the stored data was shorter than the required size (truncated?)');
    try {
      return crypto.aesGcmOpen(secret, data.subarray(0, 12), data.subarray(12), aad);
    } catch {
      throw new Error('message authentication failed (wrong key, damaged value, or stored under another etcd key)');
    }
  }
  if (data.length < 24 + 16) throw new Error('the stored data was shorter than the required size (truncated?)');
  try {
    return xsalsa20poly1305(secret, data.subarray(0, 24)).decrypt(data.subarray(24));
  } catch {
    throw new Error('message authentication failed (wrong key or damaged value)');
  }
}

interface Failure {
  provider: string;
  keyName: string;
  reason: string;
}

/** Reads a value as the apiserver would, through the providers the config names for its resource. */
export function decryptStorageValue(bytes: Uint8Array, opts: StorageCryptoOptions): DecryptedValue {
  const resource = opts.resource ?? groupResourceForKey(opts.etcdKey, opts.etcdPrefix);
  const configured = resource ? opts.config.providersFor(resource) : undefined;
  // a key outside the apiserver's prefix: any provider of the config may have written it
  const providers = configured ?? (resource ? [] : opts.config.rules.flatMap((r) => r.providers));
  const env = parseEncryptionEnvelope(bytes);
  const failures: Failure[] = [];
  const aad = enc.encode(opts.etcdKey);
  let crypto: CipherAdapter | undefined;
  for (let i = 0; i < providers.length; i++) {
    const p = providers[i]!;
    const prefix = providerPrefix(p);
    if (prefix === '') {
      if (env) continue; // identity refuses encrypted data: try the next provider
      return { data: bytes, provider: 'identity', keyName: '', stale: i !== 0, resource };
    }
    if (!env || !startsWith(bytes, enc.encode(prefix))) continue;
    if (p.type === 'kms') {
      failures.push({ provider: `kms ${p.apiVersion}`, keyName: p.name, reason: kmsReason(bytes, env) });
      continue;
    }
    if (p.type === 'identity') continue;
    const body = bytes.subarray(prefix.length);
    const key = p.keys.find((k) => startsWith(body, enc.encode(k.name + ':')));
    if (!key) {
      failures.push({ provider: p.type, keyName: env.keyName, reason: `no key named ${JSON.stringify(env.keyName)} in this ${p.type} provider (it has ${p.keys.map((k) => JSON.stringify(k.name)).join(', ')})` });
      continue;
    }
    try {
      crypto ??= cipherAdapter(opts.crypto);
      const data = readWithKey(p.type, key, body.subarray(key.name.length + 1), aad, crypto);
      return { data, provider: p.type, keyName: key.name, stale: i !== 0, resource };
    } catch (e) {
      failures.push({ provider: p.type, keyName: key.name, reason: (e as Error).message });
    }
  }
  if (!env) {
    // plain value, and no identity provider configured for it
    if (!configured && resource) return { data: bytes, provider: 'identity', keyName: '', stale: false, resource };
    throw new DecryptionError(opts.etcdKey, 'identity', '', `value is not encrypted but the config has no identity provider for ${grName(resource)}`);
  }
  const what = `${env.provider}${env.provider === 'kms' ? ' ' + env.version : ''}`;
  if (failures.length === 1) throw new DecryptionError(opts.etcdKey, failures[0]!.provider, failures[0]!.keyName, failures[0]!.reason);
  if (failures.length > 1) {
    throw new DecryptionError(opts.etcdKey, what, env.keyName, failures.map((f) => `${f.provider} ${JSON.stringify(f.keyName)}: ${f.reason}`).join('; '));
  }
  if (!configured && resource) {
    throw new DecryptionError(opts.etcdKey, what, env.keyName, `the config has no rule for ${grName(resource)} (the apiserver reads it with identity, which refuses encrypted data)`);
  }
  throw new DecryptionError(opts.etcdKey, what, env.keyName, `no ${what} provider for ${grName(resource)} in the config`);
}

function grName(gr: GroupResource | undefined): string {
  if (!gr) return 'this key';
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

function kmsReason(bytes: Uint8Array, env: EncryptionEnvelope & { bodyAt: number }): string {
  if (!env.kms) {
    try {
      if (env.version === 'v2') parseKmsV2Envelope(bytes.subarray(env.bodyAt));
      else parseKmsV1Envelope(bytes.subarray(env.bodyAt));
    } catch (e) {
      return `damaged KMS ${env.version} envelope: ${(e as Error).message}`;
    }
  }
  const k = env.kms;
  const detail = k && k.version === 'v2' ? ` (key ID ${JSON.stringify(k.keyID)}, ${k.encryptedDEKSourceType}, ${k.encryptedDEKSource.length}-byte encrypted DEK source)` : '';
  return `decrypting KMS values needs the KMS plugin, which this version cannot call${detail}`;
}

/** Writes a value as the apiserver would store it: through the first provider for its resource. */
export function encryptStorageValue(plain: Uint8Array, opts: StorageCryptoOptions): Uint8Array {
  const resource = opts.resource ?? groupResourceForKey(opts.etcdKey, opts.etcdPrefix);
  if (!resource) throw new DecryptionError(opts.etcdKey, 'encrypt', '', `key is not under ${opts.etcdPrefix ?? '/registry'}: pass the resource`);
  const p = opts.config.providersFor(resource)?.[0];
  if (!p || p.type === 'identity') return plain;
  if (p.type === 'kms') throw new DecryptionError(opts.etcdKey, `kms ${p.apiVersion}`, p.name, 'encrypting with KMS needs the KMS plugin, which this version cannot call');
  const key = p.keys[0]!;
  const crypto = cipherAdapter(opts.crypto);
  const secret = key.secretBytes();
  let body: Uint8Array;
  if (p.type === 'aescbc') {
    const iv = crypto.randomBytes(16);
    const pad = 16 - (plain.length % 16);
    const padded = new Uint8Array(plain.length + pad);
    padded.set(plain);
    padded.fill(pad, plain.length);
    body = concat(iv, crypto.aesCbcEncrypt(secret, iv, padded));
  } else if (p.type === 'aesgcm') {
    const nonce = crypto.randomBytes(12);
    body = concat(nonce, crypto.aesGcmSeal(secret, nonce, plain, enc.encode(opts.etcdKey)));
  } else {
    const nonce = crypto.randomBytes(24);
    body = concat(nonce, xsalsa20poly1305(secret, nonce).encrypt(plain));
  }
  return concat(enc.encode(`${providerPrefix(p)}${key.name}:`), body);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// Encryption at rest against kube-apiserver's own transformers: fixtures/k8s-encryption/vectors.json
// was written by oracles/enc-vectors (k8s.io/apiserver v0.36.3 LoadEncryptionConfig + transformers)
// over the k8s-api testdata objects, with the etcd key as AES-GCM authenticated data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  decryptStorageValue,
  encryptStorageValue,
  loadEncryptionConfig,
  parseEncryptionEnvelope,
  groupResourceForKey,
  DecryptionError,
  EncryptionConfigError,
  type EncryptionConfig,
} from '../../src/index.js';
import { REPO_ROOT, requireShared } from '../helpers.js';

const DIR = join(REPO_ROOT, 'fixtures', 'k8s-encryption');
interface Vector {
  config: string;
  object: string;
  resource: string;
  etcdKey: string;
  plaintextSha256: string;
  storedBase64: string;
  storedPrefix: string;
  readWithOtherConfigs: Record<string, string>;
  readWithWrongAAD?: Record<string, string>;
}
const VECTORS = (JSON.parse(readFileSync(join(DIR, 'vectors.json'), 'utf8')) as { vectors: Vector[] }).vectors;
const CONFIG_TEXT = new Map<string, string>();
const CONFIGS = new Map<string, EncryptionConfig>();
for (const f of readdirSync(join(DIR, 'configs'))) {
  const name = f.replace(/\.(yaml|json)$/, '');
  CONFIG_TEXT.set(name, readFileSync(join(DIR, 'configs', f), 'utf8'));
  CONFIGS.set(name, loadEncryptionConfig(CONFIG_TEXT.get(name)!, f));
}
/** Every secret of every test config, as written in the files (base64). */
const SECRETS = [...CONFIG_TEXT.values()].flatMap((t) => [...t.matchAll(/"?secret"?: "?([A-Za-z0-9+/=]{16,})"?/g)].map((m) => m[1]!));

function plaintext(t: import('node:test').TestContext, object: string): Buffer | undefined {
  const p = requireShared(t, `k8s-api/testdata/HEAD/${object}`);
  return p ? readFileSync(p) : undefined;
}

function tryDecrypt(stored: Uint8Array, config: EncryptionConfig, etcdKey: string): Uint8Array | DecryptionError {
  try {
    return decryptStorageValue(stored, { config, etcdKey }).data;
  } catch (e) {
    if (e instanceof DecryptionError) return e;
    throw e;
  }
}

test('vectors: the apiserver ciphertexts decrypt to the source bytes; every other config agrees with the apiserver', (t) => {
  let read = 0;
  let refused = 0;
  for (const v of VECTORS) {
    if (v.config === 'kms-v2') continue; // KMS needs the plugin (next test)
    const plain = plaintext(t, v.object);
    if (!plain) return;
    const stored = Buffer.from(v.storedBase64, 'base64');
    const own = tryDecrypt(stored, CONFIGS.get(v.config)!, v.etcdKey);
    assert.ok(own instanceof Uint8Array, `${v.config} ${v.object}: ${String(own)}`);
    assert.ok(Buffer.from(own).equals(plain), `${v.config} ${v.object}: different plaintext`);
    read++;
    for (const [other, goErr] of Object.entries(v.readWithOtherConfigs)) {
      if (other === 'kms-v2' && goErr === '') continue;
      const r = tryDecrypt(stored, CONFIGS.get(other)!, v.etcdKey);
      if (goErr === '') {
        assert.ok(r instanceof Uint8Array && Buffer.from(r).equals(plain), `${v.config} ${v.object} read with ${other}: apiserver reads it, we say ${String(r)}`);
        read++;
      } else {
        assert.ok(r instanceof DecryptionError, `${v.config} ${v.object} read with ${other}: apiserver says "${goErr}", we read it`);
        assert.equal(r.etcdKey, v.etcdKey);
        refused++;
      }
    }
    for (const [moved, goErr] of Object.entries(v.readWithWrongAAD ?? {})) {
      const r = tryDecrypt(stored, CONFIGS.get(v.config)!, moved);
      assert.ok(r instanceof DecryptionError, `${v.config} ${v.object} under ${moved}: apiserver says "${goErr}"`);
      assert.match(r.message, /authentication failed/);
    }
  }
  t.diagnostic(`${read} reads agree with the apiserver's, ${refused} refusals agree`);
  assert.ok(read >= 60 && refused >= 50);
});

test('vectors: our ciphertexts decrypt back, and read the same through every config as the apiserver ones', (t) => {
  for (const v of VECTORS) {
    if (v.config === 'kms-v2') continue;
    const plain = plaintext(t, v.object);
    if (!plain) return;
    const config = CONFIGS.get(v.config)!;
    const ours = encryptStorageValue(plain, { config, etcdKey: v.etcdKey });
    const prefix = Buffer.from(ours.subarray(0, v.storedPrefix.length)).toString('latin1');
    assert.equal(prefix, v.storedPrefix, `${v.config} ${v.object}: prefix`);
    // same length as the apiserver's (random IV/nonce, same layout), not the same bytes
    assert.equal(ours.length, Buffer.from(v.storedBase64, 'base64').length, `${v.config} ${v.object}: length`);
    if (v.storedPrefix !== '') assert.ok(!Buffer.from(ours).equals(Buffer.from(v.storedBase64, 'base64')), 'fresh IV/nonce');
    const back = tryDecrypt(ours, config, v.etcdKey);
    assert.ok(back instanceof Uint8Array && Buffer.from(back).equals(plain), `${v.config} ${v.object}: ${String(back)}`);
    for (const [other, goErr] of Object.entries(v.readWithOtherConfigs)) {
      if (other === 'kms-v2') continue;
      const r = tryDecrypt(ours, CONFIGS.get(other)!, v.etcdKey);
      assert.equal(r instanceof Uint8Array, goErr === '', `${v.config} ${v.object} ours read with ${other}`);
    }
  }
});

test('KMS v2 envelope of the apiserver is parsed and reported: key ID, DEK source, annotations', (t) => {
  const kms = VECTORS.filter((v) => v.config === 'kms-v2');
  assert.ok(kms.length >= 4);
  for (const v of kms) {
    const stored = Buffer.from(v.storedBase64, 'base64');
    const env = parseEncryptionEnvelope(stored);
    assert.equal(env?.provider, 'kms');
    assert.equal(env?.version, 'v2');
    assert.equal(env?.keyName, 'fake-kms');
    const k = env?.kms;
    assert.ok(k && k.version === 'v2');
    assert.equal(k.keyID, 'fake-key-1'); // the fake plugin's Status/Encrypt key ID
    assert.equal(k.encryptedDEKSourceType, 'HKDF_SHA256_XNONCE_AES_GCM_SEED'); // 1.36 default (KDF)
    // the fake plugin "encrypts" the 32-byte seed as "fake-kek:" + seed
    assert.equal(Buffer.from(k.encryptedDEKSource.subarray(0, 9)).toString(), 'fake-kek:');
    assert.equal(k.encryptedDEKSource.length, 9 + 32);
    assert.deepEqual([...k.annotations.keys()], ['kek.vectors.etcd-forensics.io']);
    assert.equal(Buffer.from(k.annotations.get('kek.vectors.etcd-forensics.io')!).toString(), 'identity');
    const r = tryDecrypt(stored, CONFIGS.get('kms-v2')!, v.etcdKey);
    assert.ok(r instanceof DecryptionError);
    assert.match(r.message, /kms v2 .*"fake-kms".*needs the KMS plugin.*key ID "fake-key-1"/);
  }
  void t;
});

test('bad input: wrong key, unknown key name, truncated, bad MAC — one line naming etcd key, provider, key; no key material', (t) => {
  const plain = plaintext(t, 'core.v1.Secret.pb');
  if (!plain) return;
  const etcdKey = '/registry/secrets/default/secret-a';
  const cases: Array<[string, Uint8Array, string, RegExp]> = [];
  for (const cfg of ['aescbc', 'aesgcm', 'secretbox']) {
    const stored = encryptStorageValue(plain, { config: CONFIGS.get(cfg)!, etcdKey });
    const env = parseEncryptionEnvelope(stored)!;
    cases.push([`${cfg} truncated`, stored.subarray(0, env.bodyAt + 20), cfg, /shorter than the required size|multiple of the block size|authentication failed/]);
    const flipped = Uint8Array.from(stored);
    flipped[flipped.length - 20]! ^= 1;
    cases.push([`${cfg} flipped byte`, flipped, cfg, cfg === 'aescbc' ? /padding|PKCS7/ : /authentication failed/]);
    const renamed = Buffer.concat([Buffer.from(`k8s:enc:${cfg}:v1:nokey:`), stored.subarray(env.bodyAt)]);
    cases.push([`${cfg} unknown key name`, renamed, cfg, /no key named "nokey"/]);
  }
  const wrong = Buffer.from(VECTORS.find((v) => v.config === 'aescbc' && v.object === 'core.v1.Secret.pb')!.storedBase64, 'base64');
  cases.push(['aescbc wrong key', wrong, 'aescbc-wrong', /padding|PKCS7/]);
  for (const [what, bytes, cfg, reason] of cases) {
    const r = tryDecrypt(bytes, CONFIGS.get(cfg === 'aescbc-wrong' ? cfg : cfg)!, etcdKey);
    assert.ok(r instanceof DecryptionError, `${what}: ${String(r)}`);
    assert.equal(r.etcdKey, etcdKey);
    assert.match(r.message, reason, what);
    assert.ok(r.message.includes(etcdKey) && r.message.includes(r.provider), what);
    assert.ok(!r.message.includes('\n'), what);
    for (const s of SECRETS) assert.ok(!r.message.includes(s), `${what}: message shows a key`);
  }
});

test('config: parse errors are one line without key material; keys never show in JSON or inspect', () => {
  const text = CONFIG_TEXT.get('aescbc')!;
  const secret = /secret: (\S+)/.exec(text)![1]!;
  for (const bad of [
    text.replace('providers:', 'providers: [').replace(`secret: ${secret}`, `secret: "${secret}`),
    text.replace('EncryptionConfiguration', 'Nope'),
    text.replace(secret, secret.slice(0, 20)),
    text.replace(secret, Buffer.alloc(20).toString('base64')),
    text.replace('aescbc:', 'rot13:'),
    '{',
  ]) {
    assert.throws(
      () => loadEncryptionConfig(bad, 'enc.yaml'),
      (e: unknown) => e instanceof EncryptionConfigError && !e.message.includes('\n') && !e.message.includes(secret) && e.message.startsWith('encryption-config: enc.yaml: '),
    );
  }
  const c = CONFIGS.get('aescbc')!;
  for (const shown of [JSON.stringify(c.rules), inspect(c, { depth: 10 }), inspect(c.rules, { depth: 10, showHidden: true })]) {
    for (const s of SECRETS) assert.ok(!shown.includes(s), 'key material shown');
  }
  assert.match(JSON.stringify(c.rules), /"name":"key1"/);
});

test('config: wildcards and masking as the apiserver resolves them', () => {
  const gcm = CONFIGS.get('aesgcm')!;
  const first = (g: string, r: string): string => {
    const p = gcm.providersFor({ group: g, resource: r })?.[0];
    return p && 'keys' in p ? p.keys[0]!.name : String(p?.type);
  };
  assert.equal(first('', 'secrets'), 'gcm-secrets');
  assert.equal(first('apps', 'deployments'), 'gcm-apps');
  assert.equal(first('', 'configmaps'), 'gcm-all');
  assert.equal(first('example.com', 'widgets'), 'gcm-all');
  const sb = CONFIGS.get('secretbox')!; // "*." = every core resource
  assert.equal(sb.providersFor({ group: '', resource: 'pods' })?.[0]?.type, 'secretbox');
  assert.equal(sb.providersFor({ group: 'apps', resource: 'deployments' }), undefined);
  const masked = (a: string, b: string): string =>
    `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n- resources: ["${a}"]\n  providers: [{identity: {}}]\n- resources: ["${b}"]\n  providers: [{identity: {}}]\n`;
  assert.throws(() => loadEncryptionConfig(masked('*.apps', 'deployments.apps')), /resource "deployments.apps" is masked by earlier rule "\*.apps"/);
  assert.throws(() => loadEncryptionConfig(masked('*.*', 'secrets')), /resource "secrets" is masked by earlier rule "\*\.\*"/);
  assert.doesNotThrow(() => loadEncryptionConfig(masked('deployments.apps', '*.apps')));
});

test('etcd key → group-resource', () => {
  const cases: Array<[string, string | undefined]> = [
    ['/registry/secrets/default/a', 'secrets'],
    ['/registry/deployments/default/web', 'deployments.apps'],
    ['/registry/services/specs/default/kubernetes', 'services'],
    ['/registry/services/endpoints/default/kubernetes', 'endpoints'],
    ['/registry/minions/node-1', 'nodes'],
    ['/registry/ingress/default/i', 'ingresses.networking.k8s.io'],
    ['/registry/example.com/widgets/default/w', 'widgets.example.com'],
    ['/registry/apiregistration.k8s.io/apiservices/v1.apps', 'apiservices.apiregistration.k8s.io'],
    ['/other/secrets/a', undefined],
  ];
  for (const [key, want] of cases) {
    const gr = groupResourceForKey(key);
    assert.equal(gr ? (gr.group ? `${gr.resource}.${gr.group}` : gr.resource) : undefined, want, key);
  }
});

test('etcd-k8s fixture: its k8s:enc: values are random bytes (ops.log names no key): reported undecryptable, naming the key', (t) => {
  const ops = requireShared(t, 'fixtures/etcd-k8s/ops.log');
  if (!ops) return;
  const log = readFileSync(ops, 'utf8');
  assert.match(log, /k8s:enc:aescbc:v1:key1:' \+ 112 random bytes/);
  assert.match(log, /k8s:enc:secretbox:v1:key1:' \+ 104 random bytes/);
});

// --encryption-config on the command line: decode / encode / extract / the stream decoder,
// over kube-apiserver's own ciphertexts (fixtures/k8s-encryption/vectors.json, see
// encryption.test.ts) and the etcd-k8s fixture's encrypted values (random bytes, no key).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { REPO_ROOT, requireShared, runCli } from '../helpers.js';

const DIR = join(REPO_ROOT, 'fixtures', 'k8s-encryption');
const CFG = (name: string): string => join(DIR, 'configs', readdirSync(join(DIR, 'configs')).find((f) => f.startsWith(name + '.'))!);
interface Vector {
  config: string;
  object: string;
  etcdKey: string;
  storedBase64: string;
}
const VECTORS = (JSON.parse(readFileSync(join(DIR, 'vectors.json'), 'utf8')) as { vectors: Vector[] }).vectors;
const SECRETS = readdirSync(join(DIR, 'configs')).flatMap((f) =>
  [...readFileSync(join(DIR, 'configs', f), 'utf8').matchAll(/"?secret"?: "?([A-Za-z0-9+/=]{16,})"?/g)].map((m) => m[1]!),
);

function noSecrets(text: string, what: string): void {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${what}: shows key material`);
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
const field = (tag: number, b: Uint8Array): Buffer => Buffer.concat([Buffer.from([tag, ...varint(b.length)]), b]);

test('decode: the apiserver ciphertexts (etcdctl get output: key line + value) decrypt to the YAML of the source, byte for byte', async (t) => {
  let n = 0;
  for (const v of VECTORS) {
    if (v.config === 'kms-v2' || v.config === 'aescbc-wrong') continue;
    if (v.object !== 'core.v1.Secret.pb' && v.object !== 'apps.v1.Deployment.pb') continue; // the rest: encryption.test.ts
    const yamlPath = requireShared(t, `k8s-api/testdata/HEAD/${v.object.replace(/\.pb$/, '.yaml')}`);
    if (!yamlPath) return;
    const input = Buffer.concat([Buffer.from(v.etcdKey + '\n'), Buffer.from(v.storedBase64, 'base64'), Buffer.from('\n')]);
    const r = await runCli(['decode', '--encryption-config', CFG(v.config)], { input });
    assert.equal(r.code, 0, `${v.config} ${v.object}: ${r.stderr}`);
    assert.equal(r.stdout.toString('utf8'), readFileSync(yamlPath, 'utf8'), `${v.config} ${v.object}`);
    n++;
  }
  t.diagnostic(`${n} values decoded`);
  assert.equal(n, 10);
});

test('encode --encryption-config --key writes what decode reads back; each provider', async (t) => {
  const json = requireShared(t, 'k8s-api/testdata/HEAD/core.v1.Secret.json');
  const yamlPath = requireShared(t, 'k8s-api/testdata/HEAD/core.v1.Secret.yaml');
  if (!json || !yamlPath) return;
  const key = '/registry/secrets/prod/db-password';
  for (const [cfg, prefix] of [['aescbc', 'k8s:enc:aescbc:v1:key1:'], ['aesgcm', 'k8s:enc:aesgcm:v1:gcm-secrets:'], ['secretbox', 'k8s:enc:secretbox:v1:sb1:'], ['identity', 'k8s\0']] as const) {
    const enc = await runCli(['encode', '-f', 'json', '--file', json, '--encryption-config', CFG(cfg), '--key', key]);
    assert.equal(enc.code, 0, enc.stderr);
    assert.equal(enc.stdout.subarray(0, prefix.length).toString('latin1'), prefix, cfg);
    const dec = await runCli(['decode', '--encryption-config', CFG(cfg), '--key', key], { input: enc.stdout });
    assert.equal(dec.code, 0, dec.stderr);
    assert.equal(dec.stdout.toString('utf8'), readFileSync(yamlPath, 'utf8'), cfg);
  }
  const noKey = await runCli(['encode', '-f', 'json', '--file', json, '--encryption-config', CFG('aescbc')]);
  assert.equal(noKey.code, 2);
  assert.match(noKey.stderr, /needs --key/);
});

test('decode: wrong key, moved value, unknown key name, bad config: one line, exit 1 (config: exit 2/3), no key material', async () => {
  const v = VECTORS.find((x) => x.config === 'aescbc' && x.object === 'core.v1.Secret.pb')!;
  const gcm = VECTORS.find((x) => x.config === 'aesgcm' && x.object === 'core.v1.Secret.pb')!;
  const value = Buffer.from(v.storedBase64, 'base64');
  const cases: Array<[string, string[], Buffer, RegExp]> = [
    ['wrong key', ['--encryption-config', CFG('aescbc-wrong'), '--key', v.etcdKey], value, /"\/registry\/secrets\/default\/secret-a": aescbc key "key1": invalid (padding|PKCS7)/],
    ['rotated away', ['--encryption-config', CFG('aesgcm'), '--key', v.etcdKey], value, /aescbc key "key1": no aescbc provider for secrets in the config/],
    ['moved', ['--encryption-config', CFG('aesgcm'), '--key', '/registry/secrets/default/other'], Buffer.from(gcm.storedBase64, 'base64'), /aesgcm key "gcm-secrets": message authentication failed/],
    ['truncated', ['--encryption-config', CFG('aescbc'), '--key', v.etcdKey], value.subarray(0, 40), /aescbc key "key1": the stored data (was shorter|is not a multiple)/],
  ];
  for (const [what, args, input, re] of cases) {
    const r = await runCli(['decode', ...args], { input });
    assert.equal(r.code, 1, `${what}: ${r.stderr}`);
    assert.match(r.stderr, re, what);
    assert.equal(r.stderr.trim().split('\n').length, 1, what);
    assert.match(r.stdout.toString(), /value is encrypted at rest/, `${what}: shown as encrypted`);
    noSecrets(r.stderr + r.stdout.toString('latin1'), what);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ef-enc-'));
  try {
    const text = readFileSync(CFG('aescbc'), 'utf8');
    writeFileSync(join(dir, 'bad.yaml'), text.replace('keys:', 'keys: [').replace(/secret: /, 'secret: "'));
    writeFileSync(join(dir, 'short.yaml'), text.replace(/secret: (\S{10})\S+/, 'secret: $1=='));
    for (const f of ['bad.yaml', 'short.yaml', 'missing.yaml']) {
      const r = await runCli(['decode', '--encryption-config', join(dir, f), '--key', v.etcdKey], { input: value });
      assert.ok(r.code === 2 || r.code === 3, `${f}: exit ${r.code}`);
      assert.match(r.stderr, new RegExp(`^etcd-forensics: encryption-config: ${join(dir, f).replace(/[/.]/g, '\\$&')}: `), f);
      assert.equal(r.stderr.trim().split('\n').length, 1, f);
      noSecrets(r.stderr, f);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('extract --leaf-item and the stream decoder (--batch-process on WAL entry data) decrypt with the put key', async (t) => {
  const yamlPath = requireShared(t, 'k8s-api/testdata/HEAD/core.v1.ConfigMap.yaml');
  const jsonPath = requireShared(t, 'k8s-api/testdata/HEAD/core.v1.ConfigMap.json');
  if (!yamlPath || !jsonPath) return;
  const v = VECTORS.find((x) => x.config === 'aesgcm' && x.object === 'core.v1.ConfigMap.pb')!;
  const key = Buffer.from(v.etcdKey);
  const value = Buffer.from(v.storedBase64, 'base64');
  // mvccpb.KeyValue: key=1, create_revision=2, mod_revision=3, version=4, value=5
  const kv = Buffer.concat([field(0x0a, key), Buffer.from([0x10, 5, 0x18, 9, 0x20, 2]), field(0x2a, value)]);
  const r = await runCli(['extract', '--leaf-item', '--encryption-config', CFG('aesgcm')], { input: kv });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.toString('utf8'), readFileSync(yamlPath, 'utf8'));
  // InternalRaftRequest.put=4 { key=1, value=2 }, as a WAL entry's data
  const irr = field(0x22, Buffer.concat([field(0x0a, key), field(0x12, value)]));
  const other = field(0x22, Buffer.concat([field(0x0a, Buffer.from('/registry/configmaps/x/y')), field(0x12, value)]));
  const b = await runCli(['decode', '--batch-process', '--encryption-config', CFG('aesgcm')], { input: irr.toString('hex') + '\n' + other.toString('hex') + '\n' });
  const [ok, bad] = b.stdout.toString('utf8').split('\n');
  assert.ok(ok!.startsWith('OK|'), ok);
  assert.deepEqual(JSON.parse(ok!.slice(3)), JSON.parse(readFileSync(jsonPath, 'utf8')));
  assert.match(bad!, /^ERROR:decrypt: "\/registry\/configmaps\/x\/y": aesgcm key "gcm-all": message authentication failed/);
});

test('extract on etcd-k8s: its random-byte k8s:enc: values are reported one line each naming key and provider, the listing goes on, exit 1', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-k8s/data');
  if (!data) return;
  const r = await runCli(['extract', data, '--keys-by-prefix', '/registry/secrets/', '--fields', 'key,value', '--encryption-config', CFG('aescbc')]);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.toString('utf8').trim().split('\n');
  assert.ok(lines.length >= 4);
  assert.ok(lines.includes('/registry/secrets/default/encrypted-secret null'));
  assert.ok(lines.some((l) => l.startsWith('/registry/secrets/default/plain-secret {"apiVersion":"v1"')));
  const err = r.stderr.trim().split('\n');
  assert.equal(err.length, 2, r.stderr);
  assert.match(err[0]!, /"\/registry\/secrets\/default\/encrypted-secret": aescbc key "key1": invalid (padding|PKCS7)/);
  assert.match(err[1]!, /"\/registry\/secrets\/kube-system\/encrypted-secretbox": secretbox key "key1": no secretbox provider for secrets in the config/);
  const sb = await runCli(['extract', data, '-k', '/registry/secrets/kube-system/encrypted-secretbox', '--encryption-config', CFG('secretbox')]);
  assert.equal(sb.code, 1);
  assert.match(sb.stderr, /secretbox key "key1": no key named "key1" in this secretbox provider \(it has "sb1"\)/);
  noSecrets(r.stderr + sb.stderr + r.stdout.toString('latin1') + sb.stdout.toString('latin1'), 'extract');
});

test('dump-logs -o json --encryption-config on etcd-k8s: every entry still listed, the two undecryptable puts reported, exit 1', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-k8s/data');
  if (!data) return;
  const plain = await runCli(['dump-logs', data, '--start-index=1', '-o', 'json']);
  const r = await runCli(['dump-logs', data, '--start-index=1', '-o', 'json', '--encryption-config', CFG('aescbc')]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout.toString('utf8'), plain.stdout.toString('utf8')); // nothing decrypted: output unchanged
  const err = r.stderr.trim().split('\n');
  assert.equal(err.length, 2, r.stderr);
  assert.match(err[0]!, /"\/registry\/secrets\/default\/encrypted-secret": aescbc key "key1": invalid (padding|PKCS7)/);
  assert.match(err[1]!, /"\/registry\/secrets\/kube-system\/encrypted-secretbox": secretbox key "key1": no secretbox provider/);
  const text = await runCli(['dump-logs', data, '--encryption-config', CFG('aescbc')]);
  assert.equal(text.code, 2);
  assert.match(text.stderr, /needs -o json/);
});

test('analyze --encryption-config on etcd-k8s: per-resource audit (plain Secrets the config encrypts, undecryptable ones), exit 1', async (t) => {
  const data = requireShared(t, 'fixtures/etcd-k8s/data');
  if (!data) return;
  const r = await runCli(['analyze', data, '--top', '1', '-o', 'json', '--encryption-config', CFG('aescbc')]);
  assert.equal(r.code, 1, r.stderr);
  const rep = JSON.parse(r.stdout.toString('utf8')) as {
    encryption: { resources: Array<{ resource: string; writeProvider: string; stored: Record<string, number>; plainButShouldBeEncrypted: number; undecryptable: number }>; failures: Array<{ etcdKey: string; keyName: string }> };
  };
  const secrets = rep.encryption.resources.find((x) => x.resource === 'secrets')!;
  assert.equal(secrets.writeProvider, 'aescbc:key1');
  assert.deepEqual(secrets.stored, { 'aescbc:key1': 1, 'secretbox:key1': 1, identity: secrets.plainButShouldBeEncrypted });
  assert.ok(secrets.plainButShouldBeEncrypted >= 2);
  assert.equal(secrets.undecryptable, 2);
  assert.deepEqual(rep.encryption.failures.map((f) => [f.etcdKey, f.keyName]).sort(), [['/registry/secrets/default/encrypted-secret', 'key1'], ['/registry/secrets/kube-system/encrypted-secretbox', 'key1']]);
  assert.equal(rep.encryption.resources.find((x) => x.resource === 'deployments.apps')?.writeProvider, 'identity');
  assert.equal(r.stderr.trim().split('\n').length, 2);
});

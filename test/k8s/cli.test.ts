// decode/encode commands against the k8s-api reference files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { requireShared, runCli, sha256File } from '../helpers.js';

test('encode -f json and -f yaml reproduce the stored bytes; decode --file leaves the input unchanged', async (t) => {
  const base = requireShared(t, 'k8s-api/testdata/HEAD');
  if (!base) return;
  const pb = readFileSync(`${base}/apps.v1.Deployment.pb`);
  const j = await runCli(['encode', '-f', 'json', '--file', `${base}/apps.v1.Deployment.json`]);
  assert.equal(j.code, 0, j.stderr);
  assert.ok(j.stdout.equals(pb), 'encode from JSON');
  const y = await runCli(['encode'], { input: readFileSync(`${base}/apps.v1.Deployment.yaml`) });
  assert.equal(y.code, 0, y.stderr);
  assert.ok(y.stdout.equals(pb), 'encode from YAML (default format)');

  const before = await sha256File(`${base}/apps.v1.Deployment.pb`);
  const d = await runCli(['decode', '-o', 'json', '--file', `${base}/apps.v1.Deployment.pb`]);
  assert.equal(d.code, 0, d.stderr);
  assert.deepEqual(JSON.parse(d.stdout.toString('utf8')), JSON.parse(readFileSync(`${base}/apps.v1.Deployment.json`, 'utf8')));
  assert.equal(await sha256File(`${base}/apps.v1.Deployment.pb`), before);

  const p = await runCli(['encode', '-f', 'proto'], { input: pb });
  assert.equal(p.code, 2);
  assert.match(p.stderr, /proto input is not supported/);
  const bad = await runCli(['encode', '-f', 'json'], { input: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":5}}' });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^etcd-forensics: k8s: encode v1\/ConfigMap field \.metadata\.name: expected a string, got 5\n$/);
});

test('--k8s-release: decode and encode as an older release did (fields it lacked are neither shown nor written)', async (t) => {
  const testdata = requireShared(t, 'k8s-api/testdata');
  if (!testdata) return;
  // 1.19 wrote a Pod without fields added later (managedFields.subresource, …): only its view reproduces the bytes
  const pod19 = `${testdata}/v1.19.0/core.v1.Pod`;
  const enc19 = await runCli(['encode', '-f', 'json', '--k8s-release', 'v1.19.0', '--file', `${pod19}.json`]);
  assert.equal(enc19.code, 0, enc19.stderr);
  assert.ok(enc19.stdout.equals(readFileSync(`${pod19}.pb`)), 'encode --k8s-release 1.19 equals the 1.19 bytes');
  // YAML input keeps int64 values beyond 2^53 exact (runAsUser: -3031446704001093654 and the like)
  const yaml19 = await runCli(['encode', '--k8s-release', '1.19', '--file', `${pod19}.yaml`]);
  assert.equal(yaml19.code, 0, yaml19.stderr);
  assert.ok(yaml19.stdout.equals(readFileSync(`${pod19}.pb`)), 'encode from YAML equals the 1.19 bytes');
  const encNew = await runCli(['encode', '-f', 'json', '--file', `${pod19}.json`]);
  assert.ok(!encNew.stdout.equals(readFileSync(`${pod19}.pb`)), 'the newest behaviour writes what 1.19 did not');
  // 1.35 had no PodCertificateRequest spec.stubPKCS10Request; the newest release renders it (null) when absent
  const pcr = `${testdata}/v1.35.0/certificates.k8s.io.v1beta1.PodCertificateRequest`;
  const d35 = await runCli(['decode', '-o', 'json', '--k8s-release', '1.35', '--file', `${pcr}.pb`]);
  assert.equal(d35.code, 0, d35.stderr);
  assert.deepEqual(JSON.parse(d35.stdout.toString('utf8')), JSON.parse(readFileSync(`${pcr}.json`, 'utf8')));
  const dNew = await runCli(['decode', '-o', 'json', '--file', `${pcr}.pb`]);
  assert.equal(JSON.parse(dNew.stdout.toString('utf8')).spec.stubPKCS10Request, null);
  const y35 = await runCli(['decode', '--k8s-release', '1.35.2', '--file', `${pcr}.pb`]);
  assert.equal(y35.stdout.toString('utf8'), readFileSync(`${pcr}.yaml`, 'utf8'));
  const bad = await runCli(['decode', '--k8s-release', '1.13', '--file', `${pcr}.pb`]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'etcd-forensics: usage: Kubernetes release 1.13 is older than the oldest the schema knows (1.14)\n');
});

test('--batch-process: JSON values come back compacted as stored (int64 exact, escapes kept)', async () => {
  const value = Buffer.from('{"apiVersion": "example.com/v1", "kind": "Widget",\n "size": 9223372036854775807, "note": "a \\u003c b"}\n');
  const r = await runCli(['decode', '--batch-process'], { input: value.toString('hex') + '\n' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.toString('utf8'), 'OK|{"apiVersion":"example.com/v1","kind":"Widget","size":9223372036854775807,"note":"a \\u003c b"}\n');
});

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

// decode of every value stored in the etcd-k8s fixture, fed as `etcdctl get` output
// (key line + value) built from oracle/get-all.json: protobuf values give the YAML of
// their source file (oracle/key-map.json), JSON values pass through, k8s:enc: values
// are reported as encrypted with provider and key name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, runCli, sharedPath } from '../helpers.js';
import { decodeStorageValue, toJson, toYaml } from '../../src/k8s/index.js';
import { valueFromInput, batchReply } from '../../src/cli/commands/k8s.js';
import { jsonToYaml } from '../../src/k8s/yaml/index.js';

interface Kv {
  key: string;
  value?: string;
}

function load(dir: string): { kvs: { key: Buffer; value: Buffer }[]; sources: Map<string, string> } {
  const all = JSON.parse(readFileSync(join(dir, 'oracle', 'get-all.json'), 'utf8')) as { kvs: Kv[] };
  const keyMap = JSON.parse(readFileSync(join(dir, 'oracle', 'key-map.json'), 'utf8')) as { pb_keys: Record<string, string> };
  // source .pb bytes (base64) → source file, to find which source a stored value came from
  const sources = new Map<string, string>();
  for (const file of Object.keys(keyMap.pb_keys)) sources.set(readFileSync(sharedPath('k8s-api', file)).toString('base64'), file);
  return { kvs: all.kvs.map((kv) => ({ key: Buffer.from(kv.key, 'base64'), value: Buffer.from(kv.value ?? '', 'base64') })), sources };
}

const etcdctlGet = (key: Buffer, value: Buffer): Uint8Array => new Uint8Array(Buffer.concat([key, Buffer.from('\n'), value, Buffer.from('\n')]));

test('etcd-k8s: every stored value decodes like its source (library, etcdctl get input)', (t) => {
  const dir = requireShared(t, 'fixtures/etcd-k8s');
  if (!dir || !requireShared(t, 'k8s-api/testdata')) return;
  const { kvs, sources } = load(dir);
  let pb = 0;
  let json = 0;
  let enc = 0;
  let other = 0;
  for (const { key, value } of kvs) {
    if (key.toString() === 'compact_rev_key') {
      // not a Kubernetes object (and its key line does not start with '/')
      assert.throws(() => decodeStorageValue(value), /does not appear to contain valid JSON or binary data/);
      continue;
    }
    const v = valueFromInput(etcdctlGet(key, value));
    assert.deepEqual(Buffer.from(v), value, 'etcdctl get framing removed');
    const d = decodeStorageValue(v);
    if (d.encoding === 'protobuf') {
      const src = sources.get(value.toString('base64'));
      if (!src) {
        // written by the fixture script itself (cluster-info, lease history...): must decode
        assert.ok(toYaml(d).startsWith('apiVersion: '), `${key}`);
        other++;
        continue;
      }
      const wantYaml = readFileSync(sharedPath('k8s-api', src!.replace(/\.pb$/, '.yaml')), 'utf8');
      assert.equal(toYaml(d), wantYaml, `${key} (${src})`);
      pb++;
    } else if (d.encoding === 'json') {
      assert.equal(toJson(d), value.toString('utf8').trimEnd(), `${key}: JSON passes through`);
      assert.equal(toYaml(d), jsonToYaml(value.toString('utf8')));
      json++;
    } else {
      assert.equal(d.encoding, 'encrypted', `${key}`);
      assert.equal(d.keyName, 'key1');
      assert.ok(d.provider === 'aescbc' || d.provider === 'secretbox');
      enc++;
    }
  }
  assert.equal(enc, 2, 'both k8s:enc: values reported');
  assert.equal(json, 4, 'CRD, custom objects and the JSON ConfigMap pass through');
  assert.ok(pb >= 150, `protobuf values from k8s-api sources: ${pb} (+${other} others)`);
});

test('etcd-k8s: decode command on etcdctl get output, encrypted values, batch protocol', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-k8s');
  if (!dir) return;
  const { kvs, sources } = load(dir);
  const pod = kvs.find((kv) => sources.get(kv.value.toString('base64'))?.endsWith('/core.v1.Pod.pb'))!;
  const r = await runCli(['decode'], { input: etcdctlGet(pod.key, pod.value) });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.toString('utf8'), readFileSync(sharedPath('k8s-api', 'testdata/HEAD/core.v1.Pod.yaml'), 'utf8'));

  const meta = await runCli(['decode', '--meta-only'], { input: etcdctlGet(pod.key, pod.value) });
  assert.equal(meta.stdout.toString(), 'TypeMeta.APIVersion: v1\nTypeMeta.Kind: Pod\n');

  const proto = await runCli(['decode', '-o', 'proto'], { input: pod.value });
  assert.equal(proto.code, 0);
  assert.ok(pod.value.includes(proto.stdout) && proto.stdout.length > 1000, 'runtime.Unknown.raw');

  const secret = kvs.find((kv) => kv.value.subarray(0, 18).toString() === 'k8s:enc:aescbc:v1:')!;
  const e = await runCli(['decode'], { input: etcdctlGet(secret.key, secret.value) });
  assert.equal(e.code, 3);
  assert.equal(e.stdout.length, 0);
  assert.match(e.stderr, /^etcd-forensics: k8s: value is encrypted at rest \(provider aescbc v1, key "key1"\)/);

  const cm = kvs.find((kv) => kv.key.toString() === '/registry/configmaps/default/json-encoded')!;
  const lines = [pod.value, cm.value, secret.value, Buffer.from('zz')].map((b) => b.toString('hex')).join('\n') + '\n';
  const b = await runCli(['decode', '--batch-process'], { input: lines });
  assert.equal(b.code, 0, b.stderr);
  const out = b.stdout.toString('utf8').split('\n');
  assert.equal(out.length, 5);
  assert.ok(out[0]!.startsWith('OK|{"kind":"Pod","apiVersion":"v1","metadata":{"name":"nameValue"'));
  assert.equal(out[0], batchReply(pod.value.toString('hex')).trimEnd());
  assert.ok(out[1]!.startsWith('OK|{"kind":"ConfigMap"'));
  assert.match(out[2]!, /^ERROR:k8s: value is encrypted at rest \(provider aescbc v1, key "key1"\).*\|$/);
  assert.match(out[3]!, /^ERROR:.*\|$/);
  assert.equal(out[4], '');
});

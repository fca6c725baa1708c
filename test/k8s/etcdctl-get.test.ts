// decode of real `etcdctl get` output (etcd 3.4, scripts/gen-etcdctl-get.sh) with several
// keys: the plain --prefix output (binary values holding "\n"), the -w json output, one key;
// each value must decode exactly as the demo's stored value does. And --batch-process takes a
// value with a trailing newline as --file does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEtcdctlGet } from '../../src/k8s/etcdctl-output.js';
import { REPO_ROOT, runCli } from '../helpers.js';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'etcdctl-get');
const ALL = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'demo', 'oracle', 'get-all.json'), 'utf8')) as { kvs: { key: string; value: string }[] };
const STORED = ALL.kvs
  .map((kv) => ({ key: Buffer.from(kv.key, 'base64').toString(), value: Buffer.from(kv.value, 'base64') }))
  .filter((kv) => kv.key.startsWith('/registry/'))
  .sort((a, b) => (a.key < b.key ? -1 : 1));

test('parseEtcdctlGet: plain --prefix and -w json give every stored key and value byte for byte', () => {
  for (const file of ['prefix.txt', 'prefix.json']) {
    const pairs = parseEtcdctlGet(new Uint8Array(readFileSync(join(DIR, file))));
    assert.deepEqual(
      pairs.map((p) => Buffer.from(p.key!).toString()),
      STORED.map((s) => s.key),
      file,
    );
    pairs.forEach((p, i) => assert.ok(Buffer.from(p.value).equals(STORED[i]!.value), `${file}: ${STORED[i]!.key}`));
  }
  const one = parseEtcdctlGet(new Uint8Array(readFileSync(join(DIR, 'one.txt'))));
  assert.equal(one.length, 1);
  assert.ok(Buffer.from(one[0]!.value).equals(STORED.find((s) => s.key === '/registry/configmaps/default/app-config')!.value));
});

test('decode of etcdctl get --prefix: every decodable object, the encrypted one named on stderr, exit 3', async () => {
  const plain = await runCli(['decode', '--file', join(DIR, 'prefix.txt')]);
  const json = await runCli(['decode', '--file', join(DIR, 'prefix.json')]);
  assert.equal(plain.code, 3);
  assert.equal(json.code, 3);
  assert.equal(plain.stdout.toString(), json.stdout.toString());
  const docs = plain.stdout.toString().split('---\n');
  assert.equal(docs.length, STORED.length - 1);
  assert.match(plain.stderr, /^etcd-forensics: \/registry\/secrets\/kube-system\/bootstrap-token-abcdef: k8s: value is encrypted/);
  // Each document is what decode prints for that stored value alone.
  for (const doc of docs) {
    const key = /^# (.*)\n/.exec(doc)![1]!;
    const alone = await runCli(['decode'], { input: STORED.find((s) => s.key === key)!.value });
    assert.equal(alone.code, 0, key);
    assert.equal(doc.slice(doc.indexOf('\n') + 1), alone.stdout.toString(), key);
  }
  const arr = await runCli(['decode', '-o', 'json', '--file', join(DIR, 'prefix.json')]);
  const objs = JSON.parse(arr.stdout.toString()) as { kind: string }[];
  assert.equal(objs.length, STORED.length - 1);
  assert.ok(objs.some((o) => o.kind === 'Widget'), 'the JSON custom object too');
});

test('decode --batch-process: a value with a trailing newline decodes as with --file', async () => {
  const cm = STORED.find((s) => s.key === '/registry/configmaps/default/app-config')!.value;
  const withNl = Buffer.concat([cm, Buffer.from('\n')]);
  const r = await runCli(['decode', '--batch-process'], { input: withNl.toString('hex') + '\n' + cm.toString('hex') + '\n' });
  const lines = r.stdout.toString().split('\n');
  assert.match(lines[0]!, /^OK\|\{"kind":"ConfigMap"/);
  assert.equal(lines[0], lines[1]);
  const f = await runCli(['decode', '-o', 'json'], { input: withNl });
  assert.equal(f.code, 0);
});

// End-to-end on fixtures/demo: a data dir a real etcd 3.4 wrote (scripts/make-demo-fixture.sh),
// checked against what etcdctl answered while that etcd ran (fixtures/demo/oracle) and
// against the YAML the objects were made from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, runCli, sha256File } from '../helpers.js';
import { openKeyspace, getKey, hashKV, snapshotStatus } from '../../src/mvcc/index.js';
import { decodeStorageValue, toYaml } from '../../src/k8s/index.js';

const DEMO = join(REPO_ROOT, 'fixtures', 'demo');
const oracle = (name: string) => readFileSync(join(DEMO, 'oracle', name), 'utf8');
const b64 = (s: string) => Buffer.from(s, 'base64');

interface EtcdctlKv {
  key: string;
  create_revision: number;
  mod_revision: number;
  version: number;
  value: string;
}

test('demo: hashkv equals etcdctl endpoint hashkv (current and just above the compaction)', async () => {
  const ks = await openKeyspace(join(DEMO, 'data'));
  try {
    const current = JSON.parse(oracle('hashkv-current.json'))[0].HashKV;
    const r = await hashKV(ks, 0);
    assert.equal(Number(r.hash), current.hash);
    assert.equal(Number(r.compactRevision), current.compact_revision);
    const compactAt = Number(oracle('compact-revision.txt').trim());
    const above = JSON.parse(oracle(`hashkv-rev-${compactAt + 1}.json`))[0].HashKV;
    assert.equal(Number((await hashKV(ks, compactAt + 1)).hash), above.hash);
  } finally {
    await ks.db.close();
  }
  const refused = await runCli(['hashkv', join(DEMO, 'data'), '--rev', oracle('compact-revision.txt').trim()]);
  assert.notEqual(refused.code, 0);
  assert.match(oracle(`hashkv-rev-${oracle('compact-revision.txt').trim()}.stderr`), /required revision has been compacted/);
  assert.match(refused.stderr, /required revision has been compacted/);
});

test('demo: snapshot status equals etcdctl snapshot status -w json', async () => {
  const r = await runCli(['snapshot', 'status', join(DEMO, 'snapshot.db'), '-w', 'json']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.toString().trim(), oracle('snapshot-status.json').trim());
  const st = await snapshotStatus(join(DEMO, 'snapshot.db'));
  assert.equal(Number(st.totalSize), JSON.parse(oracle('snapshot-status.json')).totalSize);
});

test('demo: every live key, its revisions and value bytes equal etcdctl get --prefix ""', async () => {
  const all = JSON.parse(oracle('get-all.json')) as { kvs: EtcdctlKv[] };
  const listed = await runCli(['extract', '-f', join(DEMO, 'data'), '--keys-by-prefix', '']);
  const etcdctlKeys = oracle('get-keys-only.txt').split('\n').filter((l) => l !== '');
  assert.deepEqual(listed.stdout.toString().trim().split('\n'), etcdctlKeys);
  const ks = await openKeyspace(join(DEMO, 'data'));
  try {
    for (const kv of all.kvs) {
      const got = await getKey(ks, b64(kv.key));
      assert.equal(Number(got.createRevision), kv.create_revision, kv.key);
      assert.equal(Number(got.modRevision), kv.mod_revision, kv.key);
      assert.equal(Number(got.version), kv.version, kv.key);
      assert.deepEqual(Buffer.from(got.value), b64(kv.value ?? ''), kv.key);
    }
  } finally {
    await ks.db.close();
  }
});

test('demo: objects etcd stored decode back to the YAML they were made from', () => {
  const all = JSON.parse(oracle('get-all.json')) as { kvs: EtcdctlKv[] };
  const unchanged: Record<string, string> = {
    '/registry/namespaces/default': 'namespace-default.yaml',
    '/registry/namespaces/kube-system': 'namespace-kube-system.yaml',
    '/registry/secrets/default/db-credentials': 'secret-db-credentials.yaml',
    '/registry/services/specs/default/web': 'service-web.yaml',
    '/registry/deployments/default/web': 'deployment-web.yaml',
    '/registry/pods/default/web-7d4b9c8f6-x2k9p': 'pod-web-0.yaml',
  };
  for (const [key, file] of Object.entries(unchanged)) {
    const kv = all.kvs.find((k) => b64(k.key).toString() === key);
    assert.ok(kv, `etcdctl listed ${key}`);
    const yaml = toYaml(decodeStorageValue(b64(kv.value)));
    assert.equal(yaml, readFileSync(join(DEMO, 'objects', file), 'utf8'), key);
  }
  const encrypted = all.kvs.find((k) => b64(k.key).toString() === '/registry/secrets/kube-system/bootstrap-token-abcdef')!;
  const d = decodeStorageValue(b64(encrypted.value));
  assert.equal(d.encoding, 'encrypted');
});

test('demo: WAL verifies clean and its last index is the raft index etcd reported', async () => {
  const status = JSON.parse(oracle('endpoint-status.json'))[0].Status;
  const r = await runCli(['verify', join(DEMO, 'data'), '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const v = JSON.parse(r.stdout.toString());
  assert.equal(v.ok, true);
  assert.equal(Number(v.lastIndex), status.raftIndex);
});

test('demo: npm start leaves the demo files byte-identical', async () => {
  const files = ['data/member/snap/db', 'snapshot.db', 'data/member/wal/0000000000000000-0000000000000000.wal'];
  const before = await Promise.all(files.map((f) => sha256File(join(DEMO, f))));
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'demo.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Demo files unchanged: yes/);
  const after = await Promise.all(files.map((f) => sha256File(join(DEMO, f))));
  assert.deepEqual(after, before);
});

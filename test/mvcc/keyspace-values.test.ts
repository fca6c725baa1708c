// extract's value output goes through the k8s codec: values stored by the etcd-k8s fixture
// from k8s-api testdata `.pb` files print as that testdata's `.json` / `.yaml`; JSON values
// (custom resources) pass through; `--fields value` is Go's json.Marshal of the object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, runCli, sharedPath } from '../helpers.js';

const KINDS = ['core.v1.ConfigMap', 'core.v1.Secret', 'core.v1.Service', 'core.v1.Namespace'];

test('etcd-k8s: extract -k prints protobuf values as the testdata JSON and YAML', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-k8s');
  if (!dir) return;
  const map = (JSON.parse(readFileSync(join(dir, 'oracle', 'key-map.json'), 'utf8')) as { pb_keys: Record<string, string> }).pb_keys;
  for (const kind of KINDS) {
    const src = `testdata/HEAD/${kind}.pb`;
    const key = map[src];
    assert.ok(key, src);
    const base = sharedPath('k8s-api', src.replace(/\.pb$/, ''));
    const json = await runCli(['extract', '-f', join(dir, 'snapshot.db'), '-k', key, '-o', 'json']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stdout.toString(), readFileSync(`${base}.json`, 'utf8') + '\n', `${kind} json`);
    const yaml = await runCli(['extract', '-f', join(dir, 'snapshot.db'), '-k', key]);
    assert.equal(yaml.stdout.toString(), readFileSync(`${base}.yaml`, 'utf8'), `${kind} yaml`);
  }
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v;
}

test('etcd-k8s: JSON values pass through; --fields value is the compact sorted JSON; templates and filters see the object', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-k8s');
  if (!dir) return;
  const all = JSON.parse(readFileSync(join(dir, 'oracle', 'get-all.json'), 'utf8')) as { kvs: { key: string; value: string; version: number }[] };
  const crs = all.kvs
    .map((kv) => ({ key: Buffer.from(kv.key, 'base64').toString('utf8'), value: Buffer.from(kv.value, 'base64').toString('utf8'), version: kv.version }))
    .filter((kv) => kv.key.startsWith('/registry/example.com/'));
  assert.ok(crs.length >= 2);
  const r = await runCli(['extract', join(dir, 'data'), '--keys-by-prefix', '/registry/example.com/', '--fields', 'key,value']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.toString(), crs.map((c) => `${c.key} ${JSON.stringify(sortKeys(JSON.parse(c.value)))}\n`).join(''));
  const raw = await runCli(['extract', join(dir, 'data'), '-k', crs[0]!.key, '-o', 'json']);
  assert.equal(raw.stdout.toString(), crs[0]!.value.trim() + '\n');
  const tpl = await runCli([
    'extract', join(dir, 'data'), '--template', '{{.Value.kind}}/{{.Value.metadata.name}} v{{.Version}}',
    '--filter', '.Value.metadata.namespace=default,.Value.apiVersion=example.com/v1',
  ]);
  assert.equal(tpl.code, 0, tpl.stderr);
  const expected = crs.map((c) => {
    const o = JSON.parse(c.value) as { kind: string; metadata: { name: string } };
    return `${o.kind}/${o.metadata.name} v${c.version}\n`;
  });
  assert.equal(tpl.stdout.toString(), expected.join(''));
});

test('etcd-small: plain values print as stored; undecodable bytes are Go-quoted with a note', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const r = await runCli(['extract', join(dir, 'data'), '-k', '/app/config/key-001']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.toString(), 'updated-by-txn\n');
  assert.match(r.stderr, /value printed undecoded/);
  const all = JSON.parse(readFileSync(join(dir, 'oracle', 'get-all.json'), 'utf8')) as { kvs: { key: string; value?: string }[] };
  const binary = all.kvs.find((kv) => kv.value && !Buffer.from(kv.value, 'base64').toString('utf8').match(/^[\x20-\x7e]*$/u) && Buffer.from(kv.value, 'base64').some((b) => b < 0x20));
  assert.ok(binary, 'etcd-small stores a binary value');
  {
    const b = await runCli(['extract', join(dir, 'data'), '-k', Buffer.from(binary!.key, 'base64').toString('utf8')]);
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout.toString(), /^".*"\n$/s);
    assert.doesNotMatch(b.stdout.toString(), /[\x00-\x08\x0b-\x1f]/);
  }
});

test('etcd-small: --leaf-item reads one raw key-bucket value from stdin (trailing newline tolerated)', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const all = JSON.parse(readFileSync(join(dir, 'oracle', 'get-all.json'), 'utf8')) as {
    kvs: { key: string; create_revision: number; mod_revision: number; version: number; value?: string }[];
  };
  const want = all.kvs.find((kv) => kv.version > 1)!;
  // The stored bytes of that revision, read with the bolt reader (as `bolt page-item --value-only` would print them).
  const { openBolt } = await import('../../src/bolt/index.js');
  const db = await openBolt(join(dir, 'data'));
  const revKey = Buffer.alloc(17);
  revKey.writeBigUInt64BE(BigInt(want.mod_revision), 0);
  revKey[8] = 0x5f;
  const raw = (await (await db.bucket('key'))!.get(revKey))!;
  await db.close();
  const key = Buffer.from(want.key, 'base64').toString('utf8');
  const meta = await runCli(['extract', '--leaf-item', '--meta-summary'], { input: Buffer.concat([raw, Buffer.from('\n')]) });
  assert.equal(meta.code, 0, meta.stderr);
  assert.equal(meta.stdout.toString(), `Key: ${key}\nVersion: ${want.version}\nCreateRevision: ${want.create_revision}\nModRevision: ${want.mod_revision}\nLease: 0\n`);
  const pk = await runCli(['extract', '--leaf-item', '--print-key'], { input: raw });
  assert.equal(pk.stdout.toString(), `${key}\n`);
  const bad = await runCli(['extract', '--leaf-item'], { input: Buffer.from([0x0a, 0x09, 0x61]) });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^etcd-forensics: mvcc: <stdin>/);
});

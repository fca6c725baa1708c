// The keyspace layer against what the real etcd 3.4.23 / etcdctl recorded in ../shared:
// HashKV at every recorded revision, snapshot status, `get --prefix [--rev]` listings,
// `get --keys-only`, and diff between the before/after-compaction snapshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, runCli, sha256File } from '../helpers.js';
import { withKs } from './keyspace-helpers.js';
import {
  getKey,
  hashKV,
  listKeys,
  loadKeyValue,
  keyBytes,
  snapshotStatus,
  diff,
  RevisionCompactedError,
  type HashKVResult,
} from '../../src/mvcc/keyspace/index.js';

const FIXTURES = ['etcd-small', 'etcd-k8s'] as const;

interface HashKVRecord {
  rev: number;
  hash?: number;
  compact_revision?: number;
  header_revision?: number;
  error?: string;
}

interface Manifest {
  hashkv: HashKVRecord[];
  revisions: Record<string, number>;
}

interface OracleKv {
  key: string;
  create_revision: number;
  mod_revision: number;
  version: number;
  value?: string;
  lease?: string;
}

/** etcdctl -w json prints int64 leases as bare numbers past 2^53: keep their digits. */
function readGetAll(path: string): { header: { revision: number }; kvs: OracleKv[] } {
  const text = readFileSync(path, 'utf8').replace(/"lease":(\d+)/g, (_m, d: string) => `"lease":"${d}"`);
  const j = JSON.parse(text) as { header: { revision: number }; kvs?: OracleKv[] };
  return { header: j.header, kvs: j.kvs ?? [] };
}

function dbsFor(dir: string, headerRevision: number, finalRevision: number): string[] {
  return headerRevision === finalRevision
    ? [join(dir, 'data'), join(dir, 'snapshot.db')]
    : [join(dir, 'snapshot-before-compaction.db')];
}


for (const fx of FIXTURES) {
  test(`${fx}: hashKV equals every recorded etcdctl endpoint hashkv`, async (t) => {
    const dir = requireShared(t, `fixtures/${fx}`);
    if (!dir) return;
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const final = m.revisions.final!;
    let checked = 0;
    for (const h of m.hashkv) {
      if (h.error !== undefined) {
        assert.match(h.error, /mvcc: required revision has been compacted/);
        for (const db of [join(dir, 'data'), join(dir, 'snapshot.db')]) {
          await assert.rejects(
            withKs(db, (ks) => hashKV(ks, h.rev)),
            (e: unknown) => e instanceof RevisionCompactedError && e.message === 'mvcc: required revision has been compacted',
          );
        }
        continue;
      }
      for (const db of dbsFor(dir, h.header_revision!, final)) {
        const r: HashKVResult = await withKs(db, (ks) => hashKV(ks, h.rev));
        assert.equal(r.hash, h.hash, `${db} --rev ${h.rev}`);
        assert.equal(r.compactRevision, BigInt(h.compact_revision!), `${db} --rev ${h.rev} compact revision`);
        assert.equal(r.currentRevision, BigInt(h.header_revision!), `${db} --rev ${h.rev} header revision`);
        checked++;
      }
    }
    assert.ok(checked >= 10, `checked ${checked} hashes`);
  });

  test(`${fx}: hashkv CLI prints the recorded hash and etcd's error for a compacted revision`, async (t) => {
    const dir = requireShared(t, `fixtures/${fx}`);
    if (!dir) return;
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const ok = m.hashkv.find((h) => h.header_revision === m.revisions.final && h.hash !== undefined)!;
    const r = await runCli(['hashkv', join(dir, 'data'), '--rev', String(ok.rev), '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const hashRevision = ok.rev === 0 ? ok.header_revision : ok.rev;
    assert.equal(r.stdout.toString(), `{"hash":${ok.hash},"hashRevision":${hashRevision},"compactRevision":${ok.compact_revision},"etcdVersion":"3.4","etcdVersionSource":"detected"}\n`);
    const bad = m.hashkv.find((h) => h.error !== undefined)!;
    const e = await runCli(['hashkv', join(dir, 'snapshot.db'), '--rev', String(bad.rev)]);
    assert.notEqual(e.code, 0);
    assert.equal(e.stdout.length, 0);
    assert.equal(e.stderr, 'etcd-forensics: mvcc: required revision has been compacted\n');
    const current = JSON.parse(readFileSync(join(dir, 'oracle', 'hashkv-current.json'), 'utf8')) as [{ HashKV: { hash: number } }];
    const c = await runCli(['hashkv', join(dir, 'snapshot.db')]);
    assert.equal(c.stdout.toString().split(', ')[0], String(current[0].HashKV.hash));
  });

  test(`${fx}: snapshot status -w json equals every recorded etcdctl snapshot status`, async (t) => {
    const dir = requireShared(t, `fixtures/${fx}`);
    if (!dir) return;
    const cases: [string, string][] = [
      ['snapshot.db', 'oracle/snapshot-status-snapshot.db.json'],
      ['snapshot-before-compaction.db', 'oracle/snapshot-status-snapshot-before-compaction.db.json'],
    ];
    const index = JSON.parse(readFileSync(join(dir, 'ref', 'index.json'), 'utf8')) as { name: string; input: string; stdout: string }[];
    for (const e of index.filter((x) => x.name.endsWith('etcdctl-snapshot-status'))) {
      cases.push([e.input.replace(`fixtures/${fx}/`, ''), `ref/${e.stdout}`]);
    }
    assert.ok(cases.length >= 4);
    for (const [input, expected] of cases) {
      const before = await sha256File(join(dir, input));
      const r = await runCli(['snapshot', 'status', join(dir, input), '-w', 'json']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), readFileSync(join(dir, expected), 'utf8'), input);
      const trailer = input.endsWith('snapshot.db') || input.endsWith('compaction.db') ? 'ok' : 'missing';
      assert.match(r.stderr, new RegExp(`sha256 trailer: ${trailer}`));
      assert.equal(await sha256File(join(dir, input)), before, `${input} unchanged`);
    }
    const s = await snapshotStatus(join(dir, 'snapshot.db'));
    assert.equal(s.trailer.state, 'ok');
  });

  test(`${fx}: listings at every recorded revision equal etcdctl get --prefix -w json`, async (t) => {
    const dir = requireShared(t, `fixtures/${fx}`);
    if (!dir) return;
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const files = readdirSync(join(dir, 'oracle')).filter((n) => /^get-all.*\.json$/.test(n));
    assert.ok(files.length >= 3);
    for (const name of files) {
      const want = readGetAll(join(dir, 'oracle', name));
      const rev = Number(/rev-(\d+)/.exec(name)?.[1] ?? 0);
      for (const db of dbsFor(dir, want.header.revision, m.revisions.final!)) {
        await withKs(db, async (ks) => {
          const got = await listKeys(ks, { revision: rev });
          assert.equal(got.currentRevision, want.header.revision, `${name} on ${db}: header revision`);
          assert.equal(got.keys.length, want.kvs.length, `${name} on ${db}: key count`);
          for (let i = 0; i < want.kvs.length; i++) {
            const w = want.kvs[i]!;
            const st = got.keys[i]!;
            const kv = await loadKeyValue(ks, st);
            const where = `${name} on ${db}: ${Buffer.from(w.key, 'base64').toString()}`;
            assert.equal(Buffer.from(keyBytes(st.keyString)).toString('base64'), w.key, where);
            assert.equal(st.createRevision, w.create_revision, `${where} create_revision`);
            assert.equal(st.modRevision, w.mod_revision, `${where} mod_revision`);
            assert.equal(st.version, w.version, `${where} version`);
            assert.equal(Buffer.from(kv.value).toString('base64'), w.value ?? '', `${where} value`);
            assert.equal(kv.lease, BigInt(w.lease ?? 0), `${where} lease`);
          }
        });
      }
    }
  });

  test(`${fx}: getKey (extract -k KEY -r N) returns every recorded value at every recorded revision`, async (t) => {
    const dir = requireShared(t, `fixtures/${fx}`);
    if (!dir) return;
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const files = readdirSync(join(dir, 'oracle')).filter((n) => /^get-all-rev-\d+\.json$/.test(n));
    for (const name of files) {
      const want = readGetAll(join(dir, 'oracle', name));
      const rev = Number(/rev-(\d+)/.exec(name)![1]);
      const db = dbsFor(dir, want.header.revision, m.revisions.final!)[0]!;
      await withKs(db, async (ks) => {
        for (const w of want.kvs) {
          const kv = await getKey(ks, Buffer.from(w.key, 'base64'), { revision: rev });
          assert.equal(Buffer.from(kv.value).toString('base64'), w.value ?? '', `${name}: ${w.key}`);
          assert.equal(kv.modRevision, BigInt(w.mod_revision));
          assert.equal(kv.version, BigInt(w.version));
        }
      });
      // The CLI on a few keys of each revision, byte for byte (--raw prints value + "\n").
      for (const w of want.kvs.filter((_, i) => i % 100 === 7)) {
        const key = Buffer.from(w.key, 'base64').toString('utf8');
        const r = await runCli(['extract', '-f', db, '-k', key, '-r', String(rev), '--raw']);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(r.stdout, Buffer.concat([Buffer.from(w.value ?? '', 'base64'), Buffer.from('\n')]), `${name}: ${key}`);
      }
    }
  });

  test(`${fx}: extract listing equals etcdctl get --prefix --keys-only, fields equal get -w json`, async (t) => {
    const dir = requireShared(t, `fixtures/${fx}`);
    if (!dir) return;
    const expected = (f: string) => readFileSync(join(dir, 'oracle', f), 'utf8').split('\n').filter((l) => l !== '').join('\n') + '\n';
    for (const db of [join(dir, 'data'), join(dir, 'snapshot.db')]) {
      const r = await runCli(['extract', db, '--keys-by-prefix', '']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.toString(), expected('get-keys-only.txt'), db);
    }
    const pre = await runCli(['extract', '-f', join(dir, 'snapshot-before-compaction.db')]);
    const preFile = readdirSync(join(dir, 'oracle')).includes('get-keys-only-before-compaction.txt');
    if (preFile) assert.equal(pre.stdout.toString(), expected('get-keys-only-before-compaction.txt'));
    const all = readGetAll(join(dir, 'oracle', 'get-all.json'));
    const f = await runCli(['extract', join(dir, 'data'), '--fields', 'key,create-revision,mod-revision,version-count,value-size']);
    assert.equal(f.code, 0, f.stderr);
    const want = all.kvs
      .map((w) => {
        const key = Buffer.from(w.key, 'base64').toString('utf8');
        return `${key} ${w.create_revision} ${w.mod_revision} ${w.version} ${Buffer.from(w.value ?? '', 'base64').length}\n`;
      })
      .join('');
    assert.equal(f.stdout.toString(), want);
  });
}

test('etcd-small: diff of the before/after-compaction snapshots lists exactly the keys changed after 287', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const before = readGetAll(join(dir, 'oracle', 'get-all-before-compaction.json'));
  const after = readGetAll(join(dir, 'oracle', 'get-all.json'));
  assert.equal(before.header.revision, 287);
  const mb = new Map(before.kvs.map((k) => [k.key, k]));
  const ma = new Map(after.kvs.map((k) => [k.key, k]));
  const changed = [...new Set([...mb.keys(), ...ma.keys()])]
    .filter((k) => mb.get(k)?.mod_revision !== ma.get(k)?.mod_revision)
    .map((k) => Buffer.from(k, 'base64').toString('utf8'))
    .sort();
  assert.ok(changed.length > 0);
  const r = await runCli(['diff', join(dir, 'snapshot-before-compaction.db'), join(dir, 'snapshot.db')]);
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.toString().trimEnd().split('\n');
  assert.deepEqual(lines.map((l) => l.split(' ')[1]).sort(), changed);
  for (const l of lines) {
    const key = l.split(' ')[1]!;
    const b64 = Buffer.from(key).toString('base64');
    if (!mb.has(b64)) assert.equal(l, `only-in-b ${key} mod=${ma.get(b64)!.mod_revision}`);
    else if (!ma.has(b64)) assert.equal(l, `only-in-a ${key} mod=${mb.get(b64)!.mod_revision}`);
    else assert.equal(l, `modified ${key} a.mod=${mb.get(b64)!.mod_revision} b.mod=${ma.get(b64)!.mod_revision}`);
  }
  // The same db and its snapshot agree; at a common revision so do the two snapshots.
  const same = await runCli(['diff', join(dir, 'data'), join(dir, 'snapshot.db')]);
  assert.equal(same.code, 0, same.stderr);
  assert.equal(same.stdout.length, 0);
  const at = await withKs(join(dir, 'snapshot-before-compaction.db'), (a) =>
    withKs(join(dir, 'snapshot.db'), (b) => diff(a, b, { revision: 287 })),
  );
  assert.deepEqual(at.differences, []);
});

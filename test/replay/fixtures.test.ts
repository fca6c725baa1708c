// Replay against the real etcd 3.4.23 fixture: the keyspace after replaying the WAL equals
// what etcdctl recorded while that etcd ran (get --prefix -w json at revisions and at raft
// indexes known from endpoint status).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, tempDir } from '../helpers.js';
import { replayWal, etcdctlKvs, writeReplayedDb, timeline, type KeyChange, type TimelineRow } from '../../src/replay/index.js';
import { openKeyspace, hashKV } from '../../src/mvcc/index.js';

function oracleKvs(dir: string, name: string): unknown[] {
  return (JSON.parse(readFileSync(join(dir, 'oracle', name), 'utf8')) as { kvs: unknown[] }).kvs;
}

function statusIndex(dir: string, name: string): { index: bigint; revision: bigint } {
  const s = (JSON.parse(readFileSync(join(dir, 'oracle', name), 'utf8')) as { Status: { raftIndex: number; header: { revision: number } } }[])[0]!.Status;
  return { index: BigInt(s.raftIndex), revision: BigInt(s.header.revision) };
}

test('etcd-small: replay from an empty store to each recorded revision equals get --rev', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  for (const rev of [100, 201, 271, 272, 287]) {
    const r = await replayWal(join(dir, 'data'), { fromEmpty: true, toRevision: BigInt(rev) });
    const s = await r.run();
    assert.equal(s.revision, BigInt(rev));
    assert.deepEqual(etcdctlKvs(r.state), oracleKvs(dir, `get-all-rev-${rev}.json`), `revision ${rev}`);
    assert.deepEqual(s.findings, []);
  }
});

test('etcd-small: replay --to-index at the raft indexes endpoint status recorded', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  for (const [status, get] of [
    ['endpoint-status-before-compaction.json', 'get-all-before-compaction.json'],
    ['endpoint-status.json', 'get-all.json'],
  ] as const) {
    const at = statusIndex(dir, status);
    const r = await replayWal(join(dir, 'data'), { fromEmpty: true, toIndex: at.index });
    const s = await r.run();
    assert.equal(s.appliedIndex, at.index);
    assert.equal(s.revision, at.revision, status);
    assert.deepEqual(etcdctlKvs(r.state), oracleKvs(dir, get), status);
  }
});

test('etcd-small: replay from a named snapshot db continues to the end of the WAL', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const r = await replayWal(join(dir, 'data'), { db: join(dir, 'snapshot-before-compaction.db') });
  assert.ok(r.start.consistentIndex > 0n && r.start.consistentIndex < 336n, `snapshot consistent index ${r.start.consistentIndex}`);
  const s = await r.run();
  assert.equal(s.appliedIndex, 336n);
  assert.equal(s.revision, 319n);
  assert.equal(s.compactRevision, 271n);
  assert.deepEqual(etcdctlKvs(r.state), oracleKvs(dir, 'get-all.json'));
});

test('etcd-small: the db already holds every entry, so replay applies nothing and keeps its keyspace', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const r = await replayWal(join(dir, 'data'));
  const s = await r.run();
  assert.equal(s.start.consistentIndex, 336n);
  assert.equal(s.entriesApplied, 0);
  assert.deepEqual(etcdctlKvs(r.state), oracleKvs(dir, 'get-all.json'));
  await assert.rejects(replayWal(join(dir, 'data'), { toIndex: 300n }), /before the db's consistent index 336/);
});

test('etcd-small: the replayed db (--to-db) has the hashkv etcd recorded, from a snapshot db and from an empty store', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const oracle = (name: string): number => (JSON.parse(readFileSync(join(dir, 'oracle', name), 'utf8')) as { HashKV: { hash: number } }[])[0]!.HashKV.hash;
  const tmp = tempDir('replay-db-');
  t.after(tmp.cleanup);
  for (const [i, opts] of [{ db: join(dir, 'snapshot-before-compaction.db') }, { fromEmpty: true }].entries()) {
    const r = await replayWal(join(dir, 'data'), opts);
    const changes: KeyChange[] = [];
    let term = 0n;
    for await (const e of r.entries()) {
      changes.push(...(e.result?.changes ?? []));
      term = e.term;
    }
    const out = join(tmp.dir, `replayed-${i}.db`);
    await writeReplayedDb({ replay: r, changes, lastTerm: term }, out);
    const ks = await openKeyspace(out);
    try {
      assert.equal((await hashKV(ks, 0)).hash, oracle('hashkv-current.json'));
      assert.equal((await hashKV(ks, 287)).hash, oracle('hashkv-rev-287.json'));
    } finally {
      await ks.close();
    }
  }
});

test('etcd-k8s: timeline names kinds and objects, diffs versions and marks deletes', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-k8s');
  if (!dir) return;
  const rows: TimelineRow[] = [];
  for await (const r of timeline(join(dir, 'data'), { fromEmpty: true, keyPrefix: '/registry/configmaps/kube-system/cluster-info' })) rows.push(r);
  assert.deepEqual(rows.map((r) => r.op), ['create', 'update', 'update', 'delete', 'create']);
  assert.deepEqual(rows[1]!.changes, ['data.dataKey: "dataVal00" → "dataVal01"']);
  const del = rows.find((r) => r.op === 'delete')!;
  assert.equal(del.kind, 'ConfigMap');
  assert.deepEqual(del.changes, ['deleted']);
  assert.equal(del.resourceVersion, String(del.revision));
  const deps: TimelineRow[] = [];
  for await (const r of timeline(join(dir, 'data'), { fromEmpty: true, kind: 'deployment' })) deps.push(r);
  const upd = deps.filter((r) => r.op === 'update');
  assert.ok(upd.length >= 2);
  assert.ok(upd[0]!.changes.includes('apiVersion: "apps/v1beta1" → "apps/v1beta2"'), upd[0]!.changes.join());
  assert.equal(upd[0]!.manager, 'managerValue');
});

test('etcd-small-corrupt: replay stops at the flipped byte, --salvage continues and names the lost entry', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small-corrupt');
  if (!dir) return;
  const damage = JSON.parse(readFileSync(join(dir, 'damage.json'), 'utf8')) as { record: { offset: number; index?: number } };
  const strict = await replayWal(join(dir, 'data'), { fromEmpty: true });
  const s1 = await strict.run();
  assert.equal(s1.appliedIndex, 168n);
  assert.deepEqual(s1.findings.map((f) => [f.code, f.offset]), [['bad-record', damage.record.offset]]);
  const salvaged = await replayWal(join(dir, 'data'), { fromEmpty: true, salvage: true });
  const s2 = await salvaged.run();
  assert.equal(s2.appliedIndex, 336n);
  assert.equal(s2.entriesApplied, 335);
  assert.deepEqual(s2.findings.map((f) => [f.code, f.index]), [['bad-record', undefined], ['wal-gap', 169n]]);
});

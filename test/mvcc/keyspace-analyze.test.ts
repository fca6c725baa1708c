// analyze against independent facts: the key bucket's entry count and the free pages that
// the bolt manifest (made by real bbolt) records, and the live keys etcdctl listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, runCli } from '../helpers.js';

interface BoltManifest {
  free_page_count: number;
  page_size: number;
  hwm_pgid: number;
  buckets: { path: string[]; key_count: number }[];
}

interface Report {
  revision: number;
  totals: { liveKeys: number; historyEntries: number; liveBytes: number; historyBytes: number; tombstones: number; deletedKeys: number };
  prefixes: { prefix: string; liveKeys: number; liveBytes: number; historyBytes: number }[];
  topKeys: { key: string; allVersionsBytes: number }[];
  pages: { freePages: number; pageSize: number; highWaterMark: number };
}

for (const fx of ['etcd-small', 'etcd-k8s']) {
  test(`${fx}: analyze counts every key-bucket entry, the live keys etcdctl lists and bbolt's free pages`, async (t) => {
    const dir = requireShared(t, `fixtures/${fx}`);
    if (!dir) return;
    const manifest = JSON.parse(readFileSync(join(dir, 'db-bolt-manifest.json'), 'utf8')) as BoltManifest;
    const keyBucket = manifest.buckets.find((b) => b.path.length === 1 && b.path[0] === 'key')!;
    const getAll = JSON.parse(readFileSync(join(dir, 'oracle', 'get-all.json'), 'utf8')) as { header: { revision: number }; kvs: { key: string }[] };
    const r = await runCli(['analyze', join(dir, 'data'), '-o', 'json', '--top', '5']);
    assert.equal(r.code, 0, r.stderr);
    const rep = JSON.parse(r.stdout.toString()) as Report;
    assert.equal(rep.revision, getAll.header.revision);
    assert.equal(rep.totals.liveKeys, getAll.kvs.length);
    assert.equal(rep.totals.liveKeys + rep.totals.historyEntries, keyBucket.key_count);
    assert.equal(rep.pages.freePages, manifest.free_page_count);
    assert.equal(rep.pages.pageSize, manifest.page_size);
    assert.equal(rep.pages.highWaterMark, manifest.hwm_pgid);
    // Prefix rows add up to the totals; live keys per prefix match etcdctl's listing.
    const sum = (f: (p: Report['prefixes'][number]) => number) => rep.prefixes.reduce((a, p) => a + f(p), 0);
    assert.equal(sum((p) => p.liveKeys), rep.totals.liveKeys);
    assert.equal(sum((p) => p.liveBytes), rep.totals.liveBytes);
    assert.equal(sum((p) => p.historyBytes), rep.totals.historyBytes);
    const keys = getAll.kvs.map((k) => Buffer.from(k.key, 'base64').toString('utf8'));
    const expectPrefix = fx === 'etcd-small' ? '/app/' : '/registry/pods/';
    const row = rep.prefixes.find((p) => p.prefix === expectPrefix)!;
    assert.equal(row.liveKeys, keys.filter((k) => k.startsWith(expectPrefix)).length);
    assert.equal(rep.topKeys.length, 5);
    for (let i = 1; i < rep.topKeys.length; i++) assert.ok(rep.topKeys[i - 1]!.allVersionsBytes >= rep.topKeys[i]!.allVersionsBytes);
  });
}

test('etcd-small: analyze on the pre-compaction snapshot sees the history compaction removed', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const pre = JSON.parse((await runCli(['analyze', join(dir, 'snapshot-before-compaction.db'), '-o', 'json'])).stdout.toString()) as Report;
  const post = JSON.parse((await runCli(['analyze', join(dir, 'snapshot.db'), '-o', 'json'])).stdout.toString()) as Report;
  // 287 revisions of writes: every stored entry is a live key or history.
  assert.ok(pre.totals.historyEntries > post.totals.historyEntries);
  assert.ok(pre.totals.tombstones >= 20, `tombstones ${pre.totals.tombstones}`);
  const text = await runCli(['analyze', join(dir, 'snapshot.db'), '--top', '3']);
  assert.match(text.stdout.toString(), /^revision 319, compact revision 271\n/);
  assert.match(text.stdout.toString(), /\nPREFIX +LIVE KEYS +LIVE BYTES +HISTORY BYTES/);
});

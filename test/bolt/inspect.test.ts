// Library-level inspection against the manifests: free pages (freelist or, for NoFreelistSync,
// reconstructed by walking), page type counts, check findings and per-bucket bbolt stats.
// etcd dbs are compared with db-bolt-manifest.json, which describes the file as it is on disk.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { bucketStats, checkBolt, freePageIds, listPages, openBolt, type BoltDatabase } from '../../src/bolt/index.js';
import { requireShared } from '../helpers.js';
import { BOLT_FIXTURES, fixtureDb, parseJsonExact, readManifest, summarize, type Manifest } from './fixtures.js';
import { readFileSync } from 'node:fs';

async function compareWithManifest(db: BoltDatabase, m: Manifest): Promise<void> {
  const free = await freePageIds(db);
  assert.equal(free.length, m.free_page_count, 'free page count');
  if (m.free_page_ids?.length) assert.deepEqual(free, m.free_page_ids, 'free page ids');
  const counts: Record<string, number> = {};
  for await (const p of listPages(db)) {
    counts[p.type] = (counts[p.type] ?? 0) + 1;
    if (p.overflow) counts[`${p.type}_overflow`] = (counts[`${p.type}_overflow`] ?? 0) + p.overflow;
  }
  assert.deepEqual(counts, m.page_type_counts, 'page type counts');
  const check = await checkBolt(db);
  assert.deepEqual(
    check.findings.map((f) => f.message),
    m.check_errors,
    'check findings',
  );
  for (const mb of m.buckets ?? []) {
    if (!mb.stats) continue;
    const b = await db.bucket(...mb.path_hex.map((h) => Buffer.from(h, 'hex')));
    assert.ok(b, `bucket ${mb.path_hex}`);
    assert.deepEqual(await bucketStats(b), mb.stats, `stats of ${mb.path_hex}`);
  }
}

for (const name of BOLT_FIXTURES) {
  test(`inspect ${name}: free pages, page types, check, stats equal manifest.json`, async (t) => {
    const dir = requireShared(t, `fixtures/${name}`);
    const path = await fixtureDb(t, name);
    if (!dir || !path) return;
    const db = await openBolt(path);
    try {
      await compareWithManifest(db, readManifest(dir));
    } finally {
      await db.close();
    }
  });
}

for (const name of ['etcd-small', 'etcd-k8s']) {
  test(`inspect ${name} data dir: db as on disk equals db-bolt-manifest.json`, async (t) => {
    const dir = requireShared(t, `fixtures/${name}`);
    if (!dir) return;
    const m = parseJsonExact(readFileSync(join(dir, 'db-bolt-manifest.json'), 'utf8')) as Manifest;
    // The data dir itself: openBolt resolves member/snap/db.
    const db = await openBolt(join(dir, 'data'));
    try {
      assert.ok(db.noFreelistSync, 'etcd writes NoFreelistSync dbs');
      assert.equal(db.hwm, m.hwm_pgid);
      const s = await summarize(db);
      assert.equal(s.treeSha256, m.tree_sha256);
      assert.equal(s.totalKeys, m.total_keys);
      await compareWithManifest(db, m);
    } finally {
      await db.close();
    }
  });

  test(`inspect ${name} snapshot.db: sha256 trailer tolerated, same tree as the data dir`, async (t) => {
    const dir = requireShared(t, `fixtures/${name}`);
    if (!dir) return;
    const m = parseJsonExact(readFileSync(join(dir, 'db-bolt-manifest.json'), 'utf8')) as Manifest;
    const db = await openBolt(join(dir, 'snapshot.db'));
    try {
      assert.ok(db.hasSnapshotTrailer);
      assert.equal((await checkBolt(db)).findings.length, 0);
      const s = await summarize(db);
      assert.equal(s.totalKeys, m.total_keys);
    } finally {
      await db.close();
    }
  });
}

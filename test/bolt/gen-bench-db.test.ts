// The benchmark generator writes a valid etcd-shaped bolt db: checkBolt finds nothing, the key
// bucket holds one entry per revision in order, and the layout is etcd's (NoFreelistSync).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkBolt, openBolt } from '../../src/bolt/index.js';
import { decodeKeyValue } from '../../src/mvcc/key-value.js';
import { generateBenchDb } from '../../scripts/gen-bench-db.js';
import { sha256File, tempDir } from '../helpers.js';

test('gen-bench-db: valid, deterministic, etcd-shaped', async () => {
  const tmp = tempDir('bolt-gen-');
  try {
    const a = generateBenchDb(join(tmp.dir, 'a.db'), 30_000);
    const b = generateBenchDb(join(tmp.dir, 'b.db'), 30_000);
    assert.equal(await sha256File(a.path), await sha256File(b.path), 'deterministic');
    const db = await openBolt(a.path);
    try {
      assert.equal(db.pageSize, 4096);
      assert.ok(db.noFreelistSync);
      const check = await checkBolt(db);
      assert.deepEqual(check.findings, []);
      const names = [];
      for await (const bk of db.root.buckets()) names.push(Buffer.from(bk.path[0]!).toString());
      assert.deepEqual(names, ['alarm', 'auth', 'authRoles', 'authUsers', 'cluster', 'key', 'lease', 'members', 'members_removed', 'meta']);
      const key = (await db.bucket('key'))!;
      let n = 0;
      let tombstones = 0;
      let prev = 0n;
      for await (const e of key.entries()) {
        assert.ok(e.key.length === 17 || e.key.length === 18);
        const main = Buffer.from(e.key).readBigUInt64BE(0);
        assert.ok(main > prev);
        prev = main;
        if (e.key.length === 18) tombstones++;
        else assert.equal(decodeKeyValue(e.value!).modRevision, main);
        n++;
      }
      assert.equal(n, 30_000);
      assert.ok(tombstones > 0);
      assert.equal(Buffer.from((await (await db.bucket('meta'))!.get(Buffer.from('consistent_index')))!).length, 8);
    } finally {
      await db.close();
    }
  } finally {
    tmp.cleanup();
  }
});

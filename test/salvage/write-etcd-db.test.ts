// writeEtcdDb against a real etcd 3.4: etcd-small's db (written by etcd 3.4.23) copied
// revision by revision into a new db by our writer; `etcdctl snapshot restore` takes it
// (with our SHA-256 trailer, no --skip-hash-check), etcd serves it, and what it serves
// equals what etcdctl recorded from the original server (oracle/get-all.json), and its
// hashkv equals the recorded one and ours on the written file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { checkBolt, openBolt } from '../../src/bolt/index.js';
import { hashKV, openKeyspace } from '../../src/mvcc/keyspace/index.js';
import { writeEtcdDb, type RawRevisionEntry, type RawEntry } from '../../src/mvcc/write/index.js';
import { requireBinary, requireShared, tempDir } from '../helpers.js';
import { serveWithEtcd, type EtcdGetJson } from './etcd-oracle.js';
import { kvsOf } from './helpers.js';



test('writeEtcdDb: etcd-small rewritten, restored and served by etcd 3.4', { timeout: 120_000 }, async (t) => {
  const fx = requireShared(t, 'fixtures/etcd-small');
  if (!fx || !requireBinary(t, 'etcd') || !requireBinary(t, 'etcdctl')) return;
  const tmp = tempDir('write-etcd-');
  try {
    const src = await openBolt(join(fx, 'data/member/snap/db'));
    const out = join(tmp.dir, 'rebuilt.db');
    try {
      const key = (await src.bucket('key'))!;
      async function* revisions(): AsyncGenerator<RawRevisionEntry> {
        for await (const e of key.entries()) yield { bucketKey: e.key, raw: e.value! };
      }
      const buckets: Record<string, RawEntry[]> = {};
      for await (const b of src.root.buckets()) {
        const name = Buffer.from(b.path[0]!).toString();
        if (name === 'key') continue;
        buckets[name] = [];
        for await (const e of b.entries()) buckets[name]!.push({ key: e.key, value: e.value! });
      }
      const r = await writeEtcdDb({ revisions: revisions(), buckets }, out, { snapshotHash: true });
      assert.equal(r.currentRevision, 319n);
      assert.equal(r.size % 512, 32, 'snapshot trailer');
    } finally {
      await src.close();
    }
    const db = await openBolt(out);
    try {
      assert.deepEqual((await checkBolt(db)).findings, []);
    } finally {
      await db.close();
    }
    const ks = await openKeyspace(out);
    const ours = await hashKV(ks).finally(() => ks.close());
    const recorded = JSON.parse(readFileSync(join(fx, 'oracle/hashkv-current.json'), 'utf8'))[0].HashKV.hash as number;
    assert.equal(ours.hash, recorded);
    const served = await serveWithEtcd(out, { revisions: [271, 272, 287] });
    assert.equal(served.hashkv, recorded, 'etcd hashkv of the rebuilt db');
    assert.equal(served.hashkvAt.get(271), 'compacted', 'the compaction state came through meta');
    for (const rev of [272, 287]) {
      const rec: number = (JSON.parse(readFileSync(join(fx, `oracle/hashkv-rev-${rev}.json`), 'utf8')) as { HashKV: { hash: number } }[])[0]!.HashKV.hash;
      assert.equal(served.hashkvAt.get(rev), rec, `hashkv --rev ${rev}`);
    }
    const want = JSON.parse(readFileSync(join(fx, 'oracle/get-all.json'), 'utf8')) as EtcdGetJson;
    assert.equal(served.getAll.header.revision, 319);
    assert.deepEqual(kvsOf(served.getAll), kvsOf(want));
  } finally {
    tmp.cleanup();
  }
});

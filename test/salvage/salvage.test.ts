// salvage on undamaged dbs written by real etcd 3.4: the recovered keyspace equals what
// etcdctl recorded from the running server (oracle/get-all*.json) at every recorded revision
// the file still holds, and what our extract lists; every key-bucket entry is recovered.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openKeyspace, listKeys, loadKeyValue, keyBytes } from '../../src/mvcc/keyspace/index.js';
import { salvageDb } from '../../src/salvage/index.js';
import { REPO_ROOT, requireShared } from '../helpers.js';
import type { EtcdGetJson } from './etcd-oracle.js';
import { kvsOf, salvagedKvs, type KvJson } from './helpers.js';

/** The recorded get-all files of a fixture: revision → kvs (get-all.json at its header revision). */
function oracleRevisions(dir: string): Map<number, KvJson[]> {
  const out = new Map<number, KvJson[]>();
  for (const f of readdirSync(join(dir, 'oracle'))) {
    const m = /^get-all(?:-rev-(\d+))?\.json$/.exec(f);
    if (!m) continue;
    const g = JSON.parse(readFileSync(join(dir, 'oracle', f), 'utf8')) as EtcdGetJson;
    out.set(m[1] ? Number(m[1]) : g.header.revision, kvsOf(g));
  }
  return out;
}

async function extractKvs(path: string, rev: number): Promise<KvJson[]> {
  const ks = await openKeyspace(path);
  try {
    const l = await listKeys(ks, { revision: rev });
    const out: KvJson[] = [];
    for (const st of l.keys) {
      const kv = await loadKeyValue(ks, st);
      out.push({ key: Buffer.from(keyBytes(st.keyString)).toString('base64'), create_revision: st.createRevision, mod_revision: st.modRevision, version: st.version, value: Buffer.from(kv.value).toString('base64'), lease: Number(kv.lease) });
    }
    return out;
  } finally {
    await ks.close();
  }
}

const CASES: { fixture: string; files: string[]; allRevisions?: string }[] = [
  { fixture: 'shared:etcd-small', files: ['data', 'snapshot.db', 'snapshot-before-compaction.db'], allRevisions: 'snapshot-before-compaction.db' },
  { fixture: 'shared:etcd-k8s', files: ['data', 'snapshot.db'] },
  { fixture: 'repo:demo', files: ['data', 'snapshot.db'] },
];

for (const c of CASES) {
  for (const file of c.files) {
    test(`salvage ${c.fixture} ${file}: the keyspace etcdctl recorded, at every revision the file holds`, { timeout: 60_000 }, async (t) => {
      const [where, name] = c.fixture.split(':') as [string, string];
      const dir = where === 'shared' ? requireShared(t, `fixtures/${name}`) : join(REPO_ROOT, 'fixtures', name);
      if (!dir) return;
      const path = join(dir, file);
      assert.ok(existsSync(path), path);
      const s = await salvageDb(path);
      try {
        const r = s.report;
        assert.equal(r.lost, false, JSON.stringify(r.liveTree));
        assert.equal(r.pagesDamaged, 0);
        assert.equal(r.liveTree.complete, true);
        // every key-bucket entry, byte for byte
        const ks = await openKeyspace(path);
        const want: string[] = [];
        for await (const e of ks.keyBucket.entries()) want.push(Buffer.from(e.key).toString('hex') + ':' + Buffer.from(e.value!).toString('hex'));
        const compact = ks.compaction.effective;
        await ks.close();
        const got: string[] = [];
        for await (const e of s.revisions()) got.push(Buffer.from(e.bucketKey).toString('hex') + ':' + Buffer.from(e.raw).toString('hex'));
        assert.deepEqual(got, want);
        let compared = 0;
        for (const [rev, kvs] of oracleRevisions(dir)) {
          if (rev < Number(compact) && file !== c.allRevisions) continue;
          if (rev > r.currentRevision) continue;
          assert.deepEqual(await salvagedKvs(s, rev), kvs, `revision ${rev} vs etcdctl`);
          if (rev >= Number(compact)) assert.deepEqual(await salvagedKvs(s, rev), await extractKvs(path, rev), `revision ${rev} vs extract`);
          compared++;
        }
        assert.ok(compared >= 1, 'at least one recorded revision compared');
        t.diagnostic(`${compared} recorded revisions equal; ${r.revisionsRecovered} revisions, ${r.keysRecovered} keys, ${r.liveKeys} live`);
      } finally {
        await s.close();
      }
    });
  }
}

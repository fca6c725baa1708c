// salvage --to-db through a real etcd 3.4: a copy of etcd-k8s's db (written by etcd 3.4.23)
// with both metas zeroed and 10 % of its pages overwritten is salvaged by the CLI; the rebuilt
// db passes our bolt check (and bbolt's own when the oracle is built), `etcdctl snapshot
// restore` takes it (our SHA-256 trailer, no --skip-hash-check), etcd starts on it, and what
// etcd serves equals the recovered keyspace; etcd's hashkv equals ours on the rebuilt file.
import assert from 'node:assert/strict';
import { copyFileSync, closeSync, openSync, writeSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkBolt, openBolt } from '../../src/bolt/index.js';
import { hashKV, openKeyspace } from '../../src/mvcc/keyspace/index.js';
import { salvageDb, type SalvageReport } from '../../src/salvage/index.js';
import { requireBinary, requireShared, runCli, runCommand, tempDir, xorshift32 } from '../helpers.js';
import { bboltOracle } from '../bolt/bbolt-oracle.js';
import { serveWithEtcd } from './etcd-oracle.js';
import { kvsOf, salvagedKvs } from './helpers.js';

test('salvage --to-db: a damaged etcd-k8s db rebuilt, restored and served by etcd 3.4', { timeout: 120_000 }, async (t) => {
  const fx = requireShared(t, 'fixtures/etcd-k8s');
  if (!fx || !requireBinary(t, 'etcd') || !requireBinary(t, 'etcdctl')) return;
  const tmp = tempDir('salvage-todb-');
  try {
    const broken = join(tmp.dir, 'broken.db');
    copyFileSync(join(fx, 'data/member/snap/db'), broken);
    const fd = openSync(broken, 'r+');
    const rnd = xorshift32(7);
    const page = Buffer.alloc(4096);
    writeSync(fd, Buffer.alloc(8192), 0, 8192, 0);
    for (let i = 0; i < 17; i++) {
      for (let j = 0; j < 4096; j += 4) page.writeUInt32LE(rnd(), j);
      writeSync(fd, page, 0, 4096, (2 + (rnd() % 166)) * 4096);
    }
    closeSync(fd);
    const before = readFileSync(broken);
    const out = join(tmp.dir, 'rebuilt.db');
    const exportDir = join(tmp.dir, 'export');
    const r = await runCli(['salvage', broken, '--to-db', out, '--snapshot-hash', '--export-dir', exportDir, '-o', 'json', '--fields', 'key,mod-revision']);
    assert.equal(r.code, 1, 'something was lost: exit 1');
    assert.ok(readFileSync(broken).equals(before), 'the input is not written');
    const doc = JSON.parse(r.stdout.toString()) as { report: SalvageReport; keys: { key: string; 'mod-revision': number }[] };
    assert.equal(doc.report.pageSizeFrom, 'content');
    assert.ok(doc.keys.length > 100, `${doc.keys.length} keys`);
    // refuses to overwrite the rebuilt db (or any file)
    const again = await runCli(['salvage', broken, '--to-db', out, '--no-list']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);

    const db = await openBolt(out);
    try {
      assert.deepEqual((await checkBolt(db)).findings, []);
    } finally {
      await db.close();
    }
    const bbolt = bboltOracle();
    if (bbolt) {
      // the 32-byte trailer lies past meta.pgid: bbolt ignores it
      const c = await runCommand(bbolt, ['check', out]);
      assert.equal(c.code, 0, c.stderr);
    }
    const s = await salvageDb(broken);
    const recovered = await salvagedKvs(s, 0, true).finally(() => s.close());
    assert.deepEqual(doc.keys.map((k) => k.key), recovered.map((k) => Buffer.from(k.key, 'base64').toString('utf8')));
    const ks = await openKeyspace(out);
    const ours = await hashKV(ks).finally(() => ks.close());
    const served = await serveWithEtcd(out);
    assert.deepEqual(kvsOf(served.getAll), recovered, 'etcd serves the recovered keyspace');
    assert.equal(served.hashkv, ours.hash, 'etcd hashkv equals ours on the rebuilt db');
    // every exported file is under the export dir, one per live key
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : files.push(join(d, e.name));
    };
    walk(exportDir);
    assert.equal(files.length, recovered.length);
    assert.ok(existsSync(join(exportDir, 'registry')));
  } finally {
    tmp.cleanup();
  }
});

// The bolt writer against real bbolt files: each fixture (written by bbolt 1.3.6) is read
// with our reader and written again by writeBoltDb; the copy must hold the same tree as the
// real file (tree_sha256 recorded by the fixture generator from bbolt's own cursor), inline
// exactly the buckets bbolt inlined, and pass our check. bbolt's own `check` runs on the copy
// when the oracle binary is built (.oracles/bin/bbolt-*), else the test says so loudly.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkBolt, openBolt, type BoltBucket } from '../../src/bolt/index.js';
import { writeBoltDb, type BucketSpec, type LeafEntry } from '../../src/bolt/write/index.js';
import { requireShared, runCommand, tempDir } from '../helpers.js';
import { fixtureDb, readManifest, summarize } from './fixtures.js';
import { bboltOracle } from './bbolt-oracle.js';

async function specOf(b: BoltBucket, name: Uint8Array): Promise<BucketSpec> {
  const buckets: BucketSpec[] = [];
  for await (const child of b.buckets()) buckets.push(await specOf(child, child.path[child.path.length - 1]!));
  async function* entries(): AsyncGenerator<LeafEntry> {
    for await (const e of b.entries()) if (!e.isBucket) yield { key: e.key, value: e.value! };
  }
  return { name, entries: entries(), buckets, sequence: b.sequence };
}

for (const name of ['bolt-basic-4k', 'bolt-basic-16k', 'bolt-very-deep-4k', 'bolt-many-keys-4k', 'bolt-empty-4k']) {
  test(`bolt writer: ${name} written again holds bbolt's tree`, { timeout: 120_000 }, async (t) => {
    const dir = requireShared(t, `fixtures/${name}`);
    const src = dir && (await fixtureDb(t, name));
    if (!dir || !src) return;
    const manifest = readManifest(dir);
    const tmp = tempDir('bolt-write-');
    try {
      const db = await openBolt(src);
      const out = join(tmp.dir, 'copy.db');
      try {
        const top: BucketSpec[] = [];
        for await (const b of db.root.buckets()) top.push(await specOf(b, b.path[0]!));
        await writeBoltDb(out, top, { pageSize: db.pageSize });
      } finally {
        await db.close();
      }
      const copy = await openBolt(out);
      try {
        assert.equal(copy.pageSize, manifest.page_size);
        assert.deepEqual((await checkBolt(copy)).findings, []);
        const s = await summarize(copy, 0);
        assert.equal(s.treeSha256, manifest.tree_sha256, 'same tree as the real bbolt file');
        assert.equal(s.totalKeys, manifest.total_keys);
        // the manifest records the top-level buckets: each must be inline exactly when bbolt's was
        const inline = new Map((manifest.buckets ?? []).map((b) => [b.path_hex.join('/'), b.inline]));
        for (const b of s.buckets) if (inline.has(b.pathHex.join('/'))) assert.equal(b.inline, inline.get(b.pathHex.join('/')), `inline ${b.pathHex.join('/')}`);
        assert.equal(s.buckets.filter((b) => inline.has(b.pathHex.join('/'))).length, inline.size);
      } finally {
        await copy.close();
      }
      const bbolt = bboltOracle();
      if (bbolt) {
        const r = await runCommand(bbolt, ['check', out]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout.toString(), /^OK\s*$/m);
      }
      // refuses to overwrite
      await assert.rejects(writeBoltDb(out, []), /already exists/);
    } finally {
      tmp.cleanup();
    }
  });
}

test('bolt writer: rejects unsorted keys and oversized keys, leaves no valid file', async () => {
  const tmp = tempDir('bolt-write-');
  try {
    const k = (s: string) => Buffer.from(s);
    await assert.rejects(writeBoltDb(join(tmp.dir, 'a.db'), [{ name: 'b', entries: [{ key: k('b'), value: k('') }, { key: k('a'), value: k('') }] }]), /strictly ascending/);
    await assert.rejects(writeBoltDb(join(tmp.dir, 'b.db'), [{ name: 'b', entries: [{ key: new Uint8Array(32769), value: k('') }] }]), /exceeds 32768/);
    writeFileSync(join(tmp.dir, 'evidence.db'), 'x');
    await assert.rejects(writeBoltDb(join(tmp.dir, 'evidence.db'), []), /already exists/);
  } finally {
    tmp.cleanup();
  }
});

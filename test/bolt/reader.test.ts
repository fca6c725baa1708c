// openBolt against every bolt fixture: metas, bucket tree, key counts, sequences and the
// manifest hashes (computed by real bbolt 1.3.6 tooling), plus listing.jsonl entry by entry.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openBolt } from '../../src/bolt/index.js';
import { requireShared } from '../helpers.js';
import { BOLT_FIXTURES, fixtureDb, parseJsonExact, readManifest, summarize } from './fixtures.js';

for (const name of BOLT_FIXTURES) {
  test(`openBolt ${name}: tree, counts, sequences and hashes equal manifest.json`, async (t) => {
    const dir = requireShared(t, `fixtures/${name}`);
    const path = await fixtureDb(t, name);
    if (!dir || !path) return;
    const m = readManifest(dir);
    const db = await openBolt(path);
    try {
      assert.equal(db.pageSize, m.page_size);
      assert.equal(db.hwm, m.hwm_pgid);
      const active = m.metas[m.active_meta]!;
      assert.equal(db.meta.txid, BigInt(active.txid));
      assert.equal(db.meta.root.root, BigInt(active.root_pgid));
      assert.equal('0x' + db.meta.checksum.toString(16).padStart(16, '0'), active.checksum);
      const s = await summarize(db);
      assert.equal(s.totalKeys, m.total_keys);
      assert.equal(s.buckets.length, m.total_buckets);
      assert.equal(s.treeSha256, m.tree_sha256);
      const byPath = new Map(s.buckets.map((b) => [b.pathHex.join('/'), b]));
      for (const mb of m.buckets ?? []) {
        const b = byPath.get(mb.path_hex.join('/'));
        assert.ok(b, `bucket ${mb.path_hex.join('/')} found`);
        assert.equal(b.sequence, BigInt(mb.sequence), `sequence of ${mb.path_hex}`);
        assert.equal(b.inline, mb.inline);
        assert.equal(b.root, BigInt(mb.root_pgid));
        assert.equal(b.keyCount, mb.key_count);
        assert.equal(b.bucketCount, mb.bucket_count);
        assert.equal(b.entriesSha256, mb.entries_sha256, `entries_sha256 of ${mb.path_hex}`);
      }
      const listing = readFileSync(join(dir, 'listing.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => parseJsonExact(l) as Record<string, unknown>);
      assert.ok(listing.length > 0 || m.total_keys === 0);
      for (let i = 0; i < Math.min(listing.length, s.listing.length); i++) {
        const want = listing[i]!;
        const got = s.listing[i]!;
        assert.deepEqual(got.path_hex, want.path_hex, `listing ${i} path`);
        assert.equal(got.key_hex, want.key_hex, `listing ${i} key`);
        assert.equal(got.type, want.type, `listing ${i} type`);
        if (want.type === 'value' && typeof want.value_hex === 'string') assert.equal(got.value_hex, want.value_hex, `listing ${i} value`);
        if (want.type === 'bucket') assert.equal(got.sequence, String(want.sequence), `listing ${i} sequence`);
      }
    } finally {
      await db.close();
    }
  });
}

// Cursor semantics (reverse, prefix, from, get) against key lists written by the real tools:
// bbolt-keys-many.out.gz (200k keys, 3-level tree) and listing.jsonl of bolt-basic-4k (binary
// keys, 32 KiB keys on overflow branch/leaf pages).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { openBolt, type BoltBucket } from '../../src/bolt/index.js';
import { requireShared } from '../helpers.js';
import { parseJsonExact } from './fixtures.js';

async function keysOf(b: BoltBucket, opts: Parameters<BoltBucket['entries']>[0] = {}, limit = Infinity): Promise<string[]> {
  const out: string[] = [];
  for await (const e of b.entries(opts)) {
    out.push(Buffer.from(e.key).toString('hex'));
    if (out.length >= limit) break;
  }
  return out;
}

const hex = (s: string) => Buffer.from(s).toString('hex');
const bytes = (s: string) => Buffer.from(s);

test('cursor on 200k keys: reverse, prefix, from, get equal bbolt keys output', async (t) => {
  const dir = requireShared(t, 'fixtures/bolt-many-keys-4k');
  if (!dir) return;
  const want = gunzipSync(readFileSync(join(dir, 'ref', 'bbolt-keys-many.out.gz'))).toString('latin1').split('\n').filter(Boolean).map(hex);
  assert.equal(want.length, 200000);
  const db = await openBolt(join(dir, 'db'));
  try {
    const b = (await db.bucket('many'))!;
    assert.deepEqual(await keysOf(b), want);
    assert.deepEqual(await keysOf(b, { reverse: true }), [...want].reverse());
    const p = hex('k1234');
    assert.deepEqual(await keysOf(b, { prefix: bytes('k1234') }), want.filter((k) => k.startsWith(p)));
    assert.deepEqual(await keysOf(b, { prefix: bytes('k1234'), reverse: true }), want.filter((k) => k.startsWith(p)).reverse());
    const from = hex('k150000');
    const fromX = hex('k150000x');
    assert.deepEqual(await keysOf(b, { from: bytes('k150000') }, 5), want.filter((k) => k >= from).slice(0, 5));
    assert.deepEqual(await keysOf(b, { from: bytes('k150000x') }, 5), want.filter((k) => k >= fromX).slice(0, 5));
    assert.deepEqual(await keysOf(b, { from: bytes('k150000x'), reverse: true }, 5), want.filter((k) => k <= fromX).reverse().slice(0, 5));
    assert.deepEqual(await keysOf(b, { from: bytes('k150000'), reverse: true }, 5), want.filter((k) => k <= from).reverse().slice(0, 5));
    assert.deepEqual(await keysOf(b, { from: bytes('k0'), prefix: bytes('k1999') }), want.filter((k) => k.startsWith(hex('k1999'))));
    assert.deepEqual(await keysOf(b, { from: bytes('zzz'), reverse: true, prefix: bytes('k19999') }), want.filter((k) => k.startsWith(hex('k19999'))).reverse());
    assert.deepEqual(await keysOf(b, { from: bytes('zzz') }), []);
    assert.deepEqual(await keysOf(b, { from: bytes('a'), reverse: true }), []);
    assert.deepEqual(await keysOf(b, { prefix: Uint8Array.of(0xff), reverse: true }), []);
    assert.ok((await b.get(bytes('k123456'))) !== undefined);
    assert.equal(await b.get(bytes('k1234567')), undefined);
    assert.equal(await b.get(bytes('')), undefined);
    const cur = b.cursor();
    assert.equal(Buffer.from((await cur.last())!.key).toString(), 'k199999');
    assert.equal(Buffer.from((await cur.prev())!.key).toString(), 'k199998');
    assert.equal(Buffer.from((await cur.next())!.key).toString(), 'k199999');
    assert.equal(await cur.next(), undefined);
  } finally {
    await db.close();
  }
});

test('cursor on binary and 32 KiB keys (edge bucket): reverse and every-key prefix/from match listing.jsonl', async (t) => {
  const dir = requireShared(t, 'fixtures/bolt-basic-4k');
  if (!dir) return;
  const listing = readFileSync(join(dir, 'listing.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => parseJsonExact(l) as { path_hex: string[]; key_hex: string });
  const want = listing.filter((e) => e.path_hex.length === 1 && e.path_hex[0] === hex('edge')).map((e) => e.key_hex);
  assert.ok(want.length > 10);
  const db = await openBolt(join(dir, 'db'));
  try {
    const b = (await db.bucket('edge'))!;
    assert.deepEqual(await keysOf(b), want);
    assert.deepEqual(await keysOf(b, { reverse: true }), [...want].reverse());
    for (const k of want) {
      const kb = Buffer.from(k, 'hex');
      assert.deepEqual(await keysOf(b, { from: kb }), want.filter((x) => Buffer.compare(Buffer.from(x, 'hex'), kb) >= 0), `from ${k.slice(0, 16)}`);
      assert.deepEqual(await keysOf(b, { from: kb, reverse: true }), want.filter((x) => Buffer.compare(Buffer.from(x, 'hex'), kb) <= 0).reverse());
      assert.deepEqual(await keysOf(b, { prefix: kb }), want.filter((x) => x.startsWith(k)));
      assert.deepEqual(await keysOf(b, { prefix: kb, reverse: true }), want.filter((x) => x.startsWith(k)).reverse());
      assert.notEqual(await b.get(kb), undefined);
    }
  } finally {
    await db.close();
  }
});

// Commands without a recorded bbolt output (get, page-item, dump, page --all, -o json):
// values are compared with listing.jsonl (written by the real bbolt library), and every
// command is shown to leave its input byte-identical.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, requireShared, sha256File } from '../helpers.js';
import { parseJsonExact, runBatch } from './fixtures.js';

interface ListingEntry {
  path_hex: string[];
  key_hex: string;
  type: string;
  value_hex?: string;
  value_len?: number;
  value_sha256?: string;
  sequence?: string;
}

function listing(dir: string): ListingEntry[] {
  return readFileSync(join(dir, 'listing.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => parseJsonExact(l) as ListingEntry);
}

test('bolt get: every value of bolt-basic-4k (nested paths, binary keys, overflow values) equals listing.jsonl', async (t) => {
  const dir = requireShared(t, 'fixtures/bolt-basic-4k');
  if (!dir) return;
  const db = join(dir, 'db');
  const before = await sha256File(db);
  const values = listing(dir).filter((e) => e.type === 'value');
  // Every 10th value (all buckets, nested paths) and all large ones, through one batch process.
  const sample = values.filter((e, i) => i % 10 === 0 || e.value_sha256);
  assert.ok(sample.length > 15);
  const results = await runBatch(sample.map((e) => ['bolt', 'get', '--parse-format', 'hex', db, ...e.path_hex.map((h) => Buffer.from(h, 'hex').toString('utf8')), e.key_hex]));
  sample.forEach((e, k) => {
    const names = e.path_hex.map((h) => Buffer.from(h, 'hex').toString('utf8'));
    const r = results[k]!;
    assert.equal(r.code, 0, r.stderr);
    const got = r.stdout.subarray(0, r.stdout.length - 1); // bbolt prints value + "\n"
    assert.equal(got.length, e.value_len);
    if (e.value_hex !== undefined) assert.equal(got.toString('hex'), e.value_hex, `${names.join('/')} ${e.key_hex}`);
    else assert.equal(createHash('sha256').update(got).digest('hex'), e.value_sha256);
  });
  const missing = await runCli(['bolt', 'get', db, 'simple', 'no-such-key']);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /key not found/);
  assert.equal(await sha256File(db), before);
});

test('bolt -o json keeps 64-bit sequences exact; page-item and dump read the right bytes', async (t) => {
  const dir = requireShared(t, 'fixtures/bolt-basic-4k');
  if (!dir) return;
  const db = join(dir, 'db');
  const before = await sha256File(db);
  // only-buckets/z-seq-only has sequence 2^64-1 (listing.jsonl line 1946).
  const b = await runCli(['bolt', 'buckets', db, '-o', 'json']);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout.toString(), /"key_text": "simple",[^}]*"sequence": 1099511627781/);
  const page = await runCli(['bolt', 'page', db, '41', '-o', 'json']);
  const root = parseJsonExact(page.stdout.toString()) as { leaf: { key_text: string; bucket?: { root: string | number } }[] }[];
  const onlyBuckets = root[0]!.leaf.find((l) => l.key_text === 'only-buckets')!;
  const inner = await runCli(['bolt', 'page', db, String(onlyBuckets.bucket!.root), '-o', 'json']);
  assert.match(inner.stdout.toString(), /"sequence": 18446744073709551615\b/);
  const text = await runCli(['bolt', 'page', db, String(onlyBuckets.bucket!.root)]);
  assert.match(text.stdout.toString(), /"z-seq-only": <pgid=0,seq=18446744073709551615>/);
  // page-item: element 0 of root page 41 is "edge" (bbolt page output for page 41).
  const item = await runCli(['bolt', 'page-item', '--key-only', db, '41', '0']);
  assert.equal(item.stdout.toString(), 'edge\n');
  const bad = await runCli(['bolt', 'page-item', db, '0', '0']);
  assert.equal(bad.code, 3);
  assert.match(bad.stderr, /expected item index less than 0|expected page type of 'leaf'/);
  // dump of page 0 starts with the meta page header: id 0, flags 0x0004.
  const dump = await runCli(['bolt', 'dump', db, '0']);
  assert.equal(dump.code, 0, dump.stderr);
  assert.match(dump.stdout.toString(), /^0000000 0000 0000 0000 0000 0400 0000 0000 0000\n0000010 edda 0ced 0200 0000 0010 0000/);
  const all = await runCli(['bolt', 'page', '--all', db]);
  assert.equal(all.code, 0, all.stderr);
  assert.equal((all.stdout.toString().match(/^Page ID: /gm) ?? []).length, 1787 - 852 - 806 - 8 - 1);
  assert.equal(await sha256File(db), before);
});

test('every bolt command with -o json on an etcd data dir and a snapshot file: valid JSON, input unchanged', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  for (const input of [join(dir, 'data'), join(dir, 'snapshot.db')]) {
    const file = input.endsWith('.db') ? input : join(input, 'member', 'snap', 'db');
    const before = await sha256File(file);
    const runs: string[][] = [
      ['info', input],
      ['stats', input],
      ['stats', input, 'a'],
      ['pages', input],
      ['page', input, '0', '1', '4'],
      ['page-item', input, '4', '0'],
      ['buckets', input],
      ['keys', input, 'meta'],
      ['get', input, 'meta', 'consistent_index'],
      ['check', input],
      ['dump', input, '2'],
    ];
    const results = await runBatch(runs.map((args) => ['bolt', ...args, '-o', 'json']));
    for (const [k, args] of runs.entries()) {
      const r = results[k]!;
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      const text = r.stdout.toString();
      const docs = args[0] === 'keys' ? text.split('\n').filter(Boolean) : [text];
      for (const d of docs) assert.doesNotThrow(() => JSON.parse(d), `${args.join(' ')} gives JSON`);
    }
    assert.equal(await sha256File(file), before, `${file} unchanged`);
  }
});

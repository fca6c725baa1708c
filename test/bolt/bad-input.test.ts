// Bad input: corrupt copies of bolt-many-deletes-4k (made in a temp dir) and other broken
// paths. Each must give one stderr line naming the file and the page/offset, the right exit
// code, no stack trace, no hang; `check` must report and carry on.
//
// Layout of bolt-many-deletes-4k used below (see its manifest.json / ref page output):
// page size 4096, hwm 1815, active meta 0, freelist page 22, bucket "data" rooted at
// branch page 211 whose first element points to leaf page 2.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, openSync, writeSync, closeSync, truncateSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { test, after } from 'node:test';
import { runCli, requireShared, tempDir, type CliResult } from '../helpers.js';
import { readManifest } from './fixtures.js';
import { fnv64a } from '../../src/io/fnv64a.js';
import { readFileSync } from 'node:fs';

const PS = 4096;
const tmp = tempDir('bolt-bad-');
after(() => tmp.cleanup());
let n = 0;

function corruptCopy(src: string, patches: [offset: number, bytes: number[]][], truncateTo?: number): string {
  const p = join(tmp.dir, `case-${n++}.db`);
  copyFileSync(src, p);
  chmodSync(p, 0o644);
  const fd = openSync(p, 'r+');
  for (const [off, bytes] of patches) writeSync(fd, Buffer.from(bytes), 0, bytes.length, off);
  closeSync(fd);
  if (truncateTo !== undefined) truncateSync(p, truncateTo);
  chmodSync(p, 0o444);
  return p;
}

function u64le(v: number): number[] {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(v));
  return [...b];
}
function u32le(v: number): number[] {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return [...b];
}

function assertOneLineError(r: CliResult, code: number, ...mustContain: string[]): void {
  assert.equal(r.code, code, `exit code (stderr: ${r.stderr})`);
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one stderr line, got: ${r.stderr}`);
  assert.match(lines[0]!, /^etcd-forensics: /);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  for (const s of mustContain) assert.ok(lines[0]!.includes(s), `stderr ${JSON.stringify(lines[0])} mentions ${JSON.stringify(s)}`);
}

function fixture(t: Parameters<typeof requireShared>[0]): string | undefined {
  const dir = requireShared(t, 'fixtures/bolt-many-deletes-4k');
  return dir && join(dir, 'db');
}

test('nonexistent path: exit 3', async () => {
  const p = join(tmp.dir, 'no-such-file.db');
  assertOneLineError(await runCli(['bolt', 'info', p]), 3, p, 'no such file');
});

test('directory without member/snap/db: exit 3', async () => {
  const d = join(tmp.dir, 'empty-dir');
  mkdirSync(d);
  assertOneLineError(await runCli(['bolt', 'keys', d, 'key']), 3, d, 'member/snap/db');
});

test('empty file: exit 1', async () => {
  const p = join(tmp.dir, 'empty.db');
  writeFileSync(p, '');
  assertOneLineError(await runCli(['bolt', 'check', p]), 1, p, 'empty');
});

test('wrong magic in both metas: exit 1, names both meta pages', async (t) => {
  const src = fixture(t);
  if (!src) return;
  const p = corruptCopy(src, [
    [16, [0, 0, 0, 0]],
    [PS + 16, [0, 0, 0, 0]],
  ]);
  for (const cmd of ['info', 'check', 'pages']) assertOneLineError(await runCli(['bolt', cmd, p]), 1, p, 'meta', 'magic');
});

test('both metas fail their checksum: exit 1', async (t) => {
  const src = fixture(t);
  if (!src) return;
  // txid byte flipped in both: magic and version intact, FNV checksum no longer matches.
  const p = corruptCopy(src, [
    [16 + 48, [0x55]],
    [PS + 16 + 48, [0x55]],
  ]);
  assertOneLineError(await runCli(['bolt', 'keys', p, 'data']), 1, p, 'checksum');
});

test('meta 0 damaged: page size probed from meta 1, db still readable', async (t) => {
  const src = fixture(t);
  if (!src) return;
  const p = corruptCopy(src, [[16, [0, 0, 0, 0]]]);
  const r = await runCli(['bolt', 'info', p]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.toString(), 'Page Size: 4096\n');
  // meta 1 holds the previous transaction (txid 113, before bucket "after" was created).
  const info = JSON.parse((await runCli(['bolt', 'info', p, '-o', 'json'])).stdout.toString()) as { activeMeta: number; metas: { txid: number; valid: boolean }[] };
  assert.equal(info.activeMeta, 1);
  assert.equal(info.metas[0]!.valid, false);
  assert.equal(info.metas[1]!.txid, 113);
  const keys = await runCli(['bolt', 'keys', p, 'data']);
  assert.equal(keys.code, 0, keys.stderr);
});

test('page id beyond the file: keys exit 1 naming the page; check reports out of bounds', async (t) => {
  const src = fixture(t);
  if (!src) return;
  const p = corruptCopy(src, [[211 * PS + 16 + 8, u64le(999999)]]);
  assertOneLineError(await runCli(['bolt', 'keys', p, 'data']), 1, p, `@${211 * PS + 16 + 8}`, '(page 211)', 'page 999999', 'out of bounds');
  const c = await runCli(['bolt', 'check', p]);
  assert.equal(c.code, 1);
  const out = c.stdout.toString().split('\n');
  assert.ok(out.includes('page 999999: out of bounds: 1815'), c.stdout.toString());
  assert.ok(out.includes('page 2: unreachable unfreed'));
  assert.match(out.at(-2)!, /^\d+ errors found$/);
});

test('cycle in the tree: keys exit 1 (no hang); check reports multiple references and ends', async (t) => {
  const src = fixture(t);
  if (!src) return;
  const p = corruptCopy(src, [[211 * PS + 16 + 8, u64le(211)]]);
  assertOneLineError(await runCli(['bolt', 'keys', p, 'data']), 1, p, 'page 211');
  const c = await runCli(['bolt', 'check', p]);
  assert.equal(c.code, 1);
  const out = c.stdout.toString().split('\n');
  assert.ok(out.includes('page 211: multiple references'), c.stdout.toString());
  assert.ok(out.includes('page 2: unreachable unfreed'));
});

test('key length beyond its page: exit 1 naming page and offset', async (t) => {
  const src = fixture(t);
  if (!src) return;
  const p = corruptCopy(src, [[2 * PS + 16 + 8, u32le(0x7fffffff)]]);
  assertOneLineError(await runCli(['bolt', 'keys', p, 'data']), 1, p, 'page 2', `@${2 * PS + 16}`, 'past the page end');
  const c = await runCli(['bolt', 'check', p]);
  assert.equal(c.code, 1);
  assert.match(c.stdout.toString(), /^page 2: corrupt: .*past the page end/m);
});

test('truncated file: exit 1 naming the missing page; check reports unreadable pages', async (t) => {
  const src = fixture(t);
  if (!src) return;
  const p = corruptCopy(src, [], 200 * PS);
  assertOneLineError(await runCli(['bolt', 'keys', p, 'data']), 1, p, 'page 211', 'past the end of the file');
  const c = await runCli(['bolt', 'check', p]);
  assert.equal(c.code, 1);
  assert.match(c.stdout.toString(), /^page 211: unreadable: /m);
  assertOneLineError(await runCli(['bolt', 'pages', p]), 1, p, 'past the end of the file');
});

test('invalid page type: check reports it with bbolt wording', async (t) => {
  const src = fixture(t);
  if (!src) return;
  const p = corruptCopy(src, [[2 * PS + 8, [0x20, 0]]]);
  const c = await runCli(['bolt', 'check', p]);
  assert.equal(c.code, 1);
  const out = c.stdout.toString().split('\n');
  assert.ok(out.includes('page 2: invalid type: unknown<20>'), c.stdout.toString());
  assert.ok(out.includes('unexpected page type for pgid:2'));
  assertOneLineError(await runCli(['bolt', 'keys', p, 'data']), 1, p, 'page 2', 'invalid page type');
});

test('freelist damage: already freed, unreachable unfreed, reachable freed', async (t) => {
  const src = fixture(t);
  const dir = requireShared(t, 'fixtures/bolt-many-deletes-4k');
  if (!src || !dir) return;
  const ids = readManifest(dir).free_page_ids;
  const count = ids.length;
  const idsAt = 22 * PS + 16;
  // 1. one id fewer: the last free page is neither reachable nor free.
  const shorter = corruptCopy(src, [[22 * PS + 10, [(count - 1) & 0xff, (count - 1) >> 8]]]);
  let c = await runCli(['bolt', 'check', shorter]);
  assert.equal(c.stdout.toString(), `page ${ids[count - 1]}: unreachable unfreed\n1 errors found\n`);
  assert.equal(c.code, 1);
  // 2. a duplicated id.
  const dup = corruptCopy(src, [[idsAt + 8, u64le(ids[0]!)]]);
  c = await runCli(['bolt', 'check', dup]);
  assert.equal(c.stdout.toString(), `page ${ids[0]}: already freed\npage ${ids[1]}: unreachable unfreed\n2 errors found\n`);
  // 3. a reachable page (data's root, 211) listed as free.
  const reach = corruptCopy(src, [[idsAt, u64le(211)]]);
  c = await runCli(['bolt', 'check', reach]);
  const out = c.stdout.toString().split('\n');
  assert.ok(out.includes('page 211: reachable freed'), c.stdout.toString());
  assert.ok(out.includes(`page ${ids[0]}: unreachable unfreed`));
});

test('-o json check gives findings with kinds', async (t) => {
  const src = fixture(t);
  if (!src) return;
  const p = corruptCopy(src, [[211 * PS + 16 + 8, u64le(999999)]]);
  const c = await runCli(['bolt', 'check', p, '-o', 'json']);
  assert.equal(c.code, 1);
  const j = JSON.parse(c.stdout.toString()) as { ok: boolean; findings: { kind: string; pgid: number }[] };
  assert.equal(j.ok, false);
  assert.ok(j.findings.some((f) => f.kind === 'out-of-bounds' && f.pgid === 999999));
});

test('meta claims a huge high-water mark (valid checksum): no huge allocation, check reports the truncation', async (t) => {
  const src = fixture(t);
  if (!src) return;
  // pgid (hwm) at meta offset 40 set to 2^40 in both metas, checksums recomputed.
  const patches: [number, number[]][] = [];
  for (const base of [0, PS]) {
    const body = Buffer.from(readFileSync(src).subarray(base + 16, base + 16 + 64));
    body.writeBigUInt64LE(1n << 40n, 40);
    body.writeBigUInt64LE(fnv64a(body.subarray(0, 56)), 56);
    patches.push([base + 16, [...body]]);
  }
  const p = corruptCopy(src, patches);
  const c = await runCli(['bolt', 'check', p]);
  assert.equal(c.code, 1, c.stderr);
  assert.match(c.stdout.toString(), /^file truncated: high-water mark 1099511627776 needs \d+ bytes, file has 8388608/m);
  const keys = await runCli(['bolt', 'keys', p, 'data']);
  assert.equal(keys.code, 0, keys.stderr);
});

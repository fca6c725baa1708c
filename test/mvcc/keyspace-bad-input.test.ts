// Bad input for the keyspace layer: not an etcd db, damaged key-bucket entries, revisions
// out of order, impossible revisions, truncated files. Each gives one clear line (file,
// page and item where known) and exit 1 (corruption) or 3 (cannot answer), never a trace;
// inputs are never written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, runCli, sha256File, tempDir } from '../helpers.js';
import { forEachRevision, type Keyspace } from '../../src/mvcc/keyspace/index.js';
import type { BoltEntry, Bucket } from '../../src/bolt/types.js';
import { CorruptDataError } from '../../src/errors.js';

function revKey(main: number, sub = 0): Buffer {
  const b = Buffer.alloc(17);
  b.writeBigUInt64BE(BigInt(main), 0);
  b[8] = 0x5f;
  b.writeBigUInt64BE(BigInt(sub), 9);
  return b;
}

function assertOneLine(stderr: string, re: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0]!, /^etcd-forensics: /);
  assert.match(lines[0]!, re);
  assert.doesNotMatch(stderr, /\n\s+at /);
}

/** A copy of etcd-small's pre-compaction snapshot (every revision still stored). */
function copySnapshot(dir: string, shared: string): string {
  const p = join(dir, 'db');
  copyFileSync(join(shared, 'snapshot-before-compaction.db'), p);
  return p;
}

test('a bolt file without a key bucket is refused: not an etcd db', async (t) => {
  const db = requireShared(t, 'fixtures/bolt-basic-4k/db');
  if (!db) return;
  const before = await sha256File(db);
  for (const args of [['hashkv', db], ['extract', db], ['analyze', db]]) {
    const r = await runCli(args);
    assert.equal(r.code, 3, args.join(' '));
    assertOneLine(r.stderr, /no 'key' bucket: this bolt file is not an etcd v3 db/);
  }
  assert.equal(await sha256File(db), before);
});

test('damaged key-bucket entries name the page and item; exit 1', async (t) => {
  const shared = requireShared(t, 'fixtures/etcd-small');
  if (!shared) return;
  const { dir, cleanup } = tempDir();
  try {
    // 1. A revision key whose separator is not '_' (every copy of it: leaf and branch).
    const p1 = copySnapshot(dir, shared);
    const bytes = readFileSync(p1);
    const k = revKey(100);
    let n = 0;
    for (let at = bytes.indexOf(k); at >= 0; at = bytes.indexOf(k, at + 1), n++) bytes[at + 8] = 0x58;
    assert.ok(n >= 1);
    writeFileSync(p1, bytes);
    let r = await runCli(['hashkv', p1]);
    assert.equal(r.code, 1);
    assertOneLine(r.stderr, /key bucket page \d+ item \d+\): revision key byte 8 is 0x58, expected '_'/);

    // 2. An undecodable KeyValue: the first value of /app/config/key-050 gets wire type 7.
    const p2 = join(dir, 'db2');
    copyFileSync(join(shared, 'snapshot-before-compaction.db'), p2);
    const b2 = readFileSync(p2);
    const at = b2.indexOf(Buffer.concat([Buffer.from([0x0a, 19]), Buffer.from('/app/config/key-050')]));
    assert.ok(at > 0);
    b2[at] = 0x0f;
    writeFileSync(p2, b2);
    // the scan that needs every entry stops there; a listing lists what is readable and names the rest
    r = await runCli(['hashkv', p2]);
    assert.equal(r.code, 1);
    assertOneLine(r.stderr, /key bucket page \d+ item \d+\): revision \d+\.0: undecodable KeyValue: .*wire type 7/);
    r = await runCli(['extract', p2, '--fields', 'key,value-size']);
    assert.equal(r.code, 1);
    const lines2 = r.stderr.trimEnd().split('\n');
    assert.equal(lines2.length, 1, r.stderr);
    assert.match(lines2[0]!, /^etcd-forensics: mvcc: .*key bucket page \d+ item \d+\): revision \d+\.0: undecodable KeyValue: .*wire type 7 \(field 1\)$/);
    // every other key lists as in the undamaged snapshot
    const whole = await runCli(['extract', join(shared, 'snapshot-before-compaction.db'), '--fields', 'key,value-size']);
    const other = (t: string): string[] => t.split('\n').filter((l) => l && !l.startsWith('/app/config/key-050 '));
    assert.ok(other(whole.stdout.toString('utf8')).length > 10);
    assert.deepEqual(other(r.stdout.toString('utf8')), other(whole.stdout.toString('utf8')));

    // 3. Revisions out of order: swap the keys of revisions 150 and 151 in their leaf.
    const p3 = join(dir, 'db3');
    copyFileSync(join(shared, 'snapshot-before-compaction.db'), p3);
    const b3 = readFileSync(p3);
    const a150 = b3.lastIndexOf(revKey(150));
    const a151 = b3.lastIndexOf(revKey(151));
    assert.ok(a150 > 0 && a151 > 0);
    revKey(151).copy(b3, a150);
    revKey(150).copy(b3, a151);
    writeFileSync(p3, b3);
    r = await runCli(['hashkv', p3, '--rev', '287']);
    assert.equal(r.code, 1);
    assertOneLine(r.stderr, /revision 150\.0 follows 151\.0: revisions out of order/);

    // 4. A truncated db.
    const p4 = join(dir, 'db4');
    copyFileSync(join(shared, 'snapshot-before-compaction.db'), p4);
    truncateSync(p4, 20000);
    for (const args of [['hashkv', p4], ['extract', p4]]) {
      r = await runCli(args);
      assert.ok(r.code === 1 || r.code === 3, `${args.join(' ')}: ${r.code}`);
      assertOneLine(r.stderr, /db4/);
    }
    // snapshot status runs bolt's check first, like etcdctl: one error line, its first finding in it.
    r = await runCli(['snapshot', 'status', p4]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.length, 0);
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(lines.at(-1)!, /^etcd-forensics: mvcc: .*db4: snapshot file integrity check failed\. \d+ errors found\. First: page \d+/);
    assert.equal(lines.length, 1);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  } finally {
    cleanup();
  }
});

test('analyze reports past damaged entries: the report of the rest on stdout, each damaged entry on stderr, exit 1', async (t) => {
  const shared = requireShared(t, 'fixtures/etcd-small');
  if (!shared) return;
  const { dir, cleanup } = tempDir();
  try {
    const p = copySnapshot(dir, shared);
    const whole = await runCli(['analyze', p, '-o', 'json']);
    assert.equal(whole.code, 0, whole.stderr);
    // damage two entries: the separator of revision 100's key, and revision 200's KeyValue
    const bytes = readFileSync(p);
    const k = revKey(100);
    for (let at = bytes.indexOf(k); at >= 0; at = bytes.indexOf(k, at + 1)) bytes[at + 8] = 0x58;
    const k200 = revKey(200);
    const at200 = bytes.lastIndexOf(k200);
    assert.ok(at200 > 0);
    writeFileSync(p, bytes);
    // the value of revision 200 follows its key in the leaf; flip the first KeyValue tag (0x0a) after it
    const b = readFileSync(p);
    const vAt = b.indexOf(0x0a, at200 + 17);
    b[vAt] = 0x0f;
    writeFileSync(p, b);
    const before = await sha256File(p);
    const r = await runCli(['analyze', p, '-o', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.stderr);
    assert.match(lines[0]!, /^etcd-forensics: mvcc: .*key bucket page \d+ item \d+\): revision key byte 8 is 0x58, expected '_'$/);
    assert.match(lines[1]!, /^etcd-forensics: mvcc: .*key bucket page \d+ item \d+\): revision 200\.0: undecodable KeyValue: /);
    const got = JSON.parse(r.stdout.toString('utf8'));
    const want = JSON.parse(whole.stdout.toString('utf8'));
    assert.equal(got.damagedEntries, 2);
    assert.equal(want.damagedEntries, 0);
    // every readable entry is still counted: exactly two fewer stored entries than the whole db
    const entries = (x: { totals: { liveKeys: number; historyEntries: number } }): number => x.totals.liveKeys + x.totals.historyEntries;
    assert.equal(entries(got), entries(want) - 2);
    const table = await runCli(['analyze', p]);
    assert.equal(table.code, 1);
    assert.match(table.stdout.toString('utf8'), /\n2 damaged key-bucket entries skipped \(listed on stderr\)\n$/);
    assert.equal(await sha256File(p), before);
  } finally {
    cleanup();
  }
});

test('revisions beyond the store or compacted away give etcd’s errors', async (t) => {
  const shared = requireShared(t, 'fixtures/etcd-small');
  if (!shared) return;
  const db = join(shared, 'data');
  let r = await runCli(['hashkv', db, '--rev', '320']);
  assert.equal(r.code, 3);
  assertOneLine(r.stderr, /^etcd-forensics: mvcc: required revision is a future revision$/);
  r = await runCli(['extract', db, '-r', '100']);
  assertOneLine(r.stderr, /^etcd-forensics: mvcc: required revision has been compacted$/);
  r = await runCli(['extract', db, '-k', '/app/config/key-006']);
  assert.equal(r.code, 3);
  assertOneLine(r.stderr, /key "\/app\/config\/key-006" was deleted at revision 319/);
  r = await runCli(['hashkv', db, '--rev', 'abc']);
  assert.equal(r.code, 2);
  r = await runCli(['extract', db, '--fields', 'key,bogus']);
  assert.equal(r.code, 2);
  assertOneLine(r.stderr, /unrecognized field: bogus/);
});

/** A keyspace over hand-made entries, to reach checks real files rarely trigger. */
function fakeKeyspace(entries: { key: Uint8Array; value: Uint8Array }[]): Keyspace {
  const bucket = {
    path: [],
    root: 9n,
    sequence: 0n,
    inline: false,
    async *entries(): AsyncIterable<BoltEntry> {
      let i = 0;
      for (const e of entries) yield { key: e.key, value: e.value, isBucket: false, pgid: 42n, index: i++ };
    },
    get: async () => undefined,
    bucket: async () => undefined,
  } as unknown as Bucket;
  return { path: '/fake/db', keyBucket: bucket } as unknown as Keyspace;
}

test('key-bucket keys of the wrong length or mark are findings with the page', async () => {
  const kv = Uint8Array.from([0x0a, 0x01, 0x61]);
  const cases: [Uint8Array, RegExp][] = [
    [Buffer.alloc(16), /\/fake\/db \(key bucket page 42 item 0\): revision key of 16 bytes, expected 17 or 18/],
    [Buffer.concat([revKey(5), Buffer.from('x')]), /revision key mark 0x78, expected 't'/],
    [Buffer.concat([Buffer.from([0x80]), revKey(5).subarray(1)]), /main revision is negative/],
  ];
  for (const [key, re] of cases) {
    await assert.rejects(forEachRevision(fakeKeyspace([{ key, value: kv }]), () => undefined), (e: unknown) => e instanceof CorruptDataError && re.test(e.message));
  }
  await assert.rejects(
    forEachRevision(fakeKeyspace([{ key: revKey(5), value: kv }, { key: revKey(5), value: kv }]), () => undefined),
    /revision 5\.0 follows 5\.0: revisions out of order \(or duplicated\)/,
  );
});

test('every command leaves its inputs byte-identical', async (t) => {
  const shared = requireShared(t, 'fixtures/etcd-small');
  if (!shared) return;
  const files = [join(shared, 'data/member/snap/db'), join(shared, 'snapshot.db'), join(shared, 'snapshot-before-compaction.db')];
  const before = await Promise.all(files.map(sha256File));
  for (const args of [
    ['extract', join(shared, 'data'), '--fields', 'key,value,lease'],
    ['hashkv', join(shared, 'data')],
    ['analyze', join(shared, 'data'), '-o', 'json'],
    ['diff', join(shared, 'snapshot.db'), join(shared, 'snapshot-before-compaction.db')],
    ['snapshot', 'status', join(shared, 'snapshot.db')],
  ]) {
    const r = await runCli(args);
    assert.ok(r.code === 0 || (args[0] === 'diff' && r.code === 1), `${args.join(' ')}: ${r.stderr}`);
  }
  assert.deepEqual(await Promise.all(files.map(sha256File)), before);
});

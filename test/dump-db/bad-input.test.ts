// Bad input for the dump-db commands: missing buckets and files, truncated and damaged
// copies of a real etcd db, and an entry whose value does not decode. Every case must end
// with one diagnostic line (no stack trace), the documented exit code, and no hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, runCli, sha256File, tempDir } from '../helpers.js';

function assertOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter(Boolean);
  assert.ok(lines.length >= 1, 'expected a diagnostic');
  assert.match(lines[0]!, pattern);
  assert.ok(!/^\s+at /m.test(stderr), `stack trace in stderr: ${stderr}`);
}

test('a bucket that does not exist: exit 3, one line naming it', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const r = await runCli(['iterate-bucket', join(dir, 'snapshot.db'), 'no-such-bucket']);
  assert.equal(r.code, 3);
  assert.equal(r.stdout.length, 0);
  assertOneLineError(r.stderr, /^etcd-forensics: .*got nil bucket for no-such-bucket/);
});

test('a path that does not exist: exit 3', async () => {
  for (const cmd of [['list-bucket'], ['hash'], ['iterate-bucket']]) {
    const args = cmd[0] === 'iterate-bucket' ? [...cmd, '/nonexistent/etcd/db', 'key'] : [...cmd, '/nonexistent/etcd/db'];
    const r = await runCli(args);
    assert.equal(r.code, 3, cmd[0]);
    assertOneLineError(r.stderr, /^etcd-forensics: .*\/nonexistent\/etcd\/db/);
  }
});

test('truncated and damaged copies: exit 1 or 3 with one line, input untouched', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const src = join(dir, 'data', 'member', 'snap', 'db');
  const tmp = tempDir();
  try {
    const variants: [string, (p: string) => void][] = [
      ['empty', (p) => truncateSync(p, 0)],
      ['half a meta page', (p) => truncateSync(p, 2048)],
      ['metas only', (p) => truncateSync(p, 8192)],
      [
        'both meta checksums broken',
        (p) => {
          const b = readFileSync(p);
          for (const off of [16 + 60, 4096 + 16 + 60]) b.writeUInt8(b.readUInt8(off) ^ 0xff, off);
          writeFileSync(p, b);
        },
      ],
      [
        'every data page header zeroed',
        (p) => {
          const b = readFileSync(p);
          for (let off = 2 * 4096; off + 16 <= b.length; off += 4096) b.fill(0, off, off + 16);
          writeFileSync(p, b);
        },
      ],
    ];
    for (const [name, damage] of variants) {
      const p = join(tmp.dir, name.replace(/ /g, '-') + '.db');
      copyFileSync(src, p);
      damage(p);
      const before = await sha256File(p);
      for (const args of [['list-bucket', p], ['hash', p], ['iterate-bucket', p, 'key', '--decode']]) {
        const r = await runCli(args);
        assert.ok(r.code === 1 || r.code === 3, `${name} ${args[0]}: exit ${r.code}`);
        assertOneLineError(r.stderr, /^etcd-forensics: /);
      }
      assert.equal(await sha256File(p), before, `${name}: copy modified`);
    }
  } finally {
    tmp.cleanup();
  }
});

test('an entry that does not decode: printed raw, reported on stderr, exit 1; the rest still printed', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const tmp = tempDir();
  try {
    const p = join(tmp.dir, 'db');
    copyFileSync(join(dir, 'data', 'member', 'snap', 'db'), p);
    // The lease value 08 9b 8e ... (Lease{ID, TTL:3600}): make its first tag wire type 7, which protobuf does not have.
    const b = readFileSync(p);
    const value = Buffer.from('089b8eef91ecbfe8c61f10901c', 'hex');
    let at = b.indexOf(value);
    let n = 0;
    while (at >= 0) {
      b[at] = 0x0f;
      n++;
      at = b.indexOf(value, at + 1);
    }
    assert.ok(n >= 1, 'lease value not found in the db');
    writeFileSync(p, b);
    const r = await runCli(['iterate-bucket', p, 'lease', '--decode']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.toString(), 'key="\\x1f\\x8d\\xa1\\xfe\\xc2;\\xc7\\x1b", value="\\x0f\\x9b\\x8e\\xef\\x91\\xec\\xbf\\xe8\\xc6\\x1f\\x10\\x90\\x1c"\n');
    assertOneLineError(r.stderr, /^etcd-forensics: lease entry 0( \(page \d+ item 0\))?: cannot decode: mvcc: .*db: lease value @0: .*wire type 7/);
    const plain = await runCli(['iterate-bucket', p, 'lease']);
    assert.equal(plain.code, 0);
    const json = await runCli(['iterate-bucket', p, 'lease', '--decode', '-o', 'json']);
    assert.equal(json.code, 1);
    const records = JSON.parse(json.stdout.toString()) as { decodeError?: string }[];
    assert.equal(records.length, 1);
    assert.match(records[0]!.decodeError ?? '', /wire type 7/);
  } finally {
    tmp.cleanup();
  }
});

test('-o json: valid JSON with exact 64-bit integers and hidden password hashes', async (t) => {
  const dir = requireShared(t, 'fixtures/etcd-small');
  if (!dir) return;
  const db = join(dir, 'snapshot.db');
  const members = await runCli(['iterate-bucket', db, 'members', '--decode', '-o', 'json']);
  assert.equal(members.code, 0, members.stderr);
  JSON.parse(members.stdout.toString());
  // 13290071743434268557 > 2^53: printed as exact digits, not a rounded float.
  assert.match(members.stdout.toString(), /"id":13290071743434268557,"idHex":"b86fd1d63adb1f8d"/);

  const users = await runCli(['iterate-bucket', db, 'authUsers', '--decode', '-o', 'json']);
  assert.ok(!users.stdout.toString().includes('$2a$'), 'bcrypt hash leaked without --show-secrets');
  const shown = await runCli(['iterate-bucket', db, 'authUsers', '--decode', '-o', 'json', '--show-secrets']);
  assert.ok(shown.stdout.toString().includes('$2a$10$'));

  const hash = await runCli(['hash', db, '-o', 'json']);
  const recorded = readFileSync(join(dir, 'ref', 'snapshot.db-etcd-dump-db-hash.out'), 'utf8');
  assert.equal((JSON.parse(hash.stdout.toString()) as { hash: number }).hash, Number(/Hash: (\d+)/.exec(recorded)![1]));

  const list = await runCli(['list-bucket', db, '-o', 'json']);
  const names = (JSON.parse(list.stdout.toString()) as { buckets: { nameText: string }[] }).buckets.map((b) => b.nameText + '\n').join('');
  assert.equal(names, readFileSync(join(dir, 'ref', 'snapshot.db-etcd-dump-db-list-bucket.out'), 'utf8'));

  const empty = await runCli(['iterate-bucket', db, 'alarm', '-o', 'json']);
  assert.deepEqual(JSON.parse(empty.stdout.toString()), []);
});

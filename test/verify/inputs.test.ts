// verify over every kind of input, recognised by its bytes: the fixture data dirs (clean
// and damaged), a db whose metas are destroyed, a db older than the newest .snap (with and
// without the .snap.db etcd would use), a db past the WAL's commit, a snapshot file with a
// bad SHA-256 trailer, an empty file, a dir with nothing etcd-like, a missing path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, requireShared, runCli, tempDir } from '../helpers.js';

interface Report {
  kind: string;
  ok: boolean;
  etcdOnStart: string;
  findings: { code: string; severity: string; file?: string; offset?: number; page?: number; etcdOnStart: string; message: string }[];
  db?: { consistentIndex?: number; trailer?: { state: string } };
}

async function verifyJson(path: string): Promise<{ code: number; report: Report; text: string }> {
  const j = await runCli(['verify', '-o', 'json', path]);
  const t = await runCli(['verify', path]);
  assert.equal(t.code, j.code, 'text and json agree on the exit code');
  return { code: j.code ?? -1, report: JSON.parse(j.stdout.toString()) as Report, text: t.stdout.toString() };
}

/** Sets every stored meta/consistent_index value (8 bytes big-endian after the key) in a copy. */
function setConsistentIndex(db: string, ci: bigint): void {
  const b = readFileSync(db);
  const key = Buffer.from('consistent_index');
  let n = 0;
  for (let at = b.indexOf(key); at >= 0; at = b.indexOf(key, at + 1)) {
    b.writeBigUInt64BE(ci, at + key.length);
    n++;
  }
  assert.ok(n > 0, 'consistent_index found in the db');
  writeFileSync(db, b);
}

const DEMO = join(REPO_ROOT, 'fixtures', 'demo', 'data');

test('verify: clean data dirs exit 0 with the db and the WAL checked', async (t) => {
  const dirs = [DEMO, requireShared(t, 'fixtures/etcd-small/data'), requireShared(t, 'fixtures/etcd-k8s/data')].filter((d): d is string => !!d);
  for (const d of dirs) {
    const { code, report, text } = await verifyJson(d);
    assert.equal(code, 0, text);
    assert.equal(report.kind, 'data-dir');
    assert.equal(report.etcdOnStart, 'run');
    assert.ok(report.db?.consistentIndex !== undefined, 'db was read');
    assert.match(text, /data dir, db txid \d+, \d+ revisions, consistent index \d+, 1 WAL segment/);
  }
});

test('verify: damaged fixture WALs give their finding and what etcd does', async (t) => {
  for (const [fixture, code, onStart] of [
    ['etcd-small-corrupt', 'crc-mismatch', 'refuse'],
    ['etcd-small-torn', 'torn-tail', 'repair-tail'],
    ['etcd-small-torn-entry', 'torn-tail', 'repair-tail'],
  ] as const) {
    const d = requireShared(t, `fixtures/${fixture}/data`);
    if (!d) return;
    const { code: rc, report } = await verifyJson(d);
    assert.equal(rc, 1, fixture);
    const f = report.findings.find((x) => x.code === code);
    assert.ok(f, `${fixture}: ${code}`);
    assert.equal(f.etcdOnStart, onStart);
    assert.equal(report.etcdOnStart, onStart);
  }
});

test('verify: a db with both metas destroyed, in a data dir and alone', async () => {
  const tmp = tempDir();
  try {
    const data = join(tmp.dir, 'data');
    cpSync(DEMO, data, { recursive: true });
    const db = join(data, 'member', 'snap', 'db');
    const b = readFileSync(db);
    b.fill(0, 0, 2 * 4096);
    writeFileSync(db, b);
    const dir = await verifyJson(data);
    assert.equal(dir.code, 1);
    const f = dir.report.findings.find((x) => x.code === 'db-unreadable');
    assert.ok(f, dir.text);
    assert.equal(f.file, db);
    assert.equal(f.etcdOnStart, 'refuse');
    assert.match(f.message, /both meta pages are invalid/);
    const alone = await verifyJson(db);
    assert.equal(alone.code, 1);
    assert.equal(alone.report.kind, 'db', 'recognised by its page headers');
    assert.equal(alone.report.findings[0]!.code, 'db-unreadable');
    assert.doesNotMatch(alone.text, /WAL/);
  } finally {
    tmp.cleanup();
  }
});

test('verify: a db older than the newest .snap (refuse) unless its .snap.db is there (run)', async (t) => {
  const src = requireShared(t, 'fixtures/etcd-small/data');
  const before = requireShared(t, 'fixtures/etcd-small/snapshot-before-compaction.db');
  if (!src || !before) return;
  const tmp = tempDir();
  try {
    const data = join(tmp.dir, 'data');
    cpSync(src, data, { recursive: true });
    const db = join(data, 'member', 'snap', 'db');
    setConsistentIndex(db, 250n);
    const r = await verifyJson(data);
    assert.equal(r.code, 1);
    const f = r.report.findings.find((x) => x.code === 'db-behind-snapshot');
    assert.ok(f, r.text);
    assert.equal(f.severity, 'corruption');
    assert.equal(f.etcdOnStart, 'refuse');
    assert.match(f.message, /consistent_index 250 is older than the newest \.snap .*0000000000000002-000000000000012f\.snap \(index 303\)/);
    // The db etcdctl saved at index 303, where etcd looks for the snapshot's db.
    copyFileSync(before, join(data, 'member', 'snap', '000000000000012f.snap.db'));
    const s = await verifyJson(data);
    const g = s.report.findings.find((x) => x.code === 'db-behind-snapshot');
    assert.ok(g, s.text);
    assert.equal(g.severity, 'info');
    assert.equal(g.etcdOnStart, 'run');
    assert.match(g.message, /replaces the db with 000000000000012f\.snap\.db/);
    assert.equal(s.code, 0, s.text);
  } finally {
    tmp.cleanup();
  }
});

test("verify: a db whose consistent index is past the WAL's commit", async (t) => {
  const src = requireShared(t, 'fixtures/etcd-small/data');
  if (!src) return;
  const tmp = tempDir();
  try {
    const data = join(tmp.dir, 'data');
    cpSync(src, data, { recursive: true });
    setConsistentIndex(join(data, 'member', 'snap', 'db'), 400n);
    const r = await verifyJson(data);
    assert.equal(r.code, 1);
    const f = r.report.findings.find((x) => x.code === 'db-ahead-of-wal');
    assert.ok(f, r.text);
    assert.match(f.message, /consistent_index 400 is past the WAL's commit index 336 \(last entry 336\)/);
    assert.equal(f.etcdOnStart, 'run');
  } finally {
    tmp.cleanup();
  }
});

test('verify: snapshot files: good trailer 0, bad trailer 1 at the trailer offset', async (t) => {
  const snap = requireShared(t, 'fixtures/etcd-small/snapshot.db');
  if (!snap) return;
  const good = await verifyJson(snap);
  assert.equal(good.code, 0, good.text);
  assert.equal(good.report.kind, 'snapshot-file');
  assert.equal(good.report.db?.trailer?.state, 'ok');
  assert.doesNotMatch(good.text, /WAL/, 'a db is not called a WAL');
  const tmp = tempDir();
  try {
    const bad = join(tmp.dir, 'snapshot.db');
    const b = readFileSync(snap);
    b[b.length - 1]! ^= 0xff;
    writeFileSync(bad, b);
    const r = await verifyJson(bad);
    assert.equal(r.code, 1);
    const f = r.report.findings.find((x) => x.code === 'snapshot-trailer-mismatch');
    assert.ok(f, r.text);
    assert.equal(f.offset, b.length - 32);
    assert.equal(f.etcdOnStart, 'refuse');
  } finally {
    tmp.cleanup();
  }
});

test('verify: empty file, unknown file, nothing etcd-like, missing path, several inputs', async () => {
  const tmp = tempDir();
  try {
    const empty = join(tmp.dir, 'empty');
    writeFileSync(empty, '');
    const e = await verifyJson(empty);
    assert.equal(e.code, 1);
    assert.equal(e.report.kind, 'empty-file');
    assert.equal(e.report.findings[0]!.code, 'empty-file');
    assert.doesNotMatch(e.text, /WAL segment, 0 records/);
    const other = join(tmp.dir, 'notes.txt');
    writeFileSync(other, 'hello, not etcd\n');
    const u = await verifyJson(other);
    assert.equal(u.code, 1);
    assert.equal(u.report.findings[0]!.code, 'unknown-format');
    const dir = join(tmp.dir, 'plain');
    mkdirSync(dir);
    writeFileSync(join(dir, 'readme'), 'x');
    const d = await verifyJson(dir);
    assert.equal(d.code, 1);
    assert.equal(d.report.findings[0]!.code, 'not-etcd');
    assert.doesNotMatch(d.text, /%016x/);
    const missing = await runCli(['verify', join(tmp.dir, 'nope')]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /nope: no such file or directory/);
    const many = await runCli(['verify', '-o', 'json', DEMO, empty]);
    assert.equal(many.code, 1);
    const arr = JSON.parse(many.stdout.toString()) as Report[];
    assert.deepEqual(arr.map((r) => [r.kind, r.ok]), [['data-dir', true], ['empty-file', false]]);
  } finally {
    tmp.cleanup();
  }
});

test("verify: another cluster's db in a data dir: members differ from the WAL's conf changes", async (t) => {
  const src = requireShared(t, 'fixtures/etcd-small/data');
  if (!src) return;
  const tmp = tempDir();
  try {
    const data = join(tmp.dir, 'data');
    cpSync(src, data, { recursive: true });
    copyFileSync(join(DEMO, 'member', 'snap', 'db'), join(data, 'member', 'snap', 'db'));
    const r = await verifyJson(data);
    assert.equal(r.code, 1);
    const f = r.report.findings.find((x) => x.code === 'members-mismatch');
    assert.ok(f, r.text);
    assert.match(f.message, /in the WAL, not in the db: [0-9a-f]+; in the db, not in the WAL: [0-9a-f]+/);
    assert.ok(r.report.findings.some((x) => x.code === 'db-behind-snapshot' && x.etcdOnStart === 'refuse'));
  } finally {
    tmp.cleanup();
  }
});

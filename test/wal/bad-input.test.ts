// Bad input: empty dirs, garbage, truncations, flipped bytes, zeroed tails, missing
// segments, broken snapshots. Always a clear finding or one-line error, never a stack
// trace or a hang, and the inputs are never modified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync, truncateSync, copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { requireShared, runCli, sha256File, tempDir } from '../helpers.js';
import { verifyPath } from '../../src/wal/verify.js';
import { dumpLogs, type DumpLogsResult } from '../../src/wal/dump-logs.js';
import { copyData } from './fixtures.js';

const WAL0 = '0000000000000000-0000000000000000.wal';

async function runDump(dataDir: string, startIndex = 1n): Promise<{ text: string; res: DumpLogsResult }> {
  const gen = dumpLogs({ dataDir, startIndex });
  let text = '';
  let r = await gen.next();
  while (!r.done) {
    text += r.value;
    r = await gen.next();
  }
  return { text, res: r.value };
}

function assertOneLineError(stderr: string): void {
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  assert.doesNotMatch(stderr, /unexpected error/, 'not reported as our bug');
}

test('empty WAL dir: clear error, no panic', async () => {
  const tmp = tempDir();
  try {
    const data = join(tmp.dir, 'data');
    mkdirSync(join(data, 'member', 'wal'), { recursive: true });
    mkdirSync(join(data, 'member', 'snap'), { recursive: true });
    const d = await runCli(['dump-logs', data]);
    assert.equal(d.code, 1);
    assert.equal(d.stdout.toString(), 'Snapshot:\nempty\nStart dupmping log entries from snapshot.\n');
    assert.match(d.stderr, /Failed opening WAL: no WAL segments/);
    assert.ok(d.stderr.includes(join(data, 'member', 'wal')), 'names the directory');
    assertOneLineError(d.stderr);
    const v = await runCli(['verify', data]);
    assert.equal(v.code, 1);
    assert.match(v.stdout.toString(), /corruption: .*member\/wal: no WAL segments/);
    const raw = await runCli(['dump-logs', '--raw', data]);
    assert.equal(raw.code, 1);
  } finally {
    tmp.cleanup();
  }
});

test('garbage WAL file: finding at offset 0, exit 1', async () => {
  const tmp = tempDir();
  try {
    const wal = join(tmp.dir, 'data', 'member', 'wal');
    mkdirSync(wal, { recursive: true });
    const garbage = Buffer.alloc(10000);
    let x = 12345;
    for (let i = 0; i < garbage.length; i++) garbage[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    writeFileSync(join(wal, WAL0), garbage);
    const v = await runCli(['verify', join(tmp.dir, 'data')]);
    assert.equal(v.code, 1);
    assert.match(v.stdout.toString(), new RegExp(`${WAL0} @0 \\(record 0\\): `));
    const d = await runCli(['dump-logs', '--start-index=1', join(tmp.dir, 'data')]);
    assertOneLineError(d.stderr);
    assert.ok(d.code === 0 || d.code === 1);
  } finally {
    tmp.cleanup();
  }
});

test('truncations and zeroed tails of a real WAL: torn tail or corruption, never a crash', async (t) => {
  const src = requireShared(t, 'fixtures/etcd-small/data');
  if (!src) return;
  const tmp = tempDir();
  try {
    const data = copyData('etcd-small', tmp.dir);
    const wal = join(data, 'member', 'wal', WAL0);
    const orig = readFileSync(wal);
    for (const cut of [3, 12, 100, 18971, 30001, 38437]) {
      writeFileSync(wal, orig.subarray(0, cut));
      const rep = await verifyPath(data);
      const torn = rep.findings.filter((f) => f.code === 'torn-tail');
      assert.equal(torn.length, 1, `cut at ${cut}: one torn tail (${JSON.stringify(rep.findings)})`);
      assert.ok(torn[0]!.offset! <= cut && torn[0]!.offset! + 8 > cut - 2000, `cut at ${cut}: torn tail near the cut`);
      const { res } = await runDump(data);
      assert.equal(res.exitCode, 0, `cut at ${cut}: etcd accepts a torn tail`);
    }
    // zero the last sector-aligned 512 bytes holding record data: etcd's torn-write rule
    const zeroed = Buffer.from(orig);
    zeroed.fill(0, 37888, 38400 + 32);
    writeFileSync(wal, zeroed);
    const rep = await verifyPath(data);
    assert.ok(rep.findings.some((f) => f.code === 'torn-tail'), JSON.stringify(rep.findings));
    assert.ok(!rep.findings.some((f) => f.severity === 'corruption'), 'zeroed sector is a torn write, not corruption');
  } finally {
    tmp.cleanup();
  }
});

test('flipped bytes: every flip is found or harmless, never a crash', async (t) => {
  if (!requireShared(t, 'fixtures/etcd-small/data')) return;
  const tmp = tempDir();
  try {
    const data = copyData('etcd-small', tmp.dir);
    const wal = join(data, 'member', 'wal', WAL0);
    const orig = readFileSync(wal);
    let found = 0;
    const positions = [0, 5, 7, 8, 9, 17, 40, 100, 1000, 5003, 12345, 20000, 30000, 38402];
    for (const pos of positions) {
      const b = Buffer.from(orig);
      b[pos] = b[pos]! ^ 0xff;
      writeFileSync(wal, b);
      const rep = await verifyPath(data);
      if (!rep.ok) found++;
      const { res } = await runDump(data);
      assert.ok(res.exitCode === 0 || res.exitCode === 1);
      if (res.exitCode === 1) assert.match(res.fatal!, /^Failed (reading|opening) WAL: /);
    }
    assert.ok(found >= positions.length - 3, `most flips are detected (${found}/${positions.length})`);
  } finally {
    tmp.cleanup();
  }
});

test('missing segment: sequence gap reported by verify, dump-logs fails to open like etcd', async (t) => {
  if (!requireShared(t, 'fixtures/etcd-small/data')) return;
  const tmp = tempDir();
  try {
    const data = copyData('etcd-small', tmp.dir);
    const walDir = join(data, 'member', 'wal');
    copyFileSync(join(walDir, WAL0), join(walDir, '0000000000000002-0000000000000200.wal'));
    writeFileSync(join(walDir, '0.tmp'), Buffer.alloc(4096));
    writeFileSync(join(walDir, '0000000000000001-0000000000000100.wal.broken'), Buffer.alloc(16));
    const rep = await verifyPath(data);
    assert.ok(rep.findings.some((f) => f.code === 'missing-segment'), JSON.stringify(rep.findings));
    assert.ok(rep.findings.some((f) => f.code === 'broken-file'));
    const d = await runCli(['dump-logs', '--start-index=1', data]);
    assert.equal(d.code, 1);
    assert.match(d.stderr, /Failed opening WAL: WAL segment sequence broken/);
    assertOneLineError(d.stderr);
  } finally {
    tmp.cleanup();
  }
});

test('broken snapshots: snap reports crc mismatch; dump-logs falls back to an older one like etcd', async (t) => {
  const src = requireShared(t, 'fixtures/etcd-small/data');
  if (!src) return;
  const snapHashes = Object.fromEntries(
    await Promise.all(readdirSync(join(src, 'member', 'snap')).map(async (n) => [n, await sha256File(join(src, 'member', 'snap', n))] as const)),
  );
  const tmp = tempDir();
  try {
    const data = copyData('etcd-small', tmp.dir);
    const newest = join(data, 'member', 'snap', '0000000000000002-000000000000012f.snap');
    const b = readFileSync(newest);
    b[100] = b[100]! ^ 1;
    writeFileSync(newest, b);
    const s = await runCli(['snap', newest]);
    assert.equal(s.code, 1);
    assert.match(s.stderr, /snap: .*0000000000000002-000000000000012f\.snap @0: crc mismatch/);
    assertOneLineError(s.stderr);
    const d = await runCli(['dump-logs', data]);
    assert.equal(d.code, 0);
    assert.match(d.stdout.toString(), /^Snapshot:\nterm=2 index=202 /);
    assert.match(d.stderr, /skipped snapshot 0000000000000002-000000000000012f\.snap/);
    const v = await runCli(['verify', data]);
    assert.equal(v.code, 1);
    assert.match(v.stdout.toString(), /corruption: .*000000000000012f\.snap @0: crc mismatch/);
    truncateSync(newest, 0);
    const e = await runCli(['snap', newest]);
    assert.equal(e.code, 1);
    assert.match(e.stderr, /empty snapshot/);
  } finally {
    tmp.cleanup();
  }
  for (const [n, h] of Object.entries(snapHashes)) assert.equal(await sha256File(join(src, 'member', 'snap', n)), h, `${n} unchanged`);
});

// Issue 12: the ten behaviours a campaign of hostile inputs found, one test each. Every
// case must end with one stderr line naming the file (and offset where there is one) and
// exit 1, 2 or 3 — never a hang, a stack overflow, "unexpected error" or several lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, type CliResult } from '../helpers.js';

/** The shape every failure must have: exit 1..3 and exactly one stderr line, no bug report. */
export function assertOneLineFailure(r: CliResult, what: string, mustName?: string): void {
  assert.ok(r.code === 1 || r.code === 2 || r.code === 3, `${what}: exit ${r.code}, stderr ${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, `${what}: ${lines.length} stderr lines:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /unexpected error|Maximum call stack|please report/, what);
  if (mustName !== undefined) assert.ok(r.stderr.includes(mustName), `${what}: stderr does not name ${mustName}: ${r.stderr}`);
}

/** runCli with a hard timeout: a hang is a failure, not a stuck test run. */
export async function runBounded(args: string[], opts: { input?: string | Uint8Array; ms?: number } = {}): Promise<CliResult> {
  const ms = opts.ms ?? 20_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${args.join(' ')}`)), ms);
  });
  try {
    return await Promise.race([runCli(args, opts.input === undefined ? {} : { input: opts.input }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

test('6. named pipes in place of WAL, db, .snap and --file are refused, not waited on', async () => {
  const { dir, cleanup } = tempDir();
  try {
    mkdirSync(join(dir, 'member', 'wal'), { recursive: true });
    mkdirSync(join(dir, 'member', 'snap'), { recursive: true });
    const wal = join(dir, 'member', 'wal', '0000000000000000-0000000000000000.wal');
    const db = join(dir, 'member', 'snap', 'db');
    const snap = join(dir, 'snap-only', '0000000000000002-0000000000000010.snap');
    mkdirSync(join(dir, 'snap-only'));
    const fifo = join(dir, 'fifo');
    for (const p of [wal, db, snap, fifo]) execFileSync('mkfifo', [p]);
    const cases: [string[], string][] = [
      [['verify', dir], wal],
      [['bolt', 'check', db], db],
      [['list-bucket', db], db],
      [['snap', snap], snap],
      [['decode', '--file', fifo], fifo],
      [['encode', '--file', fifo], fifo],
      [['extract', '--leaf-item', '-f', fifo], fifo],
    ];
    for (const [args, file] of cases) {
      const r = await runBounded(args);
      assertOneLineFailure(r, args.join(' '), file);
      assert.match(r.stderr, /named pipe/);
    }
    // dump-logs keeps etcd-dump-logs' lines, but must end (not hang) and name the pipe
    const r = await runBounded(['dump-logs', dir]);
    assert.notEqual(r.code, 0);
    assert.ok(r.stderr.includes(wal), r.stderr);
  } finally {
    cleanup();
  }
});

test('7. character devices as --file are refused, stdin is read with a cap', async () => {
  for (const args of [
    ['decode', '--file', '/dev/urandom'],
    ['encode', '--file', '/dev/urandom'],
    ['extract', '--leaf-item', '-f', '/dev/urandom'],
    ['bolt', 'check', '/dev/zero'],
  ]) {
    const r = await runBounded(args);
    assertOneLineFailure(r, args.join(' '), args[args.length - 1]);
    assert.match(r.stderr, /character device/);
  }
});

const deepArray = (d: number): string => '['.repeat(d) + ']'.repeat(d);
const deepConfigMap = (d: number): string => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep","namespace":"default"},"data":{"a":${deepArray(d)}}}`;
const deepCustom = (d: number): string => `{"apiVersion":"example.com/v1","kind":"Deep","metadata":{"name":"deep"},"spec":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}`;

test('2. JSON nested 6,200 deep: one clean error from every command, the rest of a listing still printed', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const f = join(dir, 'deep.json');
    writeFileSync(f, deepCustom(6200));
    for (const args of [
      ['decode', '--file', f],
      ['decode', '-o', 'json', '--file', f],
      ['encode', '-f', 'json', '--file', f],
    ]) {
      const r = await runBounded(args);
      assertOneLineFailure(r, args.join(' '));
      assert.match(r.stderr, /nesting deeper than 1000/);
    }
    const enc = await runBounded(['encode', '-f', 'json', '--file', f]);
    assert.ok(enc.stderr.includes(f) && /@\d+/.test(enc.stderr), enc.stderr);
    // a listing goes on past the deep value
    const db = join(dir, 'db');
    const { writeHostileDb } = await import('./hostile-db.js');
    writeHostileDb(db, {
      puts: [
        { key: '/registry/example.com/deeps/deep', value: deepCustom(6200) },
        { key: '/registry/configmaps/default/deep', value: deepConfigMap(6200) },
        { key: '/registry/configmaps/default/ok', value: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ok"}}' },
      ],
      member: `{"id":1,"name":${deepArray(6200)}}`,
    });
    for (const args of [
      ['extract', '-f', db],
      ['extract', '-f', db, '--fields', 'key,value'],
      ['extract', '-f', db, '--template', '{{.Key}} {{.Value}}'],
      ['extract', '-f', db, '-k', '/registry/example.com/deeps/deep'],
      ['iterate-bucket', db, 'members', '--decode', '-o', 'json'],
    ]) {
      const r = await runBounded(args);
      assert.doesNotMatch(r.stderr, /unexpected error|Maximum call stack/, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(r.code === 0 || r.code === 1 || r.code === 3, `${args.join(' ')}: exit ${r.code}`);
      if (args.length === 3) assert.match(r.stdout.toString(), /\/registry\/configmaps\/default\/ok/, `${args.join(' ')} stops at the deep value`);
    }
    // just inside the budget still renders
    writeFileSync(f, deepCustom(990));
    const ok = await runBounded(['decode', '-o', 'json', '--file', f]);
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    cleanup();
  }
});

test('3. invalid JSON given to encode is corrupt input (exit 1) naming file and offset', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const f = join(dir, 'bad.json');
    for (const text of ['{"apiVersion":"v1",', '{', '[1,2', '{"a" 1}', 'nul', '"\\x"', '{"a":1}}']) {
      writeFileSync(f, text);
      const r = await runBounded(['encode', '-f', 'json', '--file', f]);
      assertOneLineFailure(r, text, f);
      assert.equal(r.code, 1, `${text}: ${r.stderr}`);
      assert.match(r.stderr, /^etcd-forensics: json: .* @\d+: invalid JSON: /, text);
    }
  } finally {
    cleanup();
  }
});

test('4. a time with a 27-digit year is an invalid time, not a BigInt crash', async () => {
  const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  creationTimestamp: "123456789012345678901234567-01-01T00:00:00Z"\n';
  const r = await runBounded(['encode'], { input: yaml });
  assertOneLineFailure(r, 'encode 27-digit year');
  assert.match(r.stderr, /invalid RFC3339 time/);
  // a far but representable year still encodes (Go's time reaches int64 seconds)
  const far = await runBounded(['encode'], { input: yaml.replace('123456789012345678901234567', '1234567') });
  assert.equal(far.code, 0, far.stderr);
});

test('1. YAML with nested aliases (9 levels of 9) is refused by an expansion budget, fast', async () => {
  let doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nx:\n  a: &a [x,x,x,x,x,x,x,x,x]\n';
  let prev = 'a';
  for (let i = 1; i < 10; i++) {
    const n = String.fromCharCode(97 + i);
    doc += `  ${n}: &${n} [${Array(9).fill('*' + prev).join(',')}]\n`;
    prev = n;
  }
  const started = Date.now();
  const r = await runBounded(['encode'], { input: doc, ms: 15_000 });
  assertOneLineFailure(r, 'alias bomb');
  assert.match(r.stderr, /YAML aliases expand to more than/);
  assert.ok(Date.now() - started < 15_000);
  const cycle = await runBounded(['encode'], { input: 'a: &a\n  b: *a\n' });
  assertOneLineFailure(cycle, 'alias cycle');
  // a few shared aliases are fine: the value is repeated as Go's yaml does
  const ok = await runBounded(['encode'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n x\n  labels: {a: *n}\n' });
  assert.equal(ok.code, 0, ok.stderr);
});

test('5. a CRC-valid WAL whose HardState is not a HardState: one error with file and offset', async () => {
  const { encodeSegment, metadata, walSnapshot, entry } = await import('../wal/wal-writer.js');
  for (const bad of [[0x00], [0x08], [0x0a, 0x01, 0x00], [0x08, ...Array(10).fill(0xff), 0x01]]) {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(join(dir, 'member', 'wal'), { recursive: true });
      mkdirSync(join(dir, 'member', 'snap'), { recursive: true });
      const seg = join(dir, 'member', 'wal', '0000000000000000-0000000000000000.wal');
      const chain = { crc: 0 };
      writeFileSync(seg, encodeSegment([{ type: 4, crc: 0 }, { type: 1, data: metadata(1n, 2n) }, { type: 5, data: walSnapshot(0, 0) }, { type: 2, data: entry(1, 1) }, { type: 3, data: Uint8Array.from(bad) }], chain));
      for (const args of [['dump-logs', dir], ['dump-logs', '-o', 'json', dir], ['dump-logs', '--start-index=1', dir]]) {
        const r = await runBounded(args);
        assert.notEqual(r.code, 0, args.join(' '));
        assert.doesNotMatch(r.stderr, /unexpected error|please report/, `${args.join(' ')}: ${r.stderr}`);
        assert.ok(r.stderr.includes(seg) && /@\d+|offset/.test(r.stderr), `${args.join(' ')}: ${r.stderr}`);
      }
      // the library reader reports the same record as a located error, it does not throw
      const { readWalAll } = await import('../../src/wal/read-all.js');
      const res = await readWalAll(join(dir, 'member', 'wal'));
      assert.equal(res.error?.file, seg);
      assert.equal(typeof res.error?.offset, 'number');
      const v = await runBounded(['verify', dir]);
      assert.doesNotMatch(v.stderr, /unexpected error/);
    } finally {
      cleanup();
    }
  }
});

test('8. bolt check reports a page whose header id is not the id it was reached by', async (t) => {
  const { requireShared } = await import('../helpers.js');
  const src = requireShared(t, 'fixtures/bolt-basic-4k/db');
  if (!src) return;
  const { readFileSync } = await import('node:fs');
  const { dir, cleanup } = tempDir();
  try {
    const b = readFileSync(src);
    const pageSize = 4096;
    let flipped = 0;
    // every branch/leaf page in turn (a sample keeps it quick): its header id set to its neighbour's
    for (let pg = 2; pg * pageSize < b.length && flipped < 6; pg++) {
      const at = pg * pageSize;
      if (Number(b.readBigUInt64LE(at)) !== pg || (b.readUInt16LE(at + 8) & 0x03) === 0) continue;
      const d = Buffer.from(b);
      d.writeBigUInt64LE(BigInt(pg + 1), at);
      const p = join(dir, `db-${pg}`);
      writeFileSync(p, d);
      const r = await runBounded(['bolt', 'check', p]);
      const whole = r.stdout.toString();
      if (!whole.includes(`page ${pg}: header id is ${pg + 1}`)) {
        // a page no tree reaches (a freed page) need not be reported; every reached one must
        assert.match(whole, /^OK\n$/);
        continue;
      }
      assert.equal(r.code, 1, whole);
      assert.doesNotMatch(whole, /^OK$/m);
      flipped++;
    }
    assert.ok(flipped >= 3, `only ${flipped} reached pages tried`);
  } finally {
    cleanup();
  }
});

test('10. usage errors and damaged snapshots are one stderr line', async () => {
  const r = await runBounded(['encode', '-f', 'xx']);
  assertOneLineFailure(r, 'encode -f xx');
  assert.equal(r.code, 2);
  const u = await runBounded(['list-bucket']);
  assertOneLineFailure(u, 'list-bucket without a path');
});

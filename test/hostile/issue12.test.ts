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

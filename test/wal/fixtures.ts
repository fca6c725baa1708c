// Shared helpers for WAL tests: the etcd fixtures, their recorded etcd-dump-logs runs,
// and copies of data dirs in the restored (64,000,000-byte segment) layout.
import { cpSync, readdirSync, readFileSync, truncateSync, chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from '../helpers.js';

export const ETCD_FIXTURES = ['etcd-small', 'etcd-k8s', 'etcd-small-torn', 'etcd-small-torn-entry', 'etcd-small-corrupt'] as const;

export interface RecordedRun {
  name: string;
  /** Our arguments: the recorded flags, with <scratch>/data replaced by the data dir. */
  flags: string[];
  exitCode: number;
  stdout: Buffer;
}

/** The recorded etcd-dump-logs runs of a fixture (from ref/index.json). */
export function recordedDumpLogsRuns(fixture: string): RecordedRun[] {
  const refDir = sharedPath('fixtures', fixture, 'ref');
  const index = JSON.parse(readFileSync(join(refDir, 'index.json'), 'utf8')) as {
    name: string;
    argv: string[];
    exit_code: number;
    stdout: string;
  }[];
  return index
    .filter((r) => r.argv[0] === 'etcd-dump-logs')
    .map((r) => ({
      name: r.name,
      flags: r.argv.slice(1).filter((a) => a !== '<scratch>/data'),
      exitCode: r.exit_code,
      stdout: readFileSync(join(refDir, r.stdout)),
    }));
}

/** Copies a fixture's data dir into `dir` and restores etcd's 64,000,000-byte segments. */
export function restoredCopy(fixture: string, dir: string): string {
  const dst = join(dir, fixture, 'data');
  cpSync(sharedPath('fixtures', fixture, 'data'), dst, { recursive: true });
  chmodRecursive(dst);
  const walDir = join(dst, 'member', 'wal');
  for (const name of readdirSync(walDir)) {
    if (name.endsWith('.wal') && statSync(join(walDir, name)).size < 64_000_000) truncateSync(join(walDir, name), 64_000_000);
  }
  return dst;
}

export function chmodRecursive(p: string): void {
  const st = statSync(p);
  chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
  if (st.isDirectory()) for (const n of readdirSync(p)) chmodRecursive(join(p, n));
}

export function copyData(fixture: string, dir: string): string {
  const dst = join(dir, fixture, 'data');
  cpSync(sharedPath('fixtures', fixture, 'data'), dst, { recursive: true });
  chmodRecursive(dst);
  return dst;
}

// Helpers shared by the keyspace commands: argument parsing, opening a keyspace, reporting skipped entries.
import { InvalidArgumentError } from 'commander';
import { escapeTerminal } from '../../../io/terminal.js';
import { openKeyspace, type Keyspace } from '../../../mvcc/keyspace/index.js';

export const PATH_HELP = 'db file, etcd data dir (→ member/snap/db) or `etcdctl snapshot save` file';

/** Parses a non-negative revision (0 = current). */
export function parseRevision(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a non-negative integer revision');
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('revision too large');
  return n;
}

export function parseCount(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(v);
}

export async function withKeyspace<T>(path: string, fn: (ks: Keyspace) => Promise<T>): Promise<T> {
  const ks = await openKeyspace(path);
  try {
    return await fn(ks);
  } finally {
    await ks.close();
  }
}

/**
 * After a report made past damaged key-bucket entries: each named on stderr, then a count;
 * returns the exit code (1 when anything was skipped).
 */
export function reportSkippedEntries(r: { damagedEntries: number; damage: string[] }): number {
  if (r.damagedEntries === 0) return 0;
  for (const d of r.damage) process.stderr.write(`etcd-forensics: ${escapeTerminal(d, true)}\n`);
  // one line per failure: a count line only for the entries not listed one by one
  const more = r.damagedEntries - r.damage.length;
  if (more > 0) process.stderr.write(`etcd-forensics: ${more} more damaged key-bucket entries skipped (${r.damagedEntries} in all)\n`);
  return 1;
}

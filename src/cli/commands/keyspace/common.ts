// Helpers shared by the keyspace commands: argument parsing and opening a keyspace.
import { InvalidArgumentError } from 'commander';
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

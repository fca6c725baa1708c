// Resolving what the user pointed at: a db file, an etcd data dir, or a snapshot file.
import { join } from 'node:path';
import { NotFoundError, ReadError } from '../errors.js';
import { statPath } from './byte-source.js';

/**
 * Returns the bolt db file for `path`: the path itself when it is a file (a `member/snap/db`,
 * an `etcdctl snapshot save` file, a `*.snap.db`), or `<dir>/member/snap/db` for an etcd
 * data dir (`<dir>/snap/db` is accepted too, for a `member` dir).
 */
export async function resolveDbPath(path: string): Promise<string> {
  const st = await statPath(path);
  if (!st) throw new ReadError('io', 'no such file or directory', { file: path });
  if (!st.isDirectory()) return path;
  for (const candidate of [join(path, 'member', 'snap', 'db'), join(path, 'snap', 'db')]) {
    const c = await statPath(candidate);
    if (c && c.isFile()) return candidate;
  }
  throw new NotFoundError('io', 'directory has no member/snap/db (expected an etcd data dir or a db file)', {
    file: path,
  });
}

/** Returns the WAL directory for a data dir, a `member` dir or a WAL dir itself. */
export async function resolveWalDir(path: string): Promise<string> {
  const st = await statPath(path);
  if (!st) throw new ReadError('io', 'no such file or directory', { file: path });
  if (!st.isDirectory()) throw new ReadError('io', 'not a directory, expected an etcd data dir or WAL dir', { file: path });
  for (const candidate of [join(path, 'member', 'wal'), join(path, 'wal')]) {
    const c = await statPath(candidate);
    if (c && c.isDirectory()) return candidate;
  }
  return path;
}

/** Returns the snap directory (`member/snap`) for a data dir, a `member` dir or a snap dir. */
export async function resolveSnapDir(path: string): Promise<string> {
  const st = await statPath(path);
  if (!st) throw new ReadError('io', 'no such file or directory', { file: path });
  if (!st.isDirectory()) throw new ReadError('io', 'not a directory, expected an etcd data dir or snap dir', { file: path });
  for (const candidate of [join(path, 'member', 'snap'), join(path, 'snap')]) {
    const c = await statPath(candidate);
    if (c && c.isDirectory()) return candidate;
  }
  return path;
}

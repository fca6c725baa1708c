// The raft snapshot directory (member/snap), as etcd's snapshotter sees it:
//   <term %016x>-<index %016x>.snap   raft snapshots, loaded newest first (reverse name order)
//   <index %016x>.snap.db             a full bolt db received from the leader
//   *.broken                          snapshots etcd failed to load and renamed
//   db, db.tmp*                       the backend and defrag leftovers
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFsError } from '../io/byte-source.js';
import { ReadError } from '../errors.js';

export interface SnapFileName {
  name: string;
  path: string;
  term: bigint;
  index: bigint;
}

export interface SnapDirListing {
  dir: string;
  /** `.snap` files, newest first (etcd's load order). */
  snaps: SnapFileName[];
  /** `.snap.db` files with the index in their name. */
  snapDbs: { name: string; path: string; index: bigint }[];
  broken: string[];
  other: string[];
}

const SNAP_NAME = /^([0-9a-f]{16})-([0-9a-f]{16})\.snap$/;
const SNAP_DB_NAME = /^([0-9a-f]{16})\.snap\.db$/;

export function parseSnapName(name: string): { term: bigint; index: bigint } | undefined {
  const m = SNAP_NAME.exec(name);
  return m ? { term: BigInt('0x' + m[1]), index: BigInt('0x' + m[2]) } : undefined;
}

export function snapName(term: bigint, index: bigint): string {
  return `${term.toString(16).padStart(16, '0')}-${index.toString(16).padStart(16, '0')}.snap`;
}

export async function listSnapDir(dir: string): Promise<SnapDirListing> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new ReadError('snap', describeFsError(err), { file: dir });
  }
  names.sort();
  const out: SnapDirListing = { dir, snaps: [], snapDbs: [], broken: [], other: [] };
  for (const name of names) {
    const s = parseSnapName(name);
    const d = SNAP_DB_NAME.exec(name);
    if (s) out.snaps.push({ name, path: join(dir, name), ...s });
    else if (d) out.snapDbs.push({ name, path: join(dir, name), index: BigInt('0x' + d[1]) });
    else if (name.endsWith('.broken')) out.broken.push(name);
    else if (name.endsWith('.snap')) out.other.push(name); // etcd would try it; we report it
    else out.other.push(name);
  }
  out.snaps.reverse();
  return out;
}

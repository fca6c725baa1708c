// The raft snapshot directory (member/snap), as etcd's snapshotter sees it:
//   <term %016x>-<index %016x>.snap   raft snapshots, loaded newest first (reverse name order)
//   <index %016x>.snap.db             a full bolt db received from the leader
//   *.broken                          snapshots etcd failed to load and renamed
//   db, db.tmp*                       the backend and defrag leftovers
import { join } from 'node:path';
import { hexPairName, parseHexPairName, readSortedDir } from '../io/etcd-names.js';

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

const SNAP_DB_NAME = /^([0-9a-f]{16})\.snap\.db$/;

export function parseSnapName(name: string): { term: bigint; index: bigint } | undefined {
  const p = parseHexPairName(name, 'snap');
  return p && { term: p[0], index: p[1] };
}

export function snapName(term: bigint, index: bigint): string {
  return hexPairName(term, index, 'snap');
}

export async function listSnapDir(dir: string): Promise<SnapDirListing> {
  const names = await readSortedDir(dir, 'snap');
  const out: SnapDirListing = { dir, snaps: [], snapDbs: [], broken: [], other: [] };
  for (const name of names) {
    const s = parseSnapName(name);
    const d = SNAP_DB_NAME.exec(name);
    if (s) out.snaps.push({ name, path: join(dir, name), ...s });
    else if (d) out.snapDbs.push({ name, path: join(dir, name), index: BigInt('0x' + d[1]) });
    else if (name.endsWith('.broken')) out.broken.push(name);
    else out.other.push(name); // incl. odd *.snap names: etcd would try them, we report them
  }
  out.snaps.reverse();
  return out;
}

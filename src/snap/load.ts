// etcd's Snapshotter.Load: try `.snap` files newest first, the first that reads cleanly
// wins. etcd renames failures to `.broken`; we only report them (inputs are never written).
import { ForensicsError } from '../errors.js';
import { listSnapDir, type SnapFileName } from './names.js';
import { readSnapFile, type RaftSnapshot } from './snap-file.js';

export interface SnapLoadResult {
  /** The snapshot etcd would start from; undefined = "snap: no available snapshot". */
  snapshot: RaftSnapshot | undefined;
  /** Newer files that failed to load (etcd would rename these to .broken). */
  failed: { file: SnapFileName; error: ForensicsError }[];
}

export async function loadNewestSnapshot(snapDir: string): Promise<SnapLoadResult> {
  const listing = await listSnapDir(snapDir);
  const failed: SnapLoadResult['failed'] = [];
  for (const file of listing.snaps) {
    try {
      return { snapshot: await readSnapFile(file.path), failed };
    } catch (err) {
      if (!(err instanceof ForensicsError)) throw err;
      failed.push({ file, error: err });
    }
  }
  return { snapshot: undefined, failed };
}

/** Every `.snap` file newest first, each read and verified (for `verify`). */
export async function* readAllSnapshots(snapDir: string): AsyncGenerator<{ file: SnapFileName; snapshot?: RaftSnapshot; error?: ForensicsError }> {
  const listing = await listSnapDir(snapDir);
  for (const file of listing.snaps) {
    try {
      yield { file, snapshot: await readSnapFile(file.path) };
    } catch (err) {
      if (!(err instanceof ForensicsError)) throw err;
      yield { file, error: err };
    }
  }
}

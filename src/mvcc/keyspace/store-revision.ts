// The store's current and compact revisions, computed the way etcd's mvcc restore does
// (release-3.4 mvcc/kvstore.go restore): current = main revision of the last key-bucket
// entry (tombstones included), raised to the compact revision, at least 1.
import { NotFoundError } from '../../errors.js';
import type { Keyspace } from './open.js';
import { lastStoredMain } from './revision-scan.js';

export interface StoreRevisions {
  /** Revision of the last completed transaction. */
  current: number;
  /** Main revision of the last compaction, -1 when never compacted. */
  compact: number;
}

/** etcd: "mvcc: required revision has been compacted" (ErrCompacted). */
export class RevisionCompactedError extends NotFoundError {
  override readonly code: string = 'COMPACTED';
  constructor(readonly revision: number, readonly compactRevision: number) {
    super('mvcc', 'required revision has been compacted');
  }
}

/** etcd: "mvcc: required revision is a future revision" (ErrFutureRev). */
export class FutureRevisionError extends NotFoundError {
  override readonly code: string = 'FUTURE_REVISION';
  constructor(readonly revision: number, readonly currentRevision: number) {
    super('mvcc', 'required revision is a future revision');
  }
}

export async function storeRevisions(ks: Keyspace): Promise<StoreRevisions> {
  const compact = Number(ks.compaction.effective);
  const last = await lastStoredMain(ks);
  return { current: Math.max(1, last, compact), compact };
}

/**
 * Resolves a read revision like etcd's Range: 0 (or absent) = current; a revision below
 * the compact revision or above the current one is refused with etcd's error.
 */
export function resolveReadRevision(rev: number | undefined, s: StoreRevisions): number {
  if (rev === undefined || rev <= 0) return s.current;
  if (rev > s.current) throw new FutureRevisionError(rev, s.current);
  if (rev < s.compact) throw new RevisionCompactedError(rev, s.compact);
  return rev;
}

// etcd's bucket names and the fixed keys inside them (server/storage/schema/bucket.go,
// release-3.4 mvcc/kvstore.go), plus the keys `etcd-dump-db hash` leaves out per version.

export const BUCKETS = {
  key: 'key',
  meta: 'meta',
  lease: 'lease',
  alarm: 'alarm',
  cluster: 'cluster',
  members: 'members',
  membersRemoved: 'members_removed',
  auth: 'auth',
  authUsers: 'authUsers',
  authRoles: 'authRoles',
} as const;

export const META_KEYS = {
  consistentIndex: 'consistent_index',
  term: 'term',
  scheduledCompactRev: 'scheduledCompactRev',
  finishedCompactRev: 'finishedCompactRev',
  confState: 'confState',
  storageVersion: 'storageVersion',
} as const;

export const CLUSTER_KEYS = { clusterVersion: 'clusterVersion', downgrade: 'downgrade' } as const;

/** A (bucket, key) pair left out of a hash. */
export interface IgnoredKey {
  bucket: string;
  key: string;
}

export const HASH_VERSIONS = ['3.4', '3.5', '3.6'] as const;
export type HashVersion = (typeof HASH_VERSIONS)[number];

/**
 * backend.Hash's DefaultIgnores: 3.4 skips meta/consistent_index; 3.5 adds meta/term;
 * 3.6+ adds meta/storageVersion. These keys differ between members of a healthy cluster.
 */
export function hashIgnores(version: HashVersion): IgnoredKey[] {
  const keys: string[] = [META_KEYS.consistentIndex];
  if (version !== '3.4') keys.push(META_KEYS.term);
  if (version === '3.6') keys.push(META_KEYS.storageVersion);
  return keys.map((key) => ({ bucket: BUCKETS.meta, key }));
}

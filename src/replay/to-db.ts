// Writes the replayed store as a new etcd db (Node-only: writes a file): the source db's
// key bucket as stored, then every change replay applied, in revision order; meta with the
// last applied index; the replayed leases; the source's other buckets copied as they are.
// A compaction replayed from the WAL is left scheduled (scheduledCompactRev above
// finishedCompactRev), as a crashed etcd leaves it: etcd finishes it when it starts.
import { openKeyspace, forEachRevision } from '../mvcc/keyspace/index.js';
import { EtcdDbWriter, type EtcdDbExtras, type RawEntry, type WriteEtcdDbResult } from '../mvcc/write/index.js';
import { BUCKETS, META_KEYS } from '../mvcc/schema/buckets.js';
import type { KeyChange } from './apply.js';
import type { Replay } from './replay.js';

const COPIED_BUCKETS = [BUCKETS.members, BUCKETS.membersRemoved, BUCKETS.cluster, BUCKETS.alarm, BUCKETS.auth, BUCKETS.authUsers, BUCKETS.authRoles];
const COPIED_META = new Set<string>([META_KEYS.confState, META_KEYS.storageVersion]);

export interface ReplayDbInput {
  replay: Replay;
  /** Every change replay applied, in order (collected from entries()). */
  changes: readonly KeyChange[];
  /** Term of the last applied entry (written as meta/term when the source db has one). */
  lastTerm: bigint;
}

export async function writeReplayedDb(input: ReplayDbInput, out: string): Promise<WriteEtcdDbResult> {
  const { replay, changes } = input;
  const w = new EtcdDbWriter(out);
  const buckets: Record<string, RawEntry[]> = {};
  let finished: bigint | undefined;
  let sourceHasTerm = false;
  if (replay.start.db) {
    const ks = await openKeyspace(replay.start.db);
    try {
      await forEachRevision(ks, (r) => {
        w.addRevision({ bucketKey: r.bucketKey.slice(), raw: r.raw.slice() });
      });
      finished = ks.compaction.finished;
      for (const name of COPIED_BUCKETS) {
        const b = await ks.db.bucket(name);
        if (!b) continue;
        const entries: RawEntry[] = [];
        for await (const e of b.entries()) if (e.value) entries.push({ key: e.key.slice(), value: e.value.slice() });
        buckets[name] = entries;
      }
      const meta = await ks.db.bucket(BUCKETS.meta);
      if (meta) {
        const entries: RawEntry[] = [];
        for await (const e of meta.entries()) {
          const name = Buffer.from(e.key).toString('latin1');
          if (name === META_KEYS.term) sourceHasTerm = true;
          if (COPIED_META.has(name) && e.value) entries.push({ key: e.key.slice(), value: e.value.slice() });
        }
        buckets[BUCKETS.meta] = entries;
      }
    } finally {
      await ks.close();
    }
  }
  for (const c of changes) {
    if (c.op === 'put') w.addRevision({ main: c.main, sub: c.sub, kv: c.kv });
    else w.addRevision({ main: c.main, sub: c.sub, tombstone: true, kv: c.kv });
  }
  const s = replay.state;
  const extras: EtcdDbExtras = {
    meta: {
      consistentIndex: replay.summary().appliedIndex,
      ...(sourceHasTerm ? { term: input.lastTerm } : {}),
      ...(s.compactRevision >= 0n ? { scheduledCompactRev: s.compactRevision } : {}),
      ...(finished !== undefined ? { finishedCompactRev: finished } : {}),
    },
    leases: [...s.leases.values()].map((l) => ({ id: l.id, ttl: l.ttl, remainingTtl: l.remainingTtl })),
    buckets,
  };
  return w.finish(extras);
}

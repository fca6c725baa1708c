// Space report over the key bucket: where the bytes go, per resource prefix and per key.
// "Stored bytes" of an entry = bucket key (17/18) + marshalled KeyValue, what the entry
// occupies in bolt leaves before page overhead. Live = the latest entry of a key that is
// not deleted; history = every other stored entry (older versions and tombstones, kept
// until compaction).
import type { Keyspace } from './open.js';
import { collectKeyStates, damageCollector, type KeyState } from './listing.js';
import { keyBytes } from './revision-scan.js';
import { storeRevisions } from './store-revision.js';
import { displayKey } from './display.js';
import { checkBolt, BoltDatabase } from '../../bolt/index.js';

export interface PrefixUsage {
  prefix: string;
  liveKeys: number;
  /** Keys whose latest entry is a tombstone (still stored until compaction). */
  deletedKeys: number;
  liveBytes: number;
  historyBytes: number;
  /** Stored entries that are not the live one (older puts + tombstones). */
  historyEntries: number;
  tombstones: number;
}

export interface KeyUsage {
  key: string;
  prefix: string;
  deleted: boolean;
  storedVersions: number;
  allVersionsBytes: number;
  liveBytes: number;
}

export interface PageUsage {
  pageSize: number;
  /** meta.pgid: pages [0, pgid) make up the db. */
  highWaterMark: bigint;
  /** meta.pgid × page size (etcd's dbSize). */
  totalBytes: bigint;
  fileBytes: number;
  /** Pages no bucket tree reaches (or listed in the freelist): reusable, not returned to the OS. */
  freePages: number;
  /** (high-water mark − free pages) × page size: etcd's dbSizeInUse. */
  inUseBytes: bigint;
  /** Free pages / high-water mark: what `etcdctl defrag` would give back. */
  freeFraction: number;
}

export interface AnalyzeReport {
  revision: bigint;
  compactRevision: bigint;
  totals: PrefixUsage;
  /** Sorted by live + history bytes, largest first. */
  prefixes: PrefixUsage[];
  /** Top keys by all-versions stored bytes. */
  topKeys: KeyUsage[];
  pages: PageUsage;
  /** Key-bucket entries that could not be read (skipped; the figures leave them out). */
  damagedEntries: number;
  /** The first MAX_DAMAGE_REPORTS (listing.ts) of them: one line each, naming page and item. */
  damage: string[];
}

export interface AnalyzeOptions {
  /** How many keys to list (default 20). */
  top?: number;
}

/**
 * The resource prefix of a key: `/registry/<resource>/` (two segments when the first is an
 * API group with a dot, as custom resources are stored), else the first path segment.
 */
export function resourcePrefix(key: string): string {
  if (key.startsWith('/registry/')) {
    const parts = key.split('/');
    // ['', 'registry', a, b, ...]
    const a = parts[2] ?? '';
    if (a.includes('.') && parts.length > 4) return `/registry/${a}/${parts[3]}/`;
    return parts.length > 3 ? `/registry/${a}/` : key;
  }
  const start = key.startsWith('/') ? 1 : 0;
  const slash = key.indexOf('/', start);
  return slash < 0 ? key : key.slice(0, slash + 1);
}

function emptyUsage(prefix: string): PrefixUsage {
  return { prefix, liveKeys: 0, deletedKeys: 0, liveBytes: 0, historyBytes: 0, historyEntries: 0, tombstones: 0 };
}

function add(u: PrefixUsage, st: KeyState): void {
  const live = st.deleted ? 0 : st.latestStoredBytes;
  if (st.deleted) u.deletedKeys++;
  else u.liveKeys++;
  u.liveBytes += live;
  u.historyBytes += st.allVersionsStoredBytes - live;
  u.historyEntries += st.storedVersions - (st.deleted ? 0 : 1);
  u.tombstones += st.tombstones;
}

export async function analyze(ks: Keyspace, opts: AnalyzeOptions = {}): Promise<AnalyzeReport> {
  const s = await storeRevisions(ks);
  // a space report is most wanted from a damaged db: skip bad entries, count and name them
  const damage = damageCollector();
  const states = await collectKeyStates(ks, s.current, undefined, damage.onBadEntry);
  const totals = emptyUsage('');
  const byPrefix = new Map<string, PrefixUsage>();
  const top: KeyUsage[] = [];
  const topN = opts.top ?? 20;
  for (const st of states.values()) {
    const text = displayKey(keyBytes(st.keyString));
    const prefix = resourcePrefix(text);
    let u = byPrefix.get(prefix);
    if (!u) byPrefix.set(prefix, (u = emptyUsage(prefix)));
    add(u, st);
    add(totals, st);
    top.push({
      key: text,
      prefix,
      deleted: st.deleted,
      storedVersions: st.storedVersions,
      allVersionsBytes: st.allVersionsStoredBytes,
      liveBytes: st.deleted ? 0 : st.latestStoredBytes,
    });
  }
  top.sort((a, b) => b.allVersionsBytes - a.allVersionsBytes || (a.key < b.key ? -1 : 1));
  const prefixes = [...byPrefix.values()].sort(
    (a, b) => b.liveBytes + b.historyBytes - (a.liveBytes + a.historyBytes) || (a.prefix < b.prefix ? -1 : 1),
  );
  return {
    revision: BigInt(s.current),
    compactRevision: BigInt(s.compact),
    totals,
    prefixes,
    topKeys: top.slice(0, topN),
    pages: await pageUsage(ks),
    damagedEntries: damage.damagedEntries,
    damage: damage.damage,
  };
}

async function pageUsage(ks: Keyspace): Promise<PageUsage> {
  const pageSize = ks.db.pageSize;
  const hwm = ks.db.meta.pgid;
  // Free pages come from bolt's tree walk (etcd dbs have no freelist page).
  const free = ks.db instanceof BoltDatabase ? (await checkBolt(ks.db)).freePages : 0;
  return {
    pageSize,
    highWaterMark: hwm,
    totalBytes: hwm * BigInt(pageSize),
    fileBytes: ks.db.source.size,
    freePages: free,
    inUseBytes: (hwm - BigInt(free)) * BigInt(pageSize),
    freeFraction: hwm > 0n ? free / Number(hwm) : 0,
  };
}

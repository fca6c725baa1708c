// Which etcd release wrote a db, read from its `meta` bucket, for the commands whose output
// differs by release (hashkv, dump-db hash, snapshot status, iterate-bucket --decode, ...):
//   meta/storageVersion present → 3.6+ (its value names the release, e.g. "3.6.0")
//   meta/term or meta/confState → 3.5 (3.5 added both; 3.4 wrote neither)
//   neither                     → 3.4
// A storageVersion naming a release we do not know is treated as the newest one we know,
// with a warning that says so: never a silent wrong answer.
import type { BoltDb } from '../../bolt/types.js';
import { UsageError } from '../../errors.js';
import { META_KEYS, HASH_VERSIONS, type HashVersion } from './buckets.js';

/** The etcd releases whose on-disk behaviour we follow. */
export const ETCD_VERSIONS = HASH_VERSIONS;
export type EtcdVersion = HashVersion;
export const NEWEST_ETCD_VERSION: EtcdVersion = ETCD_VERSIONS[ETCD_VERSIONS.length - 1]!;

export interface DetectedEtcdVersion {
  version: EtcdVersion;
  /** The meta key that decided it ('none' for 3.4: neither key present). */
  evidence: 'storageVersion' | 'term' | 'confState' | 'none';
  /** meta/storageVersion as stored, when present. */
  storageVersion?: string;
  /** Set when storageVersion names a release we do not know: what was used instead and why. */
  warning?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Reads meta/storageVersion, meta/term and meta/confState (absent meta bucket = 3.4). */
export async function detectEtcdVersion(db: BoltDb): Promise<DetectedEtcdVersion> {
  const meta = await db.bucket('meta');
  const has = async (key: string): Promise<Uint8Array | undefined> => (await meta?.get(encoder.encode(key))) ?? undefined;
  const sv = await has(META_KEYS.storageVersion);
  if (sv !== undefined) {
    const text = decoder.decode(sv);
    const minor = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(text);
    const known = minor ? ETCD_VERSIONS.find((v) => v === `${minor[1]}.${minor[2]}`) : undefined;
    if (known) return { version: known, evidence: 'storageVersion', storageVersion: text };
    return {
      version: NEWEST_ETCD_VERSION,
      evidence: 'storageVersion',
      storageVersion: text,
      warning: `meta/storageVersion ${JSON.stringify(text)} names an etcd release this tool does not know; following etcd ${NEWEST_ETCD_VERSION}, the newest it knows`,
    };
  }
  if ((await has(META_KEYS.term)) !== undefined) return { version: '3.5', evidence: 'term' };
  if ((await has(META_KEYS.confState)) !== undefined) return { version: '3.5', evidence: 'confState' };
  return { version: '3.4', evidence: 'none' };
}

/** Parses an `--etcd-version` value: 3.4, 3.5 or 3.6 (a patch release such as 3.5.17 names its minor). */
export function parseEtcdVersion(text: string): EtcdVersion {
  const m = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  const v = m ? ETCD_VERSIONS.find((x) => x === `${m[1]}.${m[2]}`) : undefined;
  if (!v) throw new UsageError(`--etcd-version ${JSON.stringify(text)}: expected one of ${ETCD_VERSIONS.join(', ')}`);
  return v;
}

/** The release to follow: the flag when given, else the one detected from the db. */
export interface ResolvedEtcdVersion {
  version: EtcdVersion;
  source: 'detected' | 'flag';
  warning?: string;
}

export async function resolveEtcdVersion(db: BoltDb, flag: EtcdVersion | undefined): Promise<ResolvedEtcdVersion> {
  if (flag !== undefined) return { version: flag, source: 'flag' };
  const d = await detectEtcdVersion(db);
  return { version: d.version, source: 'detected', ...(d.warning ? { warning: d.warning } : {}) };
}

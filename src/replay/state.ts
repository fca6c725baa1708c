// The replayed store: etcd's mvcc state (live keys with their create/mod revisions and
// versions, the current and compact revisions), the lessor (leases and the keys attached
// to them), alarms, auth and membership — as etcd's apply loop changes them. Keys are held
// as latin1 strings (one char per byte), so string order is etcd's byte order.
import type { KeyValue } from '../mvcc/key-value.js';

export interface LeaseState {
  id: bigint;
  ttl: bigint;
  remainingTtl: bigint;
  /** Keys attached to the lease (latin1). */
  keys: Set<string>;
}

export interface MemberChange {
  index: bigint;
  type: string;
  nodeId: bigint;
  /** The member's JSON context for conf changes that carry one (peer URLs, name). */
  context?: string;
}

export class ReplayState {
  /** Live keys → latest KeyValue. */
  readonly keys = new Map<string, KeyValue>();
  readonly leases = new Map<bigint, LeaseState>();
  currentRevision = 1n;
  /** -1n when never compacted. */
  compactRevision = -1n;
  consistentIndex = 0n;
  /** NOSPACE alarm active: etcd's capped applier refuses puts, write txns and lease grants. */
  noSpace = false;
  authEnabled = false;
  readonly users = new Set<string>();
  readonly roles = new Set<string>();
  readonly members: MemberChange[] = [];
  clusterVersion: string | undefined;

  static keyOf(b: Uint8Array): string {
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
  }

  static bytesOf(k: string): Uint8Array {
    return new Uint8Array(Buffer.from(k, 'latin1'));
  }

  /**
   * Live keys in [key, end) in byte order, as mvcc's index ranges: an empty `end` is the
   * single key, end "\x00" is every key >= key (mkGteRange).
   */
  range(key: Uint8Array, end: Uint8Array | undefined): string[] {
    const k = ReplayState.keyOf(key);
    if (!end || end.length === 0) return this.keys.has(k) ? [k] : [];
    const toEnd = end.length === 1 && end[0] === 0;
    const e = ReplayState.keyOf(end);
    const out: string[] = [];
    for (const name of this.keys.keys()) if (name >= k && (toEnd || name < e)) out.push(name);
    out.sort(compareLatin1);
    return out;
  }

  /** Sorted live keys. */
  sortedKeys(): string[] {
    return [...this.keys.keys()].sort(compareLatin1);
  }
}

export function compareLatin1(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

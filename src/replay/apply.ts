// etcd's v3 apply logic over a ReplayState (release-3.4 etcdserver/apply.go applierV3backend,
// mvcc/kvstore_txn.go storeTxnWrite, lease/lessor.go), as facts:
// - one write transaction per request; the main revision goes up by one only when the
//   transaction changed something; each change gets sub revision = changes so far;
// - put: create revision kept and version+1 while the key is live, else a new generation
//   (create = this revision, version 1); the old lease is detached, the new one attached;
// - delete range: a tombstone per live key in range, in key order, leases detached;
// - txn: every compare of the txn and of the nested txns on the chosen path is evaluated
//   against the state before any op (compareToPath), then puts are checked (lease exists,
//   ignore_value/ignore_lease need a live key) and ranges checked (revision not future, not
//   compacted); a failed check fails the whole txn with no revision; then the ops run;
// - lease revoke deletes the attached keys (sorted) in one transaction; grant raises the
//   TTL to the minimum; checkpoint sets the remaining TTL;
// - compaction refuses revisions <= the compact revision or > the current one;
// - with a NOSPACE alarm active, puts, txns with puts and lease grants fail (capped applier).
import type { DecodedMessage, ProtoValue } from '../proto/decode.js';
import type { KeyValue } from '../mvcc/key-value.js';
import { ReplayState, type LeaseState } from './state.js';

const EMPTY = new Uint8Array(0);
/** lease.MaxLeaseTTL */
const MAX_LEASE_TTL = 9_000_000_000n;

/** One change to the key space: a put or a tombstone, with the revision it got. */
export interface KeyChange {
  op: 'put' | 'delete';
  /** latin1 key. */
  key: string;
  main: bigint;
  sub: bigint;
  /** For a put the new KeyValue; for a delete the KeyValue that was deleted. */
  kv: KeyValue;
  /** The KeyValue before this change (undefined when the key was not live). */
  prev: KeyValue | undefined;
  /** Lease whose revocation caused a delete. */
  revokedLease?: bigint;
}

/** The etcd error a request failed with (it changed nothing). */
export type ApplyErrorName =
  | 'ErrLeaseNotFound'
  | 'ErrLeaseExists'
  | 'ErrLeaseTTLTooLarge'
  | 'ErrKeyNotFound'
  | 'ErrCompacted'
  | 'ErrFutureRev'
  | 'ErrNoSpace';

export interface ApplyResult {
  /** Request kind: put, delete_range, txn, compaction, lease_grant, ... */
  request: string;
  changes: KeyChange[];
  /** Store revision after the request. */
  revision: bigint;
  error?: ApplyErrorName;
  /** For txns: whether the top-level compares succeeded. */
  succeeded?: boolean;
  /** Short human description of a non-key effect (lease 7587… granted ttl 60, compacted at 12). */
  note?: string;
}

interface MinTtl {
  minLeaseTtl: bigint;
}

/** A write transaction (storeTxnWrite): changes share the main revision beginRev+1. */
class WriteTxn {
  readonly changes: KeyChange[] = [];
  readonly rev: bigint;
  constructor(private readonly s: ReplayState) {
    this.rev = s.currentRevision + 1n;
  }

  put(key: Uint8Array, value: Uint8Array, lease: bigint): void {
    const k = ReplayState.keyOf(key);
    const prev = this.s.keys.get(k);
    const kv: KeyValue = {
      key: copy(key),
      createRevision: prev ? prev.createRevision : this.rev,
      modRevision: this.rev,
      version: prev ? prev.version + 1n : 1n,
      value: copy(value),
      lease,
    };
    if (prev && prev.lease !== 0n) this.s.leases.get(prev.lease)?.keys.delete(k);
    if (lease !== 0n) this.s.leases.get(lease)?.keys.add(k);
    this.s.keys.set(k, kv);
    this.changes.push({ op: 'put', key: k, main: this.rev, sub: BigInt(this.changes.length), kv, prev });
  }

  deleteRange(key: Uint8Array, end: Uint8Array | undefined, revokedLease?: bigint): number {
    const names = this.s.range(key, end);
    for (const k of names) this.deleteKey(k, revokedLease);
    return names.length;
  }

  deleteKey(k: string, revokedLease?: bigint): void {
    const prev = this.s.keys.get(k);
    if (!prev) return;
    if (prev.lease !== 0n) this.s.leases.get(prev.lease)?.keys.delete(k);
    this.s.keys.delete(k);
    const c: KeyChange = { op: 'delete', key: k, main: this.rev, sub: BigInt(this.changes.length), kv: prev, prev };
    if (revokedLease !== undefined) c.revokedLease = revokedLease;
    this.changes.push(c);
  }

  end(): void {
    if (this.changes.length > 0) this.s.currentRevision = this.rev;
  }
}

function copy(b: Uint8Array): Uint8Array {
  return b.length === 0 ? EMPTY : b.slice();
}

const bytes = (m: DecodedMessage | undefined, f: string): Uint8Array => (m?.[f] as Uint8Array | undefined) ?? EMPTY;
const int = (m: DecodedMessage | undefined, f: string): bigint => {
  const v = m?.[f];
  return typeof v === 'bigint' ? BigInt.asIntN(64, v) : typeof v === 'number' ? BigInt(v) : 0n;
};
const flag = (m: DecodedMessage | undefined, f: string): boolean => m?.[f] === true;
const list = (m: DecodedMessage | undefined, f: string): DecodedMessage[] => ((m?.[f] as ProtoValue[] | undefined) ?? []) as DecodedMessage[];
const msg = (m: DecodedMessage | undefined, f: string): DecodedMessage | undefined => m?.[f] as DecodedMessage | undefined;
const str = (m: DecodedMessage | undefined, f: string): string => {
  const v = m?.[f];
  return v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : typeof v === 'string' ? v : '';
};

/** The InternalRaftRequest field that is set (etcd applies the first one it finds). */
export const V3_REQUESTS = [
  'range',
  'put',
  'delete_range',
  'txn',
  'compaction',
  'lease_grant',
  'lease_revoke',
  'lease_checkpoint',
  'alarm',
  'authenticate',
  'auth_enable',
  'auth_disable',
  'auth_status',
  'auth_user_add',
  'auth_user_delete',
  'auth_user_change_password',
  'auth_user_grant_role',
  'auth_user_get',
  'auth_user_revoke_role',
  'auth_role_add',
  'auth_role_grant_permission',
  'auth_role_get',
  'auth_role_revoke_permission',
  'auth_role_delete',
  'auth_user_list',
  'auth_role_list',
  'cluster_version_set',
  'cluster_member_attr_set',
  'downgrade_info_set',
] as const;

/** Applies one decoded InternalRaftRequest (not v2) to `s`. */
export function applyInternalRequest(s: ReplayState, r: DecodedMessage, opts: MinTtl): ApplyResult {
  const request = V3_REQUESTS.find((f) => r[f] !== undefined) ?? 'unknown';
  const res = (changes: KeyChange[] = [], extra: Partial<ApplyResult> = {}): ApplyResult => ({ request, changes, revision: s.currentRevision, ...extra });
  const fail = (error: ApplyErrorName): ApplyResult => res([], { error });
  switch (request) {
    case 'put': {
      const p = msg(r, 'put')!;
      if (s.noSpace) return fail('ErrNoSpace');
      const lease = int(p, 'lease');
      if (lease !== 0n && !s.leases.has(lease)) return fail('ErrLeaseNotFound');
      const txn = new WriteTxn(s);
      const err = putOp(s, txn, p);
      txn.end();
      return err ? fail(err) : res(txn.changes);
    }
    case 'delete_range': {
      const d = msg(r, 'delete_range')!;
      const txn = new WriteTxn(s);
      txn.deleteRange(bytes(d, 'key'), rangeEnd(d));
      txn.end();
      return res(txn.changes);
    }
    case 'txn': {
      const t = msg(r, 'txn')!;
      if (s.noSpace && txnHasPut(t)) return fail('ErrNoSpace');
      const write = !txnReadOnly(t);
      const path = compareToPath(s, t);
      if (write) {
        const e = checkPath(t, path, (op) => checkPut(s, op));
        if (e) return fail(e);
      }
      const e = checkPath(t, path, (op) => checkRange(s, op));
      if (e) return fail(e);
      if (!write) return res([], { succeeded: path.ok });
      const txn = new WriteTxn(s);
      applyTxn(s, txn, t, path);
      txn.end();
      return res(txn.changes, { succeeded: path.ok });
    }
    case 'compaction': {
      const rev = int(msg(r, 'compaction'), 'revision');
      if (rev <= s.compactRevision) return fail('ErrCompacted');
      if (rev > s.currentRevision) return fail('ErrFutureRev');
      s.compactRevision = rev;
      return res([], { note: `compacted at revision ${rev}` });
    }
    case 'lease_grant': {
      const g = msg(r, 'lease_grant');
      if (s.noSpace) return fail('ErrNoSpace');
      const id = int(g, 'ID');
      let ttl = int(g, 'TTL');
      if (id === 0n) return fail('ErrLeaseNotFound');
      if (ttl > MAX_LEASE_TTL) return fail('ErrLeaseTTLTooLarge');
      if (s.leases.has(id)) return fail('ErrLeaseExists');
      if (ttl < opts.minLeaseTtl) ttl = opts.minLeaseTtl;
      s.leases.set(id, { id, ttl, remainingTtl: 0n, keys: new Set() });
      return res([], { note: `lease ${id} granted, TTL ${ttl}s` });
    }
    case 'lease_revoke': {
      const id = int(msg(r, 'lease_revoke'), 'ID');
      const l = s.leases.get(id);
      if (!l) return fail('ErrLeaseNotFound');
      const txn = new WriteTxn(s);
      for (const k of [...l.keys].sort()) txn.deleteKey(k, id);
      s.leases.delete(id);
      txn.end();
      return res(txn.changes, { note: `lease ${id} revoked (${txn.changes.length} keys deleted)` });
    }
    case 'lease_checkpoint': {
      const notes: string[] = [];
      for (const cp of list(msg(r, 'lease_checkpoint'), 'checkpoints')) {
        const l: LeaseState | undefined = s.leases.get(int(cp, 'ID'));
        if (!l) continue;
        l.remainingTtl = int(cp, 'remaining_TTL');
        notes.push(`${l.id}:${l.remainingTtl}s`);
      }
      return res([], { note: `lease checkpoint ${notes.join(' ')}` });
    }
    case 'alarm': {
      const a = msg(r, 'alarm');
      const action = Number(a?.action ?? 0);
      const type = Number(a?.alarm ?? 0);
      if (type === 1 && action === 1) s.noSpace = true;
      if (type === 1 && action === 2) s.noSpace = false;
      return res([], { note: `alarm ${['GET', 'ACTIVATE', 'DEACTIVATE'][action] ?? action} ${['NONE', 'NOSPACE', 'CORRUPT'][type] ?? type}` });
    }
    case 'auth_enable':
      s.authEnabled = true;
      return res([], { note: 'auth enabled' });
    case 'auth_disable':
      s.authEnabled = false;
      return res([], { note: 'auth disabled' });
    case 'auth_user_add':
      s.users.add(str(msg(r, request), 'name'));
      return res([], { note: `user ${str(msg(r, request), 'name')} added` });
    case 'auth_user_delete':
      s.users.delete(str(msg(r, request), 'name'));
      return res([], { note: `user ${str(msg(r, request), 'name')} deleted` });
    case 'auth_role_add':
      s.roles.add(str(msg(r, request), 'name'));
      return res([], { note: `role ${str(msg(r, request), 'name')} added` });
    case 'auth_role_delete':
      s.roles.delete(str(msg(r, request), 'role'));
      return res([], { note: `role ${str(msg(r, request), 'role')} deleted` });
    case 'auth_user_grant_role':
      return res([], { note: `role ${str(msg(r, request), 'role')} granted to ${str(msg(r, request), 'user')}` });
    case 'auth_user_revoke_role':
      return res([], { note: `role ${str(msg(r, request), 'role')} revoked from ${str(msg(r, request), 'name')}` });
    case 'auth_user_change_password':
      return res([], { note: `password of ${str(msg(r, request), 'name')} changed` });
    case 'auth_role_grant_permission':
      return res([], { note: `permission granted to role ${str(msg(r, request), 'name')}` });
    case 'auth_role_revoke_permission':
      return res([], { note: `permission revoked from role ${str(msg(r, request), 'role')}` });
    case 'cluster_version_set':
      s.clusterVersion = str(msg(r, request), 'ver');
      return res([], { note: `cluster version ${s.clusterVersion}` });
    case 'cluster_member_attr_set':
      return res([], { note: `member ${int(msg(r, request), 'member_ID').toString(16)} attributes set` });
    default:
      return res(); // reads and status requests change nothing
  }
}

function rangeEnd(m: DecodedMessage | undefined): Uint8Array | undefined {
  const e = m?.range_end as Uint8Array | undefined;
  return e && e.length > 0 ? e : undefined;
}

function putOp(s: ReplayState, txn: WriteTxn, p: DecodedMessage): ApplyErrorName | undefined {
  const key = bytes(p, 'key');
  let value = bytes(p, 'value');
  let lease = int(p, 'lease');
  const ignoreValue = flag(p, 'ignore_value');
  const ignoreLease = flag(p, 'ignore_lease');
  if (ignoreValue || ignoreLease) {
    const cur = s.keys.get(ReplayState.keyOf(key));
    if (!cur) return 'ErrKeyNotFound';
    if (ignoreValue) value = cur.value;
    if (ignoreLease) lease = cur.lease;
  }
  txn.put(key, value, lease);
  return undefined;
}

interface TxnPath {
  ok: boolean;
  /** Paths of the nested txns of the chosen branch, in op order. */
  nested: TxnPath[];
}

function branch(t: DecodedMessage, ok: boolean): DecodedMessage[] {
  return list(t, ok ? 'success' : 'failure');
}

function compareToPath(s: ReplayState, t: DecodedMessage): TxnPath {
  const ok = list(t, 'compare').every((c) => applyCompare(s, c));
  const nested: TxnPath[] = [];
  for (const op of branch(t, ok)) {
    const sub = msg(op, 'request_txn');
    if (sub) nested.push(compareToPath(s, sub));
  }
  return { ok, nested };
}

function applyCompare(s: ReplayState, c: DecodedMessage): boolean {
  const target = Number(c.target ?? 0);
  const names = s.range(bytes(c, 'key'), rangeEnd(c));
  if (names.length === 0) {
    if (target === 3) return false; // VALUE: a missing key never compares
    return compareKv(c, target, undefined);
  }
  return names.every((k) => compareKv(c, target, s.keys.get(k)));
}

function compareKv(c: DecodedMessage, target: number, kv: KeyValue | undefined): boolean {
  let r: number;
  switch (target) {
    case 3:
      r = Buffer.compare(kv?.value ?? EMPTY, bytes(c, 'value'));
      break;
    case 1:
      r = cmp(kv?.createRevision ?? 0n, int(c, 'create_revision'));
      break;
    case 2:
      r = cmp(kv?.modRevision ?? 0n, int(c, 'mod_revision'));
      break;
    case 4:
      r = cmp(kv?.lease ?? 0n, int(c, 'lease'));
      break;
    default:
      r = cmp(kv?.version ?? 0n, int(c, 'version'));
  }
  switch (Number(c.result ?? 0)) {
    case 0:
      return r === 0;
    case 1:
      return r > 0;
    case 2:
      return r < 0;
    case 3:
      return r !== 0;
    default:
      return false;
  }
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkPath(t: DecodedMessage, path: TxnPath, check: (op: DecodedMessage) => ApplyErrorName | undefined): ApplyErrorName | undefined {
  let n = 0;
  for (const op of branch(t, path.ok)) {
    const sub = msg(op, 'request_txn');
    const e = sub ? checkPath(sub, path.nested[n++]!, check) : check(op);
    if (e) return e;
  }
  return undefined;
}

function checkPut(s: ReplayState, op: DecodedMessage): ApplyErrorName | undefined {
  const p = msg(op, 'request_put');
  if (!p) return undefined;
  if (flag(p, 'ignore_value') || flag(p, 'ignore_lease')) {
    if (!s.keys.has(ReplayState.keyOf(bytes(p, 'key')))) return 'ErrKeyNotFound';
  }
  const lease = int(p, 'lease');
  if (lease !== 0n && !s.leases.has(lease)) return 'ErrLeaseNotFound';
  return undefined;
}

function checkRange(s: ReplayState, op: DecodedMessage): ApplyErrorName | undefined {
  const r = msg(op, 'request_range');
  if (!r) return undefined;
  const rev = int(r, 'revision');
  if (rev > s.currentRevision) return 'ErrFutureRev';
  if (rev > 0n && rev < s.compactRevision) return 'ErrCompacted';
  return undefined;
}

function txnReadOnly(t: DecodedMessage): boolean {
  for (const op of [...list(t, 'success'), ...list(t, 'failure')]) {
    if (op.request_put || op.request_delete_range) return false;
    const sub = msg(op, 'request_txn');
    if (sub && !txnReadOnly(sub)) return false;
  }
  return true;
}

function txnHasPut(t: DecodedMessage): boolean {
  for (const op of [...list(t, 'success'), ...list(t, 'failure')]) {
    if (op.request_put) return true;
    const sub = msg(op, 'request_txn');
    if (sub && txnHasPut(sub)) return true;
  }
  return false;
}

function applyTxn(s: ReplayState, txn: WriteTxn, t: DecodedMessage, path: TxnPath): void {
  let n = 0;
  for (const op of branch(t, path.ok)) {
    const put = msg(op, 'request_put');
    const del = msg(op, 'request_delete_range');
    const sub = msg(op, 'request_txn');
    if (put) putOp(s, txn, put);
    else if (del) txn.deleteRange(bytes(del, 'key'), rangeEnd(del));
    else if (sub) applyTxn(s, txn, sub, path.nested[n++]!);
  }
}

// The Kubernetes change timeline: one row per key change replay applies, with the object's
// identity, the newest managedFields entry (who wrote it, when) and a field-level summary
// of the change against the previous version from the replayed state (so a change whose
// previous version is only in the db is diffed against the db).
import { decodeValue } from '../mvcc/keyspace/value-codec.js';
import type { KeyValue } from '../mvcc/key-value.js';
import { replayWal, type ReplayOptions, type Replay } from './replay.js';
import type { KeyChange } from './apply.js';

export interface TimelineRow {
  term: bigint;
  index: bigint;
  /** Main revision the change got (the object's resourceVersion). */
  revision: bigint;
  sub: bigint;
  op: 'create' | 'update' | 'delete';
  /** What caused it: a put or delete request, a txn, or a lease revocation (lease expiry or explicit revoke). */
  cause: 'put' | 'delete' | 'txn' | 'lease-revoke';
  /** The revoked lease, for cause lease-revoke (hex, as etcdctl prints lease IDs). */
  lease?: string;
  /** The etcd key (UTF-8, invalid bytes replaced). */
  key: string;
  uncommitted?: true;
  /** The user in the request header (auth-enabled clusters). */
  user?: string;
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
  /** Newest managedFields entry: manager, operation and time. */
  manager?: string;
  operation?: string;
  time?: string;
  /** Field-level summary against the previous version. */
  changes: string[];
}

export interface TimelineOptions extends ReplayOptions {
  keyPrefix?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** managedFields time bounds (RFC 3339; rows without a time are dropped when set). */
  since?: string;
  until?: string;
  fromIndex?: bigint;
  /** Most field changes listed per row before "… N more". */
  maxChanges?: number;
}

type Obj = Record<string, unknown>;
/** Fields every write changes or that say nothing about the change. */
const IGNORED = new Set(['metadata.resourceVersion', 'metadata.managedFields', 'metadata.generation']);

/** Replays `dataDir` and yields one row per key change that passes the filters. */
export async function* timeline(dataDir: string, opts: TimelineOptions = {}): AsyncGenerator<TimelineRow> {
  const replay: Replay = await replayWal(dataDir, opts);
  yield* timelineOf(replay, opts);
}

export async function* timelineOf(replay: Replay, opts: TimelineOptions = {}): AsyncGenerator<TimelineRow> {
  for await (const e of replay.entries()) {
    const result = e.result;
    if (!result || result.changes.length === 0) continue;
    if (opts.fromIndex !== undefined && e.index < opts.fromIndex) continue;
    const cause: TimelineRow['cause'] = result.request === 'txn' ? 'txn' : result.request === 'lease_revoke' ? 'lease-revoke' : result.request === 'put' ? 'put' : 'delete';
    for (const c of result.changes) {
      if (opts.keyPrefix !== undefined && !c.key.startsWith(Buffer.from(opts.keyPrefix, 'utf8').toString('latin1'))) continue;
      const row = rowOf(c, e.term, e.index, cause, opts.maxChanges ?? 12);
      if (e.uncommitted) row.uncommitted = true;
      if (e.username) row.user = e.username;
      if (opts.kind !== undefined && row.kind?.toLowerCase() !== opts.kind.toLowerCase()) continue;
      if (opts.namespace !== undefined && row.namespace !== opts.namespace) continue;
      if (opts.name !== undefined && row.name !== opts.name) continue;
      if (opts.since !== undefined && !(row.time !== undefined && Date.parse(row.time) >= Date.parse(opts.since))) continue;
      if (opts.until !== undefined && !(row.time !== undefined && Date.parse(row.time) <= Date.parse(opts.until))) continue;
      yield row;
    }
  }
}

function objectOf(kv: KeyValue | undefined): { obj?: Obj; apiVersion?: string; kind?: string } {
  if (!kv || kv.value.length === 0) return {};
  const d = decodeValue(kv.value);
  const obj = d.object && typeof d.object === 'object' && !Array.isArray(d.object) ? (d.object as Obj) : undefined;
  return { obj, apiVersion: d.apiVersion ?? (obj?.apiVersion as string | undefined), kind: d.kind ?? (obj?.kind as string | undefined) };
}

function rowOf(c: KeyChange, term: bigint, index: bigint, cause: TimelineRow['cause'], maxChanges: number): TimelineRow {
  const op: TimelineRow['op'] = c.op === 'delete' ? 'delete' : c.prev ? 'update' : 'create';
  const row: TimelineRow = { term, index, revision: c.main, sub: c.sub, op, cause, key: Buffer.from(c.key, 'latin1').toString('utf8'), changes: [] };
  if (c.revokedLease !== undefined) row.lease = BigInt.asUintN(64, c.revokedLease).toString(16).padStart(16, '0');
  const now = objectOf(c.op === 'put' ? c.kv : undefined);
  const before = objectOf(c.prev);
  const shown = now.obj ? now : before;
  if (shown.apiVersion) row.apiVersion = shown.apiVersion;
  if (shown.kind) row.kind = shown.kind;
  const meta = (shown.obj?.metadata ?? undefined) as Obj | undefined;
  if (meta) {
    if (typeof meta.namespace === 'string') row.namespace = meta.namespace;
    if (typeof meta.name === 'string') row.name = meta.name;
    if (typeof meta.uid === 'string') row.uid = meta.uid;
    row.resourceVersion = String(c.op === 'put' ? c.kv.modRevision : c.main);
    const mf = newestManagedField(now.obj ? meta : undefined);
    if (mf) Object.assign(row, mf);
  }
  if (op === 'delete') row.changes = [c.revokedLease !== undefined ? `deleted (lease ${row.lease} revoked)` : 'deleted'];
  else if (op === 'create') row.changes = ['created'];
  else if (now.obj && before.obj) row.changes = limit(diffObjects(before.obj, now.obj), maxChanges);
  else if (!bytesEqual(c.prev!.value, c.kv.value)) row.changes = [`value changed (${c.prev!.value.length} → ${c.kv.value.length} bytes)`];
  else row.changes = ['value unchanged'];
  return row;
}

function newestManagedField(meta: Obj | undefined): { manager?: string; operation?: string; time?: string } | undefined {
  const list = meta?.managedFields;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  let best: Obj | undefined;
  for (const m of list as Obj[]) {
    if (!best || String(m.time ?? '') > String(best.time ?? '')) best = m;
  }
  const out: { manager?: string; operation?: string; time?: string } = {};
  if (typeof best?.manager === 'string') out.manager = best.manager;
  if (typeof best?.operation === 'string') out.operation = best.operation;
  if (typeof best?.time === 'string') out.time = best.time;
  return out;
}

function limit(list: string[], n: number): string[] {
  if (list.length === 0) return ['no field changes'];
  return list.length <= n ? list : [...list.slice(0, n), `… ${list.length - n} more`];
}

/** Field-level differences: `a.b: x → y`, `+a.b`, `-a.b`, `status changed`. */
export function diffObjects(a: Obj, b: Obj): string[] {
  const out: string[] = [];
  if (JSON.stringify(a.status) !== JSON.stringify(b.status)) out.push(a.status === undefined ? '+status' : b.status === undefined ? '-status' : 'status changed');
  walk(a, b, '', out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: string[]): void {
  if (path === 'status' || IGNORED.has(path)) return;
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      const p = path ? `${path}.${k}` : k;
      if (p === 'status' || IGNORED.has(p)) continue;
      if (!(k in a)) out.push(`+${p}`);
      else if (!(k in b)) out.push(`-${p}`);
      else walk(a[k], b[k], p, out);
    }
    return;
  }
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  if (sa === sb) return;
  if (isObj(a) || isObj(b) || Array.isArray(a) || Array.isArray(b)) {
    if (sa.length + sb.length <= 60) out.push(`${path}: ${sa} → ${sb}`);
    else out.push(`${path} changed`);
    return;
  }
  out.push(`${path}: ${sa} → ${sb}`);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

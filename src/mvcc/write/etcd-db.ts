// Writes a new etcd db (member/snap/db layout) with the project's bolt writer: the `key`
// bucket (revision keys → mvccpb.KeyValue, streamed in revision order), `meta` (consistent
// index, term, confState, compaction revisions as etcd writes them), and lease, members,
// members_removed, cluster, alarm, auth, authUsers and authRoles when given.
//
//   await writeEtcdDb({ revisions, meta: { consistentIndex: 42n } }, 'rebuilt.db');
//   // or streaming:
//   const w = new EtcdDbWriter('rebuilt.db'); for (...) w.addRevision(e); await w.finish({ meta });
//
// Byte formats (release-3.4 mvcc/kvstore.go, server/storage/schema): consistent_index and
// term u64 big-endian; scheduled/finishedCompactRev 17-byte revision keys (sub 0); confState
// Go json.Marshal of raftpb.ConfState; lease key 8-byte BE ID, value leasepb.Lease; members
// key = ID in lowercase hex, value the member JSON. The file is created new (never replaced).
import { createHash } from 'node:crypto';
import { appendFileSync, createReadStream, statSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { BoltFileWriter, BucketWriter, TreeBuilder } from '../../bolt/write/file-writer.js';
import { LEAF_FLAG_BUCKET } from '../../bolt/layout.js';
import type { LeafEntry } from '../../bolt/write/pages.js';
import { encodeKeyValue, type KeyValue } from '../key-value.js';
import { compareRevisions, revisionKeyBytes, parseRevisionKey } from '../revision.js';
import { BUCKETS, META_KEYS } from '../schema/buckets.js';

/** One revision of the key bucket: a put (kv) or a tombstone (kv.key only is stored). */
export interface RevisionEntry {
  main: bigint;
  sub?: bigint;
  tombstone?: boolean;
  kv: KeyValue;
}

/** A key-bucket entry exactly as stored (17/18-byte revision key, marshalled KeyValue). */
export interface RawRevisionEntry {
  bucketKey: Uint8Array;
  raw: Uint8Array;
}

export interface EtcdMeta {
  consistentIndex?: bigint;
  /** 3.5+. */
  term?: bigint;
  /** 3.5+: written as Go's json.Marshal(raftpb.ConfState). */
  confState?: { voters: bigint[]; learners?: bigint[]; votersOutgoing?: bigint[]; learnersNext?: bigint[]; autoLeave?: boolean };
  scheduledCompactRev?: bigint;
  finishedCompactRev?: bigint;
  /** 3.6+: e.g. "3.6.0". */
  storageVersion?: string;
}

export interface EtcdMember {
  id: bigint;
  peerURLs: string[];
  name?: string;
  clientURLs?: string[];
  isLearner?: boolean;
}

export interface RawEntry {
  key: Uint8Array;
  value: Uint8Array;
}

/** Everything but the key bucket; typed fields and raw entries (raw wins for the same key). */
export interface EtcdDbExtras {
  meta?: EtcdMeta;
  leases?: { id: bigint; ttl: bigint; remainingTtl?: bigint }[];
  members?: EtcdMember[];
  membersRemoved?: bigint[];
  clusterVersion?: string;
  auth?: { enabled?: boolean; revision?: bigint };
  /** Raw entries per bucket name (authUsers, authRoles, alarm, ... or any of the above). */
  buckets?: Record<string, RawEntry[]>;
}

export interface EtcdDbContent extends EtcdDbExtras {
  /** Ascending by (main, sub); puts and tombstones. */
  revisions: Iterable<RevisionEntry | RawRevisionEntry> | AsyncIterable<RevisionEntry | RawRevisionEntry>;
}

export interface WriteEtcdDbOptions {
  pageSize?: number;
  /** Fill percent of the key bucket's leaves (etcd writes it sequentially at 0.9). */
  keyFillPercent?: number;
  /**
   * Append the 32-byte SHA-256 trailer of `etcdctl snapshot save`, so that
   * `etcdctl/etcdutl snapshot restore` accepts the file without --skip-hash-check.
   */
  snapshotHash?: boolean;
}

export interface WriteEtcdDbResult {
  path: string;
  pageSize: number;
  pages: number;
  /** Bytes written, the trailer included. */
  size: number;
  revisions: number;
  /** Highest main revision written (0 when none). */
  currentRevision: bigint;
  buckets: string[];
}

const enc = (s: string): Uint8Array => Buffer.from(s, 'utf8');

function u64be(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), false);
  return b;
}

function varint(parts: number[], v: bigint): void {
  let x = BigInt.asUintN(64, v);
  while (x >= 0x80n) {
    parts.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  parts.push(Number(x));
}

/** leasepb.Lease{ID=1, TTL=2, RemainingTTL=3}, zero fields omitted (gogoproto Marshal). */
export function encodeLease(l: { id: bigint; ttl: bigint; remainingTtl?: bigint }): Uint8Array {
  const parts: number[] = [];
  for (const [f, v] of [[1, l.id], [2, l.ttl], [3, l.remainingTtl ?? 0n]] as const) {
    if (v === 0n) continue;
    parts.push(f << 3);
    varint(parts, v);
  }
  return Uint8Array.from(parts);
}

/** The member JSON etcd stores (membership.Member: RaftAttributes then Attributes). */
export function encodeMember(m: EtcdMember): Uint8Array {
  const o: Record<string, unknown> = { id: '\0ID\0', peerURLs: m.peerURLs };
  if (m.isLearner) o.isLearner = true;
  if (m.name) o.name = m.name;
  if (m.clientURLs && m.clientURLs.length) o.clientURLs = m.clientURLs;
  // the id is a uint64: write its decimal digits, not a float
  return enc(JSON.stringify(o).replace('"\\u0000ID\\u0000"', BigInt.asUintN(64, m.id).toString()));
}

/** Go's json.Marshal(raftpb.ConfState): omitempty slices, auto_leave always. */
export function encodeConfState(c: NonNullable<EtcdMeta['confState']>): Uint8Array {
  const list = (xs: bigint[] | undefined) => (xs && xs.length ? `[${xs.map((x) => BigInt.asUintN(64, x).toString()).join(',')}]` : undefined);
  const parts: string[] = [];
  const add = (name: string, v: string | undefined) => v !== undefined && parts.push(`"${name}":${v}`);
  add('voters', list(c.voters));
  add('learners', list(c.learners));
  add('voters_outgoing', list(c.votersOutgoing));
  add('learners_next', list(c.learnersNext));
  add('auto_leave', c.autoLeave ? 'true' : 'false');
  return enc(`{${parts.join(',')}}`);
}

function idHex(id: bigint): string {
  return BigInt.asUintN(64, id).toString(16);
}

/** The entries of each non-key bucket, sorted, raw entries overriding typed ones. */
export function extraBuckets(x: EtcdDbExtras): Map<string, RawEntry[]> {
  const out = new Map<string, Map<string, RawEntry>>();
  const put = (bucket: string, key: Uint8Array, value: Uint8Array) => {
    let m = out.get(bucket);
    if (!m) out.set(bucket, (m = new Map()));
    m.set(Buffer.from(key).toString('latin1'), { key, value });
  };
  const touch = (bucket: string) => out.has(bucket) || out.set(bucket, new Map());
  touch(BUCKETS.meta);
  const m = x.meta ?? {};
  if (m.consistentIndex !== undefined) put(BUCKETS.meta, enc(META_KEYS.consistentIndex), u64be(m.consistentIndex));
  if (m.term !== undefined) put(BUCKETS.meta, enc(META_KEYS.term), u64be(m.term));
  if (m.confState) put(BUCKETS.meta, enc(META_KEYS.confState), encodeConfState(m.confState));
  if (m.scheduledCompactRev !== undefined) put(BUCKETS.meta, enc(META_KEYS.scheduledCompactRev), revisionKeyBytes({ main: m.scheduledCompactRev, sub: 0n }));
  if (m.finishedCompactRev !== undefined) put(BUCKETS.meta, enc(META_KEYS.finishedCompactRev), revisionKeyBytes({ main: m.finishedCompactRev, sub: 0n }));
  if (m.storageVersion !== undefined) put(BUCKETS.meta, enc(META_KEYS.storageVersion), enc(m.storageVersion));
  if (x.leases) touch(BUCKETS.lease);
  for (const l of x.leases ?? []) put(BUCKETS.lease, u64be(l.id), encodeLease(l));
  if (x.members) touch(BUCKETS.members);
  for (const mb of x.members ?? []) put(BUCKETS.members, enc(idHex(mb.id)), encodeMember(mb));
  if (x.membersRemoved) touch(BUCKETS.membersRemoved);
  for (const id of x.membersRemoved ?? []) put(BUCKETS.membersRemoved, enc(idHex(id)), enc('removed'));
  if (x.clusterVersion !== undefined) put(BUCKETS.cluster, enc('clusterVersion'), enc(x.clusterVersion));
  if (x.auth?.enabled !== undefined) put(BUCKETS.auth, enc('authEnabled'), Uint8Array.of(x.auth.enabled ? 1 : 0));
  if (x.auth?.revision !== undefined) put(BUCKETS.auth, enc('authRevision'), u64be(x.auth.revision));
  for (const [bucket, entries] of Object.entries(x.buckets ?? {})) {
    if (bucket === BUCKETS.key) throw new UsageError("writeEtcdDb: give the 'key' bucket as revisions, not as raw bucket entries");
    touch(bucket);
    for (const e of entries) put(bucket, e.key, e.value);
  }
  const sorted = new Map<string, RawEntry[]>();
  for (const [bucket, m2] of out) sorted.set(bucket, [...m2.values()].sort((a, b) => Buffer.compare(a.key, b.key)));
  return sorted;
}

function toRaw(e: RevisionEntry | RawRevisionEntry): RawRevisionEntry {
  if ('bucketKey' in e) {
    parseRevisionKey(e.bucketKey); // throws on a key that is not a revision
    return e;
  }
  const tomb = e.tombstone === true;
  const kv = tomb ? { key: e.kv.key, createRevision: 0n, modRevision: 0n, version: 0n, value: new Uint8Array(0), lease: 0n } : e.kv;
  return { bucketKey: revisionKeyBytes({ main: e.main, sub: e.sub ?? 0n }, tomb), raw: encodeKeyValue(kv) };
}

/** Streaming writer: addRevision() in ascending revision order, then finish(extras). */
export class EtcdDbWriter {
  private readonly w: BoltFileWriter;
  private readonly keyTree: TreeBuilder;
  private last: { main: bigint; sub: bigint } | undefined;
  private finished = false;
  private readonly opts: WriteEtcdDbOptions;
  revisions = 0;

  constructor(readonly path: string, opts: WriteEtcdDbOptions = {}) {
    this.opts = opts;
    this.w = new BoltFileWriter(path, { pageSize: opts.pageSize ?? 4096 });
    this.keyTree = new TreeBuilder(this.w, opts.keyFillPercent ?? 0.9);
  }

  addRevision(e: RevisionEntry | RawRevisionEntry): void {
    const raw = toRaw(e);
    const r = parseRevisionKey(raw.bucketKey);
    if (this.last && compareRevisions(r, this.last) <= 0) {
      this.abort();
      throw new UsageError(`writeEtcdDb: revisions must ascend (${r.main}.${r.sub} after ${this.last.main}.${this.last.sub})`);
    }
    this.last = r;
    this.keyTree.add({ key: raw.bucketKey, value: raw.raw });
    this.revisions++;
  }

  /** Writes the other buckets, the root and the metas; closes the file. */
  async finish(extras: EtcdDbExtras = {}): Promise<WriteEtcdDbResult> {
    if (this.finished) throw new UsageError('writeEtcdDb: finish() called twice');
    this.finished = true;
    try {
      const values = new Map<string, Uint8Array>();
      values.set(BUCKETS.key, new BucketWriterFromTree(this.keyTree).value());
      for (const [bucket, entries] of extraBuckets(extras)) {
        const bw = new BucketWriter(this.w);
        for (const e of entries) bw.add(e);
        values.set(bucket, bw.finish());
      }
      const root = new TreeBuilder(this.w, 1);
      const names = [...values.keys()].sort((a, b) => Buffer.compare(enc(a), enc(b)));
      for (const n of names) root.add({ key: enc(n), value: values.get(n)!, flags: LEAF_FLAG_BUCKET } satisfies LeafEntry);
      const rootPgid = root.finish();
      const current = this.last?.main ?? 0n;
      this.w.finish(rootPgid, 2n);
      if (this.opts.snapshotHash) await appendSnapshotHash(this.path);
      return { path: this.path, pageSize: this.w.pageSize, pages: this.w.hwm, size: statSync(this.path).size, revisions: this.revisions, currentRevision: current, buckets: names };
    } catch (err) {
      this.abort();
      throw err;
    }
  }

  private abort(): void {
    this.w.close();
  }
}

/** The key bucket is always written on its own pages (etcd's is never inline in practice). */
class BucketWriterFromTree {
  constructor(private readonly tree: TreeBuilder) {}
  value(): Uint8Array {
    const v = new Uint8Array(16);
    new DataView(v.buffer).setBigUint64(0, BigInt(this.tree.finish()), true);
    return v;
  }
}

/** Appends SHA-256 of the whole file (what etcd's snapshot stream sends last). */
async function appendSnapshotHash(path: string): Promise<void> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  appendFileSync(path, h.digest());
}

/** Writes a new etcd db at `path` (refuses an existing file). */
export async function writeEtcdDb(content: EtcdDbContent, path: string, opts: WriteEtcdDbOptions = {}): Promise<WriteEtcdDbResult> {
  const w = new EtcdDbWriter(path, opts);
  for await (const e of content.revisions) w.addRevision(e);
  return w.finish(content);
}


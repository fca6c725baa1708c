// WAL replay: the db's keyspace (or an empty one), then every committed WAL entry after
// the db's consistent index, applied as etcd's apply loop does (apply.ts).
//
// Entry selection follows etcd's WAL ReadAll: segments from the one covering the start
// index, entries with index > start kept, a later entry with index i replacing every kept
// entry from i on (raft log truncation). Pass 1 only notes record ordinals; pass 2 streams
// and applies, so memory holds the keyspace, not the log.
import { decodeKeyValue } from '../mvcc/key-value.js';
import { openKeyspace, forEachRevision, userKeyOf, storeRevisions } from '../mvcc/keyspace/index.js';
import { decodeLease, decodeLeaseId } from '../mvcc/schema/lease.js';
import { decodeUint64Be } from '../mvcc/schema/meta.js';
import { decodeConfChange, decodeEntry, decodeHardState, CONF_CHANGE_TYPE_NAMES, ENTRY_CONF_CHANGE, ENTRY_CONF_CHANGE_V2, ENTRY_NORMAL, type Entry } from '../proto/messages.js';
import type { DecodedMessage } from '../proto/decode.js';
import { EntryView } from '../wal/entry-kind.js';
import { ProtoError } from '../proto/wire.js';
import { RECORD_ENTRY, RECORD_STATE } from '../wal/frame.js';
import { listWalDir, selectWalSegments, type WalSegmentName } from '../wal/names.js';
import { walEvents } from '../wal/records.js';
import { resolveDbPath, resolveWalDir } from '../io/paths.js';
import { UsageError } from '../errors.js';
import { applyInternalRequest, type ApplyResult, type KeyChange } from './apply.js';
import { ReplayState } from './state.js';

export interface ReplayOptions {
  /** Start from this db (a data dir's member/snap/db by default; a `.snap.db` or snapshot file works too). */
  db?: string;
  /** Start from an empty store at index 0 (no db): the WAL must hold every entry from 1. */
  fromEmpty?: boolean;
  /** Apply entries up to this raft index. */
  toIndex?: bigint;
  /** Stop once the store reaches this revision. */
  toRevision?: bigint;
  /** Also apply entries after HardState.commit (marked uncommitted). */
  includeUncommitted?: boolean;
  /** Continue past bad WAL records with the next valid frame (the gap is reported). */
  salvage?: boolean;
  /** etcd's minimum lease TTL (3/2 election timeout, rounded up: 2 s with the defaults). */
  minLeaseTtl?: bigint;
}

export type EntryKind = 'v3' | 'v2' | 'empty' | 'conf-change' | 'undecodable';

/** One WAL entry replay went through. */
export interface AppliedEntry {
  index: bigint;
  term: bigint;
  file: string;
  offset: number;
  kind: EntryKind;
  /** After HardState.commit (applied only with includeUncommitted). */
  uncommitted: boolean;
  /** InternalRaftRequest header: request ID and user name. */
  requestId?: bigint;
  username?: string;
  /** v3: what applying it did. */
  result?: ApplyResult;
  /** v2: method and path (v2 requests change the v2 store only, not the v3 keyspace). */
  v2?: { method: string; path: string };
  /** conf change: type and node. */
  confChange?: { type: string; nodeId: bigint };
}

export type FindingCode = 'wal-gap' | 'index-beyond-wal' | 'term-mismatch' | 'bad-record' | 'undecodable-entry' | 'request-failed' | 'uncommitted' | 'auth-not-checked';

export interface ReplayFinding {
  code: FindingCode;
  message: string;
  file?: string;
  offset?: number;
  index?: bigint;
}

export interface ReplayStart {
  /** The db the keyspace came from (undefined with fromEmpty). */
  db: string | undefined;
  consistentIndex: bigint;
  /** meta/term (3.5+), 0 when absent. */
  term: bigint;
  revision: bigint;
  compactRevision: bigint;
}

export interface ReplaySummary {
  start: ReplayStart;
  /** HardState.commit of the WAL. */
  commitIndex: bigint;
  /** Last entry index in the WAL (after truncation). */
  lastIndex: bigint;
  /** Last index applied. */
  appliedIndex: bigint;
  entriesApplied: number;
  changes: number;
  revision: bigint;
  compactRevision: bigint;
  findings: ReplayFinding[];
  stoppedBy: 'end' | 'to-index' | 'to-revision' | 'commit' | 'gap';
}

/** A replay in progress: iterate `entries()` (or call `run()`); `state` follows. */
export class Replay {
  readonly findings: ReplayFinding[] = [];
  private wanted: number[] = [];
  private firstIndex = 0n;
  commitIndex = 0n;
  private appliedIndex: bigint;
  private entriesApplied = 0;
  private changes = 0;
  private stoppedBy: ReplaySummary['stoppedBy'] = 'end';
  private consumed = false;

  constructor(
    readonly state: ReplayState,
    readonly start: ReplayStart,
    private readonly segments: WalSegmentName[],
    private readonly opts: ReplayOptions,
  ) {
    this.appliedIndex = start.consistentIndex;
  }

  get lastIndex(): bigint {
    return this.firstIndex + BigInt(this.wanted.length) - 1n;
  }

  /** Pass 1: which record holds each entry after the start index, and the last HardState. */
  async scan(): Promise<void> {
    const ci = this.start.consistentIndex;
    this.firstIndex = ci + 1n;
    let termAtStart: bigint | undefined;
    for await (const ev of walEvents(this.segments, { salvage: this.opts.salvage ?? false })) {
      if (ev.kind === 'segment-end') continue;
      if (ev.kind === 'problem') {
        if (ev.etcd === 'end' && ev.lastSegment) continue; // a torn tail etcd accepts
        this.findings.push({ code: 'bad-record', message: `${ev.problem}: ${ev.detail}${this.opts.salvage ? ' (skipped to the next valid frame)' : ''}`, file: ev.file, offset: ev.offset });
        if (!this.opts.salvage) break;
        continue;
      }
      if (!ev.crcOk) continue; // salvage: the problem was reported, the record is not trusted
      if (ev.type === RECORD_STATE) {
        this.commitIndex = decodeHardState(ev.data).commit;
        continue;
      }
      if (ev.type !== RECORD_ENTRY) continue;
      let e: Entry;
      try {
        e = decodeEntry(ev.data);
      } catch (err) {
        if (!(err instanceof ProtoError)) throw err;
        this.findings.push({ code: 'bad-record', message: `entry record does not parse as raftpb.Entry: ${err.message}`, file: ev.file, offset: ev.offset });
        continue;
      }
      if (e.index === ci) termAtStart = e.term;
      if (e.index <= ci) continue;
      const up = e.index - this.firstIndex;
      if (up > BigInt(this.wanted.length)) {
        if (this.opts.salvage && this.wanted.length > 0) {
          const from = this.lastIndex + 1n;
          this.findings.push({ code: 'wal-gap', message: `entries ${from}..${e.index - 1n} are missing (lost with the bad records before); salvage continues without them, which etcd would refuse`, file: ev.file, offset: ev.offset, index: from });
          while (BigInt(this.wanted.length) < up) this.wanted.push(-1);
          this.wanted.push(ev.ordinal);
          continue;
        }
        if (this.wanted.length === 0) {
          this.findings.push({ code: 'wal-gap', message: `the WAL does not continue the db: db consistent index ${ci}, next WAL entry is ${e.index}; etcd refuses this log (slice out of range)`, file: ev.file, offset: ev.offset, index: e.index });
        } else {
          this.findings.push({ code: 'wal-gap', message: `entry ${e.index} leaves a gap after index ${this.lastIndex}; replay stops there`, file: ev.file, offset: ev.offset, index: e.index });
        }
        break;
      }
      this.wanted.length = Number(up);
      this.wanted.push(ev.ordinal);
    }
    if (this.start.term !== 0n && termAtStart !== undefined && termAtStart !== this.start.term) {
      this.findings.push({ code: 'term-mismatch', message: `db term ${this.start.term} but WAL entry ${ci} has term ${termAtStart}`, index: ci });
    }
    if (this.wanted.length === 0 && ci > 0n && termAtStart === undefined && !this.findings.some((f) => f.code === 'wal-gap')) {
      this.findings.push({ code: 'index-beyond-wal', message: `db consistent index ${ci} is not in the WAL read (nothing to replay after it)`, index: ci });
    }
  }

  /** Pass 2: streams and applies the kept entries in index order. */
  async *entries(): AsyncGenerator<AppliedEntry> {
    if (this.consumed) throw new Error('replay entries were already consumed');
    this.consumed = true;
    const wanted = this.wanted;
    const minLeaseTtl = this.opts.minLeaseTtl ?? 2n;
    let k = 0;
    if (wanted.length === 0) return;
    let warnedUncommitted = false;
    for await (const ev of walEvents(this.segments, { salvage: this.opts.salvage ?? false })) {
      if (ev.kind !== 'record') {
        if (ev.kind === 'problem' && !this.opts.salvage) return;
        continue;
      }
      if (!ev.crcOk) continue;
      while (wanted[k] === -1) k++;
      if (ev.ordinal !== wanted[k]) continue;
      k++;
      const e = decodeEntry(ev.data);
      if (this.opts.toIndex !== undefined && e.index > this.opts.toIndex) {
        this.stoppedBy = 'to-index';
        return;
      }
      if (this.opts.toRevision !== undefined && this.state.currentRevision >= this.opts.toRevision) {
        this.stoppedBy = 'to-revision';
        return;
      }
      const uncommitted = e.index > this.commitIndex;
      if (uncommitted && !this.opts.includeUncommitted) {
        this.stoppedBy = 'commit';
        this.findings.push({ code: 'uncommitted', message: `entries ${e.index}..${this.lastIndex} are after HardState.commit ${this.commitIndex}: not applied (use --include-uncommitted)`, index: e.index });
        return;
      }
      if (uncommitted && !warnedUncommitted) {
        warnedUncommitted = true;
        this.findings.push({ code: 'uncommitted', message: `entries from ${e.index} are after HardState.commit ${this.commitIndex}: applied and marked uncommitted`, index: e.index });
      }
      const applied = this.applyEntry(e, ev.file, ev.offset, uncommitted, minLeaseTtl);
      this.appliedIndex = e.index;
      this.entriesApplied++;
      this.changes += applied.result?.changes.length ?? 0;
      yield applied;
      if (k >= wanted.length) return;
    }
  }

  private applyEntry(e: Entry, file: string, offset: number, uncommitted: boolean, minLeaseTtl: bigint): AppliedEntry {
    const base = { index: e.index, term: e.term, file, offset, uncommitted };
    if (e.type === ENTRY_CONF_CHANGE || e.type === ENTRY_CONF_CHANGE_V2) {
      if (e.type === ENTRY_CONF_CHANGE_V2) return { ...base, kind: 'conf-change', confChange: { type: 'ConfChangeV2', nodeId: 0n } };
      try {
        const cc = decodeConfChange(e.data);
        const type = CONF_CHANGE_TYPE_NAMES[cc.type] ?? `ConfChangeType(${cc.type})`;
        this.state.members.push({ index: e.index, type, nodeId: cc.nodeId, context: cc.context.length ? Buffer.from(cc.context).toString('utf8') : undefined });
        return { ...base, kind: 'conf-change', confChange: { type, nodeId: cc.nodeId } };
      } catch (err) {
        if (!(err instanceof ProtoError)) throw err;
        return this.undecodable(base, `conf change does not decode: ${err.message}`);
      }
    }
    if (e.type !== ENTRY_NORMAL) return this.undecodable(base, `unknown entry type ${e.type}`);
    if (e.data.length === 0) return { ...base, kind: 'empty' };
    const view = new EntryView(e);
    const irr = view.internalRaftRequest();
    if (!irr || irr.v2) {
      const v2 = (irr?.v2 as DecodedMessage | undefined) ?? view.v2Request();
      if (!v2) return this.undecodable(base, 'normal entry is neither an InternalRaftRequest nor a v2 Request');
      const s = (f: string): string => Buffer.from((v2[f] as Uint8Array | undefined) ?? new Uint8Array()).toString('utf8');
      const path = s('Path');
      if (path === '/0/version') this.state.clusterVersion = s('Val');
      return { ...base, kind: 'v2', v2: { method: s('Method'), path } };
    }
    const header = irr.header as DecodedMessage | undefined;
    const requestId = (irr.ID as bigint | undefined) || (header?.ID as bigint | undefined);
    const username = header?.username instanceof Uint8Array ? Buffer.from(header.username).toString('utf8') : undefined;
    if (this.state.authEnabled && username && !this.findings.some((f) => f.code === 'auth-not-checked')) {
      this.findings.push({ code: 'auth-not-checked', message: 'auth is enabled: requests are applied without checking permissions or auth revisions (etcd may have refused some)', index: e.index });
    }
    const result = applyInternalRequest(this.state, irr, { minLeaseTtl });
    if (result.error) this.findings.push({ code: 'request-failed', message: `${result.request} failed with ${result.error} (no change, as in etcd)`, file, offset, index: e.index });
    const out: AppliedEntry = { ...base, kind: 'v3', result };
    if (requestId !== undefined) out.requestId = requestId;
    if (username) out.username = username;
    return out;
  }

  private undecodable(base: Omit<AppliedEntry, 'kind'>, why: string): AppliedEntry {
    this.findings.push({ code: 'undecodable-entry', message: `${why}; etcd would panic applying it (skipped)`, file: base.file, offset: base.offset, index: base.index });
    return { ...base, kind: 'undecodable' };
  }

  /** Applies everything (consuming entries()) and summarizes. */
  async run(onEntry?: (e: AppliedEntry) => void): Promise<ReplaySummary> {
    for await (const e of this.entries()) onEntry?.(e);
    return this.summary();
  }

  summary(): ReplaySummary {
    return {
      start: this.start,
      commitIndex: this.commitIndex,
      lastIndex: this.lastIndex,
      appliedIndex: this.appliedIndex,
      entriesApplied: this.entriesApplied,
      changes: this.changes,
      revision: this.state.currentRevision,
      compactRevision: this.state.compactRevision,
      findings: this.findings,
      stoppedBy: this.findings.some((f) => f.code === 'wal-gap') && this.stoppedBy === 'end' ? 'gap' : this.stoppedBy,
    };
  }
}

/** Loads the db's live keys, leases, revisions and consistent index into a ReplayState. */
export async function loadDbState(dbPath: string): Promise<{ state: ReplayState; start: ReplayStart }> {
  const ks = await openKeyspace(dbPath);
  try {
    const state = new ReplayState();
    await forEachRevision(ks, (r) => {
      const k = ReplayState.keyOf(userKeyOf(r));
      if (r.tombstone) state.keys.delete(k);
      else state.keys.set(k, decodeKeyValue(r.raw.slice(), { file: ks.path }));
    });
    const revs = await storeRevisions(ks);
    state.currentRevision = BigInt(revs.current);
    state.compactRevision = BigInt(revs.compact);
    const leases = await ks.db.bucket('lease');
    if (leases) {
      for await (const en of leases.entries()) {
        if (!en.value) continue;
        const id = decodeLeaseId(en.key, { file: ks.path });
        const l = decodeLease(en.value, { file: ks.path });
        state.leases.set(id, { id, ttl: l.ttl, remainingTtl: l.remainingTtl, keys: new Set() });
      }
    }
    for (const [k, kv] of state.keys) if (kv.lease !== 0n) state.leases.get(kv.lease)?.keys.add(k);
    const meta = await ks.db.bucket('meta');
    const read = async (name: string): Promise<bigint> => {
      const v = await meta?.get(new TextEncoder().encode(name));
      return v && v.length ? decodeUint64Be(v, `meta/${name}`, { file: ks.path }) : 0n;
    };
    const consistentIndex = await read('consistent_index');
    const term = await read('term');
    state.consistentIndex = consistentIndex;
    return { state, start: { db: ks.path, consistentIndex, term, revision: state.currentRevision, compactRevision: state.compactRevision } };
  } finally {
    await ks.close();
  }
}

/**
 * Opens a replay of `dataDir`'s WAL on top of its db (or `opts.db`, or an empty store with
 * `fromEmpty`). The WAL is scanned once here; `entries()`/`run()` apply it.
 */
export async function replayWal(dataDir: string, opts: ReplayOptions = {}): Promise<Replay> {
  if (opts.toIndex !== undefined && opts.toRevision !== undefined) throw new UsageError('--to-index and --to-revision may not be used together');
  let state: ReplayState;
  let start: ReplayStart;
  if (opts.fromEmpty) {
    state = new ReplayState();
    start = { db: undefined, consistentIndex: 0n, term: 0n, revision: 1n, compactRevision: -1n };
  } else {
    ({ state, start } = await loadDbState(await resolveDbPath(opts.db ?? dataDir)));
  }
  if (opts.toIndex !== undefined && opts.toIndex < start.consistentIndex) {
    throw new UsageError(`--to-index ${opts.toIndex} is before the db's consistent index ${start.consistentIndex}: start from an older db (--db) or from an empty store (--from-empty)`);
  }
  if (opts.toRevision !== undefined && opts.toRevision < start.revision) {
    throw new UsageError(`--to-revision ${opts.toRevision} is before the db's revision ${start.revision}: read it from the db (extract -r) or replay from an empty store (--from-empty)`);
  }
  const walDir = await resolveWalDir(dataDir);
  const segments = selectWalSegments(await listWalDir(walDir), start.consistentIndex);
  const replay = new Replay(state, start, segments, opts);
  await replay.scan();
  return replay;
}

export type { KeyChange, ApplyResult };

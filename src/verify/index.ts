// `verify` for everything an operator has: a data dir, a db, an `etcdctl snapshot save` file,
// a WAL dir, one .wal or .snap file, or a file of unknown kind. What a file is comes from
// its bytes (bolt meta magic, bolt page headers, the snapshot trailer, a WAL frame, a
// snappb.Snapshot), never from its name. Each input gets one report: the WAL checks of
// wal/verify.ts, the db checks (both metas, bolt check, key-bucket decodability, SHA-256
// trailer) and the checks across them (consistent_index vs the newest .snap and the WAL's
// commit, members vs the WAL's conf changes, .snap.db files). Every finding says what
// etcd would do on start with it: refuse, repair the tail, or run.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { checkBolt, openBolt, type BoltDatabase } from '../bolt/index.js';
import { ForensicsError } from '../errors.js';
import { describeFsError, statPath } from '../io/byte-source.js';
import { decodeKeyValue } from '../mvcc/key-value.js';
import { verifyTrailer, type TrailerStatus } from '../mvcc/keyspace/snapshot-status.js';
import { parseRevisionKey } from '../mvcc/revision.js';
import { decodeUint64Be } from '../mvcc/schema/meta.js';
import { decodeMemberIdKey } from '../mvcc/schema/membership.js';
import { listSnapDir } from '../snap/names.js';
import { readSnapFile } from '../snap/snap-file.js';
import { verifyWalPath, type Finding, type FindingCode, type VerifyReport, type WalFacts } from '../wal/verify.js';

/** What etcd does on start with the finding (for a snapshot file: what `etcdctl snapshot restore` does). */
export type StartAction = 'refuse' | 'repair-tail' | 'run';

export type InputKind = 'data-dir' | 'wal-dir' | 'db' | 'snapshot-file' | 'wal-file' | 'snap-file' | 'empty-file' | 'unknown';

export type InputFindingCode =
  | FindingCode
  | 'empty-file'
  | 'unknown-format'
  | 'not-etcd'
  | 'db-missing'
  | 'db-unreadable'
  | 'db-meta-invalid'
  | 'bolt-check'
  | 'key-undecodable'
  | 'meta-undecodable'
  | 'snapshot-trailer-mismatch'
  | 'db-behind-snapshot'
  | 'db-ahead-of-wal'
  | 'members-mismatch';

export interface InputFinding extends Omit<Finding, 'code'> {
  code: InputFindingCode;
  /** Bolt page id, for db findings. */
  page?: number;
  etcdOnStart: StartAction;
}

export interface DbFacts {
  file: string;
  pageSize: number;
  txid: bigint;
  /** meta.pgid: pages in use up to the high-water mark. */
  hwm: bigint;
  consistentIndex?: bigint;
  term?: bigint;
  members: bigint[];
  removedMembers: bigint[];
  keyBucketEntries: number;
  /** Only for files with the 32-byte trailer of `etcdctl snapshot save`. */
  trailer?: TrailerStatus;
}

export interface InputReport extends Omit<VerifyReport, 'findings'> {
  kind: InputKind;
  db?: DbFacts;
  /** `.snap.db` files of the snap dir, each checked as a db. */
  snapDbs: DbFacts[];
  findings: InputFinding[];
  /** The worst action over the findings. */
  etcdOnStart: StartAction;
}

const ACTION_RANK: Record<StartAction, number> = { run: 0, 'repair-tail': 1, refuse: 2 };
const MAX_REPORTED = 20;

/** Verifies each input; a path that cannot be opened at all throws (exit 3). */
export async function verifyInputs(paths: readonly string[]): Promise<InputReport[]> {
  const out: InputReport[] = [];
  for (const p of paths) out.push(await verifyInput(p));
  return out;
}

export async function verifyInput(target: string): Promise<InputReport> {
  const st = await statPath(target);
  if (!st) throw new ForensicsError('verify', 'no such file or directory', { file: target });
  const kind = st.isDirectory() ? await dirKind(target) : await sniffFile(target, Number(st.size));
  const report: InputReport = { target, kind, segments: [], records: 0, entries: 0, snapshots: [], snapDbs: [], findings: [], ok: true, etcdOnStart: 'run' };
  switch (kind) {
    case 'empty-file':
      report.findings.push({ severity: 'corruption', code: 'empty-file', file: target, offset: 0, etcdOnStart: 'refuse', message: 'empty file: not a bolt db, WAL segment or raft snapshot' });
      break;
    case 'unknown':
      report.findings.push(
        st.isDirectory()
          ? { severity: 'warning', code: 'not-etcd', file: target, etcdOnStart: 'run', message: 'nothing etcd-like here (no member/, wal/, snap/, db, .wal or .snap); etcd given this data dir would start a new member' }
          : { severity: 'corruption', code: 'unknown-format', file: target, offset: 0, etcdOnStart: 'refuse', message: 'not a bolt db (no meta magic 0xed0cdaed, no page headers), WAL segment (no crc record frame) or raft snapshot' },
      );
      break;
    case 'db':
    case 'snapshot-file':
      report.db = await verifyDb(target, report.findings, kind === 'snapshot-file');
      break;
    case 'wal-file':
    case 'snap-file':
    case 'wal-dir': {
      const { report: w } = await verifyWalPath(target);
      mergeWal(report, w);
      break;
    }
    case 'data-dir':
      await verifyDataDir(target, report);
      break;
  }
  report.ok = !report.findings.some((f) => f.severity !== 'info');
  report.etcdOnStart = report.findings.reduce<StartAction>((worst, f) => (ACTION_RANK[f.etcdOnStart] > ACTION_RANK[worst] ? f.etcdOnStart : worst), 'run');
  return report;
}

function startActionOf(f: Finding): StartAction {
  if (f.severity === 'corruption') return 'refuse';
  if (f.severity === 'torn-tail') return 'repair-tail';
  return 'run';
}

function mergeWal(report: InputReport, w: VerifyReport): void {
  const { findings, target: _t, ok: _ok, ...rest } = w;
  Object.assign(report, rest);
  for (const f of findings) report.findings.push({ ...f, etcdOnStart: startActionOf(f) });
}

async function exists(path: string, dir: boolean): Promise<boolean> {
  const s = await statPath(path);
  return dir ? !!s?.isDirectory() : !!s?.isFile();
}

async function dirKind(dir: string): Promise<InputKind> {
  for (const sub of ['member', 'wal', 'snap']) if (await exists(join(dir, sub), true)) return 'data-dir';
  if (await exists(join(dir, 'db'), false)) return 'data-dir';
  const { readdir } = await import('node:fs/promises');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new ForensicsError('verify', describeFsError(err), { file: dir });
  }
  if (names.some((n) => n.endsWith('.wal'))) return 'wal-dir';
  if (names.some((n) => n.endsWith('.snap'))) return 'data-dir';
  return 'unknown';
}

const BOLT_MAGIC = 0xed0cdaed;
const HEAD_BYTES = 2 * 65536 + 64;

/** What a file is, from its first bytes and its size. */
async function sniffFile(path: string, size: number): Promise<InputKind> {
  if (size === 0) return 'empty-file';
  let head: Buffer;
  const fh = await open(path, 'r').catch((err: unknown) => {
    throw new ForensicsError('verify', describeFsError(err), { file: path });
  });
  try {
    head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  const asDb = size % 512 === 32 ? 'snapshot-file' : 'db';
  // Meta page: 16-byte page header, then magic u32 LE. Meta 1 sits at the page size.
  const magicAt = (off: number) => off + 20 <= head.length && head.readUInt32LE(off + 16) === BOLT_MAGIC;
  if (magicAt(0)) return asDb;
  for (let i = 0; i <= 6; i++) if (magicAt(1024 << i)) return asDb;
  // WAL: frame length word (u64 LE, top byte = padding), then walpb.Record{type=4 (crc)}.
  if (head.length >= 10 && head[8] === 0x08 && head[9] === 0x04) {
    const len = Number(head.readBigUInt64LE(0) & 0x00ffffffffffffffn);
    if (len > 0 && len <= size - 8) return 'wal-file';
  }
  // snappb.Snapshot{crc=1 varint, data=2 bytes}.
  if (head[0] === 0x08) {
    let i = 1;
    while (i < head.length && i < 6 && head[i]! & 0x80) i++;
    if (head[i + 1] === 0x12) return 'snap-file';
  }
  // Both metas destroyed: bolt page headers (id u64 LE, flags u16) where pages 2 and 3 start.
  for (let i = 0; i <= 6; i++) {
    const ps = 1024 << i;
    const pageAt = (n: number) => {
      const off = n * ps;
      if (off + 16 > head.length) return false;
      const flags = head.readUInt16LE(off + 8);
      return head.readBigUInt64LE(off) === BigInt(n) && (flags === 0x01 || flags === 0x02 || flags === 0x10);
    };
    if (pageAt(2) && (pageAt(3) || size <= 3 * ps)) return asDb;
  }
  return 'unknown';
}

/** Db checks; pushes findings; returns the facts (undefined when no meta is valid). */
export async function verifyDb(file: string, findings: InputFinding[], snapshotFile: boolean): Promise<DbFacts | undefined> {
  let db: BoltDatabase;
  try {
    db = await openBolt(file);
  } catch (err) {
    if (!(err instanceof ForensicsError)) throw err;
    findings.push({
      severity: 'corruption',
      code: 'db-unreadable',
      file,
      offset: typeof err.offset === 'number' ? err.offset : 0,
      page: 0,
      etcdOnStart: 'refuse',
      message: `${err.detail}; etcd cannot open the backend ("invalid database") and refuses to start`,
    });
    return undefined;
  }
  try {
    const facts: DbFacts = {
      file,
      pageSize: db.pageSize,
      txid: db.meta.txid,
      hwm: db.meta.pgid,
      members: [],
      removedMembers: [],
      keyBucketEntries: 0,
    };
    for (const [n, m] of [db.metas.meta0, db.metas.meta1].entries()) {
      if (m?.invalid) {
        findings.push({ severity: 'warning', code: 'db-meta-invalid', file, page: n, offset: n * db.pageSize, etcdOnStart: 'run', message: `meta page ${n} is invalid (${m.invalid}); bbolt opens the db with meta ${1 - n} (txid ${db.meta.txid})` });
      }
    }
    const check = await checkBolt(db);
    for (const f of check.findings.slice(0, MAX_REPORTED)) {
      findings.push({ severity: 'corruption', code: 'bolt-check', file, page: f.pgid, offset: f.pgid * db.pageSize, etcdOnStart: 'run', message: `bolt check: ${f.message}; etcd does not check the tree on start and fails when it reads the page` });
    }
    if (check.findings.length > MAX_REPORTED) {
      findings.push({ severity: 'corruption', code: 'bolt-check', file, etcdOnStart: 'run', message: `bolt check: ${check.findings.length - MAX_REPORTED} more findings (run \`bolt check\` for all)` });
    }
    await checkKeyBucket(db, facts, findings);
    await readMetaAndMembers(db, facts, findings);
    if (snapshotFile) {
      facts.trailer = await verifyTrailer(db);
      if (facts.trailer.state === 'mismatch') {
        findings.push({
          severity: 'corruption',
          code: 'snapshot-trailer-mismatch',
          file,
          offset: db.source.size - 32,
          etcdOnStart: 'refuse',
          message: `SHA-256 trailer ${facts.trailer.stored} does not match the bytes before it (${facts.trailer.computed}); etcdctl snapshot restore refuses it ("expected sha256") unless --skip-hash-check`,
        });
      }
    }
    return facts;
  } finally {
    await db.close();
  }
}

async function checkKeyBucket(db: BoltDatabase, facts: DbFacts, findings: InputFinding[]): Promise<void> {
  let bad = 0;
  try {
    const keys = await db.bucket('key');
    if (!keys) return;
    for await (const e of keys.entries()) {
      facts.keyBucketEntries++;
      try {
        parseRevisionKey(e.key, { file: db.path, page: e.pgid });
        if (e.value === null) throw new ForensicsError('mvcc', 'nested bucket inside the key bucket');
        decodeKeyValue(e.value, { file: db.path });
      } catch (err) {
        if (!(err instanceof ForensicsError)) throw err;
        if (++bad <= MAX_REPORTED) {
          findings.push({ severity: 'corruption', code: 'key-undecodable', file: db.path, page: Number(e.pgid), etcdOnStart: 'refuse', message: `key bucket entry ${e.index} of page ${e.pgid}: ${err.detail}; etcd's mvcc restore decodes every entry on start and panics` });
        }
      }
    }
  } catch (err) {
    if (!(err instanceof ForensicsError)) throw err;
    findings.push({ severity: 'corruption', code: 'key-undecodable', file: db.path, etcdOnStart: 'refuse', message: `key bucket unreadable: ${err.detail}` });
  }
  if (bad > MAX_REPORTED) {
    findings.push({ severity: 'corruption', code: 'key-undecodable', file: db.path, etcdOnStart: 'refuse', message: `${bad - MAX_REPORTED} more undecodable key bucket entries` });
  }
}

async function readMetaAndMembers(db: BoltDatabase, facts: DbFacts, findings: InputFinding[]): Promise<void> {
  try {
    const meta = await db.bucket('meta');
    const ci = await meta?.get(new TextEncoder().encode('consistent_index'));
    if (ci) facts.consistentIndex = decodeUint64Be(ci, 'meta/consistent_index', { file: db.path });
    const term = await meta?.get(new TextEncoder().encode('term'));
    if (term) facts.term = decodeUint64Be(term, 'meta/term', { file: db.path });
    for (const [name, list] of [
      ['members', facts.members],
      ['members_removed', facts.removedMembers],
    ] as const) {
      const b = await db.bucket(name);
      if (!b) continue;
      for await (const e of b.entries()) list.push(decodeMemberIdKey(e.key, { file: db.path }));
    }
  } catch (err) {
    if (!(err instanceof ForensicsError)) throw err;
    findings.push({ severity: 'corruption', code: 'meta-undecodable', file: db.path, etcdOnStart: 'refuse', message: `meta or members bucket: ${err.detail}` });
  }
}

async function firstExisting(candidates: string[], dir: boolean): Promise<string | undefined> {
  for (const c of candidates) if (await exists(c, dir)) return c;
  return undefined;
}

async function verifyDataDir(target: string, report: InputReport): Promise<void> {
  const { report: w, wal } = await verifyWalPath(target);
  mergeWal(report, w);
  const snapDir = await firstExisting([join(target, 'member', 'snap'), join(target, 'snap'), target], true);
  const dbPath = snapDir ? await firstExisting([join(snapDir, 'db')], false) : undefined;
  const newest = report.snapshots.filter((s) => s.ok && s.index !== undefined).sort((a, b) => (a.index! < b.index! ? 1 : -1))[0];
  const listing = snapDir ? await listSnapDir(snapDir) : undefined;
  for (const d of listing?.snapDbs ?? []) {
    const facts = await verifyDb(d.path, report.findings, false);
    if (facts) report.snapDbs.push(facts);
  }
  if (!dbPath) {
    const behind = newest?.index !== undefined && newest.index > 0n;
    report.findings.push({
      severity: 'warning',
      code: 'db-missing',
      file: snapDir ?? target,
      etcdOnStart: behind ? 'refuse' : 'run',
      message: behind
        ? `no db: etcd would need the db of snapshot index ${newest.index} and refuses to start`
        : 'no db: etcd creates an empty one and re-applies the WAL from its first entry',
    });
    return;
  }
  const db = await verifyDb(dbPath, report.findings, false);
  report.db = db;
  if (db?.consistentIndex === undefined) return;
  const ci = db.consistentIndex;
  if (newest?.index !== undefined && ci < newest.index) {
    const snapDb = listing?.snapDbs.find((d) => d.index === newest.index);
    report.findings.push(
      snapDb
        ? { severity: 'info', code: 'db-behind-snapshot', file: dbPath, etcdOnStart: 'run', message: `db consistent_index ${ci} is older than the newest .snap (index ${newest.index}); etcd replaces the db with ${snapDb.name} on start` }
        : {
            severity: 'corruption',
            code: 'db-behind-snapshot',
            file: dbPath,
            etcdOnStart: 'refuse',
            message: `db consistent_index ${ci} is older than the newest .snap ${newest.file} (index ${newest.index}); etcd refuses to start ("failed to find database snapshot file (snap: snapshot file doesn't exist)")`,
          },
    );
  }
  const commit = report.hardState?.commit;
  if (commit !== undefined && ci > commit) {
    report.findings.push({
      severity: 'warning',
      code: 'db-ahead-of-wal',
      file: dbPath,
      etcdOnStart: 'run',
      message: `db consistent_index ${ci} is past the WAL's commit index ${commit} (last entry ${report.lastIndex ?? 'none'}): the db holds writes this log never committed (a WAL from an older copy, or a lost WAL tail); etcd starts, skips entries up to ${ci}, and this member may disagree with the cluster`,
    });
  }
  if (wal) await compareMembers(report, db, wal, dbPath);
}

/**
 * Members the WAL implies at the db's consistent index (the newest .snap at or below it,
 * then the conf changes after it) vs the db's members bucket. Skipped when the WAL has
 * ConfChangeV2 entries or does not reach back to a snapshot or index 1.
 */
async function compareMembers(report: InputReport, db: DbFacts, wal: WalFacts, dbPath: string): Promise<void> {
  const ci = db.consistentIndex;
  if (wal.confChangesV2 > 0 || ci === undefined) return;
  const snap = report.snapshots.filter((s) => s.ok && s.index !== undefined && s.index <= ci).sort((a, b) => (a.index! < b.index! ? 1 : -1))[0];
  const expected = new Set<bigint>();
  let from = 0n;
  if (snap) {
    const cs = (await readSnapFile(snap.file)).confState;
    for (const id of [...cs.voters, ...cs.learners]) expected.add(id);
    from = snap.index!;
  } else if (wal.coveredFrom !== 0n) return;
  if (from < wal.coveredFrom) return;
  const upTo = report.hardState && report.hardState.commit < ci ? report.hardState.commit : ci;
  for (const cc of wal.confChanges) {
    if (cc.index <= from || cc.index > upTo) continue;
    if (cc.type === 0 || cc.type === 3) expected.add(cc.nodeId);
    else if (cc.type === 1) expected.delete(cc.nodeId);
  }
  if (expected.size === 0 && !snap) return; // no conf change seen: nothing to compare with
  const inDb = new Set(db.members);
  const missing = [...expected].filter((id) => !inDb.has(id));
  const extra = [...inDb].filter((id) => !expected.has(id));
  if (missing.length === 0 && extra.length === 0) return;
  const hex = (ids: bigint[]) => ids.map((id) => id.toString(16)).join(', ');
  report.findings.push({
    severity: 'warning',
    code: 'members-mismatch',
    file: dbPath,
    etcdOnStart: 'run',
    message:
      `members in the db differ from the WAL's membership at index ${upTo}` +
      `${missing.length ? `; in the WAL, not in the db: ${hex(missing)}` : ''}${extra.length ? `; in the db, not in the WAL: ${hex(extra)}` : ''}` +
      '; etcd 3.4 starts from the membership of its snapshot and WAL',
  });
}

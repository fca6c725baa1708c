// Offline verification of a WAL (and the raft snapshots beside it): the CRC chain across
// records and files, frame integrity, etcd's torn-tail rule, metadata consistency,
// segment sequence, entry index continuity, and that every .snap file is intact and
// matches a snapshot record in the WAL. Returns findings; throws only when nothing can
// be read at all.
import { basename, join } from 'node:path';
import { ForensicsError } from '../errors.js';
import { statPath } from '../io/byte-source.js';
import { decodeConfChange, decodeEntry, decodeWalMetadata, ENTRY_CONF_CHANGE, ENTRY_CONF_CHANGE_V2, decodeWalSnapshot, decodeHardState, type HardState } from '../proto/messages.js';
import { ProtoError } from '../proto/wire.js';
import { listSnapDir } from '../snap/names.js';
import { readSnapFile } from '../snap/snap-file.js';
import { RECORD_CRC, RECORD_ENTRY, RECORD_METADATA, RECORD_SNAPSHOT, RECORD_STATE } from './frame.js';
import { findSequenceGap, listWalDir, parseWalName, type WalSegmentName } from './names.js';
import { hex32, walEvents } from './records.js';

export type FindingSeverity = 'corruption' | 'torn-tail' | 'warning' | 'info';

export type FindingCode =
  | 'crc-mismatch'
  | 'torn-tail'
  | 'truncated-frame'
  | 'bad-record'
  | 'bad-entry'
  | 'unknown-record-type'
  | 'metadata-conflict'
  | 'missing-segment'
  | 'no-segments'
  | 'missing-crc-record'
  | 'entry-gap'
  | 'snap-corrupt'
  | 'snapshot-term-mismatch'
  | 'snapshot-record-missing'
  | 'broken-file'
  | 'snap-db';

export interface Finding {
  severity: FindingSeverity;
  code: FindingCode;
  file?: string;
  offset?: number;
  /** Record number inside the file (0-based). */
  record?: number;
  expectedCrc?: number;
  actualCrc?: number;
  message: string;
}

export interface VerifyReport {
  target: string;
  walDir?: string;
  snapDir?: string;
  segments: string[];
  records: number;
  entries: number;
  firstIndex?: bigint;
  lastIndex?: bigint;
  hardState?: HardState;
  snapshots: { file: string; index?: bigint; term?: bigint; ok: boolean }[];
  findings: Finding[];
  /** No finding above 'info'. */
  ok: boolean;
}

/** Verifies a data dir, a member dir, a WAL dir, one `.wal` file or one `.snap` file. */
export async function verifyPath(target: string): Promise<VerifyReport> {
  return (await verifyWalPath(target)).report;
}

/** What the WAL says beyond findings, for checks across the db and the log. */
export interface WalFacts {
  /** Snapshot records: index → term. */
  marks: Map<bigint, bigint>;
  /** Lowest index the WAL still covers (older snapshots may predate it). */
  coveredFrom: bigint;
  /** Conf changes in log order (EntryConfChange; V2 changes are counted, not decoded). */
  confChanges: { index: bigint; type: number; nodeId: bigint }[];
  confChangesV2: number;
  nodeId?: bigint;
  clusterId?: bigint;
}

/** verifyPath plus the WAL facts (undefined when no WAL segment was read). */
export async function verifyWalPath(target: string): Promise<{ report: VerifyReport; wal: WalFacts | undefined }> {
  let wal: WalFacts | undefined;
  const st = await statPath(target);
  if (!st) throw new ForensicsError('verify', 'no such file or directory', { file: target });
  const report: VerifyReport = { target, segments: [], records: 0, entries: 0, snapshots: [], findings: [], ok: true };
  if (st.isFile()) {
    if (target.endsWith('.snap')) await verifySnapshots(report, [target], undefined);
    else wal = await verifyWalSegments(report, [{ name: basename(target), path: target, seq: 0n, index: 0n }], true);
  } else {
    const walDir = await firstDir([join(target, 'member', 'wal'), join(target, 'wal')], target);
    const snapDir = await firstDir([join(target, 'member', 'snap'), join(target, 'snap')], undefined);
    report.walDir = walDir;
    report.snapDir = snapDir;
    const walSnaps = await verifyWalDir(report, walDir);
    wal = walSnaps;
    if (snapDir) {
      const listing = await listSnapDir(snapDir);
      for (const b of listing.broken) {
        report.findings.push({ severity: 'info', code: 'broken-file', file: join(snapDir, b), message: 'snapshot etcd failed to load and renamed to .broken' });
      }
      for (const d of listing.snapDbs) {
        report.findings.push({
          severity: 'info',
          code: 'snap-db',
          file: d.path,
          message: `bolt db received from the leader for snapshot index ${d.index} (check it with the db commands)`,
        });
      }
      await verifySnapshots(report, listing.snaps.map((s) => s.path), walSnaps);
    }
  }
  report.ok = !report.findings.some((f) => f.severity !== 'info');
  return { report, wal };
}

async function firstDir(candidates: string[], fallback: string | undefined): Promise<string | undefined> {
  for (const c of candidates) {
    const s = await statPath(c);
    if (s?.isDirectory()) return c;
  }
  return fallback;
}

type WalSnapshotMarks = WalFacts;

async function verifyWalDir(report: VerifyReport, walDir: string | undefined): Promise<WalSnapshotMarks | undefined> {
  if (!walDir) return undefined;
  const listing = await listWalDir(walDir);
  for (const b of listing.broken) {
    report.findings.push({ severity: 'info', code: 'broken-file', file: join(walDir, b), message: "copy of a torn WAL file left by etcd's repair; not part of the log" });
  }
  if (listing.segments.length === 0) {
    report.findings.push({ severity: 'corruption', code: 'no-segments', file: walDir, message: 'no WAL segments (<seq>-<index>.wal, 16 hex digits each) in this directory' });
    return undefined;
  }
  const gap = findSequenceGap(listing.segments);
  if (gap) {
    report.findings.push({
      severity: 'corruption',
      code: 'missing-segment',
      file: join(walDir, gap.after),
      message: `segment sequence broken: ${gap.before} is followed by ${gap.after} (a segment is missing)`,
    });
  }
  return verifyWalSegments(report, listing.segments, false);
}

async function verifyWalSegments(report: VerifyReport, segments: WalSegmentName[], singleFile: boolean): Promise<WalSnapshotMarks> {
  report.segments = segments.map((s) => s.name);
  const marks = new Map<bigint, bigint>();
  const coveredFrom = parseWalName(segments[0]!.name)?.index ?? 0n;
  const facts: WalFacts = { marks, coveredFrom, confChanges: [], confChangesV2: 0 };
  let metadata: Uint8Array | undefined;
  let lastIndex: bigint | undefined;
  let expectCrcFirst = true;
  let lastSegment = -1;
  const add = (f: Finding): void => {
    report.findings.push(f);
  };
  for await (const ev of walEvents(segments, { salvage: true })) {
    if (ev.kind === 'segment-end') continue;
    if (ev.kind === 'problem') {
      const base = { file: ev.path, offset: ev.offset, record: ev.recordInFile };
      switch (ev.problem) {
        case 'crc-mismatch':
          add({
            ...base,
            severity: 'corruption',
            code: 'crc-mismatch',
            expectedCrc: ev.expectedCrc,
            actualCrc: ev.storedCrc,
            message:
              `crc mismatch in ${ev.recordType} record: stored ${hex32(ev.storedCrc!)} (${ev.storedCrc}), chain expects ${hex32(ev.expectedCrc!)} (${ev.expectedCrc}); ` +
              `corruption, not a torn write (etcd: "${ev.etcdError}", cannot be repaired)`,
          });
          break;
        case 'torn-write':
        case 'truncated':
          if (ev.lastSegment || singleFile) {
            add({ ...base, severity: 'torn-tail', code: 'torn-tail', message: `torn tail: ${ev.detail}; etcd drops this last record on start (repair truncates the file here)` });
          } else {
            add({ ...base, severity: 'corruption', code: 'truncated-frame', message: `truncated frame in a segment that is not the last: ${ev.detail}` });
          }
          break;
        case 'bad-record':
          add({ ...base, severity: 'corruption', code: 'bad-record', message: `corruption: ${ev.detail}` });
          break;
      }
      continue;
    }
    report.records++;
    if (ev.segment !== lastSegment) {
      lastSegment = ev.segment;
      expectCrcFirst = true;
    }
    if (expectCrcFirst && ev.type !== RECORD_CRC && !singleFile) {
      add({ severity: 'warning', code: 'missing-crc-record', file: ev.path, offset: ev.offset, record: ev.recordInFile, message: `segment does not start with a crc record (starts with ${ev.typeName})` });
    }
    expectCrcFirst = false;
    const at = { file: ev.path, offset: ev.offset, record: ev.recordInFile };
    try {
      switch (ev.type) {
        case RECORD_METADATA:
          {
            const md = decodeWalMetadata(ev.data);
            facts.nodeId ??= md.nodeId;
            facts.clusterId ??= md.clusterId;
          }
          if (metadata && !bytesEqual(metadata, ev.data)) {
            add({ ...at, severity: 'corruption', code: 'metadata-conflict', message: 'metadata record differs from the first one (etcd: "wal: conflicting metadata found")' });
          }
          metadata ??= ev.data;
          break;
        case RECORD_ENTRY: {
          const e = decodeEntry(ev.data);
          report.entries++;
          if (e.type === ENTRY_CONF_CHANGE) {
            const cc = decodeConfChange(e.data);
            // A later entry with the same index overwrites an earlier one (new leader's log).
            while (facts.confChanges.length && facts.confChanges[facts.confChanges.length - 1]!.index >= e.index) facts.confChanges.pop();
            facts.confChanges.push({ index: e.index, type: cc.type, nodeId: cc.nodeId });
          } else if (e.type === ENTRY_CONF_CHANGE_V2) facts.confChangesV2++;
          if (lastIndex !== undefined && e.index > lastIndex + 1n) {
            add({ ...at, severity: 'corruption', code: 'entry-gap', message: `entry index ${e.index} follows ${lastIndex}: entries ${lastIndex + 1n}..${e.index - 1n} are missing` });
          }
          if (report.firstIndex === undefined || e.index < report.firstIndex) report.firstIndex = e.index;
          lastIndex = e.index;
          report.lastIndex = e.index;
          break;
        }
        case RECORD_STATE:
          report.hardState = decodeHardState(ev.data);
          break;
        case RECORD_SNAPSHOT: {
          const s = decodeWalSnapshot(ev.data);
          marks.set(s.index, s.term);
          break;
        }
        case RECORD_CRC:
          break;
        default:
          add({ ...at, severity: 'corruption', code: 'unknown-record-type', message: `unknown record type ${ev.type}` });
      }
    } catch (err) {
      if (!(err instanceof ProtoError)) throw err;
      add({ ...at, severity: 'corruption', code: 'bad-entry', message: `${ev.typeName} record data does not parse: ${err.message}` });
    }
  }
  return facts;
}

async function verifySnapshots(report: VerifyReport, paths: string[], wal: WalSnapshotMarks | undefined): Promise<void> {
  for (const path of paths) {
    try {
      const snap = await readSnapFile(path);
      report.snapshots.push({ file: path, index: snap.index, term: snap.term, ok: true });
      if (!wal) continue;
      const term = wal.marks.get(snap.index);
      if (term === undefined) {
        if (snap.index >= wal.coveredFrom) {
          add(report, { severity: 'warning', code: 'snapshot-record-missing', file: path, message: `no WAL snapshot record for index ${snap.index} (term ${snap.term})` });
        }
      } else if (term !== snap.term) {
        add(report, { severity: 'corruption', code: 'snapshot-term-mismatch', file: path, message: `WAL snapshot record for index ${snap.index} has term ${term}, the .snap file term ${snap.term}` });
      }
    } catch (err) {
      if (!(err instanceof ForensicsError)) throw err;
      report.snapshots.push({ file: path, ok: false });
      add(report, { severity: 'corruption', code: 'snap-corrupt', file: path, offset: typeof err.offset === 'number' ? err.offset : undefined, message: err.detail });
    }
  }
}

function add(report: VerifyReport, f: Finding): void {
  report.findings.push(f);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

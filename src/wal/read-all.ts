// etcd's WAL ReadAll in read-only mode (wal.go ReadAll, OpenForRead), as etcd-dump-logs
// uses it: from a start snapshot {index, term}, collect metadata, the last HardState and
// the entries with index > start.index, where a later entry with index i replaces every
// entry from i on (raft log truncation). A gap is ErrSliceOutOfRange.
//
// Entries are kept as record ordinals (8 bytes each), not bytes, so memory stays flat
// for multi-GB logs; `walEntries()` streams their data in a second pass.
import { decodeEntry, decodeHardState, decodeWalSnapshot, type Entry, type HardState } from '../proto/messages.js';
import { ProtoError } from '../proto/wire.js';
import { RECORD_CRC, RECORD_ENTRY, RECORD_METADATA, RECORD_SNAPSHOT, RECORD_STATE } from './frame.js';
import { listWalDir, selectWalSegments, type WalSegmentName } from './names.js';
import { walEvents, type WalProblem, type WalSegmentEnd } from './records.js';

export interface WalStart {
  index: bigint;
  term: bigint;
}

export type WalReadErrorCode =
  | 'crc-mismatch'
  | 'bad-record'
  | 'bad-entry'
  | 'metadata-conflict'
  | 'snapshot-mismatch'
  | 'snapshot-not-found'
  | 'slice-out-of-range'
  | 'unexpected-record-type';

export interface WalReadError {
  code: WalReadErrorCode;
  /** The error text etcd's reader returns for this case. */
  etcdMessage: string;
  detail: string;
  file?: string;
  offset?: number;
}

export interface WalReadAll {
  dir: string;
  start: WalStart;
  segments: WalSegmentName[];
  /** Raw etcdserverpb.Metadata bytes of the first metadata record. */
  metadata: Uint8Array | undefined;
  state: HardState;
  /** Index of entryOrdinals[0] (start.index + 1). */
  firstIndex: bigint;
  /** Record ordinal of each kept entry, in index order. */
  entryOrdinals: number[];
  snapshotMatched: boolean;
  /** How the record stream ended: a clean end of the last file, or the problem that stopped it. */
  end: WalProblem | WalSegmentEnd | undefined;
  /** The error etcd's ReadAll returns (undefined = success). */
  error: WalReadError | undefined;
  /** Records read. */
  records: number;
}

export interface WalReadAllOptions {
  start?: WalStart;
}

const ZERO_STATE: HardState = { term: 0n, vote: 0n, commit: 0n };

/** ReadAll over the WAL directory `walDir`, selecting segments from `start.index`. */
export async function readWalAll(walDir: string, opts: WalReadAllOptions = {}): Promise<WalReadAll> {
  const start = opts.start ?? { index: 0n, term: 0n };
  const listing = await listWalDir(walDir);
  const segments = selectWalSegments(listing, start.index);
  const res: WalReadAll = {
    dir: walDir,
    start,
    segments,
    metadata: undefined,
    state: ZERO_STATE,
    firstIndex: start.index + 1n,
    entryOrdinals: [],
    snapshotMatched: false,
    end: undefined,
    error: undefined,
    records: 0,
  };
  const fail = (code: WalReadErrorCode, etcdMessage: string, detail: string, file?: string, offset?: number): WalReadAll => {
    res.error = { code, etcdMessage, detail, file, offset };
    res.state = ZERO_STATE; // etcd resets the state it returns on error
    return res;
  };
  for await (const ev of walEvents(segments)) {
    if (ev.kind === 'segment-end') {
      res.end = ev;
      continue;
    }
    if (ev.kind === 'problem') {
      res.end = ev;
      if (ev.etcd === 'fail') {
        return fail(ev.problem === 'crc-mismatch' ? 'crc-mismatch' : 'bad-record', ev.etcdError, ev.detail, ev.path, ev.offset);
      }
      break;
    }
    res.records++;
    switch (ev.type) {
      case RECORD_ENTRY: {
        let e: Entry;
        try {
          e = decodeEntry(ev.data);
        } catch (err) {
          if (!(err instanceof ProtoError)) throw err;
          return fail('bad-entry', err.message, `entry record does not parse as raftpb.Entry: ${err.message}`, ev.path, ev.offset);
        }
        if (e.index > start.index) {
          const up = e.index - start.index - 1n;
          if (up > BigInt(res.entryOrdinals.length)) {
            return fail(
              'slice-out-of-range',
              'wal: slice bounds out of range',
              `entry index ${e.index} leaves a gap after index ${res.firstIndex + BigInt(res.entryOrdinals.length) - 1n}`,
              ev.path,
              ev.offset,
            );
          }
          res.entryOrdinals.length = Number(up);
          res.entryOrdinals.push(ev.ordinal);
        }
        break;
      }
      case RECORD_STATE:
        try {
          res.state = decodeHardState(ev.data);
        } catch (err) {
          if (!(err instanceof ProtoError)) throw err;
          // etcd's mustUnmarshalState panics here; we report where and go no further
          return fail('bad-record', err.message, `state record does not parse as raftpb.HardState: ${err.message}`, ev.path, ev.offset);
        }
        break;
      case RECORD_METADATA:
        if (res.metadata !== undefined && !bytesEqual(res.metadata, ev.data)) {
          return fail('metadata-conflict', 'wal: conflicting metadata found', 'metadata record differs from the first one', ev.path, ev.offset);
        }
        res.metadata = ev.data;
        break;
      case RECORD_CRC:
        break; // checked and re-seeded by the record stream
      case RECORD_SNAPSHOT: {
        let s: ReturnType<typeof decodeWalSnapshot>;
        try {
          s = decodeWalSnapshot(ev.data);
        } catch (err) {
          if (!(err instanceof ProtoError)) throw err;
          return fail('bad-record', err.message, `snapshot record does not parse as walpb.Snapshot: ${err.message}`, ev.path, ev.offset);
        }
        if (s.index === start.index) {
          if (s.term !== start.term) {
            return fail('snapshot-mismatch', 'wal: snapshot mismatch', `snapshot record index ${s.index} has term ${s.term}, expected ${start.term}`, ev.path, ev.offset);
          }
          res.snapshotMatched = true;
        }
        break;
      }
      default:
        return fail('unexpected-record-type', `unexpected block type ${ev.type}`, `unknown record type ${ev.type}`, ev.path, ev.offset);
    }
  }
  if (!res.snapshotMatched) {
    res.error = {
      code: 'snapshot-not-found',
      etcdMessage: 'wal: snapshot not found',
      detail: `no snapshot record for index ${start.index} term ${start.term}`,
    };
  }
  return res;
}

/** Number of entries ReadAll kept. */
export function entryCount(r: WalReadAll): number {
  return r.entryOrdinals.length;
}

/** Streams the entries ReadAll kept, in index order (a second pass over the segments). */
export async function* walEntries(r: WalReadAll): AsyncGenerator<Entry & { file: string; offset: number }> {
  const wanted = r.entryOrdinals;
  if (wanted.length === 0) return;
  let k = 0;
  for await (const ev of walEvents(r.segments, { verifyCrc: false })) {
    if (ev.kind !== 'record') {
      if (ev.kind === 'problem') return;
      continue;
    }
    if (ev.ordinal !== wanted[k]) continue;
    yield { ...decodeEntry(ev.data), file: ev.file, offset: ev.offset };
    if (++k >= wanted.length) return;
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

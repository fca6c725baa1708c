// The WAL record stream: frames → walpb.Record, the rolling CRC-32C across records and
// files, and etcd's end-of-log rules. One async generator, reading each segment through
// a small block cache (never a whole file in memory).
//
// CRC chain (wal/encoder.go, wal.go ReadAll): crc = crc32c(record.data, crc) for every
// record that is not a CRC record, and record.crc must equal it. A CRC record carries
// the chain value at the end of the previous file; it must match the running value
// (unless that is 0: a reader starting mid-log) and re-seeds it.
//
// Strict mode (default) stops at the first problem, as etcd does; salvage mode reports
// the problem and goes on (re-seeding after a CRC mismatch, scanning for the next
// plausible frame after unparseable bytes, moving to the next file after a cut one).
import { FileByteSource, type ByteSource } from '../io/byte-source.js';
import { crc32c } from '../io/crc32c.js';
import { ProtoError } from '../proto/wire.js';
import { decodeWalRecordProto } from '../proto/messages.js';
import {
  decodeFrameSize,
  FRAME_HEADER_BYTES,
  isTornPayload,
  RECORD_CRC,
  recordTypeName,
  type WalRecordTypeName,
} from './frame.js';
import { basename } from 'node:path';

export interface WalRecord {
  kind: 'record';
  /** Segment file name and path. */
  file: string;
  path: string;
  /** Position of the segment in the list being read. */
  segment: number;
  /** File offset of the frame (its length field). */
  offset: number;
  /** Record number across all files read (0-based). */
  ordinal: number;
  /** Record number inside its file (0-based). */
  recordInFile: number;
  lenField: bigint;
  recBytes: number;
  padBytes: number;
  type: number;
  typeName: WalRecordTypeName;
  /** CRC stored in the record. */
  storedCrc: number;
  /**
   * CRC the chain expects: the running value after this record's data, or for a CRC
   * record the running value before it (0 = nothing to compare, reader started mid-log).
   */
  expectedCrc: number;
  crcOk: boolean;
  data: Uint8Array;
}

export type WalProblemKind =
  /** Frame header or payload runs past the end of the file. */
  | 'truncated'
  /** Record did not parse/verify and a 512-byte sector chunk of it is all zeros (last file only). */
  | 'torn-write'
  | 'crc-mismatch'
  /** Bytes that do not parse as a walpb.Record (not a torn write). */
  | 'bad-record';

export interface WalProblem {
  kind: 'problem';
  problem: WalProblemKind;
  file: string;
  path: string;
  segment: number;
  offset: number;
  recordInFile: number;
  /** True when the problem is in the last segment read (where etcd accepts torn tails). */
  lastSegment: boolean;
  /** What etcd's reader does: 'end' = treats it as the end of the log (io.ErrUnexpectedEOF); 'fail' = returns `etcdError`. */
  etcd: 'end' | 'fail';
  etcdError: string;
  detail: string;
  storedCrc?: number;
  expectedCrc?: number;
  recordType?: WalRecordTypeName;
}

export interface WalSegmentEnd {
  kind: 'segment-end';
  file: string;
  path: string;
  segment: number;
  /** Offset where records ended. */
  offset: number;
  reason: 'zero-length' | 'end-of-file';
  records: number;
}

export type WalEvent = WalRecord | WalProblem | WalSegmentEnd;

export interface WalReadOptions {
  /** Keep going past problems (default false: stop at the first, as etcd does). */
  salvage?: boolean;
  /** Compute and check CRCs (default true). */
  verifyCrc?: boolean;
  /** Opens a segment; defaults to a read-only FileByteSource. */
  open?: (path: string) => Promise<ByteSource>;
}

export interface SegmentRef {
  name?: string;
  path: string;
}

const BLOCK = 1 << 20;

function openSegment(path: string): Promise<ByteSource> {
  return FileByteSource.open(path, { blockSize: BLOCK, cacheBytes: 4 * BLOCK });
}

/** Streams every record (and problem) of the given segments, in order. */
export async function* walEvents(segments: readonly (SegmentRef | string)[], opts: WalReadOptions = {}): AsyncGenerator<WalEvent> {
  const salvage = opts.salvage ?? false;
  const verify = opts.verifyCrc ?? true;
  const open = opts.open ?? openSegment;
  let crc = 0;
  let ordinal = 0;
  for (let si = 0; si < segments.length; si++) {
    const seg = segments[si]!;
    const path = typeof seg === 'string' ? seg : seg.path;
    const file = typeof seg === 'string' ? basename(seg) : (seg.name ?? basename(seg.path));
    const last = si === segments.length - 1;
    const src = await open(path);
    try {
      let off = 0;
      let inFile = 0;
      const problem = (p: Omit<WalProblem, 'kind' | 'file' | 'path' | 'segment' | 'lastSegment' | 'recordInFile'>): WalProblem => ({
        kind: 'problem',
        file,
        path,
        segment: si,
        lastSegment: last,
        recordInFile: inFile,
        ...p,
      });
      for (;;) {
        if (off >= src.size) {
          yield { kind: 'segment-end', file, path, segment: si, offset: off, reason: 'end-of-file', records: inFile };
          break;
        }
        if (src.size - off < FRAME_HEADER_BYTES) {
          yield problem({
            problem: 'truncated',
            offset: off,
            etcd: 'end',
            etcdError: 'unexpected EOF',
            detail: `frame length field cut short: ${src.size - off} of 8 bytes before end of file (size ${src.size})`,
          });
          if (!salvage) return;
          break;
        }
        const head = await src.read(off, FRAME_HEADER_BYTES);
        const lenField = readU64(head);
        if (lenField === 0n) {
          yield { kind: 'segment-end', file, path, segment: si, offset: off, reason: 'zero-length', records: inFile };
          break;
        }
        const { recBytes, padBytes } = decodeFrameSize(lenField);
        const payloadLen = recBytes + padBytes;
        if (payloadLen > src.size - off - FRAME_HEADER_BYTES) {
          yield problem({
            problem: 'truncated',
            offset: off,
            etcd: 'end',
            etcdError: 'unexpected EOF',
            detail: `frame of ${recBytes}+${padBytes} bytes runs past end of file (size ${src.size}, ${src.size - off - FRAME_HEADER_BYTES} bytes left)`,
          });
          if (!salvage) return;
          const next = await resync(src, off + 8);
          if (next < 0) break;
          off = next;
          continue;
        }
        const payload = await src.read(off + FRAME_HEADER_BYTES, payloadLen);
        let rec;
        try {
          rec = decodeWalRecordProto(payload.subarray(0, recBytes));
        } catch (err) {
          if (!(err instanceof ProtoError)) throw err;
          const torn = last && isTornPayload(payload, off + FRAME_HEADER_BYTES);
          yield problem({
            problem: torn ? 'torn-write' : 'bad-record',
            offset: off,
            etcd: torn ? 'end' : 'fail',
            etcdError: torn ? 'unexpected EOF' : err.message,
            detail: torn
              ? `record of ${recBytes} bytes does not parse and has an all-zero 512-byte sector chunk (torn write)`
              : `record of ${recBytes} bytes does not parse as walpb.Record: ${err.message}`,
          });
          if (!salvage) return;
          const next = await resync(src, off + 8);
          if (next < 0) break;
          off = next;
          continue;
        }
        const type = Number(rec.type);
        let expected: number;
        let ok: boolean;
        if (type === RECORD_CRC) {
          expected = crc;
          ok = !verify || crc === 0 || rec.crc === crc;
        } else {
          if (verify) crc = crc32c(rec.data, crc);
          expected = crc;
          ok = !verify || rec.crc === crc;
        }
        const record: WalRecord = {
          kind: 'record',
          file,
          path,
          segment: si,
          offset: off,
          ordinal,
          recordInFile: inFile,
          lenField,
          recBytes,
          padBytes,
          type,
          typeName: recordTypeName(type),
          storedCrc: rec.crc,
          expectedCrc: expected,
          crcOk: ok,
          data: rec.data,
        };
        if (!ok) {
          const torn = type !== RECORD_CRC && last && isTornPayload(payload, off + FRAME_HEADER_BYTES);
          const p = problem({
            problem: torn ? 'torn-write' : 'crc-mismatch',
            offset: off,
            etcd: torn ? 'end' : 'fail',
            etcdError: type === RECORD_CRC ? 'wal: crc mismatch' : torn ? 'unexpected EOF' : 'walpb: crc mismatch',
            detail: `${record.typeName} record crc ${hex32(rec.crc)} (${rec.crc}), chain expects ${hex32(expected)} (${expected})`,
            storedCrc: rec.crc,
            expectedCrc: expected,
            recordType: record.typeName,
          });
          if (!salvage) {
            yield p;
            return;
          }
          yield record;
          yield p;
        } else {
          yield record;
        }
        ordinal++;
        inFile++;
        // Re-seed from the stored value: after a CRC record (etcd's updateCRC), and in
        // salvage mode after a mismatch so one damaged record does not fail all later ones.
        if (verify && (type === RECORD_CRC || !ok)) crc = rec.crc;
        off += FRAME_HEADER_BYTES + payloadLen;
      }
    } finally {
      await src.close();
    }
  }
}

/** Salvage: the next 8-byte aligned offset at or after `from` holding a frame that parses. */
async function resync(src: ByteSource, from: number): Promise<number> {
  const start = from + ((8 - (from % 8)) % 8);
  for (let chunkOff = start; chunkOff + FRAME_HEADER_BYTES <= src.size; chunkOff += BLOCK) {
    const len = Math.min(BLOCK, src.size - chunkOff) & ~7;
    const chunk = await src.read(chunkOff, len);
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let i = 0; i + 8 <= len; i += 8) {
      if (view.getUint32(i, true) === 0 && view.getUint32(i + 4, true) === 0) continue;
      const off = chunkOff + i;
      const lenField = view.getBigUint64(i, true);
      const top = Number(lenField >> 56n);
      if (top !== 0 && (top & 0xf8) !== 0x80) continue;
      const { recBytes, padBytes } = decodeFrameSize(lenField);
      if ((recBytes + padBytes) % 8 !== 0 || recBytes + padBytes > src.size - off - FRAME_HEADER_BYTES) continue;
      try {
        const rec = decodeWalRecordProto(await src.read(off + FRAME_HEADER_BYTES, recBytes));
        if (rec.type >= 1n && rec.type <= 5n) return off;
      } catch {
        // not a frame; keep scanning
      }
    }
  }
  return -1;
}

function readU64(b: Uint8Array): bigint {
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
}

export function hex32(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}

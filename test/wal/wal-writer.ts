// A minimal WAL writer for tests that need logs the fixtures do not have (overwrites,
// gaps, conflicting metadata, several segments). Frame and record layout per etcd's
// wal/encoder.go; protobuf fields written by hand.
import { crc32c } from '../../src/io/crc32c.js';

function varint(n: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function field(id: number, wire: number): number[] {
  return varint(BigInt(id * 8 + wire));
}

export function pbVarint(id: number, v: bigint | number): number[] {
  return [...field(id, 0), ...varint(BigInt(v))];
}

export function pbBytes(id: number, b: Uint8Array | number[]): number[] {
  return [...field(id, 2), ...varint(BigInt(b.length)), ...b];
}

export const entry = (term: number, index: number, data: number[] = [], type = 0): Uint8Array =>
  Uint8Array.from([...pbVarint(1, type), ...pbVarint(2, term), ...pbVarint(3, index), ...(data.length ? pbBytes(4, data) : [])]);
export const metadata = (node: bigint, cluster: bigint): Uint8Array => Uint8Array.from([...pbVarint(1, node), ...pbVarint(2, cluster)]);
export const hardState = (term: number, vote: number, commit: number): Uint8Array => Uint8Array.from([...pbVarint(1, term), ...pbVarint(2, vote), ...pbVarint(3, commit)]);
export const walSnapshot = (index: number, term: number): Uint8Array => Uint8Array.from([...pbVarint(1, index), ...pbVarint(2, term)]);

export type Rec = { type: 1 | 2 | 3 | 4 | 5; data?: Uint8Array; crc?: number };

/** Encodes records as frames, keeping the rolling CRC in `chain.crc` (CRC records carry it). */
export function encodeSegment(records: Rec[], chain: { crc: number }): Buffer {
  const parts: Buffer[] = [];
  for (const r of records) {
    const data = r.data ?? new Uint8Array(0);
    let crc: number;
    if (r.type === 4) crc = r.crc ?? chain.crc;
    else crc = chain.crc = crc32c(data, chain.crc);
    const rec = Buffer.from([...pbVarint(1, r.type), ...pbVarint(2, crc), ...(data.length ? pbBytes(3, data) : [])]);
    const pad = (8 - (rec.length % 8)) % 8;
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(rec.length) | (pad ? BigInt(0x80 | pad) << 56n : 0n));
    parts.push(len, rec, Buffer.alloc(pad));
  }
  return Buffer.concat(parts);
}

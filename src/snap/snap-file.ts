// A raft snapshot file (etcd snap/snapshotter.go):
//   snappb.snapshot{crc=1 uint32, data=2 bytes}, crc = CRC-32C(data)
//   data = raftpb.Snapshot{data=1 (v2 store JSON in 3.4/3.5), metadata=2{conf_state=1, index=2, term=3}}
// etcd's Read: empty file, empty data or crc 0 → "snap: empty snapshot"; CRC mismatch →
// "snap: crc mismatch". The whole file is read: snapshots hold only the v2 store.
import { ChecksumError, CorruptDataError } from '../errors.js';
import { FileByteSource } from '../io/byte-source.js';
import { crc32c } from '../io/crc32c.js';
import { decodeMessage, type DecodedMessage } from '../proto/decode.js';
import { toConfState, type ConfState } from '../proto/messages.js';
import { ProtoError } from '../proto/wire.js';
import { basename } from 'node:path';

export interface RaftSnapshot {
  path: string;
  /** File size in bytes. */
  size: number;
  crc: number;
  /** CRC-32C of the data as computed. */
  computedCrc: number;
  term: bigint;
  index: bigint;
  confState: ConfState;
  /** raftpb.Snapshot.data: the v2 store JSON (3.4/3.5), membership only (3.6), empty (3.7+). */
  payload: Uint8Array;
}

/** Hard cap on a .snap file read into memory (they hold the small v2 store). */
export const MAX_SNAP_BYTES = 512 * 1024 * 1024;

/** Reads and verifies a `.snap` file; throws ChecksumError / CorruptDataError like etcd's snap.Read. */
export async function readSnapFile(path: string): Promise<RaftSnapshot> {
  const src = await FileByteSource.open(path);
  let bytes: Uint8Array;
  try {
    if (src.size > MAX_SNAP_BYTES) throw new CorruptDataError('snap', `file of ${src.size} bytes is larger than any snapshot etcd writes`, { file: path });
    bytes = await src.readDirect(0, src.size);
  } finally {
    await src.close();
  }
  return decodeSnapBytes(bytes, path);
}

export function decodeSnapBytes(bytes: Uint8Array, path = '<memory>'): RaftSnapshot {
  if (bytes.length === 0) throw new CorruptDataError('snap', 'empty snapshot (file is empty)', { file: path, offset: 0 });
  let outer: DecodedMessage;
  try {
    outer = decodeMessage('snappb.snapshot', bytes);
  } catch (err) {
    if (err instanceof ProtoError) throw new CorruptDataError('snap', `not a snappb.snapshot: ${err.message}`, { file: path, offset: err.at });
    throw err;
  }
  const data = (outer.data as Uint8Array | undefined) ?? new Uint8Array(0);
  const crc = (outer.crc as number | undefined) ?? 0;
  if (data.length === 0 || crc === 0) {
    throw new CorruptDataError('snap', `empty snapshot (${data.length === 0 ? 'no data' : 'crc is 0'})`, { file: path, offset: 0 });
  }
  const computed = crc32c(data);
  if (computed !== crc) {
    throw new ChecksumError('snap', `crc mismatch in ${basename(path)}`, String(crc), String(computed), { file: path, offset: 0 });
  }
  let snap: DecodedMessage;
  try {
    snap = decodeMessage('raftpb.Snapshot', data);
  } catch (err) {
    if (err instanceof ProtoError) {
      throw new CorruptDataError('snap', `data is not a raftpb.Snapshot: ${err.message}`, { file: path, offset: data.byteOffset - bytes.byteOffset + err.at });
    }
    throw err;
  }
  const meta = (snap.metadata as DecodedMessage | undefined) ?? (Object.create(null) as DecodedMessage);
  return {
    path,
    size: bytes.length,
    crc,
    computedCrc: computed,
    term: (meta.term as bigint | undefined) ?? 0n,
    index: (meta.index as bigint | undefined) ?? 0n,
    confState: toConfState(meta.conf_state as DecodedMessage | undefined),
    payload: (snap.data as Uint8Array | undefined) ?? new Uint8Array(0),
  };
}

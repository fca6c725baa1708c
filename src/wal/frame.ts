// WAL frame layout (etcd wal/encoder.go, decoder.go):
//
//   offset 0  int64 LE length field: low 56 bits = record bytes; if the top bit is set the
//             low 3 bits of the top byte are the padding (0x80|pad, pad 1..7)
//   offset 8  walpb.Record{type=1 int64, crc=2 uint32, data=3 bytes}   (record bytes)
//             zero padding to 8-byte alignment                           (pad bytes)
//
// A zero length field (or the end of the file) ends a file's records: segments are
// preallocated with zeros. Record types are below.

export const FRAME_HEADER_BYTES = 8;
/** etcd's torn-write rule works on 512-byte disk sectors. */
export const SECTOR_BYTES = 512;
/** Segment size etcd preallocates and cuts at (64,000,000 bytes, not 64 MiB). */
export const SEGMENT_BYTES = 64_000_000;

export const RECORD_METADATA = 1;
export const RECORD_ENTRY = 2;
export const RECORD_STATE = 3;
export const RECORD_CRC = 4;
export const RECORD_SNAPSHOT = 5;

export type WalRecordTypeName = 'metadata' | 'entry' | 'state' | 'crc' | 'snapshot' | 'unknown';

export function recordTypeName(type: bigint | number): WalRecordTypeName {
  switch (Number(type)) {
    case RECORD_METADATA:
      return 'metadata';
    case RECORD_ENTRY:
      return 'entry';
    case RECORD_STATE:
      return 'state';
    case RECORD_CRC:
      return 'crc';
    case RECORD_SNAPSHOT:
      return 'snapshot';
    default:
      return 'unknown';
  }
}

/** Splits a frame length field into record and padding bytes (decodeFrameSize). */
export function decodeFrameSize(lenField: bigint): { recBytes: number; padBytes: number } {
  const rec = lenField & 0x00ff_ffff_ffff_ffffn;
  const pad = lenField & 0x8000_0000_0000_0000n ? Number((lenField >> 56n) & 7n) : 0;
  // Lengths beyond 2^53 cannot fit any file; callers compare against the file size.
  return { recBytes: rec > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(rec), padBytes: pad };
}

/**
 * etcd's torn-write test (decoder.isTornEntry): split the frame's payload on 512-byte
 * sector boundaries of the file; if any chunk is all zeros, the write was torn.
 * `payloadOffset` is the file offset of payload[0].
 */
export function isTornPayload(payload: Uint8Array, payloadOffset: number): boolean {
  let cur = 0;
  let fileOff = payloadOffset;
  while (cur < payload.length) {
    const len = Math.min(SECTOR_BYTES - (fileOff % SECTOR_BYTES), payload.length - cur);
    let zero = true;
    for (let i = cur; i < cur + len; i++) {
      if (payload[i] !== 0) {
        zero = false;
        break;
      }
    }
    if (zero) return true;
    cur += len;
    fileOff += len;
  }
  return false;
}

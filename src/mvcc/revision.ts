// Revision keys of etcd's `key` bucket.
//
// Layout (big-endian so bolt's byte order is revision order):
//   0..7   main revision (int64 BE)
//   8      '_'
//   9..16  sub revision (int64 BE)
//   17     't' — present only on tombstones (18-byte key)
import { CorruptDataError } from '../errors.js';

export const REVISION_BYTES = 17;
export const MARKED_REVISION_BYTES = 18;
export const TOMBSTONE_MARK = 0x74; // 't'

export interface Revision {
  main: bigint;
  sub: bigint;
}

export interface RevisionKey extends Revision {
  tombstone: boolean;
}

/** Parses a `key` bucket key; throws CorruptDataError when it is not 17/18 bytes of revision. */
export function parseRevisionKey(key: Uint8Array, where?: { file?: string; offset?: number; page?: bigint }): RevisionKey {
  const bad = (detail: string) =>
    new CorruptDataError('mvcc', detail, {
      file: where?.file,
      offset: where?.offset,
      where: where?.page !== undefined ? `page ${where.page}` : undefined,
    });
  if (key.length !== REVISION_BYTES && key.length !== MARKED_REVISION_BYTES) {
    throw bad(`revision key of ${key.length} bytes, expected 17 or 18`);
  }
  if (key[8] !== 0x5f) throw bad(`revision key byte 8 is 0x${key[8]!.toString(16)}, expected '_'`);
  if (key.length === MARKED_REVISION_BYTES && key[17] !== TOMBSTONE_MARK) {
    throw bad(`revision key mark 0x${key[17]!.toString(16)}, expected 't'`);
  }
  const dv = new DataView(key.buffer, key.byteOffset, key.byteLength);
  return {
    main: dv.getBigInt64(0, false),
    sub: dv.getBigInt64(9, false),
    tombstone: key.length === MARKED_REVISION_BYTES,
  };
}

/** Encodes a revision as a 17-byte key (18 with the tombstone mark). */
export function revisionKeyBytes(rev: Revision, tombstone = false): Uint8Array {
  const b = new Uint8Array(tombstone ? MARKED_REVISION_BYTES : REVISION_BYTES);
  const dv = new DataView(b.buffer);
  dv.setBigInt64(0, rev.main, false);
  b[8] = 0x5f;
  dv.setBigInt64(9, rev.sub, false);
  if (tombstone) b[17] = TOMBSTONE_MARK;
  return b;
}

export function compareRevisions(a: Revision, b: Revision): number {
  if (a.main !== b.main) return a.main < b.main ? -1 : 1;
  if (a.sub !== b.sub) return a.sub < b.sub ? -1 : 1;
  return 0;
}

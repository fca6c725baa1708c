// `etcdctl snapshot status` (3.4, clientv3/snapshot/v3_snapshot.go Status), offline:
//   HASH       CRC-32C over every top-level bucket name and every key and value in it
//              (no ignored keys, unlike `hash`)
//   REVISION   main revision of the last key of the `key` bucket (tombstones included)
//   TOTAL KEYS entries in all buckets (3.4/3.5 meaning)
//   TOTAL SIZE meta.pgid × page size (bolt tx.Size(), not the file size)
// Plus what etcdctl does not check: the SHA-256 trailer `etcdctl snapshot save` appends
// (32 bytes, present when size % 512 == 32), verified over the bytes before it.
import { createHash } from 'node:crypto';
import { BoltDatabase, checkBolt, openBolt } from '../../bolt/index.js';
import type { BoltDb } from '../../bolt/types.js';
import { CorruptDataError } from '../../errors.js';
import { quoteForError } from '../../io/terminal.js';
import { Crc32c } from '../../io/crc32c.js';
import { revisionNumber } from './kv-fields.js';
import { resolveDbPath } from '../../io/paths.js';

export type TrailerStatus =
  | { state: 'ok'; sha256: string }
  | { state: 'missing' }
  | { state: 'mismatch'; stored: string; computed: string };

export interface SnapshotStatus {
  hash: number;
  revision: bigint;
  totalKey: number;
  totalSize: bigint;
  trailer: TrailerStatus;
  /** bolt check findings (etcdctl refuses the file when there are any). */
  integrityFindings: string[];
}

/** etcdctl: "snapshot file integrity check failed. N errors found." */
export class SnapshotIntegrityError extends CorruptDataError {
  constructor(readonly findings: string[], file: string) {
    super('mvcc', `snapshot file integrity check failed. ${findings.length} errors found.${findings.length ? ` First: ${quoteForError(findings[0]!, 200)}` : ''}`, { file });
  }
}

const TRAILER_BYTES = 32;
const CHUNK = 4 * 1024 * 1024;

/** Status of a snapshot file or db (path or open BoltDb). */
export async function snapshotStatus(pathOrDb: string | BoltDb): Promise<SnapshotStatus> {
  const db = typeof pathOrDb === 'string' ? await openBolt(await resolveDbPath(pathOrDb)) : pathOrDb;
  try {
    // etcdctl runs bolt's tx.Check() first and refuses a damaged file.
    const integrityFindings = db instanceof BoltDatabase ? (await checkBolt(db)).findings.map((f) => f.message) : [];
    if (integrityFindings.length > 0) throw new SnapshotIntegrityError(integrityFindings, db.path);
    const h = new Crc32c();
    let revision = 0;
    let totalKey = 0;
    for await (const top of db.root.entries()) {
      if (!top.isBucket) {
        throw new CorruptDataError('mvcc', `top-level key ${JSON.stringify(Buffer.from(top.key).toString('latin1'))} is not a bucket (cannot get hash of bucket)`, {
          file: db.path,
        });
      }
      const b = await db.root.bucket(top.key);
      if (!b) throw new CorruptDataError('mvcc', 'cannot get hash of bucket', { file: db.path });
      h.update(top.key);
      const isKey = top.key.length === 3 && top.key[0] === 0x6b && top.key[1] === 0x65 && top.key[2] === 0x79;
      for await (const e of b.entries()) {
        h.update(e.key);
        if (e.value) h.update(e.value);
        if (isKey && e.key.length >= 8) {
          const k = e.key;
          const hi = ((k[0]! << 24) | (k[1]! << 16) | (k[2]! << 8) | k[3]!) >>> 0;
          const lo = ((k[4]! << 24) | (k[5]! << 16) | (k[6]! << 8) | k[7]!) >>> 0;
          revision = revisionNumber(hi, lo, 'main revision', { file: db.path });
        }
        totalKey++;
      }
    }
    return {
      hash: h.value,
      revision: BigInt(revision),
      totalKey,
      totalSize: db.meta.pgid * BigInt(db.pageSize),
      trailer: await verifyTrailer(db),
      integrityFindings,
    };
  } finally {
    if (typeof pathOrDb === 'string') await db.close();
  }
}

/** Checks the SHA-256 trailer of an `etcdctl snapshot save` file. */
export async function verifyTrailer(db: BoltDb): Promise<TrailerStatus> {
  const src = db.source;
  if (src.size % 512 !== TRAILER_BYTES) return { state: 'missing' };
  const body = src.size - TRAILER_BYTES;
  const h = createHash('sha256');
  for (let off = 0; off < body; off += CHUNK) h.update(await src.read(off, Math.min(CHUNK, body - off)));
  const computed = h.digest('hex');
  const stored = Buffer.from(await src.read(body, TRAILER_BYTES)).toString('hex');
  return stored === computed ? { state: 'ok', sha256: computed } : { state: 'mismatch', stored, computed };
}

/** go-humanize Bytes(): SI units, one decimal below 10. */
export function humanizeBytes(n: bigint | number): string {
  const s = Number(n);
  if (s < 10) return `${s} B`;
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(s) / Math.log(1000));
  const val = Math.floor((s / Math.pow(1000, e)) * 10 + 0.5) / 10;
  return val < 10 ? `${val.toFixed(1)} ${sizes[e]}` : `${val.toFixed(0)} ${sizes[e]}`;
}

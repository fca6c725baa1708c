// WAL segment names and selection, as etcd's wal package does it (util.go, wal.go):
//   <seq %016x>-<index %016x>.wal   seq = file sequence, index = first raft index expected
// `0.tmp`/`1.tmp` are preallocation temps (ignored), `*.wal.broken` are copies etcd's
// Repair made of a torn last file (reported, never read as part of the log).
import { join } from 'node:path';
import { hexPairName, parseHexPairName, readSortedDir } from '../io/etcd-names.js';
import { NotFoundError } from '../errors.js';

export interface WalSegmentName {
  /** File name, e.g. 0000000000000001-0000000000000124.wal */
  name: string;
  path: string;
  seq: bigint;
  /** Raft index the file was cut at (the first entry written to it is index+1 or later). */
  index: bigint;
}

export interface WalDirListing {
  dir: string;
  /** Valid segment names, sorted by name (= by seq). */
  segments: WalSegmentName[];
  /** `*.broken` files left by `etcd` repair. */
  broken: string[];
  /** Preallocation temps (`*.tmp`). */
  tmp: string[];
  /** Anything else. */
  other: string[];
}

/** Parses a segment file name; undefined when it is not one (etcd's parseWALName). */
export function parseWalName(name: string): { seq: bigint; index: bigint } | undefined {
  const p = parseHexPairName(name, 'wal');
  return p && { seq: p[0], index: p[1] };
}

export function walName(seq: bigint, index: bigint): string {
  return hexPairName(seq, index, 'wal');
}

/** Lists a WAL directory without opening any file. */
export async function listWalDir(dir: string): Promise<WalDirListing> {
  const names = await readSortedDir(dir, 'wal');
  const out: WalDirListing = { dir, segments: [], broken: [], tmp: [], other: [] };
  for (const name of names) {
    const p = parseWalName(name);
    if (p) out.segments.push({ name, path: join(dir, name), ...p });
    else if (name.endsWith('.broken')) out.broken.push(name);
    else if (name.endsWith('.tmp')) out.tmp.push(name);
    else out.other.push(name);
  }
  return out;
}

/**
 * The segments etcd opens to read from snapshot index `snapIndex` (wal.selectWALFiles):
 * the last file whose name index ≤ snapIndex and every later one; their sequence numbers
 * must be contiguous. Throws NotFoundError like etcd's ErrFileNotFound.
 */
export function selectWalSegments(listing: WalDirListing, snapIndex: bigint): WalSegmentName[] {
  const names = listing.segments;
  if (names.length === 0) {
    throw new NotFoundError('wal', 'no WAL segments (expected files named %016x-%016x.wal)', { file: listing.dir });
  }
  let start = -1;
  for (let i = names.length - 1; i >= 0; i--) {
    if (names[i]!.index <= snapIndex) {
      start = i;
      break;
    }
  }
  if (start < 0) {
    throw new NotFoundError('wal', `no WAL segment covers index ${snapIndex} (first segment starts at ${names[0]!.index})`, {
      file: listing.dir,
    });
  }
  const gap = findSequenceGap(names.slice(start));
  if (gap) {
    throw new NotFoundError('wal', `WAL segment sequence broken: ${gap.before} is followed by ${gap.after} (a segment is missing)`, {
      file: listing.dir,
    });
  }
  return names.slice(start);
}

/** The first place where sequence numbers are not contiguous, if any. */
export function findSequenceGap(names: WalSegmentName[]): { before: string; after: string } | undefined {
  for (let i = 1; i < names.length; i++) {
    if (names[i]!.seq !== names[i - 1]!.seq + 1n) return { before: names[i - 1]!.name, after: names[i]!.name };
  }
  return undefined;
}

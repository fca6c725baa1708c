// File names etcd builds from two 64-bit numbers, `%016x-%016x.<ext>` (WAL segments:
// seq-index.wal; raft snapshots: term-index.snap), and the directory listing both
// readers start from.
import { readdir } from 'node:fs/promises';
import { ReadError } from '../errors.js';
import { describeFsError } from './byte-source.js';

/** `%016x-%016x.<ext>`, as etcd names WAL segments and .snap files. */
export function hexPairName(a: bigint, b: bigint, ext: string): string {
  return `${a.toString(16).padStart(16, '0')}-${b.toString(16).padStart(16, '0')}.${ext}`;
}

/** Parses `%016x-%016x.<ext>`; undefined when `name` is not exactly that. */
export function parseHexPairName(name: string, ext: string): [bigint, bigint] | undefined {
  if (name.length !== 34 + ext.length || name[16] !== '-' || name[33] !== '.' || name.slice(34) !== ext) return undefined;
  const a = name.slice(0, 16);
  const b = name.slice(17, 33);
  if (!/^[0-9a-f]{16}$/.test(a) || !/^[0-9a-f]{16}$/.test(b)) return undefined;
  return [BigInt('0x' + a), BigInt('0x' + b)];
}

/** File names in `dir`, sorted bytewise like Go's sort.Strings; fs errors become ReadError. */
export async function readSortedDir(dir: string, format: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new ReadError(format, describeFsError(err), { file: dir });
  }
  return names.sort();
}

// ByteSource: positional, read-only access to a file or a buffer.
//
// Every reader in this project goes through a ByteSource, never `readFile`: etcd dbs and
// WAL segments can be many GB. The file is opened with flag 'r' (O_RDONLY) and no lock,
// so reading works on a db that a running etcd holds, and nothing is ever written.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { ReadError, TruncatedError } from '../errors.js';

export interface ByteSource {
  /** File path (or a descriptive name) used in error messages. */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /**
   * Reads exactly `length` bytes at `offset`. Throws TruncatedError when the range is
   * outside the source. The returned bytes may be a view into a shared cache block: do
   * not modify them (they are never reused for other data, so keeping them is safe).
   */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

function checkRange(src: { name: string; size: number }, offset: number, length: number, format: string): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw new TruncatedError(format, `invalid read of ${length} bytes`, { file: src.name, offset });
  }
  if (offset + length > src.size) {
    throw new TruncatedError(format, `read of ${length} bytes past end of file (size ${src.size})`, {
      file: src.name,
      offset,
    });
  }
}

/** A ByteSource over bytes already in memory (tests, stdin, small files). */
export class MemoryByteSource implements ByteSource {
  readonly name: string;
  readonly size: number;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array, name = '<memory>') {
    this.bytes = bytes;
    this.name = name;
    this.size = bytes.length;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    checkRange(this, offset, length, 'io');
    return this.bytes.subarray(offset, offset + length);
  }

  async close(): Promise<void> {}
}

export interface FileByteSourceOptions {
  /** Bytes per cached block (default 256 KiB). Reads inside one block are served from it. */
  blockSize?: number;
  /** Maximum bytes held in the block cache (default 64 MiB). */
  cacheBytes?: number;
}

/** Blocks read ahead at most at once (unclaimed ones stay until close). */
const MAX_READ_AHEAD = 2;

/**
 * A ByteSource over a FileHandle with a small LRU block cache: tree walks read many
 * small pages that sit near each other, so whole blocks are read once and sliced.
 * Reads larger than a block (overflow pages, WAL chunks) go straight to the file.
 */
export class FileByteSource implements ByteSource {
  readonly name: string;
  readonly size: number;
  private readonly fh: FileHandle;
  private readonly blockSize: number;
  private readonly maxBlocks: number;
  /** block index → bytes; Map iteration order doubles as LRU order. */
  private readonly blocks = new Map<number, Uint8Array>();
  /** Blocks being read ahead (a sequential scan's next block), by index. */
  private readonly pending = new Map<number, Promise<Uint8Array>>();
  /** Index of the last block read from the file (a miss), to spot sequential scans. */
  private lastMiss = -2;

  private constructor(fh: FileHandle, name: string, size: number, opts: FileByteSourceOptions) {
    this.fh = fh;
    this.name = name;
    this.size = size;
    this.blockSize = opts.blockSize ?? 256 * 1024;
    this.maxBlocks = Math.max(1, Math.floor((opts.cacheBytes ?? 64 * 1024 * 1024) / this.blockSize));
  }

  static async open(path: string, opts: FileByteSourceOptions = {}): Promise<FileByteSource> {
    // stat before open: opening a FIFO blocks until a writer appears, and a device has no
    // end. Evidence is regular files; anything else is refused with one line.
    await requireRegularFile(path);
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (err) {
      throw new ReadError('io', describeFsError(err), { file: path });
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) throw new ReadError('io', `${fileKind(st)}, expected a regular file`, { file: path });
      return new FileByteSource(fh, path, st.size, opts);
    } catch (err) {
      await fh.close();
      if (err instanceof ReadError) throw err;
      throw new ReadError('io', describeFsError(err), { file: path });
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    checkRange(this, offset, length, 'io');
    if (length === 0) return new Uint8Array(0);
    const first = Math.floor(offset / this.blockSize);
    const last = Math.floor((offset + length - 1) / this.blockSize);
    if (first === last) {
      const block = await this.block(first);
      const start = offset - first * this.blockSize;
      return block.subarray(start, start + length);
    }
    return this.readDirect(offset, length);
  }

  /** Reads into a fresh buffer, bypassing the cache. */
  async readDirect(offset: number, length: number): Promise<Uint8Array> {
    checkRange(this, offset, length, 'io');
    const buf = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      let n: number;
      try {
        ({ bytesRead: n } = await this.fh.read(buf, done, length - done, offset + done));
      } catch (err) {
        throw new ReadError('io', describeFsError(err), { file: this.name, offset: offset + done });
      }
      if (n === 0) {
        throw new TruncatedError('io', `file shrank while reading (expected ${length} bytes)`, {
          file: this.name,
          offset: offset + done,
        });
      }
      done += n;
    }
    return buf;
  }

  private async block(index: number): Promise<Uint8Array> {
    const hit = this.blocks.get(index);
    if (hit) {
      this.blocks.delete(index);
      this.blocks.set(index, hit);
      return hit;
    }
    let read = this.pending.get(index);
    if (read) this.pending.delete(index);
    else read = this.fetch(index);
    // Two misses in a row on consecutive blocks: a sequential scan. Start reading the next
    // block now so the file read overlaps the caller's work on this one. A failed read
    // ahead stays in `pending` and throws only if that block is asked for.
    const sequential = index === this.lastMiss + 1;
    this.lastMiss = index;
    const ahead = index + 1;
    if (sequential && ahead * this.blockSize < this.size && !this.blocks.has(ahead) && !this.pending.has(ahead) && this.pending.size < MAX_READ_AHEAD) {
      const p = this.fetch(ahead);
      p.catch(() => {});
      this.pending.set(ahead, p);
    }
    const bytes = await read;
    this.blocks.set(index, bytes);
    if (this.blocks.size > this.maxBlocks) {
      const oldest = this.blocks.keys().next().value as number;
      this.blocks.delete(oldest);
    }
    return bytes;
  }

  private fetch(index: number): Promise<Uint8Array> {
    const start = index * this.blockSize;
    return this.readDirect(start, Math.min(this.blockSize, this.size - start));
  }

  async close(): Promise<void> {
    this.blocks.clear();
    // Let reads ahead finish before the handle goes away (their errors do not matter now).
    await Promise.allSettled(this.pending.values());
    this.pending.clear();
    await this.fh.close();
  }
}

type StatLike = { isFile(): boolean; isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean };

/** What a non-regular file is, in the words of an error message. */
export function fileKind(st: StatLike): string {
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'is a character device';
  if (st.isBlockDevice()) return 'is a block device';
  if (st.isSocket()) return 'is a socket';
  return st.isFile() ? 'is a regular file' : 'is not a regular file';
}

/** Throws ReadError unless `path` (after symlinks) is a regular file. */
export async function requireRegularFile(path: string): Promise<void> {
  let st: StatLike;
  try {
    st = await stat(path);
  } catch (err) {
    throw new ReadError('io', describeFsError(err), { file: path });
  }
  if (!st.isFile()) throw new ReadError('io', `${fileKind(st)}, expected a regular file`, { file: path });
}

/** Default cap of readWholeInput: far above any value etcd stores (its request limit is 1.5 MiB by default). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Reads a small input (a `--file` value, or stdin when `file` is undefined or '-') with a
 * size cap. A named file must be a regular file; stdin may be a pipe or a terminal, and is
 * read only up to `maxBytes` (so `< /dev/urandom` ends with an error, not an OOM).
 */
export async function readWholeInput(file: string | undefined, maxBytes = MAX_INPUT_BYTES, stdin: AsyncIterable<Buffer | string> = process.stdin): Promise<Uint8Array> {
  if (file !== undefined && file !== '-') {
    const src = await FileByteSource.open(file);
    try {
      if (src.size > maxBytes) throw new ReadError('io', `file is ${src.size} bytes, more than the ${maxBytes}-byte input limit`, { file });
      return await src.readDirect(0, src.size);
    } finally {
      await src.close();
    }
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stdin) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    total += b.length;
    if (total > maxBytes) throw new ReadError('io', `input is more than the ${maxBytes}-byte limit`, { file: '<stdin>' });
    chunks.push(b);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** One-line description of a Node fs error ("no such file or directory"). */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, expected a file';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EIO':
      return 'input/output error';
    default:
      return e?.message ?? String(err);
  }
}

/** Opens a file read-only as a ByteSource. */
export function openFileSource(path: string, opts?: FileByteSourceOptions): Promise<FileByteSource> {
  return FileByteSource.open(path, opts);
}

/** stat() that turns fs errors into ReadError. */
export async function statPath(path: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ReadError('io', describeFsError(err), { file: path });
  }
}

// Meta pages: decoding, validation and the choice of the active meta (bbolt db.go).
import { CorruptDataError, TruncatedError } from '../errors.js';
import type { ByteSource } from '../io/byte-source.js';
import { fnv64a } from '../io/fnv64a.js';
import type { Meta } from './types.js';
import { BOLT_MAGIC, BOLT_VERSION, MAX_PAGE_SIZE, META_CHECKSUMMED, META_SIZE, MIN_PAGE_SIZE, PAGE_HEADER_SIZE } from './layout.js';

/** A meta page as found on disk, valid or not. */
export interface MetaPage {
  /** 0 or 1. */
  index: number;
  /** Absolute file offset of the page. */
  offset: number;
  meta: Meta;
  /** Checksum computed over the body. */
  computedChecksum: bigint;
  /** Why bbolt would reject it; undefined when valid. */
  invalid?: string;
}

/** Decodes the 64-byte meta body that starts at page offset 16. */
export function decodeMeta(body: Uint8Array): Meta {
  const v = new DataView(body.buffer, body.byteOffset, META_SIZE);
  return {
    magic: v.getUint32(0, true),
    version: v.getUint32(4, true),
    pageSize: v.getUint32(8, true),
    flags: v.getUint32(12, true),
    root: { root: v.getBigUint64(16, true), sequence: v.getBigUint64(24, true) },
    freelist: v.getBigUint64(32, true),
    pgid: v.getBigUint64(40, true),
    txid: v.getBigUint64(48, true),
    checksum: v.getBigUint64(56, true),
  };
}

/** bbolt meta.validate (1.3.6): magic, then version, then checksum (a zero checksum is not checked). */
export function metaProblem(meta: Meta, computed: bigint): string | undefined {
  if (meta.magic !== BOLT_MAGIC) return `invalid magic 0x${meta.magic.toString(16).padStart(8, '0')}, expected 0xed0cdaed`;
  if (meta.version !== BOLT_VERSION) return `version ${meta.version}, expected ${BOLT_VERSION}`;
  if (meta.checksum !== 0n && meta.checksum !== computed) {
    return `checksum mismatch (stored ${hex64(meta.checksum)}, computed ${hex64(computed)})`;
  }
  return undefined;
}

export function hex64(v: bigint): string {
  return v.toString(16).padStart(16, '0');
}

async function readMetaAt(source: ByteSource, offset: number, index: number): Promise<MetaPage | undefined> {
  if (offset + PAGE_HEADER_SIZE + META_SIZE > source.size) return undefined;
  const body = await source.read(offset + PAGE_HEADER_SIZE, META_SIZE);
  const meta = decodeMeta(body);
  const computedChecksum = fnv64a(body.subarray(0, META_CHECKSUMMED));
  const page: MetaPage = { index, offset, meta, computedChecksum };
  const problem = metaProblem(meta, computedChecksum);
  if (problem) page.invalid = problem;
  else if (!isPlausiblePageSize(meta.pageSize)) page.invalid = `page size ${meta.pageSize} is not a power of two in [${MIN_PAGE_SIZE}, ${MAX_PAGE_SIZE}]`;
  return page;
}

function isPlausiblePageSize(n: number): boolean {
  return n >= MIN_PAGE_SIZE && n <= MAX_PAGE_SIZE && (n & (n - 1)) === 0;
}

export interface MetaPair {
  pageSize: number;
  meta0: MetaPage | undefined;
  meta1: MetaPage | undefined;
  /** The meta bbolt would use: the valid one with the higher txid. */
  active: MetaPage;
}

/**
 * Reads both metas. The page size comes from meta 0; when meta 0 is damaged, meta 1 is
 * probed at 1 KiB << i (i = 0..14) and accepted where its own page size equals its offset.
 */
export async function readMetas(source: ByteSource): Promise<MetaPair> {
  if (source.size === 0) throw new TruncatedError('bolt', 'file is empty, expected a bolt database', { file: source.name, offset: 0 });
  if (source.size < PAGE_HEADER_SIZE + META_SIZE) {
    throw new TruncatedError('bolt', `file is ${source.size} bytes, too small for a bolt meta page`, { file: source.name, offset: 0 });
  }
  const meta0 = await readMetaAt(source, 0, 0);
  let meta1: MetaPage | undefined;
  let pageSize = 0;
  if (meta0 && !meta0.invalid) {
    pageSize = meta0.meta.pageSize;
    meta1 = await readMetaAt(source, pageSize, 1);
  } else {
    for (let i = 0; i <= 14; i++) {
      const size = 1024 << i;
      const m = await readMetaAt(source, size, 1);
      if (!m) break;
      if (!m.invalid && m.meta.pageSize === size) {
        meta1 = m;
        pageSize = size;
        break;
      }
    }
  }
  const valid = [meta0, meta1].filter((m): m is MetaPage => m !== undefined && m.invalid === undefined);
  if (valid.length === 0) {
    const why0 = meta0?.invalid ?? 'missing';
    const why1 = meta1?.invalid ?? 'not found at any page size';
    throw new CorruptDataError('bolt', `both meta pages are invalid (meta 0: ${why0}; meta 1: ${why1})`, {
      file: source.name,
      offset: 0,
      where: 'pages 0 and 1',
    });
  }
  // bbolt db.meta(): prefer the higher txid if it validates, else the other one.
  const active = valid.length === 2 && valid[1]!.meta.txid > valid[0]!.meta.txid ? valid[1]! : valid[0]!;
  return { pageSize, meta0, meta1, active };
}

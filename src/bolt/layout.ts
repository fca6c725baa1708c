// bbolt on-disk layout: constants and the fixed-size structs, with their byte offsets.
// Source: bbolt 1.3.6 page.go / db.go / bucket.go (internal/common in later releases).
// All integers are little-endian (bbolt writes native order; every supported platform is LE).

/** meta.magic */
export const BOLT_MAGIC = 0xed0cdaed;
/** meta.version */
export const BOLT_VERSION = 2;

/**
 * Page header, 16 bytes at the start of every page:
 *   0 id u64 | 8 flags u16 | 10 count u16 | 12 overflow u32
 */
export const PAGE_HEADER_SIZE = 16;
export const PAGE_FLAG_BRANCH = 0x01;
export const PAGE_FLAG_LEAF = 0x02;
export const PAGE_FLAG_META = 0x04;
export const PAGE_FLAG_FREELIST = 0x10;

/** Branch element, 16 bytes: 0 pos u32 | 4 ksize u32 | 8 pgid u64 (pos relative to the element). */
export const BRANCH_ELEMENT_SIZE = 16;
/** Leaf element, 16 bytes: 0 flags u32 | 4 pos u32 | 8 ksize u32 | 12 vsize u32 (pos relative to the element). */
export const LEAF_ELEMENT_SIZE = 16;
/** Leaf element flag: the value is an InBucket header (a nested bucket). */
export const LEAF_FLAG_BUCKET = 0x01;

/** InBucket, 16 bytes at the start of a bucket value: 0 root pgid u64 | 8 sequence u64. root 0 = inline. */
export const IN_BUCKET_SIZE = 16;

/**
 * Meta body, 64 bytes at page offset 16:
 *   0 magic u32 | 4 version u32 | 8 pageSize u32 | 12 flags u32 | 16 root InBucket (16)
 *   | 32 freelist u64 | 40 pgid (high-water mark) u64 | 48 txid u64 | 56 checksum u64
 * checksum = FNV-1a 64 of body bytes [0, 56).
 */
export const META_SIZE = 64;
export const META_CHECKSUMMED = 56;

/** meta.freelist when the db was written with NoFreelistSync (etcd on Linux). */
export const PGID_NO_FREELIST = 0xffffffffffffffffn;
/** Freelist page: count 0xFFFF means the real count is in the first u64 after the header. */
export const FREELIST_COUNT_OVERFLOW = 0xffff;

export const MIN_PAGE_SIZE = 512;
export const MAX_PAGE_SIZE = 1 << 28;

/** Name of a page type as bbolt prints it (page.typ()). Unknown flags print as unknown<xx>. */
export function pageTypeName(flags: number): string {
  if (flags & PAGE_FLAG_BRANCH) return 'branch';
  if (flags & PAGE_FLAG_LEAF) return 'leaf';
  if (flags & PAGE_FLAG_META) return 'meta';
  if (flags & PAGE_FLAG_FREELIST) return 'freelist';
  return `unknown<${flags.toString(16).padStart(2, '0')}>`;
}

/** Reads a u64 LE as a number when it is below 2^53, else returns Infinity (never a valid page id). */
export function u64AsNumber(view: DataView, at: number): number {
  const lo = view.getUint32(at, true);
  const hi = view.getUint32(at + 4, true);
  if (hi >= 0x200000) return Infinity;
  return hi * 0x100000000 + lo;
}

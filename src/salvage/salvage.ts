// Salvage: every readable entry of an etcd db, read page by page in file order without
// trusting the metas, branch pages or freelist (any of them may be destroyed).
//
// 1. Page size: meta 0, meta 1 probes, else the page contents (probe.ts), or the option.
// 2. The live tree, best effort: from the newest valid meta, the branch pages are walked to
//    learn which page belongs to which bucket (and which revision range each key-bucket leaf
//    covers); a child that is not a page of the expected kind is a lost range.
// 3. Every page in file order: a page is believed only when its header carries its own id
//    and a branch/leaf type; leaf entries (and the entries of inline buckets inside them)
//    are assigned to buckets by the live tree when it reaches the page, else by their shape
//    (shapes.ts), and every entry is checked field by field before it is kept.
// 4. Key-bucket revisions are kept as locations (offsets in the file, a few numbers each),
//    sorted and de-duplicated (the live tree's copy first); stale copies of compacted
//    revisions are dropped where the live tree is readable, kept where it was lost. The
//    other buckets come from the live tree, else the newest stale root page (highest
//    consistent_index), else stray pages by shape.
// Memory: one row per revision (no values), the distinct user keys, the small buckets.
import type { ByteSource } from '../io/byte-source.js';
import { openFileSource } from '../io/byte-source.js';
import { resolveDbPath } from '../io/paths.js';
import { CorruptDataError, UsageError } from '../errors.js';
import { LEAF_FLAG_BUCKET, PAGE_FLAG_BRANCH, PAGE_FLAG_FREELIST, PAGE_FLAG_LEAF, PAGE_FLAG_META, PAGE_HEADER_SIZE } from '../bolt/layout.js';
import { decodeKeyValue, type KeyValue } from '../mvcc/key-value.js';
import { BUCKETS } from '../mvcc/schema/buckets.js';
import type { EtcdDbExtras, RawEntry } from '../mvcc/write/etcd-db.js';
import { fitsBucket, guessBucket, revisionShape } from './shapes.js';
import { metaAt, probePageSize, type PageSizeSource } from './probe.js';
import { displayKey } from '../mvcc/keyspace/display.js';
import { implausibleValue } from './value-check.js';
import { KeyTable } from '../mvcc/keyspace/key-table.js';

export type PageKind = 'meta' | 'freelist' | 'branch' | 'leaf' | 'overflow' | 'zero' | 'unrecognised' | 'truncated';

/** What salvage did with one page. */
export interface PageReport {
  pgid: number;
  offset: number;
  kind: PageKind;
  status: 'read' | 'skipped';
  /** Reached by the live tree. */
  live: boolean;
  /** Entries kept from it (inline buckets included). */
  entries: number;
  /** Entries refused (bad bounds or shape). */
  rejected: number;
  why?: string;
}

export interface SalvageOptions {
  /** Page size to use when the file cannot tell (bbolt's default is the OS page size, 4096). */
  pageSize?: number;
  /** Called for every page, in file order. */
  onPage?: (p: PageReport) => void;
  /** Keep stale copies of revisions the live tree compacted away (history below the compact revision). */
  includeCompacted?: boolean;
  /** How many damaged pages and lost keys the report lists one by one (all are counted). */
  maxListed?: number;
}

export interface LostRange {
  bucket: string;
  /** Lowest revision (main) the lost page could hold, from its parent's separator key. */
  fromRevision?: number;
  /** The next sibling's separator: the lost page held revisions below it. */
  toRevision?: number;
  pgid: number;
  why: string;
}

export interface SalvageReport {
  file: string;
  fileSize: number;
  pageSize: number;
  pageSizeFrom: PageSizeSource;
  pageSizeTried: string[];
  pagesScanned: number;
  pagesRead: number;
  pagesSkipped: number;
  /** Pages that should have been data and were not readable (live pages lost, garbage, torn leaves). */
  pagesDamaged: number;
  pageKinds: Record<PageKind, number>;
  liveTree: { meta?: number; txid?: string; root?: number; complete: boolean; problems: string[] };
  /** Distinct user keys with at least one recovered revision. */
  keysRecovered: number;
  /** Keys live at the current revision. */
  liveKeys: number;
  revisionsRecovered: number;
  revisionsFromLiveTree: number;
  revisionsFromOtherPages: number;
  /** Stale copies of revisions the live tree compacted away (dropped unless includeCompacted). */
  compactedRevisionsDropped: number;
  /** The same revision found with different bytes (the live copy, else the first, is kept). */
  conflictingCopies: number;
  entriesRejected: number;
  currentRevision: number;
  compactRevision: number;
  buckets: Record<string, number>;
  /** Key-bucket ranges the live tree points to but that could not be read. */
  lostRanges: LostRange[];
  /** Keys seen (in a revision key with an unreadable value) whose value at that revision is lost. */
  keysValueLost: { key: string; revision: number }[];
  keysValueLostCount: number;
  /** Live keys whose newest recovered revision lies below a missing revision: a newer value may be lost (left out of keyspaceAt unless asked). */
  keysAtRisk: string[];
  keysAtRiskCount: number;
  /** Revisions known or likely missing (null = open end: the newest revisions may be gone). */
  missingRevisions: { from: number; to: number | null }[];
  damagedPages: PageReport[];
  /** True when anything is known or likely to be lost (the CLI exits 1). */
  lost: boolean;
}

export interface SalvagedRevision {
  bucket: 'key';
  main: number;
  sub: number;
  tombstone: boolean;
  /** The 17/18-byte bucket key and the marshalled KeyValue, as stored. */
  bucketKey: Uint8Array;
  raw: Uint8Array;
  kv: KeyValue;
  /** Read from a page the live tree reaches. */
  live: boolean;
  /** keyspaceAt(): a newer revision of this key may have been lost. */
  uncertain?: boolean;
}

export interface SalvagedEntry {
  bucket: string;
  key: Uint8Array;
  value: Uint8Array;
}

// revision rows: one Float64Array, ROW numbers per row
const R_MAIN = 0;
const R_SUB = 1;
const R_FLAGS = 2; // 1 tombstone, 2 live
const R_KOFF = 3; // absolute offset of the bucket key
const R_VOFF = 4;
const R_VLEN = 5;
const R_KEYID = 6;
const ROW = 7;
const F_TOMB = 1;
const F_LIVE = 2;

const KEY_BUCKET = -3;
const ROOT_BUCKET = -2;
const NONE = -1;
const MAX_DEPTH = 64;
const CHUNK_PAGES = 256;

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

class Salvager {
  pageSize = 4096;
  pages = 0;
  /** bucket index per page for pages the live tree reaches (NONE otherwise). */
  pageBucket!: Int16Array;
  bucketNames: string[] = [];
  /** key-bucket leaves of the live tree → [from, to) revision bounds from the separators. */
  liveKeyLeaves = new Map<number, [number | undefined, number | undefined]>();
  lostRanges: LostRange[] = [];
  liveProblems: string[] = [];
  liveMeta: { index: number; txid: bigint; root: number; hwm: number } | undefined;
  /** The root page the newest valid meta names (known even when it is unreadable). */
  metaRoot = -1;
  /** The newest valid meta's high-water mark (pages the file should have), even when its tree is unreadable. */
  metaHwm = 0;
  /** Zeroed or unrecognised pages below the high-water mark that no meta explains. */
  unexplained = 0;
  rows = new Float64Array(1 << 16);
  nRows = 0;
  /** distinct user keys → dense ids */
  keys = new KeyTable(4096);
  /** live (and inline-in-live-root) entries of the other buckets */
  liveBuckets = new Map<string, Map<string, RawEntry>>();
  /** the best stale root page: its inline buckets, ranked by its meta consistent_index */
  bestRoot: { rank: bigint; buckets: Map<string, Map<string, RawEntry>> } | undefined;
  strays = new Map<string, Map<string, RawEntry>>();
  valueLost = new Map<string, number>();
  rejected = 0;
  kinds: Record<PageKind, number> = { meta: 0, freelist: 0, branch: 0, leaf: 0, overflow: 0, zero: 0, unrecognised: 0, truncated: 0 };
  damaged: PageReport[] = [];
  damagedCount = 0;
  read = 0;
  skipped = 0;
  liveLeafFailed = new Set<number>();
  /** Absolute end of the first page of the leaf being read: bytes past it are on overflow pages. */
  firstPageEnd = 0;

  constructor(
    readonly src: ByteSource,
    readonly opts: SalvageOptions,
  ) {}

  bucketIndex(name: string): number {
    let i = this.bucketNames.indexOf(name);
    if (i < 0) i = this.bucketNames.push(name) - 1;
    return i;
  }

  async page(p: number, n = 1): Promise<Uint8Array | undefined> {
    const off = p * this.pageSize;
    if (off >= this.src.size) return undefined;
    return this.src.read(off, Math.min(n * this.pageSize, this.src.size - off));
  }

  /** Header of page p if it names itself p with a branch/leaf type. */
  headerOf(b: Uint8Array, p: number): { flags: number; count: number; overflow: number } | undefined {
    if (b.length < PAGE_HEADER_SIZE) return undefined;
    const v = new DataView(b.buffer, b.byteOffset, PAGE_HEADER_SIZE);
    if (v.getUint32(4, true) !== 0 || v.getUint32(0, true) !== p % 0x100000000 || Math.floor(p / 0x100000000) !== 0) return undefined;
    return { flags: v.getUint16(8, true), count: v.getUint16(10, true), overflow: v.getUint32(12, true) };
  }

  // ---- 2. the live tree ----

  async walkLive(): Promise<void> {
    const metas = [await metaAt(this.src, 0, 0), await metaAt(this.src, this.pageSize, 1)].filter((m) => m && !m.invalid && m.meta.pageSize === this.pageSize);
    metas.sort((a, b) => (a!.meta.txid > b!.meta.txid ? -1 : 1));
    if (metas[0]) {
      this.metaRoot = Number(metas[0].meta.root.root);
      this.metaHwm = Number(metas[0].meta.pgid);
    }
    for (const m of metas) {
      const root = Number(m!.meta.root.root);
      const ok = await this.walk(root, ROOT_BUCKET, 0, undefined, undefined, new Set(), 'root', {});
      if (ok) {
        this.liveMeta = { index: m!.index, txid: m!.meta.txid, root, hwm: Number(m!.meta.pgid) };
        return;
      }
      this.liveProblems.push(`meta ${m!.index} (txid ${m!.meta.txid}): root page ${root} is not readable`);
      this.pageBucket.fill(NONE);
      this.liveKeyLeaves.clear();
      this.lostRanges = [];
    }
    if (metas.length === 0) this.liveProblems.push('no valid meta page: no live tree, every page is read by its shape');
  }

  /** Marks the subtree at p as bucket b; returns false when p itself is not a readable page. */
  async walk(p: number, b: number, depth: number, from: Uint8Array | undefined, to: Uint8Array | undefined, seen: Set<number>, bucket: string, level: { leaf?: number }): Promise<boolean> {
    const lose = (why: string) => {
      this.liveProblems.push(`bucket ${bucket}: page ${p}: ${why}`);
      if (b !== ROOT_BUCKET) this.lostRanges.push({ bucket, fromRevision: revOf(from), toRevision: revOf(to), pgid: p, why });
      return false;
    };
    if (!Number.isSafeInteger(p) || p < 2 || p >= this.pages) return lose('page id outside the file');
    if (seen.has(p) || depth > MAX_DEPTH) return lose('cycle or tree too deep');
    seen.add(p);
    const isKey = b === KEY_BUCKET;
    if (b !== ROOT_BUCKET && level.leaf === depth) {
      // bbolt's leaves all sit at one depth: below it there is nothing to read now (the
      // page scan checks each leaf), which keeps the walk to the branch pages
      this.pageBucket[p] = b;
      if (isKey) this.liveKeyLeaves.set(p, [revOf(from), revOf(to)]);
      return true;
    }
    const head = await this.page(p);
    const h = head && this.headerOf(head, p);
    if (!h || (h.flags !== PAGE_FLAG_BRANCH && h.flags !== PAGE_FLAG_LEAF)) return lose('not a branch or leaf page (zeroed, overwritten or truncated)');
    const bytes = h.overflow ? await this.page(p, Math.min(1 + h.overflow, this.pages - p)) : head;
    if (!bytes) return lose('truncated');
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (PAGE_HEADER_SIZE + h.count * 16 > bytes.length) return lose(`${h.count} elements do not fit`);
    const keyAt = (i: number, posAt: number, kAt: number): Uint8Array | undefined => {
      const e = PAGE_HEADER_SIZE + i * 16;
      const start = e + v.getUint32(e + posAt, true);
      const end = start + v.getUint32(e + kAt, true);
      return end <= bytes.length ? bytes.subarray(start, end) : undefined;
    };
    this.pageBucket[p] = b;
    if (h.flags === PAGE_FLAG_BRANCH) {
      for (let i = 0; i < h.count; i++) {
        const e = PAGE_HEADER_SIZE + i * 16;
        const key = keyAt(i, 0, 4);
        const next = i + 1 < h.count ? keyAt(i + 1, 0, 4) : to;
        const child = Number(v.getBigUint64(e + 8, true));
        await this.walk(child, b, depth + 1, key ?? from, next, seen, bucket, level);
      }
      return true;
    }
    level.leaf = depth;
    if (isKey) this.liveKeyLeaves.set(p, [revOf(from), revOf(to)]);
    if (b !== ROOT_BUCKET) return true;
    // the root bucket's leaf: walk the buckets that have their own pages
    for (let i = 0; i < h.count; i++) {
      const e = PAGE_HEADER_SIZE + i * 16;
      if ((v.getUint32(e, true) & LEAF_FLAG_BUCKET) === 0) continue;
      const start = e + v.getUint32(e + 4, true);
      const ks = v.getUint32(e + 8, true);
      if (start + ks + 16 > bytes.length) continue;
      const name = latin1(bytes.subarray(start, start + ks));
      const root = Number(v.getBigUint64(start + ks, true));
      if (root !== 0) await this.walk(root, name === BUCKETS.key ? KEY_BUCKET : this.bucketIndex(name), 0, undefined, undefined, seen, name, {});
    }
    return true;
  }

  // ---- 3. every page ----

  report(r: PageReport): void {
    this.kinds[r.kind]++;
    if (r.status === 'read') this.read++;
    else this.skipped++;
    this.rejected += r.rejected;
    // a free page may hold anything (stale bytes of old overflow runs): with a live tree only
    // its own pages count as damaged; without one, every page that is not data does
    const noTree = this.liveMeta === undefined;
    const damaged = r.kind === 'truncated' || (r.kind === 'meta' && r.status === 'skipped') || (r.live && (r.status === 'skipped' || r.rejected > 0)) || (noTree && (r.kind === 'unrecognised' || r.rejected > 0));
    if (damaged) {
      this.damagedCount++;
      if (this.damaged.length < (this.opts.maxListed ?? 200)) this.damaged.push(r);
    }
    this.opts.onPage?.(r);
  }

  async scan(): Promise<void> {
    let overflowUntil = 0;
    let overflowOf = -1;
    for (let c = 0; c < this.pages; c += CHUNK_PAGES) {
      const chunk = (await this.page(c, Math.min(CHUNK_PAGES, this.pages - c)))!;
      for (let p = c; p < c + CHUNK_PAGES && p < this.pages; p++) {
        const at = (p - c) * this.pageSize;
        const b = chunk.subarray(at, at + this.pageSize);
        const offset = p * this.pageSize;
        const live = this.pageBucket[p] !== NONE;
        const base = { pgid: p, offset, live, entries: 0, rejected: 0 };
        if (p < 2) {
          const m = await metaAt(this.src, offset, p);
          this.report({ ...base, kind: 'meta', status: m && !m.invalid ? 'read' : 'skipped', why: m?.invalid });
          continue;
        }
        const h = this.headerOf(b, p);
        const kind = h && (h.flags === PAGE_FLAG_LEAF ? 'leaf' : h.flags === PAGE_FLAG_BRANCH ? 'branch' : h.flags === PAGE_FLAG_FREELIST ? 'freelist' : h.flags === PAGE_FLAG_META ? 'meta' : undefined);
        if (!h || !kind) {
          if (p < overflowUntil) {
            this.report({ ...base, kind: 'overflow', status: 'read', why: `overflow of page ${overflowOf}` });
            continue;
          }
          if (live) this.liveLeafFailed.add(p);
          if (p !== this.metaRoot && p < (this.liveMeta?.hwm ?? Infinity)) this.unexplained++;
          const zero = b.every((x) => x === 0);
          this.report({ ...base, kind: zero ? 'zero' : 'unrecognised', status: 'skipped', why: zero ? 'all zeros' : 'header does not name this page with a known type' });
          continue;
        }
        if (h.overflow) {
          overflowUntil = p + 1 + h.overflow;
          overflowOf = p;
        }
        if (kind !== 'leaf') {
          this.report({ ...base, kind, status: kind === 'branch' ? 'read' : 'skipped', why: kind === 'branch' ? undefined : `${kind} page (not data)` });
          continue;
        }
        const n = Math.min(1 + h.overflow, this.pages - p);
        const bytes = n > 1 ? (await this.page(p, n))! : b;
        const truncated = n < 1 + h.overflow || bytes.length < n * this.pageSize;
        this.firstPageEnd = offset + this.pageSize;
        const r = this.leaf(bytes, offset, h.count, p, live ? this.pageBucket[p]! : NONE);
        if (live && r.rejected > 0) this.liveLeafFailed.add(p);
        this.report({ ...base, kind: truncated ? 'truncated' : 'leaf', status: r.entries > 0 || h.count === 0 ? 'read' : 'skipped', entries: r.entries, rejected: r.rejected, why: truncated ? 'overflow run cut by the end of the file' : r.why });
      }
    }
  }

  /** Reads one leaf (or inline bucket page) whose bytes start at file offset `offset`. */
  leaf(bytes: Uint8Array, offset: number, count: number, p: number, bucket: number, inlineOf?: string, rootRank?: { buckets: Map<string, Map<string, RawEntry>>; rank: bigint }): { entries: number; rejected: number; why?: string } {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let entries = 0;
    let rejected = 0;
    let why: string | undefined;
    if (PAGE_HEADER_SIZE + count * 16 > bytes.length) return { entries, rejected: count, why: `${count} elements do not fit in ${bytes.length} bytes` };
    const isRoot = bucket === ROOT_BUCKET || (inlineOf === undefined && bucket === NONE && this.looksLikeRoot(v, count, bytes.length));
    const rank = isRoot && !rootRank ? { buckets: new Map<string, Map<string, RawEntry>>(), rank: -1n } : rootRank;
    for (let i = 0; i < count; i++) {
      const e = PAGE_HEADER_SIZE + i * 16;
      const flags = v.getUint32(e, true);
      const kStart = e + v.getUint32(e + 4, true);
      const kEnd = kStart + v.getUint32(e + 8, true);
      const vEnd = kEnd + v.getUint32(e + 12, true);
      if (kEnd > bytes.length || vEnd > bytes.length || kEnd < kStart) {
        rejected++;
        why ??= `element ${i} runs past the page`;
        continue;
      }
      const key = bytes.subarray(kStart, kEnd);
      const value = bytes.subarray(kEnd, vEnd);
      if (flags & LEAF_FLAG_BUCKET) {
        if (!isRoot || value.length < 16) {
          rejected++;
          continue;
        }
        const name = latin1(key);
        const root = new DataView(value.buffer, value.byteOffset, 16).getBigUint64(0, true);
        entries++;
        // an empty bucket is recovered too (etcd creates all of them on start)
        const holder = bucket === ROOT_BUCKET ? this.liveBuckets : rank!.buckets;
        if (name !== BUCKETS.key && !holder.has(name)) holder.set(name, new Map());
        if (root !== 0n || value.length < 16 + PAGE_HEADER_SIZE) continue;
        const inline = value.subarray(16);
        const iv = new DataView(inline.buffer, inline.byteOffset, inline.byteLength);
        if (iv.getUint16(8, true) !== PAGE_FLAG_LEAF) {
          rejected++;
          continue;
        }
        const r = this.leaf(inline, offset + kEnd + 16, iv.getUint16(10, true), p, bucket === ROOT_BUCKET ? this.bucketIndex(name) : NONE, name, rank);
        entries += r.entries;
        rejected += r.rejected;
        if (r.why) why ??= `bucket ${name}: ${r.why}`;
        continue;
      }
      const known = inlineOf ?? (bucket >= 0 ? this.bucketNames[bucket] : bucket === KEY_BUCKET ? BUCKETS.key : undefined);
      const name = known ?? guessBucket(key, value);
      if (name === BUCKETS.key || (name === undefined && key.length >= 17 && key.length <= 18 && key[8] === 0x5f)) {
        let s = revisionShape(key, value);
        // bytes on overflow pages have no header to vouch for them: check the value itself
        if (typeof s !== 'string' && offset + vEnd > this.firstPageEnd && !s.tombstone) s = implausibleValue(value.subarray(s.f.valueStart, s.f.valueEnd)) ?? s;
        if (typeof s === 'string') {
          rejected++;
          why ??= `element ${i}: ${s}`;
          if (bucket !== NONE || this.liveMeta === undefined) this.noteValueLost(key, value);
          continue;
        }
        this.addRevision(s.main, s.sub, s.tombstone, bucket !== NONE, offset + kStart, offset + kEnd, value.length, value, s.f.keyStart, s.f.keyEnd);
        entries++;
        continue;
      }
      if (name === undefined || !fitsBucket(name, key, value)) {
        rejected++;
        why ??= `element ${i}: no bucket's shape fits`;
        continue;
      }
      const target = bucket !== NONE ? this.liveBuckets : rank ? rank.buckets : this.strays;
      let m = target.get(name);
      if (!m) target.set(name, (m = new Map()));
      m.set(latin1(key), { key: Uint8Array.from(key), value: Uint8Array.from(value) });
      if (rank && name === BUCKETS.meta && latin1(key) === 'consistent_index') rank.rank = new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0, false);
      entries++;
    }
    if (isRoot && rank && bucket === NONE && !rootRank && (!this.bestRoot || rank.rank > this.bestRoot.rank)) this.bestRoot = rank;
    return { entries, rejected, why };
  }

  /** A leaf of the root bucket: every element is a bucket. */
  looksLikeRoot(v: DataView, count: number, len: number): boolean {
    if (count === 0 || PAGE_HEADER_SIZE + count * 16 > len) return false;
    for (let i = 0; i < count; i++) if ((v.getUint32(PAGE_HEADER_SIZE + i * 16, true) & LEAF_FLAG_BUCKET) === 0) return false;
    return true;
  }

  noteValueLost(key: Uint8Array, value: Uint8Array): void {
    if (key.length < 17 || key[8] !== 0x5f) return;
    // field 1 (the user key) may still be readable when the rest of the value is not
    if (value[0] !== 0x0a || value.length < 2) return;
    const len = value[1]!;
    if (len >= 0x80 || 2 + len > value.length || len === 0) return;
    const main = Number(new DataView(key.buffer, key.byteOffset, 8).getBigInt64(0, false));
    const k = latin1(value.subarray(2, 2 + len));
    const prev = this.valueLost.get(k);
    if (prev === undefined || main > prev) this.valueLost.set(k, main);
  }

  addRevision(main: number, sub: number, tomb: boolean, live: boolean, koff: number, voff: number, vlen: number, raw: Uint8Array, keyStart: number, keyEnd: number): void {
    const id = this.keys.intern(raw, keyStart, keyEnd);
    if ((this.nRows + 1) * ROW > this.rows.length) {
      const next = new Float64Array(this.rows.length * 2);
      next.set(this.rows);
      this.rows = next;
    }
    const o = this.nRows++ * ROW;
    const r = this.rows;
    r[o + R_MAIN] = main;
    r[o + R_SUB] = sub;
    r[o + R_FLAGS] = (tomb ? F_TOMB : 0) | (live ? F_LIVE : 0);
    r[o + R_KOFF] = koff;
    r[o + R_VOFF] = voff;
    r[o + R_VLEN] = vlen;
    r[o + R_KEYID] = id;
  }
}

function revOf(k: Uint8Array | undefined): number | undefined {
  if (!k || k.length < 8) return undefined;
  const m = Number(new DataView(k.buffer, k.byteOffset, 8).getBigInt64(0, false));
  return m >= 0 ? m : undefined;
}

/**
 * Revisions known or likely to be missing, as merged [lo, hi] intervals (Infinity = open end):
 * etcd gives every write its own main revision and compaction only removes revisions at or
 * below the compact revision, so above it every main from compact+1 to the newest exists; a
 * hole there is a lost revision. Ranges the live tree points to and could not read are added
 * (below the compact revision holes are normal, so only those tell).
 */
export function missingRevisions(revisions: Iterable<[main: number, sub: number]>, compact: number, lost: readonly LostRange[], openTail: boolean): [number, number][] {
  const gaps: [number, number][] = [];
  let prev = Math.max(compact, 1);
  let prevSub = -1;
  for (const [m, sub] of revisions) {
    if (m > prev + 1) gaps.push([prev + 1, m - 1]);
    // the sub revisions of one transaction are 0, 1, 2, ...: a hole is a lost write at m
    if (m > compact && sub > (m === prev ? prevSub + 1 : 0)) gaps.push([m, m]);
    if (m >= prev) {
      prevSub = m === prev ? Math.max(prevSub, sub) : sub;
      prev = m;
    }
  }
  // above the compact revision the holes say it all; below it a lost live range may have held
  // a key's newest revision (a stale copy recovered there may be older)
  for (const l of lost) {
    if (l.bucket !== BUCKETS.key || l.fromRevision === undefined) continue;
    const hi = Math.min(l.toRevision === undefined ? Infinity : l.toRevision - 1, compact);
    if (hi >= l.fromRevision) gaps.push([l.fromRevision, hi]);
  }
  if (openTail) gaps.push([prev + 1, Infinity]);
  gaps.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const g of gaps) {
    const top = merged[merged.length - 1];
    if (top && g[0] <= top[1] + 1) top[1] = Math.max(top[1], g[1]);
    else merged.push([g[0], g[1]]);
  }
  return merged;
}

/** Is some revision in (latest, rev] missing? (`gaps` merged and sorted) */
export function mayBeStale(gaps: readonly [number, number][], latest: number, rev: number): boolean {
  let lo = 0;
  let hi = gaps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (gaps[mid]![1] <= latest) lo = mid + 1;
    else hi = mid;
  }
  const g = gaps[lo];
  return g !== undefined && Math.max(g[0], latest + 1) <= rev;
}

/** The result of a salvage: the report, and the recovered entries read on demand. */
export class Salvage {
  /** Row indexes of the kept revisions, in revision order. */
  private readonly order: Int32Array;
  constructor(
    readonly report: SalvageReport,
    private readonly s: Salvager,
    order: Int32Array,
    /** The other buckets, key → entry, sorted when read through buckets(). */
    private readonly other: Map<string, Map<string, RawEntry>>,
    private readonly owned: boolean,
    /** Missing revisions (missingRevisions()). */
    readonly gaps: [number, number][],
  ) {
    this.order = order;
  }

  /** Every kept key-bucket revision in revision order. */
  async *revisions(): AsyncGenerator<SalvagedRevision> {
    const r = this.s.rows;
    for (const i of this.order) {
      const o = i * ROW;
      const tomb = (r[o + R_FLAGS]! & F_TOMB) !== 0;
      const bucketKey = Uint8Array.from(await this.s.src.read(r[o + R_KOFF]!, tomb ? 18 : 17));
      const raw = Uint8Array.from(await this.s.src.read(r[o + R_VOFF]!, r[o + R_VLEN]!));
      yield { bucket: 'key', main: r[o + R_MAIN]!, sub: r[o + R_SUB]!, tombstone: tomb, bucketKey, raw, kv: decodeKeyValue(raw), live: (r[o + R_FLAGS]! & F_LIVE) !== 0 };
    }
  }

  /** The entries of every other bucket, by bucket name then key. */
  buckets(): Map<string, RawEntry[]> {
    const out = new Map<string, RawEntry[]>();
    for (const name of [...this.other.keys()].sort()) out.set(name, [...this.other.get(name)!.values()].sort((a, b) => Buffer.compare(a.key, b.key)));
    return out;
  }

  /** Everything recovered: the other buckets' entries, then the key bucket's revisions. */
  async *entries(): AsyncGenerator<SalvagedEntry | SalvagedRevision> {
    for (const [bucket, entries] of this.buckets()) for (const e of entries) yield { bucket, key: e.key, value: e.value };
    yield* this.revisions();
  }

  /** For writeEtcdDb: the other buckets as raw entries. */
  extras(): EtcdDbExtras {
    return { buckets: Object.fromEntries(this.buckets()) };
  }

  /**
   * The keyspace at `revision` (0 = current) as far as the recovered revisions allow: the
   * newest recovered entry <= revision per key, deleted keys left out; sorted by key bytes.
   * A key whose newest recovered entry lies below a missing revision (<= revision; for the
   * current keyspace, also a possibly lost tail) may have a newer value that was lost: it is
   * marked `uncertain`, and left out with certainOnly.
   */
  async keyspaceAt(revision = 0, opts: { certainOnly?: boolean } = {}): Promise<SalvagedRevision[]> {
    const rev = revision > 0 ? revision : this.report.currentRevision;
    const r = this.s.rows;
    const latest = new Int32Array(this.s.keys.size).fill(-1);
    for (const i of this.order) {
      if (r[i * ROW + R_MAIN]! > rev) break;
      latest[r[i * ROW + R_KEYID]!] = i;
    }
    // the current keyspace also depends on revisions after the newest recovered one
    const horizon = revision > 0 ? revision : Infinity;
    const stale = (id: number) => mayBeStale(this.gaps, r[latest[id]! * ROW + R_MAIN]!, horizon);
    const ids = [...latest.keys()].filter((id) => latest[id]! >= 0 && (r[latest[id]! * ROW + R_FLAGS]! & F_TOMB) === 0 && (!opts.certainOnly || !stale(id)));
    ids.sort((a, b) => Buffer.compare(this.s.keys.key(a), this.s.keys.key(b)));
    const out: SalvagedRevision[] = [];
    for (const id of ids) {
      const i = latest[id]!;
      const o = i * ROW;
      const raw = Uint8Array.from(await this.s.src.read(r[o + R_VOFF]!, r[o + R_VLEN]!));
      out.push({ bucket: 'key', main: r[o + R_MAIN]!, sub: r[o + R_SUB]!, tombstone: false, bucketKey: Uint8Array.from(await this.s.src.read(r[o + R_KOFF]!, 17)), raw, kv: decodeKeyValue(raw), live: (r[o + R_FLAGS]! & F_LIVE) !== 0, uncertain: stale(id) });
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.owned) await this.s.src.close();
  }
}

/**
 * Salvages `source` (a db file, a data dir, a snapshot file, or an open ByteSource). The
 * whole file is scanned once before this resolves; values are read again on demand.
 */
export async function salvageDb(source: string | ByteSource, opts: SalvageOptions = {}): Promise<Salvage> {
  const owned = typeof source === 'string';
  const src = typeof source === 'string' ? await openFileSource(await resolveDbPath(source)) : source;
  try {
    return await run(src, opts, owned);
  } catch (err) {
    if (owned) await src.close();
    throw err;
  }
}

async function run(src: ByteSource, opts: SalvageOptions, owned: boolean): Promise<Salvage> {
  if (opts.pageSize !== undefined && (!Number.isInteger(opts.pageSize) || opts.pageSize < 512 || opts.pageSize > 1 << 28 || (opts.pageSize & (opts.pageSize - 1)) !== 0)) {
    throw new UsageError(`page size ${opts.pageSize} is not a power of two between 512 and 268435456`);
  }
  const probe = await probePageSize(src, opts.pageSize);
  if (!('pageSize' in probe)) {
    throw new CorruptDataError('salvage', `no page size fits: not a bolt db, or every page is destroyed (tried ${probe.tried.join('; ')}); give --page-size to force one`, { file: src.name });
  }
  const s = new Salvager(src, opts);
  s.pageSize = probe.pageSize;
  s.pages = Math.floor(src.size / s.pageSize);
  if (s.pages < 3) throw new CorruptDataError('salvage', `file of ${src.size} bytes holds fewer than 3 pages of ${s.pageSize} bytes`, { file: src.name });
  s.pageBucket = new Int16Array(s.pages).fill(NONE);
  await s.walkLive();
  await s.scan();

  // live pages that turned out unreadable are lost ranges too
  for (const p of s.liveLeafFailed) {
    const b = s.pageBucket[p]!;
    const name = b === KEY_BUCKET ? BUCKETS.key : b === ROOT_BUCKET ? '(root)' : (s.bucketNames[b] ?? '?');
    const range = s.liveKeyLeaves.get(p);
    s.lostRanges.push({ bucket: name, fromRevision: range?.[0], toRevision: range?.[1], pgid: p, why: 'live leaf page unreadable' });
    s.liveProblems.push(`bucket ${name}: live leaf page ${p} unreadable`);
  }
  const keyLost = s.lostRanges.filter((l) => l.bucket === BUCKETS.key);
  const liveComplete = s.liveMeta !== undefined && s.lostRanges.length === 0;
  // with a live tree, a stale copy outside its lost ranges is history the tree dropped
  const keyTreeKnown = s.liveMeta !== undefined;

  // the other buckets: live tree, else the newest stale root page, else strays
  const other = new Map<string, Map<string, RawEntry>>();
  const names = new Set([...s.liveBuckets.keys(), ...(s.bestRoot?.buckets.keys() ?? []), ...s.strays.keys()]);
  for (const name of names) {
    const liveHas = s.liveBuckets.get(name);
    const chosen = liveHas ?? s.bestRoot?.buckets.get(name) ?? s.strays.get(name)!;
    other.set(name, chosen);
  }
  const compactRev = compactionOf(other.get(BUCKETS.meta));

  // sort and de-duplicate the revisions
  const r = s.rows;
  const idx = new Int32Array(s.nRows);
  for (let i = 0; i < s.nRows; i++) idx[i] = i;
  idx.sort((a, b) => {
    const oa = a * ROW;
    const ob = b * ROW;
    return r[oa + R_MAIN]! - r[ob + R_MAIN]! || r[oa + R_SUB]! - r[ob + R_SUB]! || (r[ob + R_FLAGS]! & F_LIVE) - (r[oa + R_FLAGS]! & F_LIVE) || a - b;
  });
  const inLostRange = (main: number) => keyLost.some((l) => (l.fromRevision === undefined || main >= l.fromRevision) && (l.toRevision === undefined || main < l.toRevision));
  const kept: number[] = [];
  let conflicts = 0;
  let compactedDropped = 0;
  let fromLive = 0;
  let liveMax = 0;
  for (let i = 0; i < s.nRows; i++) if (r[i * ROW + R_FLAGS]! & F_LIVE) liveMax = Math.max(liveMax, r[i * ROW + R_MAIN]!);
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j]!;
    const o = i * ROW;
    if (kept.length) {
      const po = kept[kept.length - 1]! * ROW;
      if (r[po + R_MAIN] === r[o + R_MAIN] && r[po + R_SUB] === r[o + R_SUB]) {
        if (r[po + R_VLEN] !== r[o + R_VLEN] || r[po + R_KEYID] !== r[o + R_KEYID] || r[po + R_FLAGS]! % 2 !== r[o + R_FLAGS]! % 2) conflicts++;
        else if (Buffer.compare(await src.read(r[po + R_VOFF]!, r[po + R_VLEN]!), await src.read(r[o + R_VOFF]!, r[o + R_VLEN]!)) !== 0) conflicts++;
        continue;
      }
    }
    const live = (r[o + R_FLAGS]! & F_LIVE) !== 0;
    if (!live && keyTreeKnown && !opts.includeCompacted) {
      const main = r[o + R_MAIN]!;
      // a stale copy where the live tree is readable: the live tree dropped it (compaction)
      if (main <= liveMax && !inLostRange(main)) {
        compactedDropped++;
        continue;
      }
    }
    if (live) fromLive++;
    kept.push(i);
  }
  const order = Int32Array.from(kept);

  // per key: latest revision, for the counts and the keys at risk
  const latest = new Int32Array(s.keys.size).fill(-1);
  for (const i of order) latest[r[i * ROW + R_KEYID]!] = i;
  let keysRecovered = 0;
  let liveKeys = 0;
  const atRisk: string[] = [];
  let atRiskCount = 0;
  const gaps = missingRevisions((function* () {
    for (const i of order) yield [r[i * ROW + R_MAIN]!, r[i * ROW + R_SUB]!] as [number, number];
  })(), compactRev, keyLost, openTail(s, keyLost));
  for (let id = 0; id < latest.length; id++) {
    const i = latest[id]!;
    if (i < 0) continue;
    keysRecovered++;
    if ((r[i * ROW + R_FLAGS]! & F_TOMB) === 0) liveKeys++;
    if ((r[i * ROW + R_FLAGS]! & F_TOMB) === 0 && mayBeStale(gaps, r[i * ROW + R_MAIN]!, Infinity)) {
      atRiskCount++;
      if (atRisk.length < (opts.maxListed ?? 200)) atRisk.push(displayKey(s.keys.key(id)));
    }
  }
  const currentRevision = order.length ? r[order[order.length - 1]! * ROW + R_MAIN]! : 0;
  const valueLost: { key: string; revision: number }[] = [];
  let valueLostCount = 0;
  for (const [k, main] of s.valueLost) {
    const kb = Buffer.from(k, 'latin1');
    const id = s.keys.find(kb, 0, kb.length);
    const li = id < 0 ? -1 : latest[id]!;
    if (li >= 0 && r[li * ROW + R_MAIN]! >= main) continue; // a newer (or the same) revision was recovered
    valueLostCount++;
    if (valueLost.length < (opts.maxListed ?? 200)) valueLost.push({ key: displayKey(Buffer.from(k, 'latin1')), revision: main });
  }
  const buckets: Record<string, number> = { [BUCKETS.key]: order.length };
  for (const [name, m] of other) buckets[name] = m.size;
  const report: SalvageReport = {
    file: src.name,
    fileSize: src.size,
    pageSize: s.pageSize,
    pageSizeFrom: probe.from,
    pageSizeTried: probe.tried,
    pagesScanned: s.pages,
    pagesRead: s.read,
    pagesSkipped: s.skipped,
    pagesDamaged: s.damagedCount,
    pageKinds: s.kinds,
    liveTree: { meta: s.liveMeta?.index, txid: s.liveMeta?.txid.toString(), root: s.liveMeta?.root, complete: liveComplete, problems: s.liveProblems.slice(0, opts.maxListed ?? 200) },
    keysRecovered,
    liveKeys,
    revisionsRecovered: order.length,
    revisionsFromLiveTree: fromLive,
    revisionsFromOtherPages: order.length - fromLive,
    compactedRevisionsDropped: compactedDropped,
    conflictingCopies: conflicts,
    entriesRejected: s.rejected,
    currentRevision,
    compactRevision: compactRev,
    buckets,
    lostRanges: s.lostRanges.slice(0, opts.maxListed ?? 200),
    keysValueLost: valueLost,
    keysValueLostCount: valueLostCount,
    keysAtRisk: atRisk,
    keysAtRiskCount: atRiskCount,
    missingRevisions: [],
    damagedPages: s.damaged,
    lost: false,
  };
  report.missingRevisions = gaps.slice(0, opts.maxListed ?? 200).map(([lo, hi]) => ({ from: lo, to: hi === Infinity ? null : hi }));
  report.lost = !liveComplete || valueLostCount > 0 || report.pagesDamaged > 0 || gaps.length > 0;
  return new Salvage(report, s, order, other, owned, gaps);
}

/**
 * May the newest revisions be lost? Yes when the live tree's rightmost key range was lost, when
 * the file ends before the meta's high-water mark, or when pages that may have been leaves are
 * destroyed and no live tree tells which they were (no meta/root, or the key bucket's root lost).
 */
function openTail(s: Salvager, keyLost: LostRange[]): boolean {
  if (keyLost.some((l) => l.toRevision === undefined && l.fromRevision !== undefined)) return true;
  // a file shorter than its meta's high-water mark, or cut inside a page, has lost its end
  if (s.pages < s.metaHwm) return true;
  if (s.src.size % s.pageSize !== 0 && s.src.size % s.pageSize !== 32) return true;
  const treeBlind = !s.liveMeta || keyLost.some((l) => l.fromRevision === undefined);
  return treeBlind && s.unexplained > 0;
}

/** meta/finishedCompactRev (else scheduledCompactRev), -1 when never compacted. */
function compactionOf(meta: Map<string, RawEntry> | undefined): number {
  let best = -1;
  for (const name of ['finishedCompactRev', 'scheduledCompactRev']) {
    const e = meta?.get(name);
    if (e && e.value.length === 17) best = Math.max(best, Number(new DataView(e.value.buffer, e.value.byteOffset, 8).getBigInt64(0, false)));
  }
  return best;
}

// Streaming over the `key` bucket: one StoredRevision per entry, in revision order.
//
// Bucket key layout (17 or 18 bytes, big-endian so byte order is revision order):
//   0..7 main · 8 '_' · 9..16 sub · [17 't' = tombstone]
// The visitor runs synchronously per entry so the hot loop pays for one async iteration
// (the bolt cursor's) and no per-entry copies: keys and values are views.
import { CorruptDataError } from '../../errors.js';
import { BoltBucket } from '../../bolt/index.js';
import type { BoltEntry } from '../../bolt/types.js';
import type { Keyspace } from './open.js';
import { emptyFields, KeyValueFormatError, revisionNumber, scanKeyValue } from './kv-fields.js';
import type { KeyValueFields } from './kv-fields.js';

export interface StoredRevision {
  main: number;
  sub: number;
  tombstone: boolean;
  /** The 17/18-byte bucket key. */
  bucketKey: Uint8Array;
  /** The marshalled mvccpb.KeyValue. */
  raw: Uint8Array;
  fields: KeyValueFields;
  /** Leaf page and element index holding the entry (for error messages and salvage). */
  pgid: bigint;
  index: number;
}

const EMPTY = new Uint8Array(0);

export interface ScanOptions {
  /** Start at this main revision (seeks in the bucket). */
  fromMain?: number;
  /**
   * Called for a malformed entry (bad key, undecodable KeyValue, revision out of order),
   * which is then skipped; without it the scan throws. Damage inside bolt pages still throws.
   */
  onBadEntry?: (err: CorruptDataError) => void;
}

/** The user key of a stored revision (a view). */
export function userKeyOf(r: StoredRevision): Uint8Array {
  return r.raw.subarray(r.fields.keyStart, r.fields.keyEnd);
}

/** The value of a stored revision (a view; empty for tombstones). */
export function valueOf(r: StoredRevision): Uint8Array {
  return r.raw.subarray(r.fields.valueStart, r.fields.valueEnd);
}

function badEntry(file: string, pgid: bigint, index: number, detail: string): CorruptDataError {
  return new CorruptDataError('mvcc', detail, { file, where: entryWhere(pgid, index) });
}

/** Where an entry sits, for error messages. */
export function entryWhere(pgid: bigint, index: number): string {
  return pgid === 0n ? `key bucket (inline) item ${index}` : `key bucket page ${pgid} item ${index}`;
}

function startKey(main: number): Uint8Array {
  const b = new Uint8Array(17);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, Math.floor(main / 4294967296));
  dv.setUint32(4, main >>> 0);
  b[8] = 0x5f;
  return b;
}

/**
 * Calls `visit` for every entry of the key bucket in order. `visit` may return `false` to
 * stop. The StoredRevision passed to `visit` is reused for the next entry (the hot loop
 * allocates nothing of its own): copy what you keep. Throws CorruptDataError naming the
 * page and item for a malformed key or value, or for keys out of revision order, unless
 * `opts.onBadEntry` takes it (the entry is then skipped and the scan goes on).
 */
export async function forEachRevision(
  ks: Keyspace,
  visit: (r: StoredRevision) => boolean | void,
  opts: ScanOptions = {},
): Promise<void> {
  const file = ks.path;
  let prevMain = -1;
  let prevSub = -1;
  const fields = emptyFields();
  const rec: StoredRevision = { main: 0, sub: 0, tombstone: false, bucketKey: EMPTY, raw: EMPTY, fields, pgid: 0n, index: 0 };
  const from = opts.fromMain !== undefined ? startKey(opts.fromMain) : undefined;
  const it = entryStepper(ks, from);
  let step: BoltEntry | Promise<BoltEntry | undefined> | undefined = await it.first();
  // Validates and decodes one entry into rec's fields; returns the damage instead of throwing.
  // Error locations are built only on the error path (badEntry): this runs per entry.
  let main = 0;
  let sub = 0;
  let tombstone = false;
  const checkEntry = (e: BoltEntry): CorruptDataError | undefined => {
    const k = e.key;
    if (e.isBucket || e.value === null) return badEntry(file, e.pgid, e.index, 'nested bucket inside the key bucket, expected a revision');
    if (k.length !== 17 && k.length !== 18) return badEntry(file, e.pgid, e.index, `revision key of ${k.length} bytes, expected 17 or 18`);
    if (k[8] !== 0x5f) return badEntry(file, e.pgid, e.index, `revision key byte 8 is 0x${k[8]!.toString(16)}, expected '_'`);
    tombstone = k.length === 18;
    if (tombstone && k[17] !== 0x74) return badEntry(file, e.pgid, e.index, `revision key mark 0x${k[17]!.toString(16)}, expected 't'`);
    const hiMain = ((k[0]! << 24) | (k[1]! << 16) | (k[2]! << 8) | k[3]!) >>> 0;
    const loMain = ((k[4]! << 24) | (k[5]! << 16) | (k[6]! << 8) | k[7]!) >>> 0;
    const hiSub = ((k[9]! << 24) | (k[10]! << 16) | (k[11]! << 8) | k[12]!) >>> 0;
    const loSub = ((k[13]! << 24) | (k[14]! << 16) | (k[15]! << 8) | k[16]!) >>> 0;
    try {
      main = hiMain < 0x200000 ? hiMain * 4294967296 + loMain : revisionNumber(hiMain, loMain, 'main revision', { file, where: entryWhere(e.pgid, e.index) });
      sub = hiSub < 0x200000 ? hiSub * 4294967296 + loSub : revisionNumber(hiSub, loSub, 'sub revision', { file, where: entryWhere(e.pgid, e.index) });
    } catch (err) {
      if (err instanceof CorruptDataError) return err;
      throw err;
    }
    if (main < prevMain || (main === prevMain && sub <= prevSub)) {
      return badEntry(file, e.pgid, e.index, `revision ${main}.${sub} follows ${prevMain}.${prevSub}: revisions out of order (or duplicated)`);
    }
    try {
      scanKeyValue(e.value, fields);
    } catch (err) {
      if (err instanceof KeyValueFormatError) return badEntry(file, e.pgid, e.index, `revision ${main}.${sub}: undecodable KeyValue: ${err.message}`);
      throw err;
    }
    prevMain = main;
    prevSub = sub;
    return undefined;
  };
  for (;;) {
    const e: BoltEntry | undefined = step instanceof Promise ? await step : step;
    if (!e) break;
    const bad = checkEntry(e);
    if (bad !== undefined) {
      if (!opts.onBadEntry) throw bad;
      opts.onBadEntry(bad);
      step = it.next();
      continue;
    }
    rec.main = main;
    rec.sub = sub;
    rec.tombstone = tombstone;
    rec.bucketKey = e.key;
    rec.raw = e.value!;
    rec.pgid = e.pgid;
    rec.index = e.index;
    if (visit(rec) === false) return;
    step = it.next();
  }
}

/**
 * Steps through the key bucket. With the bolt reader's own bucket this drives its cursor,
 * whose step is synchronous inside a page (one await per page, not per entry); any other
 * Bucket implementation goes through its async `entries()`.
 */
function entryStepper(
  ks: Keyspace,
  from: Uint8Array | undefined,
): { first: () => Promise<BoltEntry | undefined>; next: () => BoltEntry | Promise<BoltEntry | undefined> | undefined } {
  const b = ks.keyBucket;
  if (b instanceof BoltBucket) {
    const cur = b.cursor();
    return {
      first: () => (from ? cur.seek(from) : cur.first()),
      next: () => cur.step(1),
    };
  }
  const iter = b.entries(from ? { from } : {})[Symbol.asyncIterator]();
  const pull = async () => {
    const r = await iter.next();
    return r.done ? undefined : r.value;
  };
  return { first: pull, next: pull };
}

/** The main revision of the last entry of the key bucket (tombstones included), or 0 when empty. */
export async function lastStoredMain(ks: Keyspace): Promise<number> {
  for await (const e of ks.keyBucket.entries({ reverse: true })) {
    if (e.key.length < 8) throw new CorruptDataError('mvcc', `revision key of ${e.key.length} bytes`, { file: ks.path, where: entryWhere(e.pgid, e.index) });
    const hi = ((e.key[0]! << 24) | (e.key[1]! << 16) | (e.key[2]! << 8) | e.key[3]!) >>> 0;
    const lo = ((e.key[4]! << 24) | (e.key[5]! << 16) | (e.key[6]! << 8) | e.key[7]!) >>> 0;
    return revisionNumber(hi, lo, 'main revision', { file: ks.path, where: entryWhere(e.pgid, e.index) });
  }
  return 0;
}

/** Bytes → string with one char per byte (latin1): a faithful, sortable Map key. */
export function keyString(b: Uint8Array): string {
  if (b.length <= 48) {
    let s = '';
    for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/** The inverse of keyString. */
export function keyBytes(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}

// A hash table from user-key bytes to a dense index, without making a string per lookup.
// The key bucket is scanned entry by entry (millions of them) while the number of distinct
// keys is small in comparison, so each lookup hashes and compares bytes in place and only
// a new key is copied (into one arena, no per-key objects).

const EMPTY = 0;

export class KeyTable {
  /** Slot s → [2s] key index + 1 (0 = empty), [2s+1] its hash: one cache line per probe. */
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private offsets: Int32Array;
  private lengths: Int32Array;
  private arena: Uint8Array;
  private arenaView: DataView;
  private used = 0;
  /** DataView over the ArrayBuffer of the last probed bytes (consecutive entries share a cache block). */
  private lastBuffer: ArrayBufferLike | undefined;
  private lastView: DataView | undefined;
  /** Number of distinct keys. */
  size = 0;

  constructor(initialKeys = 1024) {
    let cap = 16;
    while (cap < initialKeys * 2) cap <<= 1;
    this.slots = new Int32Array(cap * 2);
    this.mask = cap - 1;
    this.hashes = new Int32Array(initialKeys);
    this.offsets = new Int32Array(initialKeys);
    this.lengths = new Int32Array(initialKeys);
    this.arena = new Uint8Array(initialKeys * 32);
    this.arenaView = new DataView(this.arena.buffer);
  }

  private viewOf(b: Uint8Array): DataView {
    if (b.buffer !== this.lastBuffer) {
      this.lastBuffer = b.buffer;
      this.lastView = new DataView(b.buffer);
    }
    return this.lastView!;
  }

  /** Index of the key bytes b[start, end), or -1 when absent. */
  find(b: Uint8Array, start: number, end: number): number {
    const v = this.viewOf(b);
    return this.probe(v, b.byteOffset + start, end - start, hashBytes(v, b.byteOffset + start, end - start), false);
  }

  /** Index of the key, inserting it when absent (check `size` to tell). */
  intern(b: Uint8Array, start: number, end: number): number {
    const v = this.viewOf(b);
    return this.probe(v, b.byteOffset + start, end - start, hashBytes(v, b.byteOffset + start, end - start), true);
  }

  /** The key bytes of an index (a view: copy it to keep it past the next insert). */
  key(index: number): Uint8Array {
    const off = this.offsets[index]!;
    return this.arena.subarray(off, off + this.lengths[index]!);
  }

  /** The key of an index as a latin1 string (one char per byte). */
  keyString(index: number): string {
    const off = this.offsets[index]!;
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + off, this.lengths[index]!).toString('latin1');
  }

  /** Looks up the `len` bytes at absolute offset `at` of view `v`. */
  private probe(v: DataView, at: number, len: number, h: number, insert: boolean): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const occupant = slots[2 * slot]!;
      if (occupant === EMPTY) break;
      const i = occupant - 1;
      if (slots[2 * slot + 1] === h && this.lengths[i] === len && this.sameBytes(i, v, at, len)) return i;
      slot = (slot + 1) & mask;
    }
    if (!insert) return -1;
    const i = this.size++;
    if (i >= this.hashes.length) this.growIndex();
    if (this.used + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.used + len));
      next.set(this.arena.subarray(0, this.used));
      this.arena = next;
      this.arenaView = new DataView(next.buffer);
    }
    this.arena.set(new Uint8Array(v.buffer, at, len), this.used);
    this.hashes[i] = h;
    this.offsets[i] = this.used;
    this.lengths[i] = len;
    this.used += len;
    slots[2 * slot] = i + 1;
    slots[2 * slot + 1] = h;
    if (this.size * 2 > this.mask + 1) this.rehash();
    return i;
  }

  private sameBytes(i: number, v: DataView, at: number, len: number): boolean {
    const a = this.arenaView;
    const off = this.offsets[i]!;
    let j = 0;
    for (; j + 4 <= len; j += 4) if (a.getInt32(off + j, true) !== v.getInt32(at + j, true)) return false;
    for (; j < len; j++) if (a.getUint8(off + j) !== v.getUint8(at + j)) return false;
    return true;
  }

  private growIndex(): void {
    const n = this.hashes.length * 2;
    const grow = (x: Int32Array) => {
      const y = new Int32Array(n);
      y.set(x);
      return y;
    };
    this.hashes = grow(this.hashes);
    this.offsets = grow(this.offsets);
    this.lengths = grow(this.lengths);
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    const slots = new Int32Array(cap * 2);
    const mask = cap - 1;
    for (let i = 0; i < this.size; i++) {
      const h = this.hashes[i]!;
      let s = h & mask;
      while (slots[2 * s] !== EMPTY) s = (s + 1) & mask;
      slots[2 * s] = i + 1;
      slots[2 * s + 1] = h;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a style hash over 4-byte words (then the tail bytes) of `len` bytes at `at`. */
function hashBytes(v: DataView, at: number, len: number): number {
  let h = 0x811c9dc5 ^ len;
  let j = 0;
  for (; j + 4 <= len; j += 4) h = Math.imul(h ^ v.getInt32(at + j, true), 0x01000193);
  for (; j < len; j++) h = Math.imul(h ^ v.getUint8(at + j), 0x01000193);
  return h ^ (h >>> 15);
}

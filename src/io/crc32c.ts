// CRC-32C (Castagnoli), as Go's crc32.Update(prev, crc32.MakeTable(crc32.Castagnoli), p).
// etcd uses it for the WAL rolling checksum, .snap files, `hash` and HashKV.
import CRC32C from 'crc-32/crc32c.js';

/** Returns the unsigned CRC-32C of `data`, continuing from the previous value `prev`. */
export function crc32c(data: Uint8Array, prev = 0): number {
  return CRC32C.buf(data, prev | 0) >>> 0;
}

/** Incremental CRC-32C, for hashes fed in many pieces. */
export class Crc32c {
  value = 0;
  constructor(seed = 0) {
    this.value = seed >>> 0;
  }
  update(data: Uint8Array): this {
    this.value = CRC32C.buf(data, this.value | 0) >>> 0;
    return this;
  }
}

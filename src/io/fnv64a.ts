// FNV-1a 64-bit, as Go's hash/fnv New64a: bbolt's meta page checksum.
// Computed on two 32-bit halves to stay out of BigInt in the loop.

const PRIME_LO = 0x1b3; // FNV prime 0x100000001b3 = 2^40 + 0x1b3
export function fnv64a(data: Uint8Array): bigint {
  // offset basis 0xcbf29ce484222325
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < data.length; i++) {
    lo = (lo ^ data[i]!) >>> 0;
    // (hi:lo) * (2^40 + 0x1b3) mod 2^64
    const loMul = lo * PRIME_LO; // < 2^41, exact
    const carry = Math.floor(loMul / 0x100000000);
    const newLo = loMul >>> 0;
    // hi part: hi*0x1b3 + carry + (lo << 8) (from 2^40 = 2^32 * 2^8)
    const newHi = (Math.imul(hi, PRIME_LO) + carry + ((lo << 8) >>> 0)) >>> 0;
    hi = newHi;
    lo = newLo;
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}

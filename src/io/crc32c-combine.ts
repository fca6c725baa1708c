// CRC-32C of a concatenation from the CRCs of its parts (zlib's crc32_combine, as
// polynomial arithmetic modulo the reflected Castagnoli polynomial): crc(A‖B) =
// crc(A)·x^(8·|B|) ⊕ crc(B). Lets a one-pass scan hash entries whose inclusion is decided
// only later, without reading them twice.

const POLY = 0x82f63b78;

/** a(x)·b(x) modulo p(x), bit-reflected (bit 31 = x^0). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** X2N[k] = x^(2^k) mod p. */
const X2N = new Uint32Array(32);
X2N[0] = 0x40000000; // x^1
for (let k = 1; k < 32; k++) X2N[k] = multModP(X2N[k - 1]!, X2N[k - 1]!);

/** x^(n·2^k) mod p. */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  while (n > 0) {
    if (n % 2 === 1) p = multModP(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** CRC-32C of A‖B given crcA = crc(A), crcB = crc(B) and B's length in bytes. */
export function crc32cCombine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(x2nModP(lengthB, 3), crcA) ^ crcB) >>> 0;
}

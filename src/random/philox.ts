/**
 * Philox-4x32-10, the counter-based generator of Salmon, Moraes, Dror & Shaw,
 * "Parallel random numbers: as easy as 1, 2, 3" (SC 2011), as specified by Random123.
 *
 * A block is a pure function of a 128-bit counter and a 64-bit key:
 *   round:  (L0, R0, L1, R1) -> (hi(M1·L1) ^ R0 ^ k0, lo(M1·L1), hi(M0·L0) ^ R1 ^ k1, lo(M0·L0))
 *   with M0 = 0xD2511F53, M1 = 0xCD9E8D57, and the key bumped by the Weyl constants
 *   (0x9E3779B9, 0xBB67AE85) between rounds; 10 rounds.
 * No state, no sequence: any block can be computed on its own, which is what makes every
 * sampler in initlab independent of how a fill is split into chunks or threads.
 * Checked against the published Random123 known-answer vectors (test/random/philox.test.ts).
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const M0_LO = M0 & 0xffff;
const M0_HI = M0 >>> 16;
const M1_LO = M1 & 0xffff;
const M1_HI = M1 >>> 16;

/**
 * High 32 bits of the 64-bit product m·x, from 16-bit partial products (each below 2^32, so
 * exact in JavaScript numbers; there is no 64-bit integer multiply on numbers).
 */
function mulhi(mHi: number, mLo: number, x: number): number {
  const xLo = x & 0xffff;
  const xHi = x >>> 16;
  const b = mHi * xLo;
  const c = mLo * xHi;
  const carry = ((mLo * xLo) >>> 16) + (b & 0xffff) + (c & 0xffff);
  return (mHi * xHi + (b >>> 16) + (c >>> 16) + (carry >>> 16)) >>> 0;
}

/** Computes one block for an arbitrary counter (c0..c3) and writes its 4 words to `out[o..o+3]`. */
export function philox4x32(
  c0: number, c1: number, c2: number, c3: number,
  k0: number, k1: number,
  out: Uint32Array, o = 0,
): void {
  let x0 = c0 | 0, x1 = c1 | 0, x2 = c2 | 0, x3 = c3 | 0;
  let key0 = k0 | 0, key1 = k1 | 0;
  for (let r = 0; r < 10; r++) {
    const hi0 = mulhi(M0_HI, M0_LO, x0);
    const hi1 = mulhi(M1_HI, M1_LO, x2);
    const lo0 = Math.imul(M0, x0);
    x0 = hi1 ^ x1 ^ key0;
    x1 = Math.imul(M1, x2);
    x2 = hi0 ^ x3 ^ key1;
    x3 = lo0;
    key0 = (key0 + W0) | 0;
    key1 = (key1 + W1) | 0;
  }
  out[o] = x0;
  out[o + 1] = x1;
  out[o + 2] = x2;
  out[o + 3] = x3;
}

/**
 * The data blocks `first .. first+n-1` of a key: block b uses the counter
 * (b mod 2^32, floor(b / 2^32), 0, 0), so a block index may go up to 2^53.
 * Writes 4·n words to `out` starting at 0.
 */
export function philoxBlocks(k0: number, k1: number, first: number, n: number, out: Uint32Array): void {
  for (let b = 0; b < n; b++) {
    const index = first + b;
    philox4x32(index >>> 0, (index / 4294967296) >>> 0, 0, 0, k0, k1, out, 4 * b);
  }
}

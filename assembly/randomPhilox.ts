/**
 * Philox-4x32-10 (Salmon, Moraes, Dror & Shaw, SC 2011) on 128-bit SIMD, four blocks at a time:
 * the SIMD twin of ../src/random/philox.ts, producing exactly its `philoxBlocks`.
 *
 * A group is the eight consecutive data blocks 8g .. 8g+7 of a key, block b with the counter
 * (b mod 2^32, floor(b / 2^32), 0, 0), in two halves of four. The state is kept "structure of
 * arrays": in each half, vector xi holds word i of the four blocks, lane j belonging to block
 * 8g + 4h + j. The blocks of a half share floor(b / 2^32), as 2^32 is a multiple of 4. The halves'
 * rounds are independent, so one half's multiplies run during the other's latency (four blocks
 * alone are latency-bound: measured 1.6 times slower).
 *
 * One round maps (L0, R0, L1, R1) to (hi(M1·L1) ^ R0 ^ k0, lo(M1·L1), hi(M0·L0) ^ R1 ^ k1,
 * lo(M0·L0)). The 32×32 -> 64-bit products come from i64x2.extmul_low/high_i32x4_u (lanes 0, 1
 * and 2, 3); one shuffle gathers their high words, i32x4.mul gives the low words (measured faster
 * than a second shuffle of the products, and than 16-bit partial products). The first round is
 * specialized: its L1 and R1 are 0, so M1·L1 = 0.
 */

/** The multipliers M0, M1 and the Weyl key increments W0, W1, splatted by loading (see ./mathF32.ts). */
const CONSTANTS: usize = memory.data<u32>([0xd2511f53, 0xcd9e8d57, 0x9e3779b9, 0xbb67ae85]);

/** High 32 bits of the four products x·m (lanes as unsigned 32-bit integers). */
// @ts-ignore: decorator
@inline function mulhi(x: v128, m: v128): v128 {
  return i8x16.shuffle(
    i64x2.extmul_low_i32x4_u(x, m), i64x2.extmul_high_i32x4_u(x, m),
    4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31,
  );
}

/**
 * Computes group `group` (blocks 8·group .. 8·group+7) of key (k0, k1) and stores word i of blocks
 * 8·group .. +3 at dst + 16·i and of blocks 8·group+4 .. +7 at dst + 64 + 16·i (128 bytes).
 */
// @ts-ignore: decorator
@inline export function philoxGroup(dst: usize, group: u64, k0: u32, k1: u32): void {
  const block = group << 3;
  const m0 = v128.load32_splat(CONSTANTS);
  const m1 = v128.load32_splat(CONSTANTS, 4);
  const ca = i32x4.add(i32x4.splat(<i32>block), i32x4(0, 1, 2, 3));
  const cb = i32x4.add(i32x4.splat(<i32>(block + 4)), i32x4(0, 1, 2, 3));
  // Round 1, with counter words 2 and 3 equal to 0.
  let a0 = i32x4.splat(<i32>(block >> 32) ^ k0);
  let b0 = i32x4.splat(<i32>((block + 4) >> 32) ^ k0);
  let a1 = i32x4.splat(0);
  let b1 = a1;
  let a2 = v128.xor(mulhi(ca, m0), i32x4.splat(k1));
  let b2 = v128.xor(mulhi(cb, m0), i32x4.splat(k1));
  let a3 = i32x4.mul(ca, m0);
  let b3 = i32x4.mul(cb, m0);
  let v0 = i32x4.splat(k0);
  let v1 = i32x4.splat(k1);
  for (let r = 1; r < 10; r++) {
    v0 = i32x4.add(v0, v128.load32_splat(CONSTANTS, 8));
    v1 = i32x4.add(v1, v128.load32_splat(CONSTANTS, 12));
    const ya0 = v128.xor(v128.xor(mulhi(a2, m1), a1), v0);
    const yb0 = v128.xor(v128.xor(mulhi(b2, m1), b1), v0);
    const ya1 = i32x4.mul(a2, m1);
    const yb1 = i32x4.mul(b2, m1);
    const ya2 = v128.xor(v128.xor(mulhi(a0, m0), a3), v1);
    const yb2 = v128.xor(v128.xor(mulhi(b0, m0), b3), v1);
    a3 = i32x4.mul(a0, m0);
    b3 = i32x4.mul(b0, m0);
    a0 = ya0;
    b0 = yb0;
    a1 = ya1;
    b1 = yb1;
    a2 = ya2;
    b2 = yb2;
  }
  v128.store(dst, a0);
  v128.store(dst, a1, 16);
  v128.store(dst, a2, 32);
  v128.store(dst, a3, 48);
  v128.store(dst, b0, 64);
  v128.store(dst, b1, 80);
  v128.store(dst, b2, 96);
  v128.store(dst, b3, 112);
}

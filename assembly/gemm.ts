// Single-precision matrix products C = alpha·op(A)·op(B) (+ C), row-major, float32 in and out,
// in the blocked form of Goto & van de Geijn ("Anatomy of high-performance matrix
// multiplication", ACM TOMS 34, 2008) as BLIS arranges it:
//
//   for each k-block of KC (p0):                    op(B)[p0:p0+KC, :] packed once (sgemmPackB)
//     for each row block of MC rows (one task):     op(A)[i0:i0+MC, p0:p0+KC] packed (L2)
//       for each NR-column panel of packed B (L1):  KC×NR floats
//         for each MR-row panel of packed A:        the MR×NR microkernel, KC rank-1 updates
//
// op(X) is X or Xᵀ, read through strides (element (i, p) of op(A) is a[i·rsa + p·csa]), so one
// packing routine and one microkernel serve A·B, A·Bᵀ and Aᵀ·B. The microkernel keeps an MR×NR =
// 4×8 tile of C in eight f32x4 registers; each step loads two vectors of B, broadcasts four values
// of A and does 8 multiplies and 8 adds (WebAssembly SIMD has no fused multiply-add): 64 flops for
// 22 instructions. Sums run in float32 in order p = 0..k−1 inside a k-block, and the k-blocks are
// added to C in order, so every element's rounding depends only on k (never on the row block, the
// task or the thread that computed it): results are identical for any thread count.

import { transpose4x4 } from './transpose';

/** Rows and columns of the register tile. */
const GEMM_MR: i32 = 4;
const GEMM_NR: i32 = 8;
/** Depth of a k-block: a B micro-panel is KC·NR·4 = 16 KiB (L1), an A micro-panel 8 KiB. */
const GEMM_KC: i32 = 512;
/** Rows of C per task: an A block of MC·KC·4 = 128 KiB stays in L2. */
const GEMM_MC: i32 = 64;

/** Rows of C per task and columns per packed-B panel (the task counts of sgemmRows and sgemmPackB). */
export function gemmRowBlock(): i32 {
  return GEMM_MC;
}

export function gemmColPanel(): i32 {
  return GEMM_NR;
}

/** Bytes of packed-A scratch one task needs: its A block and an MR×NR edge tile. */
export function gemmScratchBytes(): i32 {
  return (GEMM_MC * GEMM_KC + GEMM_MR * GEMM_NR) * 4;
}

/** Floats of packed B for op(B) k×n: k rows of the columns rounded up to NR. */
export function gemmPackedBFloats(k: i32, n: i32): i32 {
  return k * panels(n, GEMM_NR) * GEMM_NR;
}

@inline function panels(x: i32, w: i32): i32 {
  return (x + w - 1) / w;
}

/**
 * Task t packs column panel t of op(B) (k×n; element (p, j) is b[p·rsb + j·csb]) for every
 * k-block: block p0 starts at packed + p0·npad, and within it panel t is kb×NR floats, row by row,
 * columns past n zero.
 */
export function sgemmPackB(b: usize, rsb: i32, csb: i32, k: i32, n: i32, packed: usize, task: i32): void {
  const npad = panels(n, GEMM_NR) * GEMM_NR;
  const j0 = task * GEMM_NR;
  const cols = min(GEMM_NR, n - j0);
  for (let p0 = 0; p0 < k; p0 += GEMM_KC) {
    const kb = min(GEMM_KC, k - p0);
    let dst = packed + ((<usize>p0 * npad + <usize>j0 * kb) << 2);
    for (let p = p0; p < p0 + kb; p++) {
      const row = b + ((<usize>p * rsb + <usize>j0 * csb) << 2);
      if (cols == GEMM_NR && csb == 1) {
        v128.store(dst, v128.load(row));
        v128.store(dst, v128.load(row, 16), 16);
      } else {
        for (let j = 0; j < GEMM_NR; j++) {
          store<f32>(dst + (j << 2), j < cols ? load<f32>(row + ((<usize>j * csb) << 2)) : 0);
        }
      }
      dst += GEMM_NR << 2;
    }
  }
}

/** Packs rows i0..i0+mb−1, depths p0..p0+kb−1 of op(A) as MR-row panels of kb×MR floats. */
function packA(a: usize, rsa: i32, csa: i32, i0: i32, mb: i32, p0: i32, kb: i32, dst: usize): void {
  for (let r0 = 0; r0 < mb; r0 += GEMM_MR) {
    const rows = min(GEMM_MR, mb - r0);
    const base = a + ((<usize>(i0 + r0) * rsa + <usize>p0 * csa) << 2);
    if (rows == GEMM_MR && rsa == 1) {
      for (let p = 0; p < kb; p++) {
        v128.store(dst, v128.load(base + ((<usize>p * csa) << 2)));
        dst += GEMM_MR << 2;
      }
    } else if (rows == GEMM_MR && csa == 1) {
      // Rows of op(A) are contiguous (A·B, A·Bᵀ with a leading dimension): 4×4 blocks are
      // transposed in registers, so a row-major A packs at the speed of a copy.
      const ld = <usize>rsa << 2;
      let p = 0;
      for (; p + 4 <= kb; p += 4) {
        transpose4x4(base + (<usize>p << 2), ld, dst, 16);
        dst += 4 * GEMM_MR << 2;
      }
      for (; p < kb; p++) {
        const col = base + (<usize>p << 2);
        for (let r = 0; r < GEMM_MR; r++) store<f32>(dst + (r << 2), load<f32>(col + <usize>r * ld));
        dst += GEMM_MR << 2;
      }
    } else {
      for (let p = 0; p < kb; p++) {
        const col = base + ((<usize>p * csa) << 2);
        for (let r = 0; r < GEMM_MR; r++) {
          store<f32>(dst + (r << 2), r < rows ? load<f32>(col + ((<usize>r * rsa) << 2)) : 0);
        }
        dst += GEMM_MR << 2;
      }
    }
  }
}

/** c[0:4] ← alpha·acc (+ c[0:4] when accumulating). */
@inline function put(c: usize, acc: v128, alpha: v128, accumulate: bool): void {
  const v = f32x4.mul(acc, alpha);
  v128.store(c, accumulate ? f32x4.add(v128.load(c), v) : v);
}

/**
 * The MR×NR microkernel: acc = Σ_p a[p]·b[p]ᵀ over kb packed steps (a: MR floats per step, b: NR),
 * then C ← alpha·acc (+ C). A full tile is stored straight into C (row stride ldc bytes); an edge
 * tile goes through `tile` and only its rows×cols part is copied.
 */
function micro(a: usize, b: usize, kb: i32, c: usize, ldc: usize, rows: i32, cols: i32, alpha: f32, accumulate: bool, tile: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kb; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 8);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 12);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a += GEMM_MR << 2;
    b += GEMM_NR << 2;
  }
  const full = rows == GEMM_MR && cols == GEMM_NR;
  const out = full ? c : tile;
  const ld: usize = full ? ldc : GEMM_NR << 2;
  const al = f32x4.splat(alpha);
  const acc = accumulate && full;
  put(out, c00, al, acc); put(out + 16, c01, al, acc);
  put(out + ld, c10, al, acc); put(out + ld + 16, c11, al, acc);
  put(out + 2 * ld, c20, al, acc); put(out + 2 * ld + 16, c21, al, acc);
  put(out + 3 * ld, c30, al, acc); put(out + 3 * ld + 16, c31, al, acc);
  if (!full) {
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++) {
        const dst = c + <usize>r * ldc + (<usize>j << 2);
        const v = load<f32>(tile + ((<usize>(r * GEMM_NR + j)) << 2));
        store<f32>(dst, accumulate ? load<f32>(dst) + v : v);
      }
    }
  }
}

/**
 * Task t computes rows t·MC .. t·MC+MC−1 of C (m×n, row stride n) = alpha·op(A)·op(B), op(B)
 * already packed by sgemmPackB; `scratch` holds gemmScratchBytes() per task.
 */
export function sgemmRows(a: usize, rsa: i32, csa: i32, packedB: usize, c: usize, m: i32, k: i32, n: i32, alpha: f32, scratch: usize, task: i32): void {
  sgemmRowsLd(a, rsa, csa, packedB, c, n, m, k, n, alpha, 0, scratch, task);
}

/**
 * The general form of sgemmRows, for sub-matrices: C has row stride `ldc` floats, and with
 * `accumulate` ≠ 0 the product is added to C (C ← C + alpha·op(A)·op(B)); alpha = −1 subtracts
 * it, as the blocked Householder updates need. Each k-block's product is scaled by alpha and
 * added in order, so the rounding of an element still depends only on k.
 */
export function sgemmRowsLd(a: usize, rsa: i32, csa: i32, packedB: usize, c: usize, ldcFloats: i32, m: i32, k: i32, n: i32, alpha: f32, accumulate: i32, scratch: usize, task: i32): void {
  const i0 = task * GEMM_MC;
  const mb = min(GEMM_MC, m - i0);
  const aPack = scratch + <usize>task * gemmScratchBytes();
  const tile = aPack + ((<usize>GEMM_MC * GEMM_KC) << 2);
  const npad = panels(n, GEMM_NR) * GEMM_NR;
  const ldc = <usize>ldcFloats << 2;
  for (let p0 = 0; p0 < k; p0 += GEMM_KC) {
    const kb = min(GEMM_KC, k - p0);
    packA(a, rsa, csa, i0, mb, p0, kb, aPack);
    const bBlock = packedB + ((<usize>p0 * npad) << 2);
    const add = p0 > 0 || accumulate != 0;
    for (let j0 = 0; j0 < n; j0 += GEMM_NR) {
      const bPanel = bBlock + ((<usize>j0 * kb) << 2);
      const cols = min(GEMM_NR, n - j0);
      for (let r0 = 0; r0 < mb; r0 += GEMM_MR) {
        const cTile = c + <usize>(i0 + r0) * ldc + (<usize>j0 << 2);
        micro(aPack + ((<usize>r0 * kb) << 2), bPanel, kb, cTile, ldc, min(GEMM_MR, mb - r0), cols, alpha, add, tile);
      }
    }
  }
}

export * from './qr';

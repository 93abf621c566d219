/**
 * Single-precision matrix products on the WebAssembly kernels (../../assembly/gemm.ts), on
 * matrices that live in the kernels' memory (pointers), threaded over blocks of rows of C:
 *
 * - `nn`: C = alpha·A·B,  A m×k, B k×n
 * - `nt`: C = alpha·A·Bᵀ, A m×k, B n×k
 * - `tn`: C = alpha·Aᵀ·B, A k×m, B k×n
 *
 * Sums are in float32 (as BLAS sgemm), in order p = 0..k−1 within k-blocks of 512 added in order,
 * so against the float64 reference (../linalg/matmul.ts) every element obeys the standard bound
 * (Higham, Accuracy and Stability of Numerical Algorithms, §3.5)
 *
 *   |C − C₆₄| ≤ γ_k·(|A|·|B|)·|alpha| + |C₆₄|·u,   γ_k = k·u/(1 − k·u),  u = 2⁻²⁴,
 *
 * the last term for the final rounding (the inputs are float32, so products are exact in float64).
 * Every element's rounding depends only on k: the bytes are the same for any thread count.
 */
import type { Wasm } from './backend.js';

export type GemmOp = 'nn' | 'nt' | 'tn';

/** The unit roundoff of float32. */
export const F32_UNIT = 2 ** -24;

/**
 * C ← alpha·op(A)·op(B) for matrices in the kernels' memory (byte pointers; C must not overlap A
 * or B). Allocates its scratch on the arena for the call.
 */
export function sgemm(w: Wasm, op: GemmOp, a: number, b: number, c: number, m: number, k: number, n: number, alpha = 1): void {
  const [rsa, csa] = op === 'tn' ? [1, m] : [k, 1];
  const [rsb, csb] = op === 'nt' ? [1, k] : [n, 1];
  sgemmStrided(w, { m, k, n, a, rsa, csa, b, rsb, csb, c, ldc: n, alpha });
}

/**
 * A product on sub-matrices: op(A) (m×k) has element (i, p) at float index i·rsa + p·csa from
 * `a`, op(B) (k×n) element (p, j) at p·rsb + j·csb from `b` (so a transpose is a swap of strides,
 * and a leading dimension is a row stride), C (m×n) row stride `ldc` floats.
 */
export interface StridedProduct {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly a: number;
  readonly rsa: number;
  readonly csa: number;
  readonly b: number;
  readonly rsb: number;
  readonly csb: number;
  readonly c: number;
  readonly ldc: number;
  /** Default 1. */
  readonly alpha?: number;
  /** C ← C + alpha·op(A)·op(B) instead of C ← alpha·op(A)·op(B). Default false. */
  readonly accumulate?: boolean;
}

/**
 * C ← alpha·op(A)·op(B) (+ C when accumulating), threaded over blocks of 64 rows of C, with the
 * same element-wise bound and thread-count independence as {@link sgemm} (with accumulation the
 * bound applies to the added product, plus one rounding per 512-deep k-block for the additions).
 */
export function sgemmStrided(w: Wasm, p: StridedProduct): void {
  const { kernels, pool } = w;
  const x = kernels.exports;
  const { m, k, n } = p;
  kernels.scoped(() => {
    const packed = kernels.alloc(4 * x.gemmPackedBFloats(k, n));
    const rowBlocks = Math.ceil(m / x.gemmRowBlock());
    const scratch = kernels.alloc(rowBlocks * x.gemmScratchBytes());
    pool.run('sgemmPackB', [p.b, p.rsb, p.csb, k, n, packed], Math.ceil(n / x.gemmColPanel()));
    pool.run('sgemmRowsLd', [p.a, p.rsa, p.csa, packed, p.c, p.ldc, m, k, n, p.alpha ?? 1, p.accumulate ? 1 : 0, scratch], rowBlocks);
  });
}

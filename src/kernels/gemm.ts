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
  const { kernels, pool } = w;
  const x = kernels.exports;
  const [rsa, csa] = op === 'tn' ? [1, m] : [k, 1];
  const [rsb, csb] = op === 'nt' ? [1, k] : [n, 1];
  kernels.scoped(() => {
    const packed = kernels.alloc(4 * x.gemmPackedBFloats(k, n));
    const rowBlocks = Math.ceil(m / x.gemmRowBlock());
    const scratch = kernels.alloc(rowBlocks * x.gemmScratchBytes());
    pool.run('sgemmPackB', [b, rsb, csb, k, n, packed], Math.ceil(n / x.gemmColPanel()));
    pool.run('sgemmRows', [a, rsa, csa, packed, c, m, k, n, alpha, scratch], rowBlocks);
  });
}

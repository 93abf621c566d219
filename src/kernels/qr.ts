/**
 * Blocked Householder QR in float32 on the WebAssembly kernels, and the Haar-orthogonal factor
 * built on it: the float32 counterpart of ../linalg/qr.ts, with the same conventions (LAPACK's
 * reflectors, thin Q by backward accumulation, the sign fix Q·sign(diag R)), arranged so that
 * almost all the work is matrix products (Schreiber & Van Loan, "A storage-efficient WY
 * representation for products of Householder transformations", SIAM J. Sci. Stat. Comput. 10,
 * 1989; LAPACK sgeqrf/slarft/slarfb/sorgqr; Golub & Van Loan, Matrix Computations, 4th ed.,
 * §5.2.3).
 *
 * Work matrix W = Aᵀ (n×m row-major, n <= m): a column of A is a contiguous row. For each block of
 * {@link QR_BLOCK} columns j0 .. j0+b−1:
 *   1. the panel is factored unblocked in wasm (qrPanel: b reflectors, each applied to the
 *      panel's later columns), its reflectors copied to Vt (b×(m−j0), unit diagonal explicit) and
 *      T formed (qrFormT), so that H_{j0} ⋯ H_{j0+b−1} = I − V T Vᵀ;
 *   2. the trailing columns X = W[j0+b:, j0:] get X ← X − (X·Vtᵀ)·T·Vt: three sgemm calls, the
 *      first and last carrying 4·b·rows·(m−j0) flops, the middle one 2·b²·rows.
 * Q is then accumulated backward (sorgqr): for the blocks from the last to the first, the block's
 * rows of W are set to the identity's rows and X = W[j0:, j0:] ← X − (X·Vtᵀ)·Tᵀ·Vt, which both
 * applies the block to the Q columns already formed and forms the block's own columns.
 * Flops for n×n: 4/3·n³ for the factorization and 4/3·n³ for Q, all but O(n²·b) in products.
 *
 * Accuracy: float32 throughout (sums of squares for the norms in float64), so for the thin Q of
 * an m×n matrix |QᵀQ − I|_max stays within a small multiple of n·2⁻²⁴ (the backward-stable
 * Householder bound, Higham §19.3); the tests hold it to (2n + 4)·2⁻²⁴, and Gaussian inputs
 * reach about 4·2⁻²⁴ at every size from 17 to 4096 (the rounding of the result dominates).
 * Against the float64 path (../linalg/qr.ts) Q differs by rounding amplified by the
 * conditioning of A (about cond(A)·2⁻²⁴ for a Gaussian A), so the bytes differ but not the law
 * of the result.
 *
 * Determinism: the panel, T, the copies and the sign fix run on the calling thread; the products
 * and the transposes run as pool tasks whose results depend only on the task index
 * (./gemm.ts), so the bytes are identical for any thread count.
 */
import type { Wasm } from './backend.js';
import { sgemmStrided } from './gemm.js';

/** Reflectors per compact-WY block (64 measured 4% faster than 32 at 4096×4096, the same at 1024). */
export const QR_BLOCK = 64;

/**
 * Overwrites W (n×m row-major at byte address `wp`, n <= m) = Aᵀ with Qᵀ (the rows of the result
 * are the columns of A's thin Q) and writes diag(R) as n float32 at `rdiag` (LAPACK's signs).
 */
export function householderQF32(w: Wasm, wp: number, n: number, m: number, rdiag: number, block = QR_BLOCK): void {
  const { kernels } = w;
  const x = kernels.exports;
  kernels.scoped(() => {
    const blocks = Math.ceil(n / block);
    const tau = kernels.alloc(4 * n);
    const ts = kernels.alloc(4 * block * block * blocks);
    const ldv = Math.ceil(m / 4) * 4;
    const vt = kernels.alloc(4 * block * ldv);
    const y = kernels.alloc(4 * n * block);
    const z = kernels.alloc(4 * n * block);
    const scratch = { vt, ldv, y, z, ldt: block };
    for (let j0 = 0; j0 < n; j0 += block) {
      const b = Math.min(block, n - j0);
      const t = ts + 4 * (j0 / block) * block * block;
      x.qrPanel(wp, m, j0, b, m, tau, rdiag);
      const rows = n - j0 - b;
      if (rows === 0) continue;
      x.qrCopyReflectors(wp, m, j0, b, m, vt, ldv);
      x.qrFormT(vt, ldv, b, m - j0, tau + 4 * j0, t, block);
      applyBlock(w, wp + 4 * ((j0 + b) * m + j0), rows, m - j0, m, b, t, false, scratch);
    }
    for (let j0 = (blocks - 1) * block; j0 >= 0; j0 -= block) {
      const b = Math.min(block, n - j0);
      const t = ts + 4 * (j0 / block) * block * block;
      x.qrCopyReflectors(wp, m, j0, b, m, vt, ldv);
      if (j0 + b === n) x.qrFormT(vt, ldv, b, m - j0, tau + 4 * j0, t, block); // the last block's T was not needed above
      const own = kernels.f32(wp + 4 * j0 * m, b * m);
      own.fill(0);
      for (let i = 0; i < b; i++) own[i * m + j0 + i] = 1;
      applyBlock(w, wp + 4 * (j0 * m + j0), n - j0, m - j0, m, b, t, true, scratch);
    }
  });
}

interface Scratch {
  readonly vt: number;
  readonly ldv: number;
  /** rows×b products X·Vtᵀ and (X·Vtᵀ)·op(T). */
  readonly y: number;
  readonly z: number;
  readonly ldt: number;
}

/**
 * X ← X − (X·Vtᵀ)·op(T)·Vt for X rows×len at byte address `xp` (row stride ld floats): op(T) = T
 * applies (I − V T Vᵀ)ᵀ to the columns of A (factorization), op(T) = Tᵀ applies I − V T Vᵀ to
 * the columns of Q (accumulation).
 */
function applyBlock(w: Wasm, xp: number, rows: number, len: number, ld: number, b: number, t: number, transT: boolean, s: Scratch): void {
  sgemmStrided(w, { m: rows, k: len, n: b, a: xp, rsa: ld, csa: 1, b: s.vt, rsb: 1, csb: s.ldv, c: s.y, ldc: b });
  sgemmStrided(w, {
    m: rows, k: b, n: b, a: s.y, rsa: b, csa: 1,
    b: t, rsb: transT ? 1 : s.ldt, csb: transT ? s.ldt : 1, c: s.z, ldc: b,
  });
  sgemmStrided(w, { m: rows, k: b, n: len, a: s.z, rsa: b, csa: 1, b: s.vt, rsb: s.ldv, csb: 1, c: xp, ldc: ld, alpha: -1, accumulate: true });
}

/**
 * Overwrites the rows×cols row-major float32 matrix at byte address `ptr` (iid N(0, 1) entries
 * for a Haar result) with gain·Q·sign(diag R) of the tall orientation, as
 * ../linalg/qr.ts `haarOrthogonal` does in float64: orthonormal rows when rows <= cols, orthonormal
 * columns otherwise.
 */
export function orthogonalF32At(w: Wasm, ptr: number, rows: number, cols: number, gain = 1): void {
  const { kernels, pool } = w;
  const x = kernels.exports;
  const tall = rows >= cols;
  const [m, n] = tall ? [rows, cols] : [cols, rows];
  const band = x.qrTransposeRows();
  kernels.scoped(() => {
    const rdiag = kernels.alloc(4 * n);
    // The work array is the transpose of the tall matrix: for a wide input that is the input itself.
    const wp = tall ? kernels.alloc(4 * m * n) : ptr;
    if (tall) pool.run('qrTranspose', [ptr, rows, cols, wp], Math.ceil(rows / band));
    householderQF32(w, wp, n, m, rdiag);
    x.qrScaleRows(wp, m, n, m, rdiag, gain);
    if (tall) pool.run('qrTranspose', [wp, n, m, ptr], Math.ceil(n / band));
  });
}

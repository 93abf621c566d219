// The pieces of a blocked Householder QR in float32 that are not matrix products (those go
// through ./gemm.ts): the panel factorization, the compact-WY factor T, the copy of a block's
// reflectors with their unit diagonal made explicit, a transpose and the row scaling of the sign
// fix. ../src/kernels/qr.ts drives them.
//
// Layout: the work matrix W holds Aᵀ row-major (row j is column j of A, row stride `ld` floats),
// so a reflector and a column of Q are contiguous rows and every loop here is a unit-stride SIMD
// dot product or axpy. Dot products accumulate in four float32 lanes added at the end (a fixed
// order: results depend on nothing but the data); sums of squares for a reflector's norm are in
// float64, so no scaling is needed against overflow or underflow of float32 input.

import { transpose4x4 } from './transpose';

/** Σ x[i]² over n floats at x, in float64. */
function sumSquares(x: usize, n: i32): f64 {
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    const lo = f64x2.promote_low_f32x4(v);
    const hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1));
    s0 = f64x2.add(s0, f64x2.mul(lo, lo));
    s1 = f64x2.add(s1, f64x2.mul(hi, hi));
  }
  const s = f64x2.add(s0, s1);
  let sum = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) {
    const v = <f64>load<f32>(x + (<usize>i << 2));
    sum += v * v;
  }
  return sum;
}

/** Σ x[i]·y[i] over n floats, in four float32 lanes, then the tail. */
function dot(x: usize, y: usize, n: i32): f32 {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = <usize>i << 2;
    s0 = f32x4.add(s0, f32x4.mul(v128.load(x + o), v128.load(y + o)));
    s1 = f32x4.add(s1, f32x4.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
  }
  const s = f32x4.add(s0, s1);
  let sum = (f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1)) + (f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3));
  for (; i < n; i++) sum += load<f32>(x + (<usize>i << 2)) * load<f32>(y + (<usize>i << 2));
  return sum;
}

/** y ← y + s·x over n floats. */
function axpy(y: usize, x: usize, n: i32, s: f32): void {
  const sv = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(sv, v128.load(x + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, load<f32>(y + o) + s * load<f32>(x + o));
  }
}

/** x ← s·x over n floats. */
function scal(x: usize, n: i32, s: f32): void {
  const sv = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(x + o, f32x4.mul(sv, v128.load(x + o)));
  }
  for (; i < n; i++) store<f32>(x + (<usize>i << 2), s * load<f32>(x + (<usize>i << 2)));
}

/**
 * Unblocked Householder QR of the panel W[j0 .. j0+b−1, j0 .. m−1] (columns j0 .. j0+b−1 of A,
 * rows j0 .. m−1), in place, as LAPACK's sgeqr2 with slarfg's conventions: for column j,
 * β = −sign(α)·‖x‖ (sign(0) = +1), τ = (β − α)/β, v = x/(α − β) stored below the diagonal, β on
 * it (= R[j][j], stored also in rdiag[j]); τ = 0 when x is already zero below α. Each reflector is
 * applied to the panel's later columns only; the trailing matrix is updated by the caller with
 * the compact WY form.
 */
export function qrPanel(w: usize, ld: i32, j0: i32, b: i32, m: i32, tau: usize, rdiag: usize): void {
  for (let i = 0; i < b; i++) {
    const j = j0 + i;
    const x = w + ((<usize>j * ld + <usize>j) << 2);
    const len = m - j - 1;
    const below = sumSquares(x + 4, len);
    const alpha = <f64>load<f32>(x);
    if (below == 0) {
      store<f32>(tau + (<usize>j << 2), 0);
      store<f32>(rdiag + (<usize>j << 2), <f32>alpha);
      continue;
    }
    const norm = Math.sqrt(alpha * alpha + below);
    const beta = alpha >= 0 ? -norm : norm;
    const t = <f32>((beta - alpha) / beta);
    scal(x + 4, len, <f32>(1 / (alpha - beta)));
    store<f32>(x, <f32>beta);
    store<f32>(tau + (<usize>j << 2), t);
    store<f32>(rdiag + (<usize>j << 2), <f32>beta);
    for (let k = i + 1; k < b; k++) {
      const y = w + ((<usize>(j0 + k) * ld + <usize>j) << 2);
      const s = t * (load<f32>(y) + dot(x + 4, y + 4, len));
      store<f32>(y, load<f32>(y) - s);
      axpy(y + 4, x + 4, len, -s);
    }
  }
}

/**
 * Copies the block's reflectors, W[j0 .. j0+b−1, j0 .. m−1], to Vt (b × ldv, ldv >= m − j0) with
 * the implicit parts made explicit: Vt[i][c] = 0 for c < i, 1 for c = i, v below; columns past
 * m − j0 are zero. Vt is Vᵀ of the compact WY form, ready for the matrix products.
 */
export function qrCopyReflectors(w: usize, ld: i32, j0: i32, b: i32, m: i32, vt: usize, ldv: i32): void {
  const len = m - j0;
  for (let i = 0; i < b; i++) {
    const dst = vt + ((<usize>i * ldv) << 2);
    memory.fill(dst, 0, <usize>i << 2);
    store<f32>(dst + (<usize>i << 2), 1);
    const src = w + ((<usize>(j0 + i) * ld + <usize>(j0 + i + 1)) << 2);
    memory.copy(dst + (<usize>(i + 1) << 2), src, <usize>(len - i - 1) << 2);
    memory.fill(dst + (<usize>len << 2), 0, <usize>(ldv - len) << 2);
  }
}

/**
 * The b×b upper-triangular T (row stride ldt) of the compact WY form H_0 ⋯ H_{b−1} = I − V T Vᵀ
 * (Schreiber & Van Loan 1989; LAPACK slarft, forward, columnwise) from Vt (as qrCopyReflectors
 * leaves it) and τ: T[i][i] = τ_i, T[0:i, i] = −τ_i·T[0:i, 0:i]·(V[:, 0:i]ᵀ v_i). The small
 * triangular products run in float64 and are rounded once.
 */
export function qrFormT(vt: usize, ldv: i32, b: i32, len: i32, tau: usize, t: usize, ldt: i32): void {
  for (let i = 0; i < b; i++) {
    const ti = load<f32>(tau + (<usize>i << 2));
    const vi = vt + ((<usize>i * ldv + <usize>i) << 2);
    for (let p = 0; p < i; p++) {
      const vp = vt + ((<usize>p * ldv + <usize>i) << 2);
      store<f32>(t + ((<usize>p * ldt + <usize>i) << 2), -ti * dot(vp, vi, len - i));
    }
    for (let p = 0; p < i; p++) {
      let s: f64 = 0;
      for (let q = p; q < i; q++) {
        s += <f64>load<f32>(t + ((<usize>p * ldt + <usize>q) << 2)) * <f64>load<f32>(t + ((<usize>q * ldt + <usize>i) << 2));
      }
      store<f32>(t + ((<usize>p * ldt + <usize>i) << 2), <f32>s);
    }
    store<f32>(t + ((<usize>i * ldt + <usize>i) << 2), ti);
    for (let p = i + 1; p < b; p++) store<f32>(t + ((<usize>p * ldt + <usize>i) << 2), 0);
  }
}

/** Rows per task of qrTranspose. */
const TRANSPOSE_ROWS: i32 = 32;

export function qrTransposeRows(): i32 {
  return TRANSPOSE_ROWS;
}

/**
 * dst (cols×rows) ← srcᵀ (src rows×cols, both row-major): task t does source rows
 * 32t .. 32t+31, in 32×32 tiles of 4×4 blocks transposed in registers (the edges one by one).
 */
export function qrTranspose(src: usize, rows: i32, cols: i32, dst: usize, task: i32): void {
  const i0 = task * TRANSPOSE_ROWS;
  const i1 = min(i0 + TRANSPOSE_ROWS, rows);
  const ls = <usize>cols << 2;
  const ld = <usize>rows << 2;
  const i4 = i0 + ((i1 - i0) & ~3);
  for (let j0 = 0; j0 < cols; j0 += 32) {
    const j1 = min(j0 + 32, cols);
    const j4 = j0 + ((j1 - j0) & ~3);
    for (let i = i0; i < i4; i += 4) {
      for (let j = j0; j < j4; j += 4) {
        transpose4x4(src + <usize>i * ls + (<usize>j << 2), ls, dst + <usize>j * ld + (<usize>i << 2), ld);
      }
      for (let j = j4; j < j1; j++) {
        for (let r = i; r < i + 4; r++) store<f32>(dst + <usize>j * ld + (<usize>r << 2), load<f32>(src + <usize>r * ls + (<usize>j << 2)));
      }
    }
    for (let i = i4; i < i1; i++) {
      for (let j = j0; j < j1; j++) store<f32>(dst + <usize>j * ld + (<usize>i << 2), load<f32>(src + <usize>i * ls + (<usize>j << 2)));
    }
  }
}

/**
 * The sign fix and the gain: row j of W (n rows of m floats, row stride ld) is multiplied by
 * −gain where rdiag[j] < 0 and by gain otherwise.
 */
export function qrScaleRows(w: usize, ld: i32, n: i32, m: i32, rdiag: usize, gain: f32): void {
  for (let j = 0; j < n; j++) {
    scal(w + ((<usize>j * ld) << 2), m, load<f32>(rdiag + (<usize>j << 2)) < 0 ? -gain : gain);
  }
}

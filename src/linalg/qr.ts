/**
 * Householder QR of a dense tall matrix, and the Haar-orthogonal sampler built on it.
 *
 * A = QR with A m×n (m >= n), Q m×n with orthonormal columns (thin Q) and R n×n upper triangular.
 * Column j is reduced by the reflector H_j = I − τ_j v_j v_jᵀ (v_j[j] = 1, zero above), chosen as
 * in LAPACK's dlarfg: β = −sign(α)·‖x‖ (sign(0) = +1), τ = (β − α)/β, v = x/(α − β), so R[j][j] = β
 * may be negative; a column that is already zero below the diagonal gets τ = 0 (H = I). Q is then
 * formed in place by backward accumulation, Q = H_0 H_1 … H_{n−1} [I_n; 0], as LAPACK's dorg2r does:
 * applying the last reflector first keeps each step on a shrinking trailing block
 * (Golub & Van Loan, Matrix Computations, 4th ed., §5.1.6 and Algorithm 5.2.1).
 *
 * Layout: the work array holds Aᵀ (n×m, row-major), so a column of A (a reflector, a column of Q)
 * is one contiguous row and every inner loop is a unit-stride dot product or axpy. The reflectors
 * are applied in blocks of {@link BLOCK} with the compact WY form I − V T Vᵀ (Schreiber & Van Loan,
 * 1989; LAPACK dgeqrf/dlarft/dlarfb; GVL §5.1.7 and §5.2.3): each column of the trailing block is
 * read once per block instead of once per reflector, and four reflectors share each load of it.
 * 1024×1024 takes about 1.2 s in Node 20 (2.6 s with blocks of one reflector).
 *
 * This float64 path is the reference and serves float64 outputs and the JavaScript backend;
 * float32 results on the WebAssembly backend come from the float32 blocked QR of
 * ../kernels/qr.ts (through ./haarF32.ts), which agrees with this one within float32 rounding
 * amplified by the conditioning of the input, not bit for bit.
 *
 * Example: `const { q, rDiag } = qr(a, 3, 2)` gives the 3×2 Q (row-major) and diag(R).
 */
import { fail } from '../errors.js';
import { integer } from '../validate.js';

export interface QR {
  /** Thin Q, m×n row-major, orthonormal columns. */
  readonly q: Float64Array;
  /** The diagonal of R (LAPACK's sign convention: entries may be negative). */
  readonly rDiag: Float64Array;
}

/** Reflectors per compact-WY block. */
const BLOCK = 16;

/**
 * Householder QR of the m×n row-major matrix `a` (m >= n). Does not modify `a`. Throws an
 * ArgumentError for bad sizes or a non-finite entry.
 */
export function qr(a: Float64Array, m: number, n: number): QR {
  integer('n', n, 1);
  integer('m', m, n);
  checkMatrix('a', a, m, n, 'm*n');
  const w = transpose(a, m, n);
  const rDiag = factorTransposed(w, n, m);
  return { q: transpose(w, n, m), rDiag };
}

/**
 * Haar-distributed matrix with orthonormal rows (rows <= cols) or columns (rows > cols) from an
 * iid N(0, 1) rows×cols matrix (row-major, not modified): QR of the tall orientation (the
 * transpose when rows < cols), Q's columns multiplied by sign(diag R) (0 counts as +1), transposed
 * back. The sign fix makes the law of Q exactly Haar (Mezzadri, "How to generate random matrices
 * from the classical compact groups", Notices AMS 54, 2007); it is the shared core of PyTorch's
 * `orthogonal_`, Keras' `Orthogonal` and JAX's `orthogonal`.
 *
 * Example: `haarOrthogonal(g, 3, 5)` returns W (3×5) with W·Wᵀ = I₃.
 */
export function haarOrthogonal(gaussian: Float64Array, rows: number, cols: number): Float64Array {
  integer('rows', rows, 1);
  integer('cols', cols, 1);
  checkMatrix('gaussian', gaussian, rows, cols, 'rows*cols');
  const tall = rows >= cols;
  const [m, n] = tall ? [rows, cols] : [cols, rows];
  // The work array is the transpose of the tall matrix: for a wide input that is the input itself.
  const w = tall ? transpose(gaussian, rows, cols) : gaussian.slice();
  const rDiag = factorTransposed(w, n, m);
  for (let j = 0; j < n; j++) {
    if (rDiag[j] < 0) {
      for (let i = j * m, end = i + m; i < end; i++) w[i] = -w[i];
    }
  }
  return tall ? transpose(w, n, m) : w;
}

/** `a` must be a Float64Array of rows·cols finite numbers (sizes already checked). */
function checkMatrix(name: string, a: unknown, rows: number, cols: number, size: string): void {
  if (!(a instanceof Float64Array)) fail(name, a, 'a Float64Array');
  if (a.length !== rows * cols) fail(`${name}.length`, a.length, `${size} = ${rows * cols}`);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) fail(`${name}[${i}]`, a[i], 'a finite number');
  }
}

/** Row-major r×c → c×r, in 32×32 tiles so neither side is read with a long stride. */
function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const t = new Float64Array(r * c);
  const tile = 32;
  for (let i0 = 0; i0 < r; i0 += tile) {
    const i1 = Math.min(i0 + tile, r);
    for (let j0 = 0; j0 < c; j0 += tile) {
      const j1 = Math.min(j0 + tile, c);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) t[j * r + i] = a[i * c + j];
      }
    }
  }
  return t;
}

/**
 * Overwrites w = Aᵀ (n×m, m >= n) with Qᵀ and returns diag(R).
 */
function factorTransposed(w: Float64Array, n: number, m: number): Float64Array {
  const tau = new Float64Array(n);
  const rDiag = new Float64Array(n);
  // Scratch for one block: T (nb×nb, upper triangular) and the products Vᵀx, Tᵀ(Vᵀx).
  const t = new Float64Array(BLOCK * BLOCK);
  const y = new Float64Array(BLOCK);
  const z = new Float64Array(BLOCK);
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    const nb = Math.min(BLOCK, n - j0);
    // Panel: unblocked QR of columns j0 .. j0+nb−1 (only the panel's own columns are updated).
    for (let j = j0; j < j0 + nb; j++) {
      reflector(w, j, m, tau, rDiag);
      for (let k = j + 1; k < j0 + nb; k++) applyReflector(w, j, k * m, m, tau[j]);
    }
    if (j0 + nb < n) {
      formT(w, j0, nb, m, tau, t);
      // Trailing columns: x ← (I − V T Vᵀ)ᵀ x = x − V (Tᵀ (Vᵀ x)).
      for (let k = j0 + nb; k < n; k++) applyBlock(w, j0, nb, m, t, true, k * m, y, z);
    }
  }
  // Backward accumulation, block by block: columns of Q right of the block are multiplied by
  // I − V T Vᵀ, then the block's own columns are formed as dorg2r does.
  for (let j0 = Math.floor((n - 1) / BLOCK) * BLOCK; j0 >= 0; j0 -= BLOCK) {
    const nb = Math.min(BLOCK, n - j0);
    if (j0 + nb < n) {
      formT(w, j0, nb, m, tau, t);
      for (let k = j0 + nb; k < n; k++) applyBlock(w, j0, nb, m, t, false, k * m, y, z);
    }
    for (let j = j0 + nb - 1; j >= j0; j--) {
      const row = j * m;
      w[row + j] = 1;
      for (let k = j + 1; k < j0 + nb; k++) applyReflector(w, j, k * m, m, tau[j]);
      const s = -tau[j];
      if (s === 0) w.fill(0, row + j + 1, row + m); // no −0 in Q
      else for (let i = row + j + 1, end = row + m; i < end; i++) w[i] *= s;
      w[row + j] = 1 - tau[j];
      for (let i = row, end = row + j; i < end; i++) w[i] = 0;
    }
  }
  return rDiag;
}

/**
 * dlarfg on x = w[j·m + j .. j·m + m): stores β in x[0] and in rDiag[j], v[1..] in x[1..], τ in
 * tau[j]. The work is done on x / 2^e with 2^e ≤ max|x_i| < 2^(e+1): dividing by a power of two
 * is exact, and the scaled vector is far from overflow and from subnormals, where √ and 1/x lose
 * digits or blow up (LAPACK rescales for the same reason). Only β is scaled back.
 */
function reflector(w: Float64Array, j: number, m: number, tau: Float64Array, rDiag: Float64Array): void {
  const row = j * m;
  const end = row + m;
  let below = 0;
  for (let i = row + j + 1; i < end; i++) below = Math.max(below, Math.abs(w[i]));
  if (below === 0) {
    tau[j] = 0;
    rDiag[j] = w[row + j];
    return;
  }
  // min: log2 rounds up to 1024 near the largest double, and 2^1024 is Infinity.
  const unit = 2 ** Math.min(1023, Math.floor(Math.log2(Math.max(below, Math.abs(w[row + j])))));
  let ss = 0;
  for (let i = row + j; i < end; i++) {
    const s = (w[i] /= unit);
    ss += s * s;
  }
  const alpha = w[row + j];
  const norm = Math.sqrt(ss);
  const beta = alpha >= 0 ? -norm : norm;
  tau[j] = (beta - alpha) / beta;
  const f = alpha - beta;
  for (let i = row + j + 1; i < end; i++) w[i] /= f;
  w[row + j] = beta * unit;
  rDiag[j] = beta * unit;
}

/** x ← (I − τ v vᵀ) x for the column x = w[xs + j .. xs + m), v stored in row j (v[j] = 1). */
function applyReflector(w: Float64Array, j: number, xs: number, m: number, tau: number): void {
  if (tau === 0) return;
  const vs = j * m;
  let s = w[xs + j];
  for (let i = j + 1; i < m; i++) s += w[vs + i] * w[xs + i];
  s *= tau;
  w[xs + j] -= s;
  for (let i = j + 1; i < m; i++) w[xs + i] -= s * w[vs + i];
}

/**
 * dlarft (forward, columnwise): the nb×nb upper-triangular T with
 * H_{j0} … H_{j0+nb−1} = I − V T Vᵀ, by T[0:i, i] = −τ_i T[0:i, 0:i] (V[:, 0:i]ᵀ v_i), T[i][i] = τ_i.
 */
function formT(w: Float64Array, j0: number, nb: number, m: number, tau: Float64Array, t: Float64Array): void {
  t.fill(0);
  for (let i = 0; i < nb; i++) {
    const ji = j0 + i;
    const vi = ji * m;
    const ti = tau[ji];
    // t[p][i] = −τ_i · (v_pᵀ v_i) for p < i; v_p has 1 at row j0+p and v_i is zero above row ji.
    for (let p = 0; p < i; p++) {
      const vp = (j0 + p) * m;
      let s = w[vp + ji];
      for (let r = ji + 1; r < m; r++) s += w[vp + r] * w[vi + r];
      t[p * BLOCK + i] = -ti * s;
    }
    // Then t[0:i, i] ← T[0:i, 0:i] · t[0:i, i] (upper triangular, top to bottom in place).
    for (let p = 0; p < i; p++) {
      let s = 0;
      for (let q = p; q < i; q++) s += t[p * BLOCK + q] * t[q * BLOCK + i];
      t[p * BLOCK + i] = s;
    }
    t[i * BLOCK + i] = ti;
  }
}

/**
 * x ← (I − V T Vᵀ) x, or with Tᵀ when `transT`, for the column x = w[xs + j0 .. xs + m), where V's
 * columns are the block's reflectors (v_i = 1 at row j0+i, zero above, stored below). The products
 * Vᵀx and V z go over four reflectors at a time so each element of x is loaded once per four.
 */
function applyBlock(
  w: Float64Array,
  j0: number,
  nb: number,
  m: number,
  t: Float64Array,
  transT: boolean,
  xs: number,
  y: Float64Array,
  z: Float64Array,
): void {
  // y = Vᵀ x. The triangle (rows j0 .. j0+nb−1) is handled exactly, then the dense part in fours.
  for (let p = 0; p < nb; p++) {
    const vp = (j0 + p) * m;
    let s = w[xs + j0 + p];
    for (let r = j0 + p + 1; r < j0 + nb; r++) s += w[vp + r] * w[xs + r];
    y[p] = s;
  }
  const lo = j0 + nb;
  let i = 0;
  for (; i + 4 <= nb; i += 4) {
    const v0 = (j0 + i) * m;
    const v1 = v0 + m;
    const v2 = v1 + m;
    const v3 = v2 + m;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let r = lo; r < m; r++) {
      const x = w[xs + r];
      s0 += w[v0 + r] * x;
      s1 += w[v1 + r] * x;
      s2 += w[v2 + r] * x;
      s3 += w[v3 + r] * x;
    }
    y[i] += s0;
    y[i + 1] += s1;
    y[i + 2] += s2;
    y[i + 3] += s3;
  }
  for (; i < nb; i++) {
    const vi = (j0 + i) * m;
    let s = 0;
    for (let r = lo; r < m; r++) s += w[vi + r] * w[xs + r];
    y[i] += s;
  }
  // z = T y or Tᵀ y (T upper triangular, stored with row stride BLOCK).
  for (let p = 0; p < nb; p++) {
    let s = 0;
    if (transT) {
      for (let q = 0; q <= p; q++) s += t[q * BLOCK + p] * y[q];
    } else {
      for (let q = p; q < nb; q++) s += t[p * BLOCK + q] * y[q];
    }
    z[p] = s;
  }
  // x −= V z: triangle first, then the dense part four reflectors at a time.
  for (let p = 0; p < nb; p++) {
    const vp = (j0 + p) * m;
    w[xs + j0 + p] -= z[p];
    for (let r = j0 + p + 1; r < j0 + nb; r++) w[xs + r] -= w[vp + r] * z[p];
  }
  for (i = 0; i + 4 <= nb; i += 4) {
    const v0 = (j0 + i) * m;
    const v1 = v0 + m;
    const v2 = v1 + m;
    const v3 = v2 + m;
    const z0 = z[i];
    const z1 = z[i + 1];
    const z2 = z[i + 2];
    const z3 = z[i + 3];
    for (let r = lo; r < m; r++) {
      w[xs + r] -= w[v0 + r] * z0 + w[v1 + r] * z1 + w[v2 + r] * z2 + w[v3 + r] * z3;
    }
  }
  for (; i < nb; i++) {
    const vi = (j0 + i) * m;
    const zi = z[i];
    for (let r = lo; r < m; r++) w[xs + r] -= w[vi + r] * zi;
  }
}

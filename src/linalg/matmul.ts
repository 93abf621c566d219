/**
 * Reference matrix products on dense row-major arrays, in plain JS: the ground truth the WASM
 * kernels are tested against, so they favour exactness and clarity over speed.
 *
 * - `matmul`:       C = A·B,  A m×k, B k×n
 * - `matmulTransB`: C = A·Bᵀ, A m×k, B n×k
 * - `matmulTransA`: C = Aᵀ·B, A k×m, B k×n
 *
 * Every C[i][j] is accumulated in float64, in order p = 0, 1, …, k−1 from 0, and rounded once to
 * the output type: each result is bit-identical to the naive loop
 * `s = 0; for (p) s += A[i][p]·B[p][j]` in float64, whatever the input types. `matmul` and
 * `matmulTransA` use the i-k-j (row-axpy) order of Golub & Van Loan, Matrix Computations
 * (4th ed., §1.1.10–1.1.12) on four rows of C at once: one float64 scratch row per row of C, and
 * each element of B loaded once per four rows. `matmulTransB` is the dot-product form (both
 * operands are read along contiguous rows), also four rows of A per row of B.
 *
 * Inputs may be Float32Array or Float64Array; the result has the type of `a` unless `out` is
 * given, which must not share memory with `a` or `b`.
 *
 * Example: `matmul(new Float64Array([1, 2]), new Float64Array([3, 4]), 1, 2, 1)` is `[11]`.
 */
import { fail } from '../errors.js';
import type { FloatArray } from '../tensor.js';
import { integer } from '../validate.js';

/** The default output type: that of `a`. */
export type Like<A extends FloatArray> = A extends Float32Array ? Float32Array : Float64Array;

/** C = A·B for A m×k and B k×n (row-major); returns C (m×n). */
export function matmul<A extends FloatArray, O extends FloatArray = Like<A>>(
  a: A,
  b: FloatArray,
  m: number,
  k: number,
  n: number,
  out?: O,
): O {
  const c = prepare(a, b, m, k, n, out, 'm×k', 'k×n');
  rowAxpy(a, b, m, k, n, c, (i, p) => i * k + p);
  return c as O;
}

/** C = Aᵀ·B for A k×m and B k×n (row-major); returns C (m×n). */
export function matmulTransA<A extends FloatArray, O extends FloatArray = Like<A>>(
  a: A,
  b: FloatArray,
  m: number,
  k: number,
  n: number,
  out?: O,
): O {
  const c = prepare(a, b, m, k, n, out, 'k×m', 'k×n');
  rowAxpy(a, b, m, k, n, c, (i, p) => p * m + i);
  return c as O;
}

/** C = A·Bᵀ for A m×k and B n×k (row-major); returns C (m×n). */
export function matmulTransB<A extends FloatArray, O extends FloatArray = Like<A>>(
  a: A,
  b: FloatArray,
  m: number,
  k: number,
  n: number,
  out?: O,
): O {
  const c = prepare(a, b, m, k, n, out, 'm×k', 'n×k');
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = b[bj + p];
        s0 += a[a0 + p] * x;
        s1 += a[a1 + p] * x;
        s2 += a[a2 + p] * x;
        s3 += a[a3 + p] * x;
      }
      c[i * n + j] = s0;
      c[(i + 1) * n + j] = s1;
      c[(i + 2) * n + j] = s2;
      c[(i + 3) * n + j] = s3;
    }
  }
  for (; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
      c[i * n + j] = s;
    }
  }
  return c as O;
}

/**
 * C = Â·B where Â[i][p] = a[at(i, p)]: for each group of four rows of C, scratch rows
 * acc_r = Σ_p Â[i+r][p]·B[p] in float64 (i-k-j order), then copied to C.
 */
function rowAxpy(
  a: FloatArray,
  b: FloatArray,
  m: number,
  k: number,
  n: number,
  c: FloatArray,
  at: (i: number, p: number) => number,
): void {
  const acc = new Float64Array(4 * n);
  for (let i = 0; i < m; i += 4) {
    const rows = Math.min(4, m - i);
    acc.fill(0);
    if (rows === 4) {
      for (let p = 0; p < k; p++) {
        const x0 = a[at(i, p)];
        const x1 = a[at(i + 1, p)];
        const x2 = a[at(i + 2, p)];
        const x3 = a[at(i + 3, p)];
        const bp = p * n;
        for (let j = 0; j < n; j++) {
          const y = b[bp + j];
          acc[j] += x0 * y;
          acc[n + j] += x1 * y;
          acc[2 * n + j] += x2 * y;
          acc[3 * n + j] += x3 * y;
        }
      }
    } else {
      for (let r = 0; r < rows; r++) {
        const ar = r * n;
        for (let p = 0; p < k; p++) {
          const x = a[at(i + r, p)];
          const bp = p * n;
          for (let j = 0; j < n; j++) acc[ar + j] += x * b[bp + j];
        }
      }
    }
    c.set(acc.subarray(0, rows * n), i * n);
  }
}

/** Validates the operands and returns the output array (`out`, or a new one like `a`). */
export function prepare(
  a: unknown,
  b: unknown,
  m: number,
  k: number,
  n: number,
  out: unknown,
  aShape: string,
  bShape: string,
): FloatArray {
  integer('m', m, 1);
  integer('k', k, 1);
  integer('n', n, 1);
  const check = (name: string, x: unknown, shape: string, size: number): FloatArray => {
    if (!isFloatArray(x)) fail(name, describe(x), 'a Float32Array or Float64Array');
    if (x.length !== size) fail(`${name}.length`, x.length, `${size} (${name} is ${shape} with m=${m}, k=${k}, n=${n})`);
    return x;
  };
  const aa = check('a', a, aShape, m * k);
  const bb = check('b', b, bShape, k * n);
  if (out === undefined) return aa instanceof Float32Array ? new Float32Array(m * n) : new Float64Array(m * n);
  const c = check('out', out, 'm×n', m * n);
  if (overlaps(c, aa) || overlaps(c, bb)) fail('out', describe(c), 'an array that shares no memory with a or b');
  return c;
}

function isFloatArray(x: unknown): x is FloatArray {
  return x instanceof Float32Array || x instanceof Float64Array;
}

function overlaps(x: FloatArray, y: FloatArray): boolean {
  return x.buffer === y.buffer && x.byteOffset < y.byteOffset + y.byteLength && y.byteOffset < x.byteOffset + x.byteLength;
}

/** A short name for an operand in an error message (typed arrays would print every element). */
function describe(x: unknown): unknown {
  return ArrayBuffer.isView(x) ? `${x.constructor.name}(${(x as FloatArray).length})` : x;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import { matmul, matmulTransA, matmulTransB } from '../../src/linalg/matmul.js';
import { haarOrthogonal, qr } from '../../src/linalg/qr.js';
import { ksTest } from '../../src/stats/ks.js';
import { gaussians } from '../support/random.js';


function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const t = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = a[i * c + j];
  return t;
}

/** max |G − I| for G n×n. */
function distanceToIdentity(g: Float64Array, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(g[i * n + j] - (i === j ? 1 : 0)));
  return worst;
}

function maxAbs(a: Float64Array): number {
  return a.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
}

/** Checks QᵀQ = I, R = QᵀA upper triangular with diag(R) = rDiag, and A = Q·R. */
function checkFactorization(a: Float64Array, m: number, n: number): void {
  const copy = a.slice();
  const { q, rDiag } = qr(a, m, n);
  expect(a).toEqual(copy);
  expect(q.length).toBe(m * n);
  expect(rDiag.length).toBe(n);
  expect(distanceToIdentity(matmulTransA(q, q, n, m, n), n)).toBeLessThan(1e-13);
  const r = matmulTransA(q, a, n, m, n);
  const scale = Math.max(1, maxAbs(a)) * Math.sqrt(m);
  let below = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) below = Math.max(below, Math.abs(r[i * n + j]));
    expect(Math.abs(r[i * n + i] - rDiag[i])).toBeLessThan(1e-13 * scale);
  }
  expect(below).toBeLessThan(1e-13 * scale);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) r[i * n + j] = 0;
  const back = matmul(q, r, m, n, n);
  let err = 0;
  for (let i = 0; i < m * n; i++) err = Math.max(err, Math.abs(back[i] - a[i]));
  expect(err).toBeLessThan(1e-13 * scale);
}

describe('qr', () => {
  const normal = gaussians(20240611);

  it.each([
    [1, 1],
    [2, 2],
    [3, 3],
    [17, 17],
    [64, 64],
    [200, 200],
    [5, 3],
    [17, 4],
    [40, 33],
    [64, 17],
    [200, 64],
    [300, 1],
  ])('factors a %i×%i Gaussian matrix', (m, n) => {
    checkFactorization(normal(m * n), m, n);
  });

  it('factors a 512×512 matrix (several compact-WY blocks)', () => {
    checkFactorization(normal(512 * 512), 512, 512);
  });

  it('uses the LAPACK sign convention (matches numpy.linalg.qr)', () => {
    const tall = qr(new Float64Array([3, 4]), 2, 1);
    expect(tall.rDiag[0]).toBeCloseTo(-5, 15);
    expect(tall.q[0]).toBeCloseTo(-0.6, 15);
    expect(tall.q[1]).toBeCloseTo(-0.8, 15);
    const { q, rDiag } = qr(new Float64Array([2, -1, 0, 1, 3, 1, 0, 1, 4, 1, 0, 1]), 4, 3);
    const numpyQ = [
      -0.816496580927726, 0.4050957468334667, -0.04229549344378136, -0.408248290463863, -0.8608284620211168, 0.2960684541064695, 0,
      -0.3038218101251, -0.9305008557631897, -0.408248290463863, 0.05063696835418334, -0.21147746721890676,
    ];
    numpyQ.forEach((x, i) => expect(q[i]).toBeCloseTo(x, 14));
    [-2.449489742783178, -3.2914029430219163, -3.637412436165197].forEach((x, i) => expect(rDiag[i]).toBeCloseTo(x, 14));
  });

  it('leaves a column that is already reduced alone (τ = 0, R[j][j] = α, may be positive)', () => {
    const { q, rDiag } = qr(new Float64Array([2, 0]), 2, 1);
    expect(Array.from(q)).toEqual([1, 0]);
    expect(Array.from(rDiag)).toEqual([2]);
  });

  it('keeps Q orthonormal for rank-deficient input (zero and repeated columns)', () => {
    const a = new Float64Array([1, 0, 1, 2, 0, 2, 2, 0, 2, 0, 0, 0]);
    const { q, rDiag } = qr(a, 4, 3);
    expect(rDiag[1]).toBe(0);
    expect(Math.abs(rDiag[2])).toBeLessThan(1e-15);
    expect(distanceToIdentity(matmulTransA(q, q, 3, 4, 3), 3)).toBeLessThan(1e-15);
    checkFactorization(a, 4, 3);
  });

  it('survives entries near the overflow and underflow limits', () => {
    // 2^-1070 makes the entries subnormal, with a few bits each: R is right to those bits.
    for (const [scale, digits] of [[1e300, 13], [1e-300, 13], [2 ** -1070, 1]]) {
      const a = new Float64Array([3, 1, 4, 1, 5, 9]).map((x) => x * scale);
      const { q, rDiag } = qr(a, 3, 2);
      expect(distanceToIdentity(matmulTransA(q, q, 2, 3, 2), 2)).toBeLessThan(1e-15);
      expect(Math.abs(rDiag[0]) / scale).toBeCloseTo(Math.sqrt(9 + 16 + 25), digits);
    }
  });

  it('handles the largest and the subnormal doubles', () => {
    const half = Number.MAX_VALUE / 2;
    const big = qr(new Float64Array([half, 0, half, half]), 2, 2);
    expect(distanceToIdentity(matmulTransA(big.q, big.q, 2, 2, 2), 2)).toBeLessThan(1e-15);
    expect(big.rDiag[0] / Number.MAX_VALUE).toBeCloseTo(-Math.SQRT1_2, 15);
    const tiny = qr(new Float64Array([0, 5e-324, -5e-324]), 3, 1);
    expect(distanceToIdentity(matmulTransA(tiny.q, tiny.q, 1, 3, 1), 1)).toBeLessThan(1e-15);
  });

  it('factors arbitrary small matrices (property)', () => {
    const matrix = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 6 }))
      .chain(([n, extra]) =>
        fc.tuple(
          fc.constant(n + extra),
          fc.constant(n),
          fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: (n + extra) * n, maxLength: (n + extra) * n }),
        ),
      );
    fc.assert(
      fc.property(matrix, ([m, n, values]) => {
        checkFactorization(Float64Array.from(values), m, n);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects bad input with named arguments', () => {
    expect(() => qr(new Float64Array(6), 2, 3)).toThrow('m=2, expected an integer >= 3');
    expect(() => qr(new Float64Array(5), 3, 2)).toThrow('a.length=5, expected m*n = 6');
    expect(() => qr(new Float64Array([1, NaN]), 2, 1)).toThrow('a[1]=NaN, expected a finite number');
    expect(() => qr(new Float64Array(4), 2, 0)).toThrow(ArgumentError);
    expect(() => qr([1, 2] as unknown as Float64Array, 2, 1)).toThrow('expected a Float64Array');
  });
});

describe('haarOrthogonal', () => {
  const normal = gaussians(7);

  it.each([
    [3, 5],
    [5, 3],
    [64, 288],
    [288, 64],
    [1, 1],
    [1, 7],
    [7, 1],
    [33, 33],
  ])('returns a %i×%i matrix with orthonormal rows or columns', (rows, cols) => {
    const g = normal(rows * cols);
    const copy = g.slice();
    const w = haarOrthogonal(g, rows, cols);
    expect(g).toEqual(copy);
    expect(w.length).toBe(rows * cols);
    const gram = rows <= cols ? matmulTransB(w, w, rows, cols, rows) : matmulTransA(w, w, cols, rows, cols);
    expect(distanceToIdentity(gram, Math.min(rows, cols))).toBeLessThan(1e-13);
  });

  it('is Q·sign(diag R) of the tall orientation', () => {
    const tall = normal(6 * 4);
    const { q, rDiag } = qr(tall, 6, 4);
    const fixed = q.map((x, i) => (rDiag[i % 4] < 0 ? -x : x));
    expect(haarOrthogonal(tall, 6, 4)).toEqual(fixed);
    const wide = normal(4 * 6);
    const t = qr(transpose(wide, 4, 6), 6, 4);
    const fixedT = t.q.map((x, i) => (t.rDiag[i % 4] < 0 ? -x : x));
    expect(haarOrthogonal(wide, 4, 6)).toEqual(transpose(fixedT, 6, 4));
  });

  it('normalizes a single Gaussian row or column (the uniform law on the sphere)', () => {
    const g = new Float64Array([0.5, -2, 1, 0.25]);
    const norm = Math.hypot(...g);
    const expected = Array.from(g, (x) => x / norm);
    Array.from(haarOrthogonal(g, 1, 4)).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 15));
    Array.from(haarOrthogonal(g, 4, 1)).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 15));
    expect(Array.from(haarOrthogonal(new Float64Array([-0.3]), 1, 1))).toEqual([-1]);
  });

  // An entry of an n×n Haar orthogonal matrix has density ∝ (1 − x²)^((n−3)/2) on [−1, 1].
  it('gives 3×3 entries uniform on [−1, 1] (KS, 2000 draws)', () => {
    const draw = gaussians(3);
    const corner = Array.from({ length: 2000 }, () => haarOrthogonal(draw(9), 3, 3)[0]);
    const { pValue } = ksTest(corner, (x) => (x + 1) / 2);
    expect(pValue).toBeGreaterThan(0.01);
  });

  it('gives the n = 5 law (3x − x³ + 2)/4 to entries of 5×5, 3×5 and 5×3 draws', () => {
    const draw = gaussians(5);
    const cdf = (x: number) => (3 * x - x ** 3 + 2) / 4;
    const cases: [number, number, number][] = [
      [5, 5, 2 * 5 + 4],
      [3, 5, 1 * 5 + 3],
      [5, 3, 4 * 3 + 1],
    ];
    for (const [rows, cols, index] of cases) {
      const entries = Array.from({ length: 1500 }, () => haarOrthogonal(draw(rows * cols), rows, cols)[index]);
      expect(ksTest(entries, cdf).pValue).toBeGreaterThan(0.01);
    }
  });

  it('needs the sign fix: the raw Q of LAPACK-style QR is not Haar', () => {
    const draw = gaussians(3);
    const corner = Array.from({ length: 2000 }, () => qr(draw(9), 3, 3).q[0]);
    expect(Math.max(...corner)).toBeLessThanOrEqual(0);
    expect(ksTest(corner, (x) => (x + 1) / 2).pValue).toBeLessThan(1e-6);
  });

  it('rejects bad input', () => {
    expect(() => haarOrthogonal(new Float64Array(5), 2, 3)).toThrow('gaussian.length=5, expected rows*cols = 6');
    expect(() => haarOrthogonal(new Float64Array(6), 2.5, 3)).toThrow('rows=2.5');
    expect(() => haarOrthogonal(new Float64Array([1, Infinity]), 1, 2)).toThrow('gaussian[1]=Infinity');
  });
});

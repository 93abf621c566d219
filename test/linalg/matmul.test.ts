import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matmul, matmulTransA, matmulTransB } from '../../src/linalg/matmul.js';
import type { FloatArray } from '../../src/tensor.js';
import { keyFromSeed } from '../../src/random/key.js';
import { fillUniform } from '../../src/random/uniform.js';

/** Naive float64 triple loop: C[i][j] = Σ_p A[i][p]·B[p][j], with A[i][p] = a[ai(i, p)], B[p][j] = b[bi(p, j)]. */
function naive(
  a: FloatArray,
  b: FloatArray,
  m: number,
  k: number,
  n: number,
  ai: (i: number, p: number) => number,
  bi: (p: number, j: number) => number,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai(i, p)] * b[bi(p, j)];
      c[i * n + j] = s;
    }
  }
  return c;
}

function values(count: number, seed: number): Float64Array {
  return fillUniform(keyFromSeed(seed), new Float64Array(count), { low: -1, high: 1 });
}

function transpose(a: FloatArray, r: number, c: number): Float64Array {
  const t = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = a[i * c + j];
  return t;
}

const SIZES: [number, number, number][] = [
  [1, 1, 1],
  [3, 3, 3],
  [4, 4, 4],
  [17, 17, 17],
  [64, 64, 64],
  [5, 7, 3],
  [17, 1, 9],
  [2, 64, 33],
  [64, 17, 5],
  [7, 3, 1],
  [1, 40, 6],
];

const VARIANTS = [
  {
    name: 'matmul',
    f: matmul,
    ai: (m: number, k: number) => (i: number, p: number) => i * k + p,
    bi: (k: number, n: number) => (p: number, j: number) => p * n + j,
  },
  {
    name: 'matmulTransA',
    f: matmulTransA,
    ai: (m: number) => (i: number, p: number) => p * m + i,
    bi: (k: number, n: number) => (p: number, j: number) => p * n + j,
  },
  {
    name: 'matmulTransB',
    f: matmulTransB,
    ai: (m: number, k: number) => (i: number, p: number) => i * k + p,
    bi: (k: number) => (p: number, j: number) => j * k + p,
  },
];

describe.each(VARIANTS)('$name', ({ f, ai, bi }) => {
  it.each(SIZES)('m=%i k=%i n=%i matches the naive float64 loop bit for bit', (m, k, n) => {
    const a = values(m * k, m + 31 * k);
    const b = values(k * n, n + 17 * k);
    const expected = naive(a, b, m, k, n, ai(m, k), bi(k, n));
    const c = f(a, b, m, k, n);
    expect(c).toBeInstanceOf(Float64Array);
    expect(c).toEqual(expected);
  });

  it.each(SIZES)('m=%i k=%i n=%i: float32 inputs accumulate in float64, round once', (m, k, n) => {
    const a = Float32Array.from(values(m * k, 3 * m + k));
    const b = Float32Array.from(values(k * n, 5 * n + k));
    const exact = naive(a, b, m, k, n, ai(m, k), bi(k, n));
    const c = f(a, b, m, k, n);
    expect(c).toBeInstanceOf(Float32Array);
    expect(c).toEqual(Float32Array.from(exact));
    const wide = f(a, b, m, k, n, new Float64Array(m * n));
    expect(wide).toEqual(exact);
    const mixed = f(Float64Array.from(a), b, m, k, n);
    expect(mixed).toEqual(exact);
  });

  it('writes into out and returns it', () => {
    const out = new Float32Array(6);
    const c = f(new Float64Array(6).fill(1), new Float64Array(9).fill(2), 2, 3, 3, out);
    expect(c).toBe(out);
    expect(Array.from(out)).toEqual([6, 6, 6, 6, 6, 6]);
  });

  it('rejects bad sizes and aliasing with clear messages', () => {
    const a = new Float64Array(6);
    expect(() => f(a, new Float64Array(5), 2, 3, 2)).toThrow(/^b\.length=5, expected 6 \(b is .* with m=2, k=3, n=2\)$/);
    expect(() => f(new Float64Array(5), new Float64Array(6), 2, 3, 2)).toThrow(/^a\.length=5, expected 6/);
    expect(() => f(a, new Float64Array(6), 2, 3, 2, new Float64Array(5))).toThrow(/^out\.length=5, expected 4/);
    expect(() => f(a, a, 2, 3, 2.5)).toThrow('n=2.5, expected an integer >= 1');
    expect(() => f(a, a, 0, 3, 2)).toThrow('m=0');
    expect(() => f([1] as unknown as Float64Array, a, 1, 1, 1)).toThrow('a=[1], expected a Float32Array or Float64Array');
    const square = new Float64Array(4);
    expect(() => f(square, new Float64Array(4), 2, 2, 2, square)).toThrow('out="Float64Array(4)", expected an array that shares no memory with a or b');
    const buffer = new Float64Array(8);
    expect(() => f(buffer.subarray(0, 4), new Float64Array(4), 2, 2, 2, buffer.subarray(3, 7))).toThrow('shares no memory');
    expect(f(buffer.subarray(0, 4), new Float64Array(4), 2, 2, 2, buffer.subarray(4, 8))).toHaveLength(4);
  });
});

describe('matmul variants agree with explicit transposes (property)', () => {
  const dims = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }));
  const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

  it('A·Bᵀ = matmul(A, transpose(B)) and Aᵀ·B = matmul(transpose(A), B), bit for bit', () => {
    fc.assert(
      fc.property(
        dims.chain(([m, k, n]) =>
          fc.tuple(
            fc.constant([m, k, n] as const),
            fc.array(finite, { minLength: m * k, maxLength: m * k }),
            fc.array(finite, { minLength: k * n, maxLength: k * n }),
          ),
        ),
        ([[m, k, n], av, bv]) => {
          const a = Float64Array.from(av);
          const b = Float64Array.from(bv);
          const bt = transpose(b, k, n); // n×k
          expect(matmulTransB(a, bt, m, k, n)).toEqual(matmul(a, b, m, k, n));
          const at = transpose(a, m, k); // k×m
          expect(matmulTransA(at, b, m, k, n)).toEqual(matmul(a, b, m, k, n));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('infers the result type from a (type-level)', () => {
    const c32: Float32Array = matmul(new Float32Array(1), new Float64Array(1), 1, 1, 1);
    const c64: Float64Array = matmulTransB(new Float64Array(1), new Float32Array(1), 1, 1, 1);
    const cOut: Float64Array = matmulTransA(new Float32Array(1), new Float32Array(1), 1, 1, 1, new Float64Array(1));
    expect([c32, c64, cOut].map((c) => c.constructor.name)).toEqual(['Float32Array', 'Float64Array', 'Float64Array']);
  });
});

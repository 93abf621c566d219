import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countNonFinite, quantiles, summarize } from '../../src/stats/moments.js';
import { normals } from '../support/random.js';


/** Corrected two-pass reference (Chan, Golub & LeVeque 1983, eq. 1.7) in float64. */
function reference(x: ArrayLike<number>): { mean: number; variance: number } {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  let mean = sum / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += x[i] - mean;
  mean += c / n;
  let s2 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    s1 += d;
    s2 += d * d;
  }
  return { mean, variance: (s2 - (s1 * s1) / n) / n };
}

describe('summarize', () => {
  it('gives the population moments of a small case', () => {
    expect(summarize([1, 2, 3, 4])).toEqual({ n: 4, mean: 2.5, variance: 1.25, std: Math.sqrt(1.25), min: 1, max: 4 });
    expect(summarize([7])).toEqual({ n: 1, mean: 7, variance: 0, std: 0, min: 7, max: 7 });
    expect(summarize(new Float32Array([0.5, -0.5]))).toEqual({ n: 2, mean: 0, variance: 0.25, std: 0.5, min: -0.5, max: 0.5 });
  });

  it.each([
    [1, 0, 1],
    [4095, 0, 1],
    [4096, 1e6, 1],
    [4097, 1e6, 1],
    [100_000, 1e6, 1],
    [100_000, 1e9, 1],
    [50_000, -3e7, 1e-3],
    [300_000, 0, 1e5],
  ])('matches a two-pass reference: n=%i, mean %d, std %d', (n, mean, std) => {
    const x = normals(n, n, mean, std);
    const ref = reference(x);
    const s = summarize(x);
    expect(s.n).toBe(n);
    expect(Math.abs(s.mean - ref.mean)).toBeLessThanOrEqual(1e-14 * Math.abs(ref.mean) + 1e-12 * std);
    if (n > 1) expect(Math.abs(s.variance - ref.variance) / ref.variance).toBeLessThan(1e-10);
    expect(s.std).toBe(Math.sqrt(s.variance));
    expect(s.min).toBe(x.reduce((a, b) => Math.min(a, b)));
    expect(s.max).toBe(x.reduce((a, b) => Math.max(a, b)));
  });

  it('stays accurate over ten million float32 values around 1e3', () => {
    const x = Float32Array.from(normals(10_000_000, 99, 1e3, 1));
    const ref = reference(x);
    const s = summarize(x);
    expect(Math.abs(s.mean - ref.mean)).toBeLessThan(1e-11);
    expect(Math.abs(s.variance - ref.variance) / ref.variance).toBeLessThan(1e-10);
  });

  it('is exact on constant data (no drift over a million values)', () => {
    const s = summarize(new Float64Array(1_000_000).fill(0.1));
    expect(s.mean).toBe(0.1);
    expect(s.variance).toBe(0);
  });

  it('matches the two-pass reference for any data and offset (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: -1e8, max: 1e8, noNaN: true }),
        (values, offset) => {
          const x = values.map((v) => v + offset);
          const ref = reference(x);
          const s = summarize(x);
          const range = Math.max(...x) - Math.min(...x);
          expect(Math.abs(s.mean - ref.mean)).toBeLessThanOrEqual(4 * Number.EPSILON * (Math.abs(offset) + 10));
          expect(Math.abs(s.variance - ref.variance)).toBeLessThanOrEqual(1e-12 * ref.variance + 1e3 * Number.EPSILON * range * range + 1e-300);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports NaN moments when a value is not finite', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const s = summarize([1, bad, 3]);
      expect(s.n).toBe(3);
      for (const key of ['mean', 'variance', 'std', 'min', 'max'] as const) expect(s[key]).toBeNaN();
    }
  });

  it('rejects empty and non-array data', () => {
    expect(() => summarize([])).toThrow('data.length=0, expected at least one value');
    expect(() => summarize(3 as unknown as number[])).toThrow('data=3, expected an array or typed array of numbers');
  });
});

describe('quantiles', () => {
  it("matches NumPy's default (linear) method", () => {
    expect(quantiles([1, 2, 3, 4], [0.25])).toEqual([1.75]);
    expect(quantiles([4, 1, 3, 2], [0, 0.5, 1])).toEqual([1, 2.5, 4]);
    // numpy.quantile([3.5, -1, 2, 10, 7, 7, 0.25], [0, 0.1, 0.33, 0.5, 0.9, 1])
    expect(quantiles([3.5, -1, 2, 10, 7, 7, 0.25], [0, 0.1, 0.33, 0.5, 0.9, 1])).toEqual([
      -1, -0.2499999999999999, 1.9649999999999999, 3.5, 8.200000000000001, 10,
    ]);
    expect(quantiles(new Float32Array([5]), [0, 0.3, 1])).toEqual([5, 5, 5]);
  });

  it('does not modify the data and is monotone in p', () => {
    const x = normals(10_001, 1);
    const copy = x.slice();
    const ps = Array.from({ length: 101 }, (_, i) => i / 100);
    const q = quantiles(x, ps);
    expect(x).toEqual(copy);
    for (let i = 1; i < q.length; i++) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]);
    expect(q[0]).toBe(x.reduce((a, b) => Math.min(a, b)));
    expect(q[100]).toBe(x.reduce((a, b) => Math.max(a, b)));
    expect(q[50]).toBe(Float64Array.from(x).sort()[5000]);
    expect(Math.abs(q[50])).toBeLessThan(0.05);
  });

  it('returns NaN when the data holds NaN, as NumPy does', () => {
    expect(quantiles([1, NaN, 3], [0, 0.5])).toEqual([NaN, NaN]);
  });

  it('rejects bad probabilities and empty data', () => {
    expect(() => quantiles([1, 2], [0.5, 1.5])).toThrow('ps[1]=1.5, expected a number in [0, 1]');
    expect(() => quantiles([1, 2], 0.5 as unknown as number[])).toThrow('ps=0.5');
    expect(() => quantiles([], [0.5])).toThrow('data.length=0');
  });
});

describe('countNonFinite', () => {
  it('counts NaN and both infinities', () => {
    expect(countNonFinite([1, NaN, Infinity, -Infinity, 0, -0, Number.MAX_VALUE])).toBe(3);
    expect(countNonFinite(new Float32Array([1, 2]))).toBe(0);
    expect(countNonFinite([])).toBe(0);
  });
});

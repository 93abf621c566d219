import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ndtr } from '../../src/math/special.js';
import { standardize, truncatedNormalCdf, truncatedNormalMoments } from '../../src/math/truncatedNormal.js';
import { fillBernoulli } from '../../src/random/bernoulli.js';
import { foldIn, keyFromSeed, type Key } from '../../src/random/key.js';
import { fillNormal } from '../../src/random/normal.js';
import { permutation } from '../../src/random/permutation.js';
import { fillTruncatedNormal } from '../../src/random/truncatedNormal.js';
import { fillUniform } from '../../src/random/uniform.js';
import { ksTest } from '../../src/stats/ks.js';
import { summarize } from '../../src/stats/moments.js';
import type { FloatArray } from '../../src/tensor.js';

const N = 200_000;
const key = keyFromSeed(20240601);

/** Mean within 5 standard errors, variance within 5 standard errors (given the kurtosis). */
function expectMoments(x: FloatArray, mean: number, std: number, kurtosis: number) {
  const s = summarize(x);
  expect(Math.abs(s.mean - mean)).toBeLessThan((5 * std) / Math.sqrt(x.length));
  expect(Math.abs(s.variance - std * std)).toBeLessThan(5 * std * std * Math.sqrt((kurtosis - 1) / x.length));
}

type Fill = (k: Key, out: FloatArray, offset: number) => FloatArray;
const SAMPLERS: [string, Fill][] = [
  ['uniform', (k, o, offset) => fillUniform(k, o, { low: -1, high: 3, offset })],
  ['normal', (k, o, offset) => fillNormal(k, o, { mean: 1, std: 2, offset })],
  ['truncated normal', (k, o, offset) => fillTruncatedNormal(k, o, { mean: 0, std: 1, low: -0.5, high: 3, offset })],
];

describe.each(['float32', 'float64'] as const)('samplers, %s', (dtype) => {
  const alloc = (n: number) => (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n));

  it('uniform: moments and KS against U(-1, 3), all values in [-1, 3)', () => {
    const x = fillUniform(key, alloc(N), { low: -1, high: 3 });
    expectMoments(x, 1, 4 / Math.sqrt(12), 1.8);
    expect(ksTest(x, (v) => (v + 1) / 4).pValue).toBeGreaterThan(1e-3);
    expect(summarize(x).min).toBeGreaterThanOrEqual(-1);
    expect(summarize(x).max).toBeLessThan(3);
  });

  it('normal: moments and KS against N(1, 2²)', () => {
    const x = fillNormal(key, alloc(N), { mean: 1, std: 2 });
    expectMoments(x, 1, 2, 3);
    expect(ksTest(x, (v) => ndtr((v - 1) / 2)).pValue).toBeGreaterThan(1e-3);
  });

  it('a shifted law is rejected by the same KS test (the test can fail)', () => {
    const x = fillNormal(key, alloc(N), { mean: 1.05, std: 2 });
    expect(ksTest(x, (v) => ndtr((v - 1) / 2)).pValue).toBeLessThan(1e-6);
  });

  it.each([
    ['two-sided ±2σ', -2, 2],
    ['narrow', 0.3, 0.31],
    ['one-sided, upper tail', 1.5, Infinity],
    ['one-sided, lower', -Infinity, -0.25],
    ['deep tail [8, 9]', 8, 9],
    ['asymmetric', -0.5, 3],
  ])('truncated normal %s: in bounds, moments and KS', (_name, a, b) => {
    const x = fillTruncatedNormal(key, alloc(N), { mean: 0, std: 1, low: a, high: b });
    const s = summarize(x);
    expect(s.min).toBeGreaterThanOrEqual(a);
    expect(s.max).toBeLessThanOrEqual(b);
    const m = truncatedNormalMoments(a, b);
    // Float32 rounding of values near a narrow interval adds a variance of about ulp²/12.
    const std = Math.sqrt(m.variance);
    expectMoments(x, m.mean, std, 4.5);
    const st = standardize(a, b);
    if (b - a > 0.1) expect(ksTest(x, (v) => truncatedNormalCdf(v, st)).pValue).toBeGreaterThan(1e-3);
  });

  it('truncated normal never leaves tiny intervals far from the mean (pytorch#155588 case)', () => {
    // std 0.002 with bounds ±2 (1000σ): an erfinv-and-clamp sampler puts values at ±2.
    const x = fillTruncatedNormal(key, alloc(N), { mean: 0, std: 0.002, low: -2, high: 2 });
    const s = summarize(x);
    expect(Math.max(Math.abs(s.min), Math.abs(s.max))).toBeLessThan(0.002 * 6.5);
    expectMoments(x, 0, 0.002, 3);
  });

  it.each(SAMPLERS)('%s: any slice equals the same elements of a whole fill', (_name, fill) => {
    const whole = fill(key, alloc(1000), 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 200 }), (start, len) => {
        const n = Math.min(len, 1000 - start);
        const part = fill(key, alloc(n), start);
        expect(Array.from(part)).toEqual(Array.from(whole.subarray(start, start + n)));
      }),
      { numRuns: 100 },
    );
  });

  it.each(SAMPLERS)('%s: chunked fills with any chunk size give the same bytes', (_name, fill) => {
    const n = 10_007;
    const whole = fill(key, alloc(n), 0);
    for (const chunk of [1, 3, 4, 5, 1024, 4096, 4099]) {
      const pieces = alloc(n);
      for (let s = 0; s < n; s += chunk) pieces.set(fill(key, alloc(Math.min(chunk, n - s)), s), s);
      expect(Buffer.from(pieces.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
    }
  });

  it('elements far into the stream (past 2^32 blocks) are reachable and deterministic', () => {
    const far = 2 ** 40 + 3;
    const a = fillNormal(key, alloc(8), { offset: far });
    const b = fillNormal(key, alloc(16), { offset: far - 8 });
    expect(Array.from(a)).toEqual(Array.from(b.subarray(8)));
  });
});

describe('bernoulli and permutation', () => {
  it('bernoulli(0.3): frequency within 5 standard errors; 0 and 1 exact', () => {
    const x = fillBernoulli(key, new Uint8Array(N), 0.3);
    const ones = x.reduce((a, b) => a + b, 0);
    expect(Math.abs(ones / N - 0.3)).toBeLessThan(5 * Math.sqrt(0.21 / N));
    expect(fillBernoulli(key, new Uint8Array(1000), 0).every((v) => v === 0)).toBe(true);
    expect(fillBernoulli(key, new Uint8Array(1000), 1).every((v) => v === 1)).toBe(true);
    expect(() => fillBernoulli(key, new Uint8Array(4), 1.5)).toThrow(/p=1.5, expected a number in \[0, 1\]/);
  });

  it('permutation is a permutation, deterministic, and uniform over positions', () => {
    const p = permutation(key, 50);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(permutation(key, 50)).toEqual(p);
    // Position of element 0 over many keys: chi-square against uniform over 5 positions.
    const counts = [0, 0, 0, 0, 0];
    for (let s = 0; s < 5000; s++) counts[permutation(foldIn(key, s), 5).indexOf(0)]++;
    const chi2 = counts.reduce((a, c) => a + (c - 1000) ** 2 / 1000, 0);
    expect(chi2).toBeLessThan(18.47); // chi-square(4) 0.999 quantile
  });
});

describe('sampler argument errors', () => {
  const out = new Float32Array(4);
  it.each([
    [() => fillUniform(key, out, { low: 1, high: 1 }), /low=1, expected a number below high=1/],
    [() => fillUniform(key, out, { low: NaN }), /low=NaN, expected a finite number/],
    [() => fillNormal(key, out, { std: -1 }), /std=-1, expected a number >= 0/],
    [() => fillNormal(key, out, { mean: Infinity }), /mean=Infinity, expected a finite number/],
    [() => fillTruncatedNormal(key, out, { low: 2, high: 1 }), /low=2, expected a bound below high=1/],
    [() => fillTruncatedNormal(key, out, { std: 0 }), /std=0, expected a number > 0/],
    [() => fillNormal(key, out, { offset: -1 }), /offset=-1/],
    [() => fillNormal(key, out, { std: 1e39 }), /std=1e\+39, expected a number within float32 range/],
    [() => fillNormal(key, [1, 2] as unknown as Float32Array), /out=\[1,2\], expected a Float32Array or Float64Array/],
  ])('%#: clear message', (f, msg) => {
    expect(f).toThrow(msg);
  });
});

describe('no regression: stream snapshots', () => {
  // The first outputs of each sampler for seed 0: any change to the generator, the key scheme or
  // a transform shows up here first. The float32 normal and truncated-normal values changed (by a
  // few ulp) when those samplers moved to float32 arithmetic shared with their WebAssembly
  // kernels (issue 4), so that every backend gives the same bytes.
  const k = keyFromSeed(0);
  it.each([
    ['uniform f32', () => fillUniform(k, new Float32Array(4))],
    ['uniform f64', () => fillUniform(k, new Float64Array(4))],
    ['normal f32', () => fillNormal(k, new Float32Array(4))],
    ['normal f64', () => fillNormal(k, new Float64Array(4))],
    ['truncated normal f32', () => fillTruncatedNormal(k, new Float32Array(4))],
    ['truncated normal f64', () => fillTruncatedNormal(k, new Float64Array(4))],
  ])('%s', (_name, f) => {
    expect(Array.from(f())).toMatchSnapshot();
  });
});

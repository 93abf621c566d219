/**
 * One-sample Kolmogorov-Smirnov test against a continuous law: the statistic
 * D_n = sup_x |F_n(x) − F(x)| and its p-value P(D_n ≥ d) under the null hypothesis.
 *
 * The p-value takes the first rule that applies (d is a KS statistic, so 1/(2n) ≤ d ≤ 1):
 * 1. d ≤ 1/(2n): 1; d ≥ 1: 0.
 * 2. d ≥ 1 − 1/n: 2(1 − d)^n; d ≤ 1/n: 1 − n!·(2d − 1/n)^n. Both exact (Ruben & Gambino, 1982).
 * 3. n ≤ 1e5 and n·d² ≥ 3 (≥ 2 where rule 4 would be too costly): twice the exact one-sided tail
 *    P(D_n⁺ ≥ d) of Birnbaum & Tingey (1951), computed directly so tiny p keep their digits. Exact
 *    for d ≥ 1/2; elsewhere it overstates p by P(D⁺ ≥ d and D⁻ ≥ d), relatively about
 *    e^(−6·n·d²) (measured against rule 4): below 2e-8 for n·d² ≥ 3, 6e-6 for n·d² ≥ 2.
 * 4. n ≤ 1e4 and k = ⌊n·d⌋ + 1 ≤ 60: 1 − K(n, d) with K the exact algorithm of Marsaglia, Tsang &
 *    Wang ("Evaluating Kolmogorov's distribution", J. Stat. Software 8(18), 2003), accurate to about
 *    1e-14 absolute (checked in 40-digit arithmetic): the n-th power of a (2k−1)×(2k−1) matrix, so
 *    O(k³ log n), at most a few tens of milliseconds.
 * 5. Otherwise the Kolmogorov limit P(K > λ) with Stephens' small-sample correction
 *    λ = (√n + 0.12 + 0.11/√n)·d (Stephens, JRSS B 32, 1970); here n > 1800. Against
 *    scipy.stats.kstwo its relative error is below 0.3% for p > 1e-3, and grows in the far tail
 *    (about 1% at p ≈ 1e-14, 2% at p ≈ 1e-22 for n = 2e5).
 *
 * Example: `ksTest(sample, (x) => x)` tests a sample against U(0, 1).
 */
import { fail } from '../errors.js';
import { matmul } from '../linalg/matmul.js';
import { integer, probability } from '../validate.js';

export interface KSResult {
  readonly statistic: number;
  readonly pValue: number;
  readonly n: number;
}

/**
 * D_n = max_i max(F(x_(i)) − (i−1)/n, i/n − F(x_(i))) over the sorted sample (a sorted copy;
 * ties are handled). `cdf` must return values in [0, 1]; the sample must not contain NaN.
 */
export function ksStatistic(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  const length = (sample as { length?: unknown } | null)?.length;
  if (typeof sample !== 'object' || typeof length !== 'number' || length === 0) fail('sample', sample, 'a non-empty array of numbers');
  if (typeof cdf !== 'function') fail('cdf', cdf, 'a function x => P(X <= x)');
  const x = Float64Array.from(sample).sort();
  if (Number.isNaN(x[x.length - 1])) fail('sample', 'an array containing NaN', 'numbers that are not NaN');
  return ksStatisticSorted(x, cdf);
}

/**
 * {@link ksStatistic} of a sample already sorted in increasing order, without NaN: for testing
 * one sample against many laws with a single sort. With `stride` k > 1 only the order statistics
 * 0, k, 2k, ... enter the maximum, which gives a lower bound on D_n at 1/k of the cost: enough to
 * reject a law when even the bound's p-value is small.
 */
export function ksStatisticSorted(x: ArrayLike<number>, cdf: (x: number) => number, stride = 1): number {
  const n = x.length;
  let d = 0;
  for (let i = 0; i < n; i += stride) {
    const f = cdf(x[i]);
    if (!(f >= 0 && f <= 1)) fail('cdf', `cdf(${x[i]}) = ${f}`, 'a value in [0, 1]');
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/** P(D_n ≥ d) for the two-sided statistic of a sample of size n; see the rules above. */
export function ksPValue(d: number, n: number): number {
  integer('n', n, 1);
  probability('d', d);
  if (d <= 0.5 / n) return 1;
  if (d >= 1) return 0;
  if (d >= 1 - 1 / n) return 2 * (1 - d) ** n;
  if (d <= 1 / n) {
    let prob = 1;
    for (let i = 1; i <= n && prob > 0; i++) prob *= i * (2 * d - 1 / n);
    return 1 - prob;
  }
  const exact = n <= 1e4 && n * d < 60;
  if (n <= 1e5 && n * d * d >= (exact ? 3 : 2)) return Math.min(1, 2 * smirnovSf(n, d));
  if (exact) return clamp01(1 - kolmogorovCdfExact(n, d));
  return kolmogorovSf((Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n)) * d);
}

/** Statistic, p-value and size of the one-sample KS test of `sample` against `cdf`. */
export function ksTest(sample: ArrayLike<number>, cdf: (x: number) => number): KSResult {
  const statistic = ksStatistic(sample, cdf);
  const n = sample.length;
  return { statistic, pValue: ksPValue(statistic, n), n };
}

/**
 * Exact P(D_n < d) by Marsaglia, Tsang & Wang (2003): with k = ⌊nd⌋ + 1, m = 2k − 1, h = k − nd,
 * H[i][j] = 1/(i−j+1)! for i − j + 1 > 0 (else 0), corrected in its first column by −h^(i+1), in
 * its last row by −h^(m−j), and at H[m−1][0] by +(2h−1)^m when 2h > 1; then
 * P = n!/nⁿ · (Hⁿ)[k−1][k−1], with powers of 10 carried aside so nothing overflows.
 * O(k³ log n) time and O(k²) memory: {@link ksPValue} calls it only for k ≤ 60.
 */
export function kolmogorovCdfExact(n: number, d: number): number {
  integer('n', n, 1);
  probability('d', d);
  const k = Math.floor(n * d) + 1;
  const m = 2 * k - 1;
  const h = k - n * d;
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) a[i * m + j] = i - j + 1 < 0 ? 0 : 1;
  }
  for (let i = 0; i < m; i++) {
    a[i * m] -= h ** (i + 1);
    a[(m - 1) * m + i] -= h ** (m - i);
  }
  if (2 * h - 1 > 0) a[(m - 1) * m] += (2 * h - 1) ** m;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      for (let g = 2; g <= i - j + 1; g++) a[i * m + j] /= g;
    }
  }
  const { matrix, exponent } = power(a, m, n);
  let s = matrix[(k - 1) * m + k - 1];
  let e = exponent;
  for (let i = 1; i <= n; i++) {
    s = (s * i) / n;
    if (s < 1e-140) {
      s *= 1e140;
      e -= 140;
    }
  }
  return clamp01(s * 10 ** e);
}

/** Aⁿ as matrix·10^exponent, by recursive squaring; rescaled when the middle entry passes 1e140. */
function power(a: Float64Array, m: number, n: number): { matrix: Float64Array; exponent: number } {
  if (n === 1) return { matrix: a.slice(), exponent: 0 };
  const half = power(a, m, Math.floor(n / 2));
  let matrix = matmul(half.matrix, half.matrix, m, m, m);
  let exponent = 2 * half.exponent;
  if (n % 2 === 1) matrix = matmul(a, matrix, m, m, m);
  const mid = Math.floor(m / 2);
  if (matrix[mid * m + mid] > 1e140) {
    for (let i = 0; i < matrix.length; i++) matrix[i] *= 1e-140;
    exponent += 140;
  }
  return { matrix, exponent };
}

/**
 * Exact one-sided tail P(D_n⁺ ≥ d), 0 < d < 1, by Birnbaum & Tingey (1951):
 * d · Σ_{j=0}^{⌊n(1−d)⌋} C(n, j) (1 − d − j/n)^(n−j) (d + j/n)^(j−1), each term in logs (the terms
 * are positive, so the sum is stable). O(n) time.
 */
export function smirnovSf(n: number, d: number): number {
  integer('n', n, 1);
  probability('d', d);
  if (d === 0) return 1;
  let logBinomial = 0;
  let sum = 0;
  for (let j = 0, last = Math.floor(n * (1 - d)); j <= last; j++) {
    const p = 1 - d - j / n;
    if (p > 0) sum += Math.exp(logBinomial + (n - j) * Math.log(p) + (j - 1) * Math.log(d + j / n));
    logBinomial += Math.log((n - j) / (j + 1));
  }
  return clamp01(d * sum);
}

/**
 * P(K > λ) for the Kolmogorov distribution, K = sup |Brownian bridge|: 2 Σ_{k≥1} (−1)^(k−1) e^(−2k²λ²)
 * for λ ≥ 1, and 1 − (√(2π)/λ) Σ_{k≥1} e^(−(2k−1)²π²/(8λ²)) below, where that series converges faster.
 */
export function kolmogorovSf(lambda: number): number {
  if (Number.isNaN(lambda)) fail('lambda', lambda, 'a number');
  if (lambda <= 0) return 1;
  if (lambda < 1) {
    const c = (Math.PI * Math.PI) / (8 * lambda * lambda);
    let sum = 0;
    for (let k = 1; k <= 8; k++) sum += Math.exp(-(2 * k - 1) * (2 * k - 1) * c);
    return clamp01(1 - (Math.sqrt(2 * Math.PI) / lambda) * sum);
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term < 1e-17 * sum) break;
  }
  return clamp01(2 * sum);
}

function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}

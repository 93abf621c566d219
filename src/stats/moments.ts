/**
 * Descriptive statistics of a sample: moments, extremes, quantiles, non-finite count.
 *
 * `summarize` makes one pass in float64. The data is cut into chunks of {@link CHUNK}; within a chunk
 * it sums x − c and (x − c)² with the shift c = the chunk's first value, so the sums see the spread
 * of the data and not its offset (the "shifted data" algorithm); the chunks' (n, mean, M2) are then
 * merged in order with the update of Chan, Golub & LeVeque ("Algorithms for computing the sample
 * variance", The American Statistician 37, 1983): δ = mean_B − mean_A,
 * mean = mean_A + δ·n_B/n, M2 = M2_A + M2_B + δ²·n_A·n_B/n, the means taken relative to the
 * first value so δ keeps the digits of the spread. Relative errors stay near
 * CHUNK·ε + (n/CHUNK)·ε whatever the mean, where a plain Σx² − (Σx)²/n loses every digit once
 * mean²/variance exceeds 1/ε.
 *
 * Example: `summarize([1, 2, 3, 4])` is `{ n: 4, mean: 2.5, variance: 1.25, std: 1.118…, min: 1, max: 4 }`.
 */
import { fail } from '../errors.js';
import { probability } from '../validate.js';

export interface Summary {
  readonly n: number;
  readonly mean: number;
  /** Population variance: M2 / n. */
  readonly variance: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

const CHUNK = 4096;

/**
 * n, mean, population variance, std, min and max of a non-empty sample in one pass. The values
 * must be finite: if any is NaN or ±Infinity (or so large, beyond about 1e154, that a square
 * overflows) every field but n is NaN; {@link countNonFinite} tells how many there are.
 */
export function summarize(data: ArrayLike<number>): Summary {
  const length = checkData('data', data);
  // The running mean is origin + offset, origin = data[0], so chunk means keep the digits of the
  // spread even when the data sits far from 0 (3e7 ± 1e-3, say).
  const origin = data[0];
  let n = 0;
  let offset = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  let finite = true;
  for (let start = 0; start < length; start += CHUNK) {
    const end = Math.min(start + CHUNK, length);
    const shift = data[start];
    let s1 = 0;
    let s2 = 0;
    for (let i = start; i < end; i++) {
      const x = data[i];
      if (x < min) min = x;
      if (x > max) max = x;
      const d = x - shift;
      s1 += d;
      s2 += d * d;
    }
    if (!Number.isFinite(s1) || !Number.isFinite(s2)) finite = false;
    const nb = end - start;
    const total = n + nb;
    const delta = shift - origin + s1 / nb - offset;
    offset += (delta * nb) / total;
    m2 += Math.max(0, s2 - (s1 * s1) / nb) + (delta * delta * n * nb) / total;
    n = total;
  }
  const mean = origin + offset;
  if (!finite) return { n, mean: NaN, variance: NaN, std: NaN, min: NaN, max: NaN };
  const variance = m2 / n;
  return { n, mean, variance, std: Math.sqrt(variance), min, max };
}

/**
 * Quantiles by NumPy's default (`method='linear'`, Hyndman & Fan type 7): for probability p the
 * virtual index h = (n − 1)·p between the sorted values x_⌊h⌋ and x_⌊h⌋+1, interpolated with
 * NumPy's `_lerp` (a + (b − a)·t, or b − (b − a)·(1 − t) when t ≥ 1/2, so results are monotone).
 * Sorts a Float64Array copy (O(n log n); 1e7 values take about 1.5 s). A NaN anywhere makes
 * every quantile NaN, as in NumPy.
 *
 * Example: `quantiles([1, 2, 3, 4], [0.25, 0.5])` is `[1.75, 2.5]`.
 */
export function quantiles(data: ArrayLike<number>, ps: readonly number[]): number[] {
  const n = checkData('data', data);
  if (!Array.isArray(ps)) fail('ps', ps, 'an array of probabilities in [0, 1]');
  ps.forEach((p, i) => probability(`ps[${i}]`, p));
  const sorted = Float64Array.from(data).sort();
  if (Number.isNaN(sorted[n - 1])) return ps.map(() => NaN);
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    const t = h - lo;
    const a = sorted[lo];
    const b = sorted[hi];
    const diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  });
}

/** How many values are NaN or ±Infinity. */
export function countNonFinite(data: ArrayLike<number>): number {
  const n = checkLength('data', data);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(data[i])) count++;
  }
  return count;
}

function checkLength(name: string, data: unknown): number {
  const length = (data as { length?: unknown } | null)?.length;
  if (typeof data !== 'object' || typeof length !== 'number') fail(name, data, 'an array or typed array of numbers');
  return length;
}

function checkData(name: string, data: unknown): number {
  const length = checkLength(name, data);
  if (length === 0) fail(`${name}.length`, 0, 'at least one value');
  return length;
}

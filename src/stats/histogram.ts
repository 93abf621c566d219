/**
 * Equal-width histogram with NumPy's binning rules (`numpy.histogram`): `bins` intervals over
 * [lo, hi], edges lo + i·((hi − lo)/bins) (the last edge exactly hi), every bin half-open [e_i, e_i+1)
 * except the last, which is closed. A value's bin is ⌊((x − lo)/(hi − lo))·bins⌋, then moved by one
 * where rounding put it on the wrong side of an edge, so the counts agree with the edges exactly.
 *
 * Unlike NumPy, nothing is dropped silently: values below lo and above hi are counted in
 * `underflow` and `overflow`, NaN and ±Infinity in `nonFinite`. Without `range`, [lo, hi] is the
 * finite min and max ([min − 0.5, max + 0.5] when they are equal, [0, 1] when there is no finite
 * value, both as NumPy does).
 *
 * Example: `histogram([0, 1, 1, 2], { bins: 2 })` has edges [0, 1, 2] and counts [1, 3].
 */
import { fail } from '../errors.js';
import { finite, integer } from '../validate.js';

export interface HistogramOptions {
  /** Number of equal-width bins (default 50). */
  bins?: number;
  /** [lo, hi] with lo < hi (default: the finite min and max of the data). */
  range?: readonly [number, number];
}

export interface Histogram {
  /** bins + 1 edges, ascending. */
  readonly edges: number[];
  readonly counts: number[];
  /** Finite values below edges[0]. */
  readonly underflow: number;
  /** Finite values above edges[bins]. */
  readonly overflow: number;
  /** NaN and ±Infinity values (in no bin). */
  readonly nonFinite: number;
}

export function histogram(data: ArrayLike<number>, options: HistogramOptions = {}): Histogram {
  const length = (data as { length?: unknown } | null)?.length;
  if (typeof data !== 'object' || typeof length !== 'number') fail('data', data, 'an array or typed array of numbers');
  const bins = integer('bins', options.bins ?? 50, 1, 1e8);
  const [lo, hi] = options.range === undefined ? finiteRange(data) : checkRange(options.range);
  const width = hi - lo;
  const step = width / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : i * step + lo));
  const counts = new Array<number>(bins).fill(0);
  let underflow = 0;
  let overflow = 0;
  let nonFinite = 0;
  for (let i = 0; i < length; i++) {
    const x = data[i];
    if (!Number.isFinite(x)) nonFinite++;
    else if (x < lo) underflow++;
    else if (x > hi) overflow++;
    else {
      let b = Math.min(Math.floor(((x - lo) / width) * bins), bins - 1);
      if (x < edges[b]) b--;
      else if (b < bins - 1 && x >= edges[b + 1]) b++;
      counts[b]++;
    }
  }
  return { edges, counts, underflow, overflow, nonFinite };
}

function checkRange(range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2) fail('range', range, 'a pair [lo, hi]');
  const lo = finite('range[0]', range[0]);
  const hi = finite('range[1]', range[1]);
  if (!(lo < hi)) fail('range', range, 'lo < hi');
  if (!Number.isFinite(hi - lo)) fail('range', range, 'a width hi - lo that is finite');
  return [lo, hi];
}

function finiteRange(data: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    if (Number.isFinite(x)) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (lo > hi) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  if (!Number.isFinite(hi - lo)) fail('data', `values from ${lo} to ${hi}`, 'a range hi - lo that is finite (pass options.range)');
  return [lo, hi];
}

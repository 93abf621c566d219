/**
 * `arrayStats` (./arrayStats.ts) of a float32 tensor in the kernels' memory, from the merged
 * per-task moments of a fused kernel (../kernels/stats.ts): the histogram by one counting pass,
 * and the 2nd and 98th percentiles exactly, without sorting the tensor: one pass counts the
 * values in 2048 regions over [min, max], which locate the order statistics x_k and x_{k+1}
 * (k = ⌊(n − 1)p⌋); one pass gathers the values of their regions (about n/2048 for a smooth
 * distribution), and a sort of those finds them; NumPy's linear rule then interpolates
 * (./select.ts). Equal to the reference except for mean and variance, which agree
 * to float64 rounding (about 1e-12 relative).
 */
import { histogram } from '../stats/histogram.js';
import type { Wasm } from '../kernels/backend.js';
import { histogramCounts, QuantileRegions, type Moments } from '../kernels/stats.js';
import { arrayStats, deadUnits, histogramRange, PERCENTILES, type ArrayStats, type StatsOptions } from './arrayStats.js';
import { interpolate } from './select.js';

const MAX_F32 = 3.4028234663852886e38;

export function kernelArrayStats(w: Wasm, data: Float32Array, m: Moments, options: StatsOptions): ArrayStats {
  // No finite value: nothing to merge; the reference handles it (and it is rare).
  if (m.n === 0) return arrayStats(data, options);
  const count = data.length;
  const extra: { saturatedFraction?: number; deadUnitFraction?: number } = {};
  if (options.saturation !== undefined) extra.saturatedFraction = m.saturated / count;
  // A dead unit is 0 in every row: without that many zeros, there is none.
  if (options.units !== undefined) extra.deadUnitFraction = m.zeros >= count / options.units ? deadUnits(data, options.units) : 0;
  const ptr = data.byteOffset;
  const edges = histogram([], { bins: options.bins, range: histogramRange(m.min, m.max, options) }).edges;
  const counts = histogramCounts(w, ptr, count, edges);
  const bins = options.bins;
  const regions = new QuantileRegions(w, ptr, count, m.min, m.max);
  const [p02, p98] = PERCENTILES.map((p) => percentile(regions, m.n, p));
  const variance = m.m2 / m.n;
  return {
    mean: m.mean, variance, std: Math.sqrt(variance), min: m.min, max: m.max, p02, p98,
    histogram: { edges, counts: counts.slice(1, bins + 1), underflow: counts[0], overflow: counts[bins + 1], nonFinite: m.nonFinite },
    count, nonFinite: m.nonFinite, zeroFraction: m.zeros / count, ...extra,
  };
}

/** The p-quantile of the n finite values (NumPy's linear rule). */
function percentile(regions: QuantileRegions, n: number, p: number): number {
  const h = (n - 1) * p;
  const k = Math.floor(h);
  const last = Math.min(k + 1, n - 1);
  // Regions r1 ≤ r2 hold the order statistics k and k + 1; `before` values lie below r1.
  const totals = regions.totals;
  let before = 0;
  let r1 = 0;
  while (before + totals[r1] <= k) before += totals[r1++];
  let r2 = r1;
  for (let upto = before + totals[r1]; upto <= last; upto += totals[++r2]);
  const values = regions.gather(r1, r2).sort();
  return interpolate(values[k - before], values[last - before], h - k);
}

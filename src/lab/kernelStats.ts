/**
 * `arrayStats` (./arrayStats.ts) of float32 tensors in the kernels' memory, from the first-pass
 * moments of a fused kernel (../kernels/stats.ts), several tensors at a time (a layer's input and
 * output of φ or φ'): one second pass gives the variance about the merged mean, the histogram,
 * ties at min and max, the count below 0 and counts of 2048 regions over [min, max]; those locate
 * the order statistics x_k and x_{k+1} (k = ⌊(n − 1)p⌋) of the 2nd and 98th percentiles, one
 * third pass gathers the values of their regions (about n/2048 for a smooth distribution) and a
 * sort of those finds them; NumPy's linear rule then interpolates (./select.ts). Order statistics
 * that fall in a run of ties at min, at max or at 0 (ReLU's zeros, saturated units) are known
 * from the counts alone and gather nothing. Equal to the reference except for mean and variance,
 * which agree to float64 rounding (about 1e-12 relative).
 */
import { histogram } from '../stats/histogram.js';
import type { Wasm } from '../kernels/backend.js';
import { TensorCounts, type Counts, type Moments, type RegionRange } from '../kernels/stats.js';
import { arrayStats, deadUnits, histogramRange, PERCENTILES, type ArrayStats, type StatsOptions } from './arrayStats.js';
import { interpolate } from './select.js';

export interface KernelTensor {
  readonly data: Float32Array;
  readonly m: Moments;
  readonly options: StatsOptions;
}

/** An order statistic's rank among the finite values, and its value when the counts tell it. */
type Rank = { readonly rank: number; value?: number };

/** Statistics of each tensor (all in the kernels' memory), equal to `arrayStats` of each. */
export function kernelArrayStats(w: Wasm, tensors: readonly KernelTensor[]): ArrayStats[] {
  const live = tensors.filter((t) => t.m.n > 0);
  const computed = live.length === 0 ? [] : w.kernels.scoped(() => statsOf(w, live));
  // No finite value: the reference handles it (and it is rare).
  return tensors.map((t) => (t.m.n > 0 ? computed[live.indexOf(t)] : arrayStats(t.data, t.options)));
}

function statsOf(w: Wasm, tensors: readonly KernelTensor[]): ArrayStats[] {
  const edges = tensors.map(({ m, options }) => histogram([], { bins: options.bins, range: histogramRange(m.min, m.max, options) }).edges);
  const passes = new TensorCounts(w, tensors.map((t, i) => ({ x: t.data.byteOffset, n: t.data.length, m: t.m, edges: edges[i] })));
  const ranks = tensors.map((t, i) => PERCENTILES.map((p) => orderStatistics(t.m, passes.counts[i], p)));
  const gathered = passes.gather(ranks.map((pair) => pair.map((r) => r.range)));
  return tensors.map((t, i) => {
    const { m, options, data } = t;
    const c = passes.counts[i];
    const [p02, p98] = ranks[i].map((r, j) => r.finish(gathered[i][j]));
    const count = data.length;
    const bins = options.bins;
    const extra: { saturatedFraction?: number; deadUnitFraction?: number } = {};
    if (options.saturation !== undefined) extra.saturatedFraction = m.saturated / count;
    // A dead unit is 0 in every row: without that many zeros, there is none.
    if (options.units !== undefined) extra.deadUnitFraction = m.zeros >= count / options.units ? deadUnits(data, options.units) : 0;
    const variance = c.m2 / m.n;
    const h = c.histogram;
    return {
      mean: m.mean, variance, std: Math.sqrt(variance), min: m.min, max: m.max, p02, p98,
      histogram: { edges: edges[i], counts: h.slice(1, bins + 1), underflow: h[0], overflow: h[bins + 1], nonFinite: m.nonFinite },
      count, nonFinite: m.nonFinite, zeroFraction: m.zeros / count, ...extra,
    };
  });
}

/**
 * The p-quantile of the n finite values (NumPy's linear rule): the regions to gather (none when
 * ties decide both order statistics) and how to finish from the gathered values.
 */
function orderStatistics(m: Moments, c: Counts, p: number): { range: RegionRange; finish: (values: Float32Array) => number } {
  const n = m.n;
  const h = (n - 1) * p;
  const k = Math.floor(h);
  const ranks: Rank[] = [{ rank: k }, { rank: Math.min(k + 1, n - 1) }];
  for (const r of ranks) {
    if (r.rank < c.atMin) r.value = m.min;
    else if (r.rank >= n - c.atMax) r.value = m.max;
    else if (r.rank >= m.negatives && r.rank < m.negatives + m.zeros) r.value = 0;
  }
  const value = (r: Rank, sorted: Float32Array, before: number) => r.value ?? sorted[r.rank - before];
  const open = ranks.filter((r) => r.value === undefined);
  if (open.length === 0) return { range: [1, 0], finish: () => interpolate(ranks[0].value!, ranks[1].value!, h - k) };
  // Regions r1 ≤ r2 hold the open order statistics; `before` values lie below r1.
  const totals = c.regions.totals;
  let before = 0;
  let r1 = 0;
  while (before + totals[r1] <= open[0].rank) before += totals[r1++];
  let r2 = r1;
  for (let upto = before + totals[r1]; upto <= open[open.length - 1].rank; upto += totals[++r2]);
  return {
    range: [r1, r2],
    finish: (values) => {
      const sorted = values.sort();
      return interpolate(value(ranks[0], sorted, before), value(ranks[1], sorted, before), h - k);
    },
  };
}

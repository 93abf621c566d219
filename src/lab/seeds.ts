/**
 * Several seeds: per layer and per statistic, the median over the runs and a 10-90% band
 * (NumPy's linear quantiles over the runs that reached the layer). At depth ≫ width single runs
 * spread widely (Hanin & Rolnick 2018: the log-variance of a deep ReLU net's activations has a
 * variance growing like Σ 1/n_l), so the lab compares medians over seeds, never single runs.
 *
 * A median histogram has no meaning; the aggregate keeps the histogram of the run whose variance
 * is closest to the median variance at that layer.
 */
import { quantiles } from '../stats/moments.js';
import type { ArrayStats } from './arrayStats.js';
import type { JacobianStats } from './jacobian.js';
import type { LayerRecord } from './types.js';

export const TENSORS = ['preact', 'act', 'grad', 'preactGrad', 'weightGrad'] as const;
export type TensorName = (typeof TENSORS)[number];

const FIELDS = ['mean', 'variance', 'std', 'min', 'max', 'p02', 'p98', 'zeroFraction', 'saturatedFraction', 'deadUnitFraction', 'nonFinite'] as const;
type Field = (typeof FIELDS)[number];
type Numbers = Partial<Record<Field, number | null>>;

/** Median statistics over seeds with the band and the number of runs behind them. */
export type AggregateStats = ArrayStats & { readonly band: { readonly p10: Numbers; readonly p90: Numbers }; readonly runs: number };

function pick(values: (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** Medians and 10-90% bands of one tensor's statistics over runs; null for none. */
export function aggregateStats(all: ArrayStats[]): AggregateStats | null {
  if (all.length === 0) return null;
  const median: Numbers = {};
  const p10: Numbers = {};
  const p90: Numbers = {};
  for (const f of FIELDS) {
    if (all[0][f] === undefined) continue;
    const v = pick(all.map((s) => s[f]));
    if (v.length === 0) {
      median[f] = p10[f] = p90[f] = null;
      continue;
    }
    [p10[f], median[f], p90[f]] = quantiles(v, [0.1, 0.5, 0.9]);
  }
  const target = median.variance ?? null;
  let closest = all[0];
  if (target !== null) {
    for (const s of all) if (s.variance !== null && Math.abs(s.variance - target) < Math.abs((closest.variance ?? Infinity) - target)) closest = s;
  }
  return { ...(median as ArrayStats), histogram: closest.histogram, count: closest.count, band: { p10, p90 }, runs: all.length };
}

function aggregateJacobian(all: JacobianStats[]): JacobianStats | null {
  if (all.length === 0) return null;
  const med = (f: (j: JacobianStats) => number) => quantiles(all.map(f), [0.5])[0];
  return {
    meanSingularValue: med((j) => j.meanSingularValue),
    minSingularValue: med((j) => j.minSingularValue),
    maxSingularValue: med((j) => j.maxSingularValue),
    meanSquaredSingularValue: med((j) => j.meanSquaredSingularValue),
    examples: all[0].examples,
  };
}

/** The median layer records of several runs of the same network (theory taken from `theory`). */
export function aggregateLayers(runs: readonly (readonly LayerRecord[])[], theory: readonly LayerRecord[]): LayerRecord[] {
  return theory.map((t, i) => {
    const out: LayerRecord = { ...t };
    for (const name of TENSORS) {
      out[name] = aggregateStats(runs.map((r) => r[i][name]).filter((s): s is ArrayStats => s !== null));
    }
    out.jacobian = aggregateJacobian(runs.map((r) => r[i].jacobian).filter((j): j is JacobianStats => j !== null));
    return out;
  });
}

/**
 * Statistics of one tensor of the lab (pre-activations, activations, gradients of a layer, over
 * every example and unit): mean, variance, std, min, max, 2nd and 98th percentiles (NumPy's
 * linear rule), a histogram, and the fractions that say what the units are doing.
 *
 * The percentiles come from selection (./select.ts), equal to `quantiles` in ../stats.
 *
 * - `zeroFraction`: values exactly 0 (ReLU's dead outputs; everything after an underflow).
 * - `saturatedFraction` (bounded activations: tanh, sigmoid, softsign, hardtanh): values within
 *   {@link SATURATION_MARGIN} of the activation's range from an asymptote, e.g. |tanh| ≥ 0.98.
 * - `deadUnitFraction` (given the unit count): units that are 0 for every example of the batch.
 *
 * Non-finite values (an overflow) are counted in `nonFinite` and left out of every other
 * statistic; with no finite value at all the numbers are null.
 */
import type { Saturation } from '../activations/index.js';
import { histogram, type Histogram } from '../stats/histogram.js';
import { countNonFinite, summarize } from '../stats/moments.js';
import type { FloatArray } from '../tensor.js';
import { selectQuantiles } from './select.js';

/** Distance from an asymptote, as a fraction of (high - low), that counts as saturated. */
export const SATURATION_MARGIN = 0.01;

export interface ArrayStats {
  readonly mean: number | null;
  readonly variance: number | null;
  readonly std: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly p02: number | null;
  readonly p98: number | null;
  readonly histogram: Histogram;
  readonly count: number;
  readonly nonFinite: number;
  readonly zeroFraction: number;
  readonly saturatedFraction?: number;
  readonly deadUnitFraction?: number;
}

export interface StatsOptions {
  readonly bins: number;
  /** Histogram range (default: the finite min and max). */
  readonly range?: readonly [number, number];
  /** The activation's asymptotes, for `saturatedFraction`. */
  readonly saturation?: Saturation;
  /** Units per row, for `deadUnitFraction` (rows are examples). */
  readonly units?: number;
}

/** The probabilities of p02 and p98. */
export const PERCENTILES = [0.02, 0.98] as const;

/**
 * The histogram's range: the one asked for, else the finite [min, max] as `histogram` takes it
 * ([min − ½, max + ½] when equal), halved when max − min overflows (values near ±1e308 cannot be
 * cut into bins otherwise).
 */
export function histogramRange(min: number, max: number, options: StatsOptions): readonly [number, number] {
  if (options.range !== undefined) return options.range;
  if (!Number.isFinite(max - min)) return [min / 2, max / 2];
  return min === max ? [min - 0.5, max + 0.5] : [min, max];
}

export function arrayStats(data: FloatArray, options: StatsOptions): ArrayStats {
  const nonFinite = countNonFinite(data);
  const finite = nonFinite === 0 ? data : data.filter((x) => Number.isFinite(x));
  let zeros = 0;
  for (let i = 0; i < finite.length; i++) if (finite[i] === 0) zeros++;
  const extra: { saturatedFraction?: number; deadUnitFraction?: number } = {};
  if (options.saturation !== undefined) extra.saturatedFraction = saturated(finite, options.saturation) / data.length;
  if (options.units !== undefined) extra.deadUnitFraction = deadUnits(data, options.units);
  if (finite.length === 0) {
    const hist = histogram(data, { bins: options.bins, ...(options.range === undefined ? {} : { range: options.range }) });
    return { mean: null, variance: null, std: null, min: null, max: null, p02: null, p98: null, histogram: hist, count: data.length, nonFinite, zeroFraction: 0, ...extra };
  }
  const s = summarize(finite);
  const [p02, p98] = selectQuantiles(finite, PERCENTILES);
  const hist = histogram(data, { bins: options.bins, range: histogramRange(s.min, s.max, options) });
  return {
    mean: s.mean, variance: s.variance, std: s.std, min: s.min, max: s.max, p02, p98,
    histogram: hist, count: data.length, nonFinite, zeroFraction: zeros / data.length, ...extra,
  };
}

function saturated(data: FloatArray, { low, high }: Saturation): number {
  const margin = SATURATION_MARGIN * (high - low);
  const lo = low + margin;
  const hi = high - margin;
  let n = 0;
  for (let i = 0; i < data.length; i++) if (data[i] <= lo || data[i] >= hi) n++;
  return n;
}

/** Fraction of columns (units) that are exactly 0 in every row. */
export function deadUnits(data: FloatArray, units: number): number {
  const alive = new Uint8Array(units);
  for (let r = 0; r < data.length; r += units) {
    for (let j = 0; j < units; j++) if (data[r + j] !== 0) alive[j] = 1;
  }
  let dead = 0;
  for (let j = 0; j < units; j++) if (alive[j] === 0) dead++;
  return dead / units;
}

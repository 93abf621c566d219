/**
 * Sample statistics of a generated tensor against its plan: moments and extremes of every element
 * (`summarize` is one pass), and a Kolmogorov-Smirnov test against the law. The KS test sorts its
 * sample, so above {@link KS_MAX} elements it runs on KS_MAX evenly strided ones
 * (indices ⌊i·n / KS_MAX⌋), which keeps it under a second whatever the tensor's size.
 */
import { lawCdf, type Law } from '../init/law.js';
import { ksTest, summarize, type Summary } from '../stats/index.js';
import type { FloatArray } from '../tensor.js';

/** Largest KS sample. */
export const KS_MAX = 1_000_000;

export interface KsOutcome {
  readonly statistic: number;
  readonly pValue: number;
  /** Elements tested. */
  readonly n: number;
  /** Elements in the tensor; above `n` when the test ran on a strided subsample. */
  readonly of: number;
}

export interface Measurement {
  readonly measured: Summary;
  /** Null when there is no continuous law to test against; `ksSkipped` says why. */
  readonly ks: KsOutcome | null;
  readonly ksSkipped?: string;
}

/** `n` evenly strided elements of `data` (all of them, as they are, when n >= data.length). */
export function strided(data: FloatArray, n: number): FloatArray {
  if (n >= data.length) return data;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = data[Math.floor((i * data.length) / n)];
  return out;
}

/** Summary of every element; KS against `law` when it has a continuous CDF. */
export function measure(data: FloatArray, law: Law | undefined): Measurement {
  const measured = summarize(data);
  if (law === undefined) return { measured, ks: null, ksSkipped: 'structured initializer' };
  const cdf = lawCdf(law);
  if (cdf === undefined) return { measured, ks: null, ksSkipped: 'point mass: every element is the same' };
  const { statistic, pValue, n } = ksTest(strided(data, KS_MAX), cdf);
  return { measured, ks: { statistic, pValue, n, of: data.length } };
}

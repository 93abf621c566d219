/**
 * Warnings about one tensor: non-finite values, a constant tensor where a weight (rank ≥ 2) is
 * expected, and a variance far from every fan rule for its shape.
 *
 * Fan rules: Var = scale / fan with scale 1/3 (PyTorch's default Linear/Conv), 1 (LeCun, Glorot
 * with fan_avg) or 2 (He), fan = fan_in, fan_out or their mean, read under both layouts `oi`
 * and `io` (../init/fans). A variance more than {@link FAR}× away from all of them, above or
 * below, is flagged, unless the tensor matches a law of the catalog (which then explains it, as
 * N(0, 0.02²) on a 64-wide layer): a fixed-std init on a 4096-wide layer (variance 4e-4,
 * against 1/4096 = 2.4e-4) is within it; a tensor grown 10× in scale by training is not.
 */
import { computeFans } from '../init/fans/compute.js';
import type { Layout } from '../init/fans/layouts.js';
import type { TensorMoments } from './accumulate.js';

/** How far a variance may sit from the nearest fan rule, as a ratio, before it is flagged. */
export const FAR = 10;

const SCALES = [1 / 3, 1, 2];
const LAYOUTS: readonly Layout[] = ['oi', 'io'];

export function flagTensor(shape: readonly number[], m: TensorMoments, explained: boolean): string[] {
  const flags: string[] = [];
  if (m.nan + m.inf > 0) flags.push(`non-finite values: ${m.nan} NaN, ${m.inf} ±Inf`);
  if (shape.length < 2 || m.nan + m.inf === m.count) return flags;
  if (m.min === m.max) {
    flags.push(`constant (every element ${m.min}) where a weight is expected`);
    return flags;
  }
  if (explained) return flags;
  const variance = m.std * m.std + m.mean * m.mean;
  const rules = fanVariances(shape);
  if (rules.length === 0) return flags;
  const nearest = rules.reduce((best, v) => (Math.abs(Math.log(variance / v)) < Math.abs(Math.log(variance / best)) ? v : best));
  const ratio = variance / nearest;
  if (ratio > FAR || ratio < 1 / FAR) {
    const times = ratio > 1 ? `${ratio.toPrecision(3)}× above` : `${(1 / ratio).toPrecision(3)}× below`;
    flags.push(`variance ${variance.toPrecision(3)} is ${times} the nearest fan rule (${nearest.toPrecision(3)})`);
  }
  return flags;
}

/** scale / fan for every scale, fan and layout above. */
function fanVariances(shape: readonly number[]): number[] {
  const out: number[] = [];
  for (const layout of LAYOUTS) {
    try {
      const { fanIn, fanOut } = computeFans(shape, { layout });
      for (const fan of [fanIn, fanOut, (fanIn + fanOut) / 2]) for (const s of SCALES) if (fan > 0) out.push(s / fan);
    } catch {
      // A shape this layout cannot read (an axis count it refuses) gives no rule.
    }
  }
  return out;
}

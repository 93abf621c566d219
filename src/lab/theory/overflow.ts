/**
 * Where a float type runs out of range: the layer at which a tensor of N values drawn from
 * N(0, v_l) first holds one beyond the largest finite value M (float32: 3.4028235e38 = 2^128(1 - 2^-24);
 * float64: 1.7976931348623157e308), given the predicted variances v_l.
 *
 *   P(max |h| > M) = 1 - (1 - 2 Q(M/√v_l))^N,   Q(t) = ½ erfc(t/√2),
 *
 * and the predicted overflow layer is the first l where this reaches ½ (the median layer). For
 * the seeds' N(0, 1) weights without activation at width n, v_l = Var[x] n^l: with n = 512 the
 * variance passes 3.4e38 at l = 14.2, but a float32 tensor only overflows where its values do, at
 * √v_l ≈ M/4 for N ~ 10⁴-10⁶ values: l = 28 (float64: l ≈ 227). Values beyond M are rounded to
 * Infinity when stored (a value within half an ulp of M rounds to M; this moves nothing here).
 */
import { logNdtr } from '../../math/special.js';
import type { DType } from '../../tensor.js';

/** The largest finite value of each type. */
export const MAX_FINITE: Readonly<Record<DType, number>> = { float32: 3.4028234663852886e38, float64: Number.MAX_VALUE };

/** P(some |h_i| > max) for n iid N(0, variance) values, computed in log space. */
export function exceedProbability(variance: number, n: number, max: number): number {
  if (!(variance > 0)) return 0;
  const t = max / Math.sqrt(variance);
  // log P(|h| > max) for one value = log 2 + log Q(t) = log 2 + logNdtr(-t).
  const logTail = Math.LN2 + logNdtr(-t);
  const tail = Math.exp(logTail);
  // 1 - (1 - tail)^n = -expm1(n log1p(-tail)).
  return tail >= 1 ? 1 : -Math.expm1(n * Math.log1p(-tail));
}

/**
 * The first layer (1-based) where a tensor of `n` values with the predicted variances overflows
 * with probability ≥ ½, or null if none does.
 */
export function overflowLayer(variances: readonly number[], n: number, dtype: DType): number | null {
  const max = MAX_FINITE[dtype];
  for (let l = 0; l < variances.length; l++) {
    if (!Number.isFinite(variances[l]) || exceedProbability(variances[l], n, max) >= 0.5) return l + 1;
  }
  return null;
}

/**
 * The edge-of-chaos analysis of an experiment whose grid is over (σ_w², σ_b²): every run's
 * weights are N(0, σ_w²/n_in) and biases N(0, σ_b²), and for each the mean-field theory (q*, χ₁,
 * ξ_c, verdict) is set beside the measurement: the pre-activation second moment averaged over the
 * top 10 layers against q* (one layer's value carries the noise of its own n biases: ±√(2/n)σ_b²;
 * and every run of a grid shares the seed, hence the same noise pattern), and χ measured as the geometric mean of the per-layer gradient ratios
 * Var[g^{l-1}]/Var[g^l] over the top layers (where q^l has reached q*). The phase diagram is the
 * theory's ξ_c over a fine grid with the critical line χ₁ = 1 (../theory/phase.ts).
 */
import type { LabResult } from '../propagate.js';

/** The init and bias specs of a grid point. */
export function edgeConfig(sigmaW2: number, sigmaB2: number, width: number): { init: string; bias: string } {
  return {
    init: `normal(std=${Math.sqrt(sigmaW2 / width)})`,
    bias: sigmaB2 === 0 ? 'zeros' : `normal(std=${Math.sqrt(sigmaB2)})`,
  };
}

export interface EdgeRow {
  readonly sigmaW2: number;
  readonly sigmaB2: number;
  readonly qStar: number | null;
  /** Every q is a fixed point (q* is null then). */
  readonly marginal: boolean;
  /** Mean of q^l = E[z²] over the top 10 layers. */
  readonly qTop: number | null;
  readonly chi1: number | null;
  readonly chiMeasured: number | null;
  readonly xiC: number | null;
  readonly verdict: string | null;
}

/** Theory vs measurement for one run; χ measured over the top `span` layers. */
export function edgeRow(sigmaW2: number, sigmaB2: number, r: LabResult, span = 20): EdgeRow {
  const L = r.layers.length;
  const qs = r.layers.slice(Math.max(0, L - 10)).map((l) => (typeof l.preact?.variance === 'number' ? l.preact.variance + (l.preact.mean ?? 0) ** 2 : null));
  const qTop = qs.every((q) => q !== null) ? (qs as number[]).reduce((a, b) => a + b, 0) / qs.length : null;
  let log = 0;
  let n = 0;
  for (let l = Math.max(2, L - span + 1); l <= L; l++) {
    const lo = r.layers[l - 2].grad?.variance;
    const hi = r.layers[l - 1].grad?.variance;
    if (typeof lo === 'number' && typeof hi === 'number' && lo > 0 && hi > 0) {
      log += Math.log(lo / hi);
      n++;
    }
  }
  const s = r.summary;
  return { sigmaW2, sigmaB2, qStar: s.qStar, marginal: s.marginal, qTop, chi1: s.chi1, chiMeasured: n > 0 ? Math.exp(log / n) : null, xiC: s.xiC, verdict: s.verdict };
}

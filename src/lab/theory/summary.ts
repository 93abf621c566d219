/**
 * The mean-field summary of a configuration (φ, σ_w², σ_b²): the fixed points, the slopes that
 * decide the phase, and the depth scales (Schoenholz et al. 2017, "Deep information propagation").
 *
 *   ξ_q⁻¹ = -ln[χ₁ + σ_w² ∫Dz φ''(√q* z) φ(√q* z)]   (the q-map's slope at q*)
 *   ξ_c⁻¹ = -ln χ_c,   χ_c = σ_w² ∫Dz₁Dz₂ φ'(u₁*) φ'(u₂*) at (q*, c*)
 *
 * Verdict: ordered when χ₁ < 1 - {@link CRITICAL_TOL} (nearby inputs merge, gradients vanish by χ₁
 * per layer), chaotic when χ₁ > 1 + CRITICAL_TOL (inputs decorrelate, gradients explode), critical
 * in between (ξ_c diverges on the line χ₁ = 1). A depth scale that diverges is Infinity (null in
 * JSON).
 *
 * @example
 * meanField(activation('relu'), 2, 0).chi1; // 1 (critical: He initialization)
 */
import type { Activation } from '../../activations/index.js';
import { nonNegative } from '../../validate.js';
import { qSlope } from './maps.js';
import { chi1At, correlationFixedPoint, fixedPointQ } from './fixedPoints.js';

export type Verdict = 'ordered' | 'critical' | 'chaotic';

/** |χ₁ - 1| at most this is "critical". */
export const CRITICAL_TOL = 1e-3;

export interface MeanField {
  readonly sigmaW2: number;
  readonly sigmaB2: number;
  /**
   * Fixed point of the length map (0, finite, or Infinity when the orbit diverges); null when the
   * map is the identity and every q is a fixed point (`marginal`).
   */
  readonly qStar: number | null;
  /** Every q is a fixed point (σ_b² = 0 and σ_w² E[φ(√q z)²] = q for all q: ReLU at σ_w² = 2); the rest is evaluated at q0. */
  readonly marginal: boolean;
  readonly chi1: number;
  /** Stable fixed point of the correlation map (1 in the ordered phase). */
  readonly cStar: number;
  readonly chiC: number;
  readonly xiQ: number;
  readonly xiC: number;
  readonly verdict: Verdict;
}

/** Slopes within this of 1 (or above) have an infinite depth scale: quadrature rounding is ~1e-14. */
const UNIT_SLOPE = 1e-12;

/** Depth scale -1/ln(slope): Infinity for a slope ≥ 1 - 1e-12, 0 for a slope ≤ 0. */
export function depthScale(slope: number): number {
  if (!(slope > 0)) return 0;
  if (slope >= 1 - UNIT_SLOPE) return Infinity;
  return -1 / Math.log(slope);
}

export function verdictOf(chi1: number): Verdict {
  if (chi1 < 1 - CRITICAL_TOL) return 'ordered';
  if (chi1 > 1 + CRITICAL_TOL) return 'chaotic';
  return 'critical';
}

/**
 * The summary for φ with σ_w² = n·Var(W) and σ_b² = E[b²], the length orbit started at q0
 * (default 1). When the map is marginal the orbit stays at q0: χ₁, c* and the depth scales are
 * taken there and q* is null.
 */
export function meanField(phi: Activation, sigmaW2: number, sigmaB2: number, q0 = 1): MeanField {
  nonNegative('sigmaW2', sigmaW2);
  nonNegative('sigmaB2', sigmaB2);
  nonNegative('q0', q0);
  const orbit = fixedPointQ(phi, sigmaW2, sigmaB2, q0);
  const chi1 = chi1At(phi, sigmaW2, orbit);
  const { cStar, chiC: chi } = correlationFixedPoint(phi, sigmaW2, sigmaB2, orbit.qStar, chi1);
  // A marginal map is the identity: lengths never converge.
  const xiQ = !orbit.marginal && Number.isFinite(orbit.qStar) ? depthScale(qSlope(phi, sigmaW2, orbit.qStar)) : Infinity;
  return { sigmaW2, sigmaB2, qStar: orbit.marginal ? null : orbit.qStar, marginal: orbit.marginal, chi1, cStar, chiC: chi, xiQ, xiC: depthScale(chi), verdict: verdictOf(chi1) };
}

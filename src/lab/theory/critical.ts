/**
 * The edge of chaos: where χ₁(q*(σ_w², σ_b²), σ_w²) = 1.
 *
 * - {@link criticalSigmaW2}: for a given σ_b², the σ_w² on the critical line, by bracketed root
 *   finding (./solve.ts) on σ_w² ↦ χ₁ - 1, which rises with σ_w² for the activations initlab
 *   ships. The bracket starts at [1e-6, 1] and doubles its upper end up to 1e4; no sign change
 *   there (an activation whose χ₁ never reaches 1) gives null.
 * - {@link criticalLine}: the line parametrized by q* (the `sw_sb` helper of Xiao et al. 2018's
 *   mean-field-cnns demo): σ_w² = 1 / ∫Dz φ'(√q* z)², σ_b² = q* - σ_w² ∫Dz φ(√q* z)²; points with
 *   σ_b² < 0 are not realizable and are dropped.
 *
 * ReLU: χ₁ = σ_w²/2 whatever q*, so the line is σ_w² = 2 (at σ_b² > 0 the length diverges there;
 * the only critical point with finite q* is (2, 0)).
 *
 * @example
 * criticalSigmaW2(activation('tanh'), 0); // 1
 */
import type { Activation } from '../../activations/index.js';
import { nonNegative, positive } from '../../validate.js';
import { chi1At, fixedPointQ } from './fixedPoints.js';
import { lengthMoments } from './maps.js';
import { bracketRoot } from './solve.js';

const LOW = 1e-6;
const HIGH = 1e4;

/** χ₁ at q*(σ_w², σ_b²), the orbit started at q0. */
export function chi1AtFixedPoint(phi: Activation, sigmaW2: number, sigmaB2: number, q0 = 1): number {
  return chi1At(phi, sigmaW2, fixedPointQ(phi, sigmaW2, sigmaB2, q0));
}

/** The σ_w² with χ₁ = 1 at this σ_b², or null if χ₁ does not cross 1 for σ_w² in [1e-6, 1e4]. */
export function criticalSigmaW2(phi: Activation, sigmaB2: number, q0 = 1): number | null {
  nonNegative('sigmaB2', sigmaB2);
  const f = (s: number) => chi1AtFixedPoint(phi, s, sigmaB2, q0) - 1;
  let hi = 1;
  while (f(hi) < 0) {
    hi *= 2;
    if (hi > HIGH) return null;
  }
  const lo = hi === 1 ? LOW : hi / 2;
  if (!(f(lo) < 0)) return null;
  return bracketRoot(f, lo, hi, { tol: 1e-10 });
}

export interface CriticalPoint {
  readonly qStar: number;
  readonly sigmaW2: number;
  readonly sigmaB2: number;
}

/** Points (σ_w², σ_b²) of the critical line, one per q* given (each > 0). */
export function criticalLine(phi: Activation, qStars: readonly number[]): CriticalPoint[] {
  const points: CriticalPoint[] = [];
  for (const q of qStars) {
    positive('qStar', q);
    const m = lengthMoments(phi, q);
    const sigmaW2 = 1 / m.slope2;
    const sigmaB2 = q - sigmaW2 * m.second;
    if (Number.isFinite(sigmaW2) && sigmaB2 >= 0) points.push({ qStar: q, sigmaW2, sigmaB2 });
  }
  return points;
}

/**
 * Fixed points of the mean-field maps (./maps.ts).
 *
 * q*: the length map q ↦ σ_w² E[φ(√q z)²] + σ_b² is monotone and, for tanh and ReLU, concave
 * (Poole et al. 2016), so the orbit from q⁰ converges to one stable fixed point. The orbit is
 * followed by iteration, with a Newton step on g(q) = map(q) - q (g' = slope - 1, the slope from
 * {@link qSlope}) whenever the slope is below 1 and the step lowers |g|; near an attracting fixed
 * point at 0 (tanh at σ_b² = 0, σ_w² ≤ 1) convergence is algebraic, and q < 1e-12 counts as 0.
 * Orbits past 1e12 diverge (ReLU with σ_w² > 2): q* = Infinity.
 *
 * Marginal: when the length map is the identity (σ_b² = 0 and σ_w² E[φ(√q z)²] = q for every q:
 * ReLU at σ_w² = 2, the identity at σ_w² = 1, any positively homogeneous φ with σ_w² E[φ(z)²] = 1)
 * every q is a fixed point and none attracts: the orbit stays where it starts, so there is no
 * single q* to report ({@link isMarginal}).
 *
 * c*: c = 1 is always a fixed point of the correlation map; it is stable when χ₁ ≤ 1 (ordered
 * phase, c* = 1). In the chaotic phase (χ₁ > 1) the stable c* lies in [0, 1): g(c) = map(c) - c
 * has g(0) = (σ_w² E[φ]² + σ_b²)/q* ≥ 0 and g(1 - δ) < 0 for small δ, and the root between them is
 * found by bracketed root finding (./solve.ts).
 */
import type { Activation } from '../../activations/index.js';
import { chi1, cMap, qMap, qSlope } from './maps.js';
import { bracketRoot } from './solve.js';

const MAX_ITER = 20_000;
const TOL = 1e-13;
/** Orbits above this diverge. */
export const Q_MAX = 1e12;
/** Orbits below this have reached the fixed point 0 (a positive q* this small needs σ_b² < 1e-12). */
const Q_MIN = 1e-12;
/** Where the limit q → 0⁺ is evaluated. */
const Q_LIMIT = 1e-24;

export interface QOrbit {
  /** The fixed point, 0 or Infinity; q0 itself when the map is marginal. */
  readonly qStar: number;
  /** Where quantities "at q*" are evaluated: q*, or the orbit's last point when q* is Infinity or 0. */
  readonly qEval: number;
  /** Every q is a fixed point ({@link isMarginal}): the orbit stays at q0. */
  readonly marginal: boolean;
}

/** The stable fixed point of the length map reached from q0 (default 1). */
export function fixedPointQ(phi: Activation, sigmaW2: number, sigmaB2: number, q0 = 1): QOrbit {
  if (isMarginal(phi, sigmaW2, sigmaB2)) return { qStar: q0, qEval: q0 < Q_MIN ? Q_LIMIT : q0, marginal: true };
  let q = q0;
  for (let i = 0; i < MAX_ITER; i++) {
    const next = qMap(phi, sigmaW2, sigmaB2, q);
    if (!(next <= Q_MAX)) return { qStar: Infinity, qEval: q, marginal: false };
    // Quantities at q* = 0 are the limit q → 0⁺, taken at q = 1e-24 (ReLU's φ'(0) = 0 would give
    // χ₁ = 0 at q = 0 itself; tanh's χ₁ there is σw²(1 - O(q)) = σw² to rounding).
    if (next < Q_MIN) return { qStar: 0, qEval: Q_LIMIT, marginal: false };
    const g = next - q;
    if (Math.abs(g) <= TOL * next) return { qStar: next, qEval: next, marginal: false };
    const slope = qSlope(phi, sigmaW2, q);
    if (slope < 1 && i > 2) {
      const newton = q - g / (slope - 1);
      if (newton > 0 && newton <= Q_MAX && Math.abs(qMap(phi, sigmaW2, sigmaB2, newton) - newton) < Math.abs(g)) {
        q = newton;
        continue;
      }
    }
    q = next;
  }
  return { qStar: q, qEval: q, marginal: false };
}

/** Relative |q-map(q) - q| at most this at every probe is "the identity": quadrature rounding is ~1e-14. */
const MARGINAL_TOL = 1e-9;
/** Lengths where {@link isMarginal} probes the map, 12 decades apart. */
const MARGINAL_PROBES = [1e-6, 1, 1e6];

/** True when every q is a fixed point of the length map (σ_b² = 0 and q-map(q) = q at q = 1e-6, 1, 1e6). */
export function isMarginal(phi: Activation, sigmaW2: number, sigmaB2: number): boolean {
  return sigmaB2 === 0 && MARGINAL_PROBES.every((q) => Math.abs(qMap(phi, sigmaW2, 0, q) - q) <= MARGINAL_TOL * q);
}

/** Correlations closer to 1 than this are c* = 1. */
const C_EDGE = 1e-9;

/** The stable fixed point of the correlation map at length qStar, given χ₁ there. */
export function fixedPointC(phi: Activation, sigmaW2: number, sigmaB2: number, qStar: number, chi: number): number {
  if (!(chi > 1) || !(qStar > 0) || !Number.isFinite(qStar)) return 1;
  const g = (c: number) => cMap(phi, sigmaW2, sigmaB2, qStar, c) - c;
  const g0 = g(0);
  if (Math.abs(g0) < 1e-14) return 0;
  let delta = 0.5;
  while (delta > C_EDGE && !(g(1 - delta) < 0)) delta /= 2;
  if (delta <= C_EDGE) return 1;
  return bracketRoot(g, 0, 1 - delta, { tol: 1e-10 });
}

/** χ₁ at the fixed point of an orbit: at q* or, when q* is Infinity, at the orbit's last point. */
export function chi1At(phi: Activation, sigmaW2: number, orbit: QOrbit): number {
  return chi1(phi, sigmaW2, orbit.qEval);
}

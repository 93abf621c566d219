/**
 * The standard normal truncated to [α, β] (either side may be infinite): its CDF, moments and the
 * constants its inverse-CDF sampler needs, all computed in log space so that intervals deep in a
 * tail (α = 30), one-sided intervals (β = ∞) and narrow intervals (β - α = 1e-9) are exact to
 * double precision.
 *
 * Every computation first mirrors the interval so it is not entirely positive (x -> -x when
 * α >= 0): then Φ(hi) is the largest probability involved and ratios to it never overflow.
 */
import { fail } from '../errors.js';
import { erfcx, logNdtr, ndtr, normalPdf } from './special.js';
import { gaussLegendre } from './gaussLegendre.js';

/** The mirrored interval [lo, hi] with hi <= |lo| side conventions, and log-space constants. */
export interface Standardized {
  /** True when the interval was mirrored (x -> -x). */
  readonly flip: boolean;
  readonly lo: number;
  readonly hi: number;
  /** log Φ(hi). */
  readonly logHi: number;
  /** Φ(lo) / Φ(hi) and 1 - Φ(lo) / Φ(hi) (the mass Z over Φ(hi)). */
  readonly ratio: number;
  readonly mass: number;
}

export function standardize(alpha: number, beta: number): Standardized {
  if (Number.isNaN(alpha) || Number.isNaN(beta) || !(alpha < beta) || alpha === Infinity || beta === -Infinity) {
    fail('bounds', [alpha, beta], 'a non-empty interval low < high (in standard deviations)');
  }
  const flip = alpha >= 0;
  const lo = flip ? -beta : alpha;
  const hi = flip ? -alpha : beta;
  const logHi = logNdtr(hi);
  const d = logNdtr(lo) - logHi;
  return { flip, lo, hi, logHi, ratio: Math.exp(d), mass: -Math.expm1(d) };
}

/** φ(x)/Φ(x), the inverse Mills ratio of the lower tail, stable for x -> -∞. */
function millsLower(x: number): number {
  if (x === -Infinity) return Infinity;
  return x < 0 ? Math.sqrt(2 / Math.PI) / erfcx(-x / Math.SQRT2) : normalPdf(x) / ndtr(x);
}

export interface Moments {
  readonly mean: number;
  readonly variance: number;
}

/**
 * Mean and variance of N(0, 1) truncated to [α, β]:
 *   mean = (φ(α) - φ(β)) / Z,  variance = 1 + (αφ(α) - βφ(β)) / Z - mean²,  Z = Φ(β) - Φ(α),
 * evaluated as ratios to Φ(hi). For intervals narrower than one standard deviation the closed form
 * cancels, so the moments come from 24-point Gauss-Legendre quadrature of the density relative to
 * its value at the centre (exact to rounding there, since φ is entire).
 */
export function truncatedNormalMoments(alpha: number, beta: number): Moments {
  const s = standardize(alpha, beta);
  let mean: number;
  let variance: number;
  if (s.hi - s.lo <= 1) {
    const c = (s.lo + s.hi) / 2;
    const h = (s.hi - s.lo) / 2;
    const { nodes, weights } = gaussLegendre(24);
    let m0 = 0, m1 = 0, m2 = 0;
    for (let i = 0; i < nodes.length; i++) {
      const t = h * nodes[i];
      const w = weights[i] * Math.exp(-t * (t + 2 * c) / 2); // φ(c + t) / φ(c)
      m0 += w;
      m1 += w * t;
      m2 += w * t * t;
    }
    const shift = m1 / m0;
    mean = c + shift;
    variance = m2 / m0 - shift * shift;
  } else {
    const lamLo = s.lo === -Infinity ? 0 : millsLower(s.lo) * s.ratio;
    const lamHi = millsLower(s.hi);
    const loTerm = s.lo === -Infinity ? 0 : s.lo * lamLo;
    const hiTerm = s.hi === Infinity ? 0 : s.hi * lamHi;
    mean = (lamLo - lamHi) / s.mass;
    variance = 1 + (loTerm - hiTerm) / s.mass - mean * mean;
  }
  return { mean: s.flip ? -mean : mean, variance };
}

/** CDF of N(0, 1) truncated to [α, β] at x. */
export function truncatedNormalCdf(x: number, s: Standardized): number {
  const y = s.flip ? -x : x;
  let below: number;
  if (y <= s.lo) below = 0;
  else if (y >= s.hi) below = 1;
  else below = (Math.exp(logNdtr(y) - s.logHi) - s.ratio) / s.mass;
  return s.flip ? 1 - below : below;
}

/**
 * Fixed points of the mean-field maps (./maps.ts).
 *
 * q*: the length map q ↦ σ_w² E[φ(√q z)²] + σ_b² is monotone and, for tanh and ReLU, concave
 * (Poole et al. 2016), so the orbit from q⁰ converges to one stable fixed point. For a positively
 * homogeneous φ (ReLU, leaky ReLU, the identity) the map is linear in q and q* has a closed form;
 * otherwise Newton's method on g(q) = map(q) - q (g' = slope - 1, from the secant through the last
 * two points after the first step) finds it in a handful of steps, kept inside the bracket the
 * orbit itself would respect.
 * Near an attracting fixed point at 0 (tanh at σ_b² = 0, σ_w² ≤ 1) q < 1e-12 counts as 0.
 * Orbits past 1e12 diverge (ReLU with σ_w² > 2, or σ_w² = 2 and σ_b² > 0): q* = Infinity, and
 * quantities "at q*" are taken at q = 1e12. Where the map expands (slope ≥ 1 above the diagonal)
 * the search looks 8 orbit steps ahead at once, so a diverging orbit is recognized in a few dozen
 * integrals; a fixed point it passes over shows as g < 0 and is then bracketed.
 *
 * Marginal: when the length map is the identity (σ_b² = 0 and σ_w² E[φ(√q z)²] = q for every q:
 * ReLU at σ_w² = 2, the identity at σ_w² = 1, any positively homogeneous φ with σ_w² E[φ(z)²] = 1)
 * every q is a fixed point and none attracts: the orbit stays where it starts, so there is no
 * single q* to report ({@link isMarginal}).
 *
 * c*: c = 1 is always a fixed point of the correlation map; it is stable when χ₁ ≤ 1 (ordered
 * phase, c* = 1). In the chaotic phase (χ₁ > 1) the stable c* lies in [0, 1): g(c) = map(c) - c
 * has g(0) = (σ_w² E[φ]² + σ_b²)/q* ≥ 0 and g(1 - δ) < 0 for small δ. The map is a power series in
 * c with nonnegative coefficients (./mehler.ts), so g is convex and Newton's method from 0 reaches
 * c* from below; where the truncated series is not accurate enough (c* close to 1) the root is
 * found by bracketed root finding (./solve.ts) on the 2-D quadrature.
 */
import type { Activation } from '../../activations/index.js';
import { chi1, chiC, cMap, lengthMoments, qMap } from './maps.js';
import { MEHLER_TERMS, mehlerBound, mehlerSeries, mehlerSum } from './mehler.js';
import { bracketRoot } from './solve.js';

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
  /** Where quantities "at q*" are evaluated: q*; 1e12 (where orbits count as diverged) when q* is Infinity; 1e-24 when it is 0. */
  readonly qEval: number;
  /** Every q is a fixed point ({@link isMarginal}): the orbit stays at q0. */
  readonly marginal: boolean;
}

/** Where the length map expands, steps go this many times further than the orbit's. */
const EXPAND = 8;
/** Newton steps at most; each one costs one 1-D integral. */
const MAX_STEPS = 400;

/** ψ(λx) = λψ(x) for λ > 0 (ReLU, leaky ReLU, the identity), probed at a few points and scales. */
export function isHomogeneous(phi: Activation): boolean {
  for (const x of [-2.3, -0.7, 0.45, 1.9]) {
    for (const lambda of [0.01, 3.7, 1e3]) {
      const a = phi.f(lambda * x);
      const b = lambda * phi.f(x);
      if (!(Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1e-300))) return false;
    }
  }
  return true;
}

/**
 * q* in closed form for a positively homogeneous φ: the map q ↦ σ_w² E[φ(z)²] q + σ_b² is linear,
 * so q* = σ_b² / (1 - σ_w² E[φ(z)²]) when σ_w² E[φ(z)²] < 1, 0 when also σ_b² = 0, and the orbit
 * grows without bound (q* = Infinity) when σ_w² E[φ(z)²] ≥ 1 and σ_b² > 0 (or > 1 and q0 > 0).
 */
function homogeneousFixedPoint(phi: Activation, sigmaW2: number, sigmaB2: number, q0: number): QOrbit {
  const slope = sigmaW2 * lengthMoments(phi, 1).second;
  const qStar = slope < 1 ? sigmaB2 / (1 - slope) : Infinity;
  if (qStar < Q_MIN || (sigmaB2 === 0 && q0 === 0)) return { qStar: 0, qEval: Q_LIMIT, marginal: false };
  if (!(qStar <= Q_MAX)) return { qStar: Infinity, qEval: Q_MAX, marginal: false };
  return { qStar, qEval: qStar, marginal: false };
}

/**
 * The stable fixed point of the length map reached from q0 (default 1): in closed form for a
 * homogeneous φ, otherwise by Newton's method on g(q) = map(q) - q (g' = slope - 1: the map's
 * slope from its integral at the first step, from the secant after), safeguarded so that it finds
 * the fixed point the orbit from q0 converges to: every point with g > 0 is a lower bound of it and
 * every point with g < 0 an upper one; where the map expands (slope ≥ 1, g > 0) the step goes 8
 * orbit steps ahead, and a step leaving the bracket is replaced by the orbit's own step (bisection
 * once both bounds are known).
 */
export function fixedPointQ(phi: Activation, sigmaW2: number, sigmaB2: number, q0 = 1): QOrbit {
  if (isMarginal(phi, sigmaW2, sigmaB2)) return { qStar: q0, qEval: q0 < Q_MIN ? Q_LIMIT : q0, marginal: true };
  if (isHomogeneous(phi)) return homogeneousFixedPoint(phi, sigmaW2, sigmaB2, q0);
  let q = q0;
  let lo = 0;
  let hi = Infinity;
  let previous: [number, number] | null = null;
  for (let i = 0; i < MAX_STEPS; i++) {
    const m = lengthMoments(phi, q);
    const next = sigmaW2 * m.second + sigmaB2;
    if (!(next <= Q_MAX)) return { qStar: Infinity, qEval: Q_MAX, marginal: false };
    // Quantities at q* = 0 are the limit q → 0⁺, taken at q = 1e-24 (ReLU's φ'(0) = 0 would give
    // χ₁ = 0 at q = 0 itself; tanh's χ₁ there is σw²(1 - O(q)) = σw² to rounding).
    if (next < Q_MIN) return { qStar: 0, qEval: Q_LIMIT, marginal: false };
    const g = next - q;
    if (Math.abs(g) <= TOL * next) return { qStar: next, qEval: next, marginal: false };
    if (g > 0) lo = q;
    else hi = q;
    // The slope from the last two points (secant) once there are two: σ_w² E[φ'² + φφ''] misses
    // the jumps of φ' (hardtanh's at ±1), which integration by parts would turn into point masses.
    const slope = previous === null ? sigmaW2 * (m.slope2 + m.curvature) : 1 + (g - previous[1]) / (q - previous[0]);
    previous = [q, g];
    // Where the map expands (slope ≥ 1, g > 0) the orbit may be on its way to infinity: look
    // ahead EXPAND times further than its step; a fixed point passed over gives g < 0 there.
    const newton = slope < 1 ? q - g / (slope - 1) : g > 0 ? q + EXPAND * g : NaN;
    if (newton > lo && newton < hi) q = newton;
    else if (next > lo && next < hi) q = next;
    else q = 0.5 * (lo + hi);
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
/** Newton on the series stops when a step moves c by less than this. */
const C_TOL = 1e-14;
/** Series truncation errors (relative to E[φ²]) up to this are below the accuracy of the old regula falsi on c (1e-10). */
const SERIES_TOL = 1e-12;

export interface CorrelationFixedPoint {
  readonly cStar: number;
  /** χ_c = σ_w² E[φ'(u₁)φ'(u₂)] at (q*, c*): χ₁ when c* = 1. */
  readonly chiC: number;
}

/** What the series gives at `terms` terms: c* and χ_c there, and its truncation bound at c*. */
interface SeriesRoot extends CorrelationFixedPoint {
  readonly bound: number;
}

/** c* and χ_c there by Newton's method on the Mehler series (./mehler.ts) with `terms` terms. */
function seriesFixedPoint(phi: Activation, sigmaW2: number, sigmaB2: number, q: number, terms: number): SeriesRoot {
  const series = mehlerSeries(phi, q, terms);
  const map = (c: number): [number, number] => {
    const [value, slope] = mehlerSum(series, c);
    return [(sigmaW2 * value + sigmaB2) / q - c, (sigmaW2 * slope) / q];
  };
  let c = 0;
  let [g, chi] = map(0);
  if (Math.abs(g) < 1e-14) return { cStar: 0, chiC: chi, bound: 0 };
  for (let i = 0; i < 100 && c < 1; i++) {
    // g is convex with g(c) > 0 below c*, so Newton's steps climb monotonically to c*.
    const step = -g / (chi - 1);
    if (!(step > 0)) break;
    c += step;
    [g, chi] = map(c);
    if (step <= C_TOL) break;
  }
  return { cStar: c, chiC: chi, bound: c < 1 - C_EDGE ? mehlerBound(series, c) : Infinity };
}

/** Terms of the first series tried; a longer one follows if its truncation bound is too large. */
const FIRST_TERMS = 40;

/**
 * The series' c*, or null where even {@link MEHLER_TERMS} terms leave a truncation error above
 * {@link SERIES_TOL}. The second length is estimated from the first's bound b at c*: the bound
 * falls at least like c*^K, so ln(b / SERIES_TOL) / -ln c* more terms (and a margin) should do.
 */
function seriesCorrelation(phi: Activation, sigmaW2: number, sigmaB2: number, qStar: number): CorrelationFixedPoint | null {
  const first = seriesFixedPoint(phi, sigmaW2, sigmaB2, qStar, FIRST_TERMS);
  if (first.bound <= SERIES_TOL) return first;
  if (!Number.isFinite(first.bound)) return null;
  const more = Math.log(first.bound / SERIES_TOL) / -Math.log(first.cStar);
  const terms = Math.ceil(FIRST_TERMS + 1.5 * more + 10);
  if (terms > MEHLER_TERMS) return null;
  const second = seriesFixedPoint(phi, sigmaW2, sigmaB2, qStar, terms);
  return second.bound <= SERIES_TOL ? second : null;
}

/**
 * The stable fixed point of the correlation map at length qStar, given χ₁ there, and χ_c at it: from
 * the Mehler series where its truncation is negligible (c* not too close to 1), otherwise by
 * bracketed root finding with the 2-D quadrature of ./maps.ts.
 */
export function correlationFixedPoint(phi: Activation, sigmaW2: number, sigmaB2: number, qStar: number, chi: number): CorrelationFixedPoint {
  if (!(chi > 1) || !(qStar > 0) || !Number.isFinite(qStar)) return { cStar: 1, chiC: chi };
  const series = seriesCorrelation(phi, sigmaW2, sigmaB2, qStar);
  if (series !== null) return series;
  const g = (c: number) => cMap(phi, sigmaW2, sigmaB2, qStar, c) - c;
  const g0 = g(0);
  let cStar: number;
  if (Math.abs(g0) < 1e-14) cStar = 0;
  else {
    let delta = 0.5;
    while (delta > C_EDGE && !(g(1 - delta) < 0)) delta /= 2;
    if (delta <= C_EDGE) return { cStar: 1, chiC: chi };
    cStar = bracketRoot(g, 0, 1 - delta, { tol: 1e-10 });
  }
  return { cStar, chiC: chiC(phi, sigmaW2, qStar, cStar) };
}

/** The stable fixed point of the correlation map at length qStar, given χ₁ there ({@link correlationFixedPoint}). */
export function fixedPointC(phi: Activation, sigmaW2: number, sigmaB2: number, qStar: number, chi: number): number {
  return correlationFixedPoint(phi, sigmaW2, sigmaB2, qStar, chi).cStar;
}

/** χ₁ at the fixed point of an orbit: at q* or, when q* is Infinity, at the orbit's last point. */
export function chi1At(phi: Activation, sigmaW2: number, orbit: QOrbit): number {
  return chi1(phi, sigmaW2, orbit.qEval);
}

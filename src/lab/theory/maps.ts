/**
 * The mean-field maps of a deep random network (Poole et al. 2016, "Exponential expressivity in
 * deep neural networks through transient chaos"; Schoenholz et al. 2017, "Deep information
 * propagation"). The 1-D integrals use adaptive Gauss-Legendre and the 2-D ones a composite
 * Gauss-Legendre product rule (./expectation.ts), because Gauss-Hermite loses accuracy for tanh at
 * large q (1e-4 at q = 16 with 200 nodes) and at kinks away from 0.
 *
 * Network: W^l_ij ~ (0, σ_w²/N_{l-1}), b^l_i ~ (0, σ_b²), h^l = W^l φ(h^{l-1}) + b^l; q^l is the
 * second moment of a pre-activation, Dz the standard normal measure, u = √q z.
 *
 * - q-map:            q^l = σ_w² ∫Dz φ(√q^{l-1} z)² + σ_b²
 * - its slope:        ∂q^l/∂q^{l-1} = σ_w² ∫Dz [φ'(u)² + φ(u) φ''(u)]   (Gaussian integration by parts)
 * - χ₁:               σ_w² ∫Dz φ'(√q z)²   (slope of the correlation map at c = 1)
 * - correlation map:  c^l = (σ_w² ∫Dz₁Dz₂ φ(u₁) φ(u₂) + σ_b²) / q,  u₁ = √q z₁,
 *                     u₂ = √q (c z₁ + √(1 - c²) z₂), both inputs at the same length q
 * - χ_c:              σ_w² ∫Dz₁Dz₂ φ'(u₁) φ'(u₂)   (slope of the correlation map at c)
 *
 * Pre-activations with a mean (a constant bias) use {@link gaussianMoments} with mean ≠ 0.
 */
import type { Activation } from '../../activations/index.js';
import { expectNormalAdaptive, expectPair } from '../../math/normalExpectation.js';

/** E[g(√q z)] for z ~ N(0, 1). */
function expect1(q: number, g: (u: number) => number): number {
  const s = Math.sqrt(Math.max(0, q));
  return expectNormalAdaptive((z, out) => {
    out[0] = g(s * z);
  }, 1)[0];
}

/** Moments of φ(h) and its derivatives for h ~ N(mean, variance). */
export interface GaussianMoments {
  /** E[φ(h)] */
  readonly mean: number;
  /** E[φ(h)²] */
  readonly second: number;
  /** E[φ'(h)²] */
  readonly slope2: number;
  /** E[φ(h) φ''(h)] */
  readonly curvature: number;
}

/**
 * E over h ~ N(mean, variance) of φ, φ², φ'² and φφ'', by adaptive Gauss-Legendre
 * (./expectation.ts): the per-layer predictions meet kinks away from 0 (a bias mean moves ReLU's
 * kink) and first moments of kinked functions, where Gauss-Hermite is only algebraically accurate.
 */
export function gaussianMoments(phi: Activation, mean: number, variance: number): GaussianMoments {
  const s = Math.sqrt(Math.max(0, variance));
  const [m, m2, d2, c] = expectNormalAdaptive((z, out) => {
    const u = mean + s * z;
    const f = phi.f(u);
    const df = phi.df(u);
    out[0] = f;
    out[1] = f * f;
    out[2] = df * df;
    out[3] = f * phi.d2f(u);
  }, 4);
  return { mean: m, second: m2, slope2: d2, curvature: c };
}

/** E[φ(u)²], E[φ'(u)²] and E[φ(u)φ''(u)] at u = √q z: what the length map, its slope and χ₁ need. */
export interface LengthMoments {
  readonly second: number;
  readonly slope2: number;
  readonly curvature: number;
}

/**
 * {@link LengthMoments} from one adaptive integral, every component to 1e-14 of the largest one's
 * scale (a component much smaller than the others, such as E[φφ''] at small q, is not refined
 * to its own relative accuracy, which only rounding would limit).
 */
export function lengthMoments(phi: Activation, q: number): LengthMoments {
  const s = Math.sqrt(Math.max(0, q));
  const [second, slope2, curvature] = expectNormalAdaptive(
    (z, out) => {
      const u = s * z;
      const f = phi.f(u);
      const df = phi.df(u);
      out[0] = f * f;
      out[1] = df * df;
      out[2] = f * phi.d2f(u);
    },
    3,
    { common: true },
  );
  return { second, slope2, curvature };
}

/** q^l = σ_w² E[φ(√q z)²] + σ_b². */
export function qMap(phi: Activation, sigmaW2: number, sigmaB2: number, q: number): number {
  return sigmaW2 * expect1(q, (u) => phi.f(u) ** 2) + sigmaB2;
}

/** ∂q^l/∂q^{l-1} = σ_w² E[φ'(u)² + φ(u)φ''(u)], u = √q z: the q-map's slope; ξ_q⁻¹ = -ln of it at q*. */
export function qSlope(phi: Activation, sigmaW2: number, q: number): number {
  return sigmaW2 * expect1(q, (u) => phi.df(u) ** 2 + phi.f(u) * phi.d2f(u));
}

/** χ₁ = σ_w² E[φ'(√q z)²]. */
export function chi1(phi: Activation, sigmaW2: number, q: number): number {
  return sigmaW2 * expect1(q, (u) => phi.df(u) ** 2);
}

/** c^l = (σ_w² E[φ(u₁)φ(u₂)] + σ_b²) / q for two inputs at length q (the fixed point q*). */
export function cMap(phi: Activation, sigmaW2: number, sigmaB2: number, q: number, c: number): number {
  const e = expectPair(q, c, (u) => phi.f(u), (u) => phi.f(u));
  return (sigmaW2 * e + sigmaB2) / q;
}

/** χ_c = σ_w² E[φ'(u₁)φ'(u₂)] at length q and correlation c; equals χ₁ at c = 1. */
export function chiC(phi: Activation, sigmaW2: number, q: number, c: number): number {
  return sigmaW2 * expectPair(q, c, (u) => phi.df(u), (u) => phi.df(u));
}

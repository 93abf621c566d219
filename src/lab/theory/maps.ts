/**
 * The mean-field maps of a deep random network (Poole et al. 2016, "Exponential expressivity in
 * deep neural networks through transient chaos"; Schoenholz et al. 2017, "Deep information
 * propagation"), by probabilists' Gauss-Hermite quadrature (../../math/gaussHermite.ts).
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
import { expectNormal, expectNormal2 } from '../../math/gaussHermite.js';

/** Nodes of the 1-D rule (exact for ReLU-type kinks at 0; see DEFAULT_NODES in gaussHermite.ts). */
export const NODES = 200;
/** Nodes per axis of the 2-D rule: 80² = 6400 calls per evaluation, ~1e-10 for tanh up to q = 16. */
export const NODES_2D = 80;

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

/** E over h ~ N(mean, variance) of φ, φ², φ'² and φφ'', in one pass over the nodes. */
export function gaussianMoments(phi: Activation, mean: number, variance: number, nodes = NODES): GaussianMoments {
  const s = Math.sqrt(Math.max(0, variance));
  const at = (g: (u: number) => number) => expectNormal((z) => g(mean + s * z), nodes);
  const m = at((u) => phi.f(u));
  const m2 = at((u) => phi.f(u) ** 2);
  const d2 = at((u) => phi.df(u) ** 2);
  const c = at((u) => phi.f(u) * phi.d2f(u));
  return { mean: m, second: m2, slope2: d2, curvature: c };
}

/** q^l = σ_w² E[φ(√q z)²] + σ_b². */
export function qMap(phi: Activation, sigmaW2: number, sigmaB2: number, q: number): number {
  const s = Math.sqrt(Math.max(0, q));
  return sigmaW2 * expectNormal((z) => phi.f(s * z) ** 2, NODES) + sigmaB2;
}

/** ∂q^l/∂q^{l-1} = σ_w² E[φ'(u)² + φ(u)φ''(u)], u = √q z: the q-map's slope; ξ_q⁻¹ = -ln of it at q*. */
export function qSlope(phi: Activation, sigmaW2: number, q: number): number {
  const m = gaussianMoments(phi, 0, q);
  return sigmaW2 * (m.slope2 + m.curvature);
}

/** χ₁ = σ_w² E[φ'(√q z)²]. */
export function chi1(phi: Activation, sigmaW2: number, q: number): number {
  const s = Math.sqrt(Math.max(0, q));
  return sigmaW2 * expectNormal((z) => phi.df(s * z) ** 2, NODES);
}

/** u₁ = √q z₁, u₂ = √q (c z₁ + √(1 - c²) z₂): two pre-activations of length q and correlation c. */
function pair(q: number, c: number, g: (u1: number, u2: number) => number): (z1: number, z2: number) => number {
  const s = Math.sqrt(Math.max(0, q));
  const cc = Math.min(1, Math.max(-1, c));
  const r = Math.sqrt(1 - cc * cc);
  return (z1, z2) => g(s * z1, s * (cc * z1 + r * z2));
}

/** c^l = (σ_w² E[φ(u₁)φ(u₂)] + σ_b²) / q for two inputs at length q (the fixed point q*). */
export function cMap(phi: Activation, sigmaW2: number, sigmaB2: number, q: number, c: number): number {
  const e = expectNormal2(pair(q, c, (u1, u2) => phi.f(u1) * phi.f(u2)), NODES_2D);
  return (sigmaW2 * e + sigmaB2) / q;
}

/** χ_c = σ_w² E[φ'(u₁)φ'(u₂)] at length q and correlation c; equals χ₁ at c = 1. */
export function chiC(phi: Activation, sigmaW2: number, q: number, c: number): number {
  return sigmaW2 * expectNormal2(pair(q, c, (u1, u2) => phi.df(u1) * phi.df(u2)), NODES_2D);
}

/**
 * The correlation map as a power series in c (Mehler's formula), so that its fixed point c* and
 * χ_c cost a few 1-D integrals instead of a 2-D quadrature per value of c.
 *
 * With f(z) = φ(√q z) and the orthonormal (probabilists') Hermite polynomials h_k = He_k/√k!,
 * a_k = E[f(z) h_k(z)], Mehler's formula gives for z₁, z₂ standard normals of correlation c
 *
 *   E[φ(u₁) φ(u₂)] = Σ_k a_k² c^k,    u₁ = √q z₁, u₂ = √q (c z₁ + √(1 - c²) z₂)
 *
 * and, differentiating in c (Price's theorem: ∂/∂(q c) E[φ(u₁)φ(u₂)] = E[φ'(u₁)φ'(u₂)]),
 *
 *   E[φ'(u₁) φ'(u₂)] = Σ_k k a_k² c^{k-1} / q.
 *
 * So the correlation map c ↦ (σ_w² Σ a_k² c^k + σ_b²)/q has nonnegative coefficients: it is convex
 * on [0, 1], and Newton's method from c = 0 climbs monotonically to its smallest fixed point.
 * Truncating after K terms leaves a remainder of at most c^{K+1} T and (K+1) c^K T (once
 * K + 1 ≥ -1/ln c) for the derivative, where T = E[f²] - Σ_{k≤K} a_k² (Parseval) is known from the
 * same integrals; {@link MehlerSeries.bound} reports it, and callers fall back to the 2-D
 * quadrature where it is not negligible (c* close to 1).
 *
 * The a_k are integrated all at once by adaptive Gauss-Legendre (../../math/normalExpectation.ts),
 * with h_k from the three-term recurrence √(k+1) h_{k+1} = z h_k - √k h_{k-1}.
 */
import type { Activation } from '../../activations/index.js';
import { expectNormalAdaptive } from '../../math/normalExpectation.js';

/** Most terms used: enough for c* up to ~0.95 at the lengths of the usual phase diagrams. */
export const MEHLER_TERMS = 600;

export interface MehlerSeries {
  /** a_k², k = 0..K. */
  readonly squares: Float64Array;
  /** Parseval's tail E[f²] - Σ a_k² (≥ 0 up to rounding). */
  readonly tail: number;
  /** E[f²] = E[φ(√q z)²]. */
  readonly second: number;
}

/** The squared Hermite coefficients of φ(√q z), k = 0..terms-1. */
export function mehlerSeries(phi: Activation, q: number, terms = MEHLER_TERMS): MehlerSeries {
  const s = Math.sqrt(Math.max(0, q));
  const sqrt = Float64Array.from({ length: terms + 1 }, (_, k) => Math.sqrt(k));
  const values = expectNormalAdaptive((z, out) => {
    const f = phi.f(s * z);
    out[terms] = f * f;
    let prev = 0;
    let h = 1;
    for (let k = 0; k < terms; k++) {
      out[k] = f * h;
      const next = (z * h - sqrt[k] * prev) / sqrt[k + 1];
      prev = h;
      h = next;
    }
  }, terms + 1, { common: true });
  const squares = new Float64Array(terms);
  let sum = 0;
  for (let k = 0; k < terms; k++) {
    squares[k] = values[k] * values[k];
    sum += squares[k];
  }
  return { squares, tail: Math.max(0, values[terms] - sum), second: values[terms] };
}

/** Σ a_k² c^k and its derivative Σ k a_k² c^{k-1}, by Horner's rule. */
export function mehlerSum(series: MehlerSeries, c: number): [number, number] {
  const a = series.squares;
  let value = 0;
  let slope = 0;
  for (let k = a.length - 1; k >= 0; k--) {
    slope = slope * c + value;
    value = value * c + a[k];
  }
  return [value, slope];
}

/**
 * Bound on the truncation error of {@link mehlerSum} at c in [0, 1), relative to E[f²]: the larger
 * of the value's c^K T and the derivative's K c^{K-1} T (Infinity where that is not yet decreasing).
 */
export function mehlerBound(series: MehlerSeries, c: number): number {
  const k = series.squares.length;
  if (!(series.second > 0)) return 0;
  if (c <= 0) return 0;
  if (k < -1 / Math.log(c)) return Infinity;
  return (k * c ** (k - 1) * series.tail) / series.second;
}

/**
 * Overflow-free building blocks shared by the logistic family (sigmoid, softplus, SiLU, mish, the
 * tanh form of GELU): σ(x) = 1/(1 + e^{-x}) and its derivatives, softplus(x) = log(1 + e^x) and
 * sech²(x).
 */

/** σ(x), with full relative accuracy for either sign (σ(-800) = 0 only by underflow). */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** σ'(x) = σ(x)σ(-x), without the cancellation of σ(x)(1 - σ(x)) for large x. */
export function sigmoidSlope(x: number): number {
  return sigmoid(x) * sigmoid(-x);
}

/** σ''(x) = σ'(x)(σ(-x) - σ(x)). */
export function sigmoidCurvature(x: number): number {
  return sigmoidSlope(x) * (sigmoid(-x) - sigmoid(x));
}

/** log(1 + e^x) = max(x, 0) + log1p(e^{-|x|}), finite and accurate for any x. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** sech²(x) = 1/cosh²(x) = 1 - tanh²(x), without the cancellation of the latter for large |x|. */
export function sech2(x: number): number {
  const c = Math.cosh(x);
  return 1 / (c * c);
}

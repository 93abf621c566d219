/**
 * Mean-field predictions for every layer of one finite network, from the input's second moment up
 * and from the top gradient down, with the actual fans and parameter laws of each layer (they may
 * differ from layer to layer: per-layer widths, Glorot's fan average).
 *
 * Forward (Poole et al. 2016, with a bias mean μ_b allowed): layer l computes z = x W + b with
 * zero-mean W of variance v_W and x of second moment m₂ (m₂ = E[x²] of the input for l = 1,
 * E[φ(z^{l-1})²] above), so over units and examples z ~ N(μ_b, s²) with
 *
 *   s² = n_in · v_W · m₂ + Var(b)          (preactVariance; q^l = s² + μ_b²)
 *   actMean = E[φ(z)],  actVariance = E[φ(z)²] - E[φ(z)]²,  next m₂ = E[φ(z)²]
 *
 * Backward (Schoenholz et al. 2017, §5 of the reference): with g^l = ∂L/∂x^l (x^l = φ(z^l)),
 * δ^l = g^l ⊙ φ'(z^l) and g^{l-1} = δ^l W^lᵀ,
 *
 *   E[(δ^l)²] = E[(g^l)²] · E[φ'(z^l)²]
 *   E[(g^{l-1})²] = n_out · v_W · E[(δ^l)²] = (n_out / n_in) · χ^l · E[(g^l)²],  χ^l = σ_w² E[φ'(z^l)²]
 *
 * so with equal widths the gradient is multiplied by χ₁ per layer. Linear regime (Glorot & Bengio
 * 2010, Eqs. 7 and 13): Var[z^l] = Var[x] ∏_{l' ≤ l} n_in v_W and Var[g^l] = Var[g^L] ∏_{l' > l} n_out v_W.
 *
 * The theory assumes zero-mean weights: for weights with a mean (ones, constant) it is not
 * computed (null).
 *
 * LSUV (Mishkin & Matas 2016): with `lsuv` options the mean-field network is calibrated as the
 * real one is, layer by layer from the first, by the same rule (../../init/lsuv.ts): while
 * |s² n_in v_W m₂ + Var(b) - 1| ≥ tol, s ← s / √(that variance), at most max_iter times; layer l's
 * weight variance is then s² v_W. Its predictions follow this calibrated network, whose Var(z)
 * is within tol of 1 at every layer by construction. The measured run's own factors are not used:
 * they also correct the sampling noise of its batch, which the theory does not have, and with
 * them the theory would drift away from 1 as that noise compounds over depth.
 */
import type { Activation } from '../../activations/index.js';
import { calibrateLayer, type LsuvOptions } from '../../init/lsuv.js';
import { gaussianMoments } from './maps.js';

/** What the theory needs to know about one layer. */
export interface LayerLaw {
  readonly nIn: number;
  readonly nOut: number;
  readonly weightMean: number;
  readonly weightVariance: number;
  readonly biasMean: number;
  readonly biasVariance: number;
}

export interface LayerTheory {
  /** 1-based. */
  readonly index: number;
  /** σ_w² = n_in · Var(W) (with LSUV, of the calibrated weight). */
  readonly sigmaW2: number;
  /** With LSUV: the factor the mean-field calibration multiplied this layer's weights by. */
  readonly lsuvScale?: number;
  readonly preactMean: number;
  readonly preactVariance: number;
  readonly actMean: number;
  readonly actVariance: number;
  /** Second moment of ∂L/∂x^l (x^l this layer's output); the variance for zero-mean gradients. */
  gradVariance: number;
  /** Second moment of ∂L/∂z^l. */
  preactGradVariance: number;
  /** E[φ'(z^l)²] at this layer's pre-activation law. */
  readonly slope2: number;
  /** χ^l = σ_w² E[φ'(z^l)²]. */
  readonly chi: number;
  /** n_in · Var(W) (Glorot's forward factor) and n_out · Var(W) (the backward one). */
  readonly forwardFactor: number;
  readonly backwardFactor: number;
  /** Var[x] ∏_{l' ≤ l} n_in Var(W): the linear-regime pre-activation variance (no bias). */
  readonly linearPreactVariance: number;
  /** Var[g^L] ∏_{l' > l} n_out Var(W): the linear-regime gradient variance. */
  linearGradVariance: number;
}

export interface InputMoments {
  /** E[x²] over the input batch. */
  readonly secondMoment: number;
  /** Var[x] over the input batch. */
  readonly variance: number;
}

/**
 * The factor LSUV's rule applies to a layer whose weights alone give Var(z) = `weighted` and whose
 * bias adds `biasVariance`: the rule itself run on the predicted variance s² · weighted + Var(b).
 */
function lsuvScale(index: number, weighted: number, biasVariance: number, options: LsuvOptions): number {
  const s = new Float64Array([1]);
  return calibrateLayer(index, s, () => s[0] * s[0] * weighted + biasVariance, options).scale;
}

/**
 * Forward predictions for every layer, and backward ones from a top gradient of second moment
 * `topGrad` (1 for N(0, 1) at the top); with `lsuv`, of the network LSUV calibrates (above).
 * Returns null when a layer's weights have a mean.
 */
export function predictLayers(phi: Activation, layers: readonly LayerLaw[], input: InputMoments, topGrad = 1, lsuv?: LsuvOptions): LayerTheory[] | null {
  if (layers.some((l) => l.weightMean !== 0)) return null;
  const out: LayerTheory[] = [];
  let m2 = input.secondMoment;
  let linear = input.variance;
  layers.forEach((l, i) => {
    const scale = lsuv === undefined ? 1 : lsuvScale(i + 1, l.nIn * l.weightVariance * m2, l.biasVariance, lsuv);
    const weightVariance = scale * scale * l.weightVariance;
    const preactVariance = l.nIn * weightVariance * m2 + l.biasVariance;
    const g = gaussianMoments(phi, l.biasMean, preactVariance);
    const sigmaW2 = l.nIn * weightVariance;
    linear *= sigmaW2;
    out.push({
      index: i + 1,
      sigmaW2,
      ...(lsuv === undefined ? {} : { lsuvScale: scale }),
      preactMean: l.biasMean,
      preactVariance,
      // Quadrature leaves ~1e-17 where the mean is 0 by symmetry (odd φ, no bias mean).
      actMean: Math.abs(g.mean) < 1e-13 * Math.sqrt(g.second) ? 0 : g.mean,
      actVariance: Math.max(0, g.second - g.mean * g.mean),
      gradVariance: NaN,
      preactGradVariance: NaN,
      slope2: g.slope2,
      chi: sigmaW2 * g.slope2,
      forwardFactor: sigmaW2,
      backwardFactor: l.nOut * weightVariance,
      linearPreactVariance: linear,
      linearGradVariance: NaN,
    });
    m2 = g.second;
  });
  setGradients(out, topGrad);
  return out;
}

/** Fills the backward predictions, top down, from E[(g^L)²] = topGrad. */
export function setGradients(theory: LayerTheory[], topGrad: number): void {
  let grad = topGrad;
  let linear = topGrad;
  for (let i = theory.length - 1; i >= 0; i--) {
    const t = theory[i];
    t.gradVariance = grad;
    t.linearGradVariance = linear;
    t.preactGradVariance = grad * t.slope2;
    grad = t.backwardFactor * t.preactGradVariance;
    linear *= t.backwardFactor;
  }
}

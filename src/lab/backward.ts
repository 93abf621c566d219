/**
 * The backward pass, from g^L = ∂ℓ/∂x^L (./loss.ts) down to layer 1:
 *
 *   δ^l = g^l ⊙ φ'(z^l),   ∂ℓ/∂W^l = (1/B) x^{l-1}ᵀ δ^l,   g^{l-1} = δ^l W^lᵀ,
 *
 * recording per layer the statistics of g^l, δ^l and the weight gradient (Glorot & Bengio's
 * Figs 7 and 8) and finally g⁰ = ∂ℓ/∂x⁰ at the input, with the weights and pre-activations the forward pass kept. Storage is
 * in the configured dtype, as in the forward pass. A non-finite gradient is an `overflow` event,
 * an all-zero one `vanished`; statistics stop there.
 */
import { matmulTransA, matmulTransB } from '../linalg/matmul.js';
import { allocate, type FloatArray } from '../tensor.js';
import { arrayStats } from './arrayStats.js';
import { applyActivation } from './forward.js';
import type { Network } from './network.js';
import type { LabEvent, LayerRecord } from './types.js';

export function backward(
  net: Network,
  input: FloatArray,
  preacts: readonly FloatArray[],
  weights: readonly FloatArray[],
  top: FloatArray,
  records: LayerRecord[],
  progress: () => void,
): { event?: LabEvent; inputGrad?: FloatArray } {
  const { config, sizes, phi } = net;
  const batch = config.batch;
  let g = top;
  for (let l = config.depth; l >= 1; l--) {
    const nIn = sizes[l - 1];
    const nOut = sizes[l];
    const z = preacts[l - 1];
    const rec = records[l - 1];
    rec.grad = arrayStats(g, { bins: config.bins });
    if (rec.grad.nonFinite > 0) {
      progress();
      return { event: { kind: 'overflow', layer: l, pass: 'backward', tensor: 'grad', message: `gradient overflow at layer ${l}: ${rec.grad.nonFinite} values beyond the ${config.dtype} range` } };
    }
    if (rec.grad.zeroFraction === 1) {
      progress();
      return { event: { kind: 'vanished', layer: l, pass: 'backward', tensor: 'grad', message: `gradient vanished at layer ${l}: every value is exactly 0` } };
    }
    const delta = allocate(config.dtype, g.length);
    for (let i = 0; i < g.length; i++) delta[i] = g[i] * phi.df(z[i]);
    rec.preactGrad = arrayStats(delta, { bins: config.bins });
    if (config.weightGrad) {
      const x = l === 1 ? input : applyActivation(net, preacts[l - 2]);
      const dw = matmulTransA(x, delta, nIn, batch, nOut);
      for (let i = 0; i < dw.length; i++) dw[i] /= batch;
      rec.weightGrad = arrayStats(dw, { bins: config.bins });
    }
    // Down to the network's input: g⁰ = ∂ℓ/∂x⁰, the gradient "entering" layer 1.
    g = matmulTransB(delta, weights[l - 1], batch, nOut, nIn);
    progress();
  }
  return { inputGrad: g };
}

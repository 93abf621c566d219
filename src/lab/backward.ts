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
import type { FloatArray } from '../tensor.js';
import type { Engine } from './engine.js';
import type { Network } from './network.js';
import type { LabEvent, LayerRecord } from './types.js';

export function backward(
  net: Network,
  engine: Engine,
  input: FloatArray,
  preacts: readonly FloatArray[],
  weights: readonly FloatArray[],
  top: FloatArray,
  records: LayerRecord[],
  progress: () => void,
): { event?: LabEvent; inputGrad?: FloatArray } {
  const { config, sizes } = net;
  const batch = config.batch;
  const options = { bins: config.bins };
  // g alternates between two buffers, δ (and for weight gradients x and ∂ℓ/∂W) reuse one each.
  const widest = batch * Math.max(...sizes);
  const grads = [engine.alloc(widest), engine.alloc(widest)];
  const deltaBuf = engine.alloc(widest);
  let largest = 0;
  for (let l = 1; l <= config.depth; l++) largest = Math.max(largest, sizes[l - 1] * sizes[l]);
  const xBuf = config.weightGrad ? engine.alloc(widest) : null;
  const wgBuf = config.weightGrad ? engine.alloc(largest) : null;
  let g = top;
  for (let l = config.depth; l >= 1; l--) {
    const nIn = sizes[l - 1];
    const nOut = sizes[l];
    const rec = records[l - 1];
    // δ and its statistics come with those of g: they are read only when g is sound.
    const fused = engine.activateSlope(net, g, preacts[l - 1], options, deltaBuf.subarray(0, batch * nOut));
    rec.grad = fused.inStats;
    if (rec.grad.nonFinite > 0) {
      progress();
      return { event: { kind: 'overflow', layer: l, pass: 'backward', tensor: 'grad', message: `gradient overflow at layer ${l}: ${rec.grad.nonFinite} values beyond the ${config.dtype} range` } };
    }
    if (rec.grad.zeroFraction === 1) {
      progress();
      return { event: { kind: 'vanished', layer: l, pass: 'backward', tensor: 'grad', message: `gradient vanished at layer ${l}: every value is exactly 0` } };
    }
    const delta = fused.out;
    rec.preactGrad = fused.outStats;
    if (config.weightGrad) {
      const x = l === 1 ? input : engine.activate(net, preacts[l - 2], null, xBuf!.subarray(0, batch * nIn)).out;
      rec.weightGrad = engine.stats(engine.product('tn', x, delta, nIn, batch, nOut, batch, wgBuf!.subarray(0, nIn * nOut)), options);
    }
    // Down to the network's input: g⁰ = ∂ℓ/∂x⁰, the gradient "entering" layer 1.
    g = engine.product('nt', delta, weights[l - 1], batch, nOut, nIn, 1, grads[l % 2].subarray(0, batch * nIn));
    progress();
  }
  return { inputGrad: g };
}

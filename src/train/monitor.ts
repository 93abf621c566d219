/**
 * What Glorot & Bengio (2010) watch during training, on a fixed monitoring batch (their 300
 * test examples): per layer, the mean, standard deviation and 98th percentile of the activations
 * x^l (Figs 2, 3 and 10; for the output layer, the outputs z^L) and the standard deviation of the
 * weight gradient ∂ℓ/∂W^l (Fig. 9), with its Frobenius norm ‖∂ℓ/∂W^l‖ (He et al. 2015 watch
 * the gradients of the first layers vanish in a 30-layer ReLU net).
 */
import { selectQuantiles } from '../lab/select.js';
import { summarize } from '../stats/moments.js';
import { size, type Dataset } from '../data/dataset.js';
import { lossGradient, type TrainLoss } from './loss.js';
import type { Model } from './model.js';
import { backward, forward } from './pass.js';

export interface LayerMonitor {
  /** 1-based; the last layer is the output layer. */
  readonly layer: number;
  readonly actMean: number;
  readonly actStd: number;
  readonly actP98: number;
  readonly weightGradStd: number;
  readonly weightGradNorm: number;
}

export function monitorLayers(model: Model, batch: Dataset, loss: TrainLoss): LayerMonitor[] {
  const n = size(batch);
  const trace = forward(model, batch.inputs, n);
  const top = trace.post[trace.post.length - 1];
  const grads = backward(model, trace, lossGradient(loss, top, batch.labels, n, batch.classes, model.dtype).grad);
  return grads.weights.map((dw, i) => {
    const act = trace.post[i + 1];
    const a = summarize(act);
    const g = summarize(dw);
    let sq = 0;
    for (let j = 0; j < dw.length; j++) sq += dw[j] * dw[j];
    return { layer: i + 1, actMean: a.mean, actStd: a.std, actP98: selectQuantiles(act, [0.98])[0], weightGradStd: g.std, weightGradNorm: Math.sqrt(sq) };
  });
}

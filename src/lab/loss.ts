/**
 * The gradient injected at the top of the backward pass, g^L = ∂ℓ/∂x^L per example (not divided
 * by the batch size: per-example gradients have a variance that does not depend on the batch):
 *
 * - `none`: g^L ~ N(0, 1), drawn under `foldIn(root, 'grad')` (the seeds' experiment).
 * - `mse`:  ℓ = ½‖x^L - y‖², y ~ N(0, 1) under `foldIn(root, 'targets')`: g^L = x^L - y.
 * - `xent`: ℓ = -log softmax(x^L)_y (the top activations are the logits), labels from the fixed
 *   batch or uniform over the top layer's units under `foldIn(root, 'labels')`:
 *   g^L = softmax(x^L) - onehot(y).
 */
import { fail } from '../errors.js';
import { foldIn, type Key } from '../random/key.js';
import { fillNormal } from '../random/normal.js';
import { fillUniform } from '../random/uniform.js';
import { allocate, type DType, type FloatArray } from '../tensor.js';
import type { Loss } from './config.js';

export interface TopGradient {
  readonly grad: FloatArray;
  /** The loss averaged over the batch (undefined for `none`). */
  readonly loss?: number;
}

export function topGradient(loss: Loss, top: FloatArray, batch: number, units: number, dtype: DType, root: Key, labels?: ArrayLike<number>): TopGradient {
  const g = allocate(dtype, batch * units);
  if (loss === 'none') return { grad: fillNormal(foldIn(root, 'grad'), g) };
  if (loss === 'mse') {
    const y = fillNormal(foldIn(root, 'targets'), new Float64Array(batch * units));
    let total = 0;
    for (let i = 0; i < g.length; i++) {
      const d = top[i] - y[i];
      g[i] = d;
      total += 0.5 * d * d;
    }
    return { grad: g, loss: total / batch };
  }
  const classes = labels ?? drawLabels(root, batch, units);
  let total = 0;
  for (let b = 0; b < batch; b++) {
    const y = classes[b];
    if (!Number.isInteger(y) || y < 0 || y >= units) fail(`labels[${b}]`, y, `an integer class in [0, ${units - 1}] (the top layer has ${units} units)`);
    const row = b * units;
    let max = -Infinity;
    for (let j = 0; j < units; j++) max = Math.max(max, top[row + j]);
    let sum = 0;
    for (let j = 0; j < units; j++) sum += Math.exp(top[row + j] - max);
    for (let j = 0; j < units; j++) g[row + j] = Math.exp(top[row + j] - max) / sum - (j === y ? 1 : 0);
    total += Math.log(sum) + max - top[row + y];
  }
  return { grad: g, loss: total / batch };
}

/** Labels uniform over [0, classes). */
function drawLabels(root: Key, batch: number, classes: number): Int32Array {
  const u = fillUniform(foldIn(root, 'labels'), new Float64Array(batch));
  return Int32Array.from(u, (x) => Math.min(classes - 1, Math.floor(x * classes)));
}

/**
 * The training losses on the output layer's z^L (n rows of `classes` values), averaged over the
 * batch, with their gradient G = ∂ℓ/∂z^L and the number of misclassified rows (argmax ≠ label):
 *
 * - `xent`, softmax cross-entropy: ℓ = (1/n) Σ_b [log Σ_j e^{z_bj} - z_{b,y_b}],
 *   G_bj = (softmax(z_b)_j - [j = y_b]) / n (computed with the row maximum subtracted).
 * - `mse`, squared error against one-hot targets t: ℓ = (1/n) Σ_b ½‖z_b - t_b‖²,
 *   G_bj = (z_bj - t_bj) / n (the quadratic cost of Glorot & Bengio's Fig. 5).
 */
import { allocate, type DType, type FloatArray } from '../tensor.js';

export const TRAIN_LOSSES = ['xent', 'mse'] as const;
export type TrainLoss = (typeof TRAIN_LOSSES)[number];

export interface LossValue {
  /** Batch mean. */
  readonly loss: number;
  /** Misclassified rows. */
  readonly errors: number;
  readonly grad: FloatArray;
}

export function lossGradient(kind: TrainLoss, z: FloatArray, labels: ArrayLike<number>, n: number, classes: number, dtype: DType): LossValue {
  const grad = allocate(dtype, n * classes);
  let total = 0;
  let errors = 0;
  for (let b = 0; b < n; b++) {
    const row = b * classes;
    const y = labels[b];
    let best = 0;
    for (let j = 1; j < classes; j++) if (z[row + j] > z[row + best]) best = j;
    if (best !== y) errors++;
    if (kind === 'xent') {
      const max = z[row + best];
      let sum = 0;
      for (let j = 0; j < classes; j++) sum += Math.exp(z[row + j] - max);
      for (let j = 0; j < classes; j++) grad[row + j] = (Math.exp(z[row + j] - max) / sum - (j === y ? 1 : 0)) / n;
      total += Math.log(sum) + max - z[row + y];
    } else {
      for (let j = 0; j < classes; j++) {
        const d = z[row + j] - (j === y ? 1 : 0);
        grad[row + j] = d / n;
        total += 0.5 * d * d;
      }
    }
  }
  return { loss: total / n, errors, grad };
}

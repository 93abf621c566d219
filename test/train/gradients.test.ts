/**
 * Finite-difference checks of the trainer's back-propagation (float64): for every activation and
 * both losses, each parameter's analytic ∂ℓ/∂θ against the central difference
 * (ℓ(θ + h) - ℓ(θ - h)) / 2h, h = 1e-6, on a 3-4-3-3 network with random weights and biases (so no
 * pre-activation sits on a kink of ReLU or hardtanh).
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES } from '../../src/activations/index.js';
import { lossGradient, TRAIN_LOSSES, type TrainLoss } from '../../src/train/loss.js';
import { createModel, type Model } from '../../src/train/model.js';
import { backward, forward } from '../../src/train/pass.js';

const n = 3;
const x = Float64Array.from([0.3, -1.2, 0.8, 1.5, 0.1, -0.4, -0.7, 0.9, 0.2]);
const labels = Int32Array.from([0, 2, 1]);

function lossOf(model: Model, loss: TrainLoss): number {
  const trace = forward(model, x, n);
  return lossGradient(loss, trace.post[trace.post.length - 1], labels, n, 3, 'float64').loss;
}

function check(model: Model, loss: TrainLoss): number {
  const trace = forward(model, x, n);
  const grads = backward(model, trace, lossGradient(loss, trace.post[trace.post.length - 1], labels, n, 3, 'float64').grad);
  let worst = 0;
  const h = 1e-6;
  const params = [...model.weights, ...model.biases];
  const analytic = [...grads.weights, ...grads.biases];
  params.forEach((p, k) => {
    for (let i = 0; i < p.length; i++) {
      const keep = p[i];
      p[i] = keep + h;
      const up = lossOf(model, loss);
      p[i] = keep - h;
      const down = lossOf(model, loss);
      p[i] = keep;
      const numeric = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(numeric - analytic[k][i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[k][i])));
    }
  });
  return worst;
}

describe('back-propagation against finite differences (float64)', () => {
  for (const name of ACTIVATION_NAMES) {
    for (const loss of TRAIN_LOSSES) {
      it(`${name}, ${loss}`, () => {
        const model = createModel({ inputSize: 3, widths: [4, 3], classes: 3, activation: name, init: 'glorot_normal', bias: 'normal(std=0.5)', seed: 11, dtype: 'float64' });
        expect(check(model, loss)).toBeLessThan(1e-6);
      });
    }
  }
});

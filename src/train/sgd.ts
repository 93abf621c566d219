/**
 * Mini-batch stochastic gradient descent with optional heavy-ball momentum (Polyak 1964, in the
 * form of Sutskever et al. 2013): v ← μ v - ε g, θ ← θ + v; with μ = 0 this is Glorot & Bengio's
 * θ ← θ - ε g (g the gradient of the batch-mean loss).
 */
import { allocate, type FloatArray } from '../tensor.js';
import type { Gradients } from './pass.js';
import type { Model } from './model.js';

export interface Sgd {
  /** Applies one update to the model's parameters in place. */
  step(grads: Gradients): void;
}

export function sgd(model: Model, lr: number, momentum = 0): Sgd {
  const params = [...model.weights, ...model.biases];
  const velocity = momentum === 0 ? [] : params.map((p) => allocate(model.dtype, p.length));
  return {
    step(grads) {
      const gs = [...grads.weights, ...grads.biases];
      params.forEach((p, k) => {
        const g = gs[k];
        if (momentum === 0) {
          for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
          return;
        }
        const v = velocity[k] as FloatArray;
        for (let i = 0; i < p.length; i++) {
          v[i] = momentum * v[i] - lr * g[i];
          p[i] += v[i];
        }
      });
    },
  };
}

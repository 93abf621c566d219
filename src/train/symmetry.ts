/**
 * The symmetry problem, counted: hidden units j and k of a layer compute the same function when
 * their incoming weights W^l[:, j], W^l[:, k] and biases b_j, b_k are equal. Constant (and zero)
 * initialization makes every unit of a layer identical, and gradient descent keeps them so
 * (identical units receive identical gradients), so the layer acts as one unit however wide it is.
 * Units are taken as equal within `rtol` of the layer's largest parameter magnitude.
 */
import type { Model } from './model.js';

/** Number of distinct units in each hidden layer (the output layer is left out). */
export function distinctUnits(model: Model, rtol = 1e-6): number[] {
  const counts: number[] = [];
  for (let l = 0; l < model.weights.length - 1; l++) {
    const w = model.weights[l];
    const b = model.biases[l];
    const nIn = model.sizes[l];
    const nOut = model.sizes[l + 1];
    let scale = 0;
    for (const v of w) scale = Math.max(scale, Math.abs(v));
    for (const v of b) scale = Math.max(scale, Math.abs(v));
    const tol = rtol * scale;
    const same = (j: number, k: number) => {
      if (Math.abs(b[j] - b[k]) > tol) return false;
      for (let i = 0; i < nIn; i++) if (Math.abs(w[i * nOut + j] - w[i * nOut + k]) > tol) return false;
      return true;
    };
    const representatives: number[] = [];
    for (let j = 0; j < nOut; j++) if (!representatives.some((r) => same(r, j))) representatives.push(j);
    counts.push(representatives.length);
  }
  return counts;
}

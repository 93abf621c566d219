/**
 * Forward and backward passes of a {@link Model} on a batch of n examples (rows):
 *
 *   z^l = x^{l-1} W^l + b^l,  x^l = φ(z^l) for hidden layers, x^L = z^L (the output is linear),
 *
 * and, from G^L = ∂ℓ/∂z^L (the gradient of the batch-mean loss, ./loss.ts), for l = L..1
 *
 *   ∂ℓ/∂W^l = (x^{l-1})ᵀ G^l,  ∂ℓ/∂b^l = Σ_rows G^l,  G^{l-1} = (G^l (W^l)ᵀ) ⊙ φ'(z^{l-1})
 *
 * (Glorot & Bengio 2010, Eqs. 2-3). Products go through ../linalg (`matmul`, `matmulTransA`,
 * `matmulTransB`); arrays have the model's dtype.
 */
import { matmul, matmulTransA, matmulTransB } from '../linalg/index.js';
import { allocate, type FloatArray } from '../tensor.js';
import { layerCount, type Model } from './model.js';

export interface Trace {
  readonly n: number;
  /** z^l at index l - 1. */
  readonly pre: FloatArray[];
  /** x^l at index l: x^0 the input, x^L the output (= z^L). */
  readonly post: FloatArray[];
}

export interface Gradients {
  readonly weights: FloatArray[];
  readonly biases: FloatArray[];
}

/** The input in the model's dtype (a float64 model gets a float64 copy). */
export function asModelType(model: Model, x: FloatArray): FloatArray {
  return model.dtype === 'float64' && !(x instanceof Float64Array) ? Float64Array.from(x) : x;
}

/** z^l = x W^l + b^l for layer l (1-based) on n rows. */
export function preactivation(model: Model, l: number, x: FloatArray, n: number): FloatArray {
  const nIn = model.sizes[l - 1];
  const nOut = model.sizes[l];
  const z = matmul(x, model.weights[l - 1], n, nIn, nOut);
  const b = model.biases[l - 1];
  for (let r = 0; r < z.length; r += nOut) for (let j = 0; j < nOut; j++) z[r + j] += b[j];
  return z;
}

/** x = φ(z) elementwise, in z's type. */
export function activate(model: Model, z: FloatArray): FloatArray {
  const f = model.phi.f;
  const x = allocate(model.dtype, z.length);
  for (let i = 0; i < z.length; i++) x[i] = f(z[i]);
  return x;
}

export function forward(model: Model, input: FloatArray, n: number): Trace {
  const L = layerCount(model);
  const pre: FloatArray[] = [];
  const post: FloatArray[] = [asModelType(model, input)];
  for (let l = 1; l <= L; l++) {
    const z = preactivation(model, l, post[l - 1], n);
    pre.push(z);
    post.push(l < L ? activate(model, z) : z);
  }
  return { n, pre, post };
}

/** Zeroed gradient buffers shaped like the model's parameters. */
export function zeroGradients(model: Model): Gradients {
  return {
    weights: model.weights.map((w) => allocate(model.dtype, w.length)),
    biases: model.biases.map((b) => allocate(model.dtype, b.length)),
  };
}

/** Back-propagates G^L = ∂ℓ/∂z^L (n x classes); writes into `out` when given. */
export function backward(model: Model, trace: Trace, top: FloatArray, out: Gradients = zeroGradients(model)): Gradients {
  const { n } = trace;
  const df = model.phi.df;
  let g = top;
  for (let l = layerCount(model); l >= 1; l--) {
    const nIn = model.sizes[l - 1];
    const nOut = model.sizes[l];
    matmulTransA(trace.post[l - 1], g, nIn, n, nOut, out.weights[l - 1]);
    const db = out.biases[l - 1];
    db.fill(0);
    for (let r = 0; r < g.length; r += nOut) for (let j = 0; j < nOut; j++) db[j] += g[r + j];
    if (l === 1) break;
    const below = matmulTransB(g, model.weights[l - 1], n, nOut, nIn);
    const z = trace.pre[l - 2];
    for (let i = 0; i < below.length; i++) below[i] *= df(z[i]);
    g = below;
  }
  return out;
}

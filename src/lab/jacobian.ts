/**
 * Singular values of a layer's input-output Jacobian, the quantity Glorot & Bengio (2010, Eq. 17)
 * monitor: for one example, x^l = φ(x^{l-1} W + b) has
 *
 *   J = ∂x^l/∂x^{l-1} = D Wᵀ,   D = diag(φ'(z^l))   (n_out x n_in),
 *
 * and its singular values are the square roots of the eigenvalues of the smaller Gram matrix:
 * J Jᵀ = D (WᵀW) D (n_out x n_out) when n_out ≤ n_in, else Jᵀ J = W D² Wᵀ. They are computed
 * exactly (./eigenvalues.ts), for the first `examples` examples of the batch, and averaged.
 * Glorot & Bengio report a mean of about 0.5 with the standard init U(±1/√n) and 0.8 with the
 * normalized one, for tanh at initialization; for a square Gaussian W with n·Var(W) = σ² and φ'
 * ≈ 1 the quarter-circle law gives 8σ/(3π) ≈ 0.85σ.
 */
import { matmulTransA, matmulTransB } from '../linalg/matmul.js';
import type { FloatArray } from '../tensor.js';
import { symmetricEigenvalues } from '../linalg/eigenvalues.js';

export interface JacobianStats {
  /** Mean singular value, averaged over the examples. */
  readonly meanSingularValue: number;
  readonly minSingularValue: number;
  readonly maxSingularValue: number;
  /** Mean squared singular value (the trace of JJᵀ over n, what χ₁ predicts). */
  readonly meanSquaredSingularValue: number;
  readonly examples: number;
}

/**
 * Jacobian statistics of a layer with weight W [nIn, nOut] (row-major, float64 accumulation) and
 * slopes φ'(z) of the batch's pre-activations z [batch, nOut], over the first `examples` rows.
 */
export function layerJacobian(w: FloatArray, nIn: number, nOut: number, slopes: (row: number) => Float64Array, examples: number): JacobianStats {
  const w64 = Float64Array.from(w);
  const small = Math.min(nIn, nOut);
  // WᵀW (nOut x nOut) once for every example when n_out ≤ n_in.
  const gram = nOut <= nIn ? matmulTransA(w64, w64, nOut, nIn, nOut) : undefined;
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = 0;
  for (let e = 0; e < examples; e++) {
    const d = slopes(e);
    let m: Float64Array;
    if (gram !== undefined) {
      m = new Float64Array(nOut * nOut);
      for (let j = 0; j < nOut; j++) for (let k = 0; k < nOut; k++) m[j * nOut + k] = d[j] * gram[j * nOut + k] * d[k];
    } else {
      // W D (nIn x nOut), then (W D)(W D)ᵀ.
      const wd = new Float64Array(nIn * nOut);
      for (let i = 0; i < nIn; i++) for (let j = 0; j < nOut; j++) wd[i * nOut + j] = w64[i * nOut + j] * d[j];
      m = matmulTransB(wd, wd, nIn, nOut, nIn);
    }
    const eig = symmetricEigenvalues(m, small);
    for (const lambda of eig) {
      const sv = Math.sqrt(Math.max(0, lambda));
      sum += sv;
      sumSq += sv * sv;
      min = Math.min(min, sv);
      max = Math.max(max, sv);
    }
  }
  const count = examples * small;
  return { meanSingularValue: sum / count, minSingularValue: min, maxSingularValue: max, meanSquaredSingularValue: sumSq / count, examples };
}

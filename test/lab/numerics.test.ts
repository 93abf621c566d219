import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../../src/linalg/eigenvalues.js';
import { layerJacobian } from '../../src/lab/jacobian.js';
import { selectQuantiles } from '../../src/lab/select.js';
import { matmul } from '../../src/linalg/matmul.js';
import { fillNormal } from '../../src/random/normal.js';
import { foldIn, keyFromSeed } from '../../src/random/key.js';
import { quantiles } from '../../src/stats/moments.js';

const key = keyFromSeed(7);

describe('selectQuantiles equals stats quantiles (NumPy linear rule)', () => {
  it('on random data, with ties, and tiny arrays', () => {
    const ps = [0, 0.02, 0.1, 0.5, 0.98, 1];
    for (const n of [1, 2, 3, 17, 100, 4097]) {
      const x = fillNormal(foldIn(key, n), new Float64Array(n));
      expect(selectQuantiles(x, ps)).toEqual(quantiles(x, ps));
      const ties = Float64Array.from(x, (v) => Math.round(v * 2) + 0.5);
      expect(selectQuantiles(ties, ps)).toEqual(quantiles(ties, ps));
    }
  });
});

describe('symmetric eigenvalues', () => {
  it('2 x 2 and diagonal', () => {
    expect(Array.from(symmetricEigenvalues([2, 1, 1, 2], 2))).toEqual([expect.closeTo(1, 14), expect.closeTo(3, 14)]);
    expect(Array.from(symmetricEigenvalues([3, 0, 0, 0, -1, 0, 0, 0, 2], 3))).toEqual([-1, 2, 3]);
    expect(Array.from(symmetricEigenvalues([5], 1))).toEqual([5]);
  });
  it('a random 60 x 60 matrix: trace, Frobenius norm and tr(A³) are kept', () => {
    const n = 60;
    const g = fillNormal(key, new Float64Array(n * n));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = g[i * n + j] + g[j * n + i];
    const eig = symmetricEigenvalues(a, n);
    const a2 = matmul(a, a, n, n, n);
    const a3 = matmul(a2, a, n, n, n);
    let tr1 = 0;
    let tr2 = 0;
    let tr3 = 0;
    for (let i = 0; i < n; i++) {
      tr1 += a[i * n + i];
      tr2 += a2[i * n + i];
      tr3 += a3[i * n + i];
    }
    const sum = (k: number) => eig.reduce((s, l) => s + l ** k, 0);
    expect(sum(1)).toBeCloseTo(tr1, 9);
    expect(sum(2) / tr2).toBeCloseTo(1, 12);
    expect(sum(3) / tr3).toBeCloseTo(1, 9);
    for (let i = 1; i < n; i++) expect(eig[i]).toBeGreaterThanOrEqual(eig[i - 1]);
  });
  it('rejects a wrong size', () => {
    expect(() => symmetricEigenvalues([1, 2, 3], 2)).toThrow(/^matrix.length=3, expected 4 \(n=2\)$/);
  });
});

describe('layer Jacobian singular values', () => {
  it('square Gaussian W with n Var(W) = σ² and φ\' = 1: mean singular value ≈ 8σ/(3π) (quarter circle)', () => {
    const n = 200;
    for (const sigma2 of [1, 1 / 3]) {
      const w = fillNormal(foldIn(key, 'w'), new Float64Array(n * n), { std: Math.sqrt(sigma2 / n) });
      const j = layerJacobian(w, n, n, () => new Float64Array(n).fill(1), 1);
      // Finite-n mean of the quarter-circle law is within ~1% at n = 200.
      expect(j.meanSingularValue / ((8 * Math.sqrt(sigma2)) / (3 * Math.PI))).toBeCloseTo(1, 1);
      // E[s²] = n Var(W) exactly in expectation: the sample is within ~1/n.
      expect(j.meanSquaredSingularValue / sigma2).toBeCloseTo(1, 1);
    }
  });
  it('a non-square layer uses the smaller Gram matrix and agrees with D Wᵀ directly', () => {
    const nIn = 12;
    const nOut = 30;
    const w = fillNormal(foldIn(key, 'r'), new Float64Array(nIn * nOut));
    const d = Float64Array.from({ length: nOut }, (_, i) => 0.5 + (i % 3) * 0.25);
    const j = layerJacobian(w, nIn, nOut, () => d, 1);
    // Σ s² = ‖D Wᵀ‖_F²
    let frob = 0;
    for (let i = 0; i < nIn; i++) for (let k = 0; k < nOut; k++) frob += (d[k] * w[i * nOut + k]) ** 2;
    expect(j.meanSquaredSingularValue * nIn).toBeCloseTo(frob, 9);
  });
});

import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/index.js';
import { resolveTrainConfig } from '../../src/train/config.js';
import { parseLsuv } from '../../src/train/lsuv.js';
import { createModel } from '../../src/train/model.js';
import { preactivation, activate } from '../../src/train/pass.js';
import { initialModel } from '../../src/train/trainer.js';
import { summarize } from '../../src/stats/moments.js';
import type { FloatArray } from '../../src/tensor.js';

const data = loadData('blobs', { seed: 3, train: 300, validation: 10, test: 10 });

/** Var(z^l) of every layer on the first n training examples. */
function variances(model: ReturnType<typeof createModel>, input: FloatArray, n: number): number[] {
  const out: number[] = [];
  let x = input;
  for (let l = 1; l <= model.weights.length; l++) {
    const z = preactivation(model, l, x, n);
    out.push(summarize(z).variance);
    x = activate(model, z);
  }
  return out;
}

/** Largest |G_ij - c δ_ij| / c for the Gram matrix of W's short side, c its mean diagonal. */
function orthogonalityDefect(w: FloatArray, nIn: number, nOut: number): number {
  const [k, m, at] = nIn >= nOut ? [nOut, nIn, (u: number, i: number) => w[i * nOut + u]] : [nIn, nOut, (u: number, i: number) => w[u * nOut + i]];
  const gram = (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += at(a, i) * at(b, i);
    return s;
  };
  let c = 0;
  for (let a = 0; a < k; a++) c += gram(a, a) / k;
  let worst = 0;
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) worst = Math.max(worst, Math.abs(gram(a, b) - (a === b ? c : 0)) / c);
  return worst;
}

describe('LSUV', () => {
  for (const activation of ['relu', 'tanh']) {
    it(`${activation}: every layer's output variance on the calibration batch is within tol of 1`, () => {
      const config = resolveTrainConfig({ data: 'blobs', depth: 6, width: 32, activation, init: 'lsuv(tol=0.05, max_iter=20, batch=200)', bias: 'normal(std=0.1)', seed: 3 });
      const { model, lsuv } = initialModel(config, data);
      expect(lsuv).toHaveLength(7);
      for (const l of lsuv!) {
        expect(Math.abs(l.variance - 1)).toBeLessThan(0.05);
        expect(l.iterations).toBeGreaterThanOrEqual(1);
        expect(l.iterations).toBeLessThanOrEqual(20);
      }
      expect(model.weights).toHaveLength(7);
    });
  }
  it('rescaling keeps orthogonal layers orthogonal up to scale', () => {
    const config = resolveTrainConfig({ data: 'blobs', depth: 4, width: [16, 48, 48, 16], activation: 'relu', init: 'lsuv', seed: 5 });
    const { model, lsuv } = initialModel(config, data);
    const before = createModel({ inputSize: 2, widths: [16, 48, 48, 16], classes: 3, activation: 'relu', init: 'orthogonal', seed: 5 });
    model.weights.forEach((w, i) => {
      expect(orthogonalityDefect(w, model.sizes[i], model.sizes[i + 1])).toBeLessThan(1e-5);
      // W = s · W_orthogonal with s the reported product of factors.
      const s = lsuv![i].scale;
      for (let j = 0; j < w.length; j++) expect(w[j]).toBeCloseTo(s * before.weights[i][j], 5);
    });
  });
  it('zero biases: one rescaling reaches 1 exactly, and the calibration batch shows it', () => {
    const config = resolveTrainConfig({ data: 'blobs', depth: 3, width: 24, activation: 'tanh', init: 'lsuv(tol=0.01, batch=300)', seed: 1, dtype: 'float64' });
    const { model, lsuv } = initialModel(config, data);
    expect(lsuv!.map((l) => l.iterations)).toEqual([1, 1, 1, 1]);
    for (const l of lsuv!) expect(l.variance).toBeCloseTo(1, 10);
    // The calibration examples are a permutation of the training split: the whole split is close to 1 too.
    for (const v of variances(model, Float64Array.from(data.train.inputs), 300)) expect(Math.abs(v - 1)).toBeLessThan(0.2);
  });
  it('spec strings', () => {
    expect(parseLsuv('lsuv')).toEqual({});
    expect(parseLsuv('LSUV(tol=0.02, max_iter=20, batch=64)')).toEqual({ tol: 0.02, maxIter: 20, batch: 64 });
    expect(parseLsuv('glorot_uniform')).toBeUndefined();
    expect(() => parseLsuv('lsuv(tol=abc)')).toThrow(/^init="lsuv\(tol=abc\)", expected lsuv or lsuv\(tol=0.1, max_iter=10, batch=256\) \("tol=abc" is not key=number\)$/);
    expect(() => parseLsuv('lsuv(tolerance=0.1)')).toThrow(/unknown parameter "tolerance"/);
    expect(() => parseLsuv('lsuv(tol=-1)')).toThrow(/^tol=-1, expected a number > 0$/);
  });
});

import { describe, expect, it } from 'vitest';
import { propagate } from '../../src/lab/propagate.js';

describe('determinism and keys', () => {
  it('the same seed gives the same JSON; another seed does not', () => {
    const cfg = { depth: 4, width: 32, batch: 8, activation: 'tanh', init: 'glorot_uniform', backward: true, loss: 'xent' as const };
    const a = JSON.stringify(propagate(cfg));
    expect(JSON.stringify(propagate(cfg))).toBe(a);
    expect(JSON.stringify(propagate({ ...cfg, seed: 1 }))).not.toBe(a);
  });
  it('several seeds: run i is the single run with seed + i', () => {
    const cfg = { depth: 3, width: 16, batch: 8, activation: 'relu', init: 'he_uniform', backward: true, seed: 5 };
    const multi = propagate(cfg, { seeds: 3 });
    expect(multi.runs).toHaveLength(3);
    const single = propagate({ ...cfg, seed: 6 });
    expect(multi.runs![1].layers.map((l) => l.act)).toEqual(single.layers.map((l) => l.act));
    const l = multi.layers[2].act as unknown as { variance: number; band: { p10: { variance: number }; p90: { variance: number } }; runs: number };
    const vs = multi.runs!.map((r) => r.layers[2].act!.variance!).sort((x, y) => x - y);
    expect(l.variance).toBe(vs[1]);
    expect(l.band.p10.variance).toBeCloseTo(vs[0] + 0.2 * (vs[1] - vs[0]), 14);
    expect(l.band.p90.variance).toBeCloseTo(vs[1] + 0.8 * (vs[2] - vs[1]), 14);
    expect(l.runs).toBe(3);
    expect(multi.layers[2].theory).toEqual(single.layers[2].theory === null ? null : expect.any(Object));
  });
  it('a layer\'s weights do not depend on the depth (keys by layer name)', () => {
    const cfg = { width: 16, batch: 4, activation: 'tanh', init: 'glorot_normal' };
    expect(propagate({ ...cfg, depth: 2 }).layers[1].act).toEqual(propagate({ ...cfg, depth: 5 }).layers[1].act);
  });
  it('PyTorch names draw [out, in] and the lab transposes: same moments as the Keras orientation', () => {
    const r = propagate({ depth: 2, width: [64, 16], inputSize: 32, batch: 64, activation: 'identity', init: 'torch:xavier_uniform', dtype: 'float64' });
    // fan_in + fan_out = 32 + 64 for layer 1: Var(W) = 2/96; n_in Var(W) = 32·2/96 = 2/3.
    expect(r.layers[0].theory!.sigmaW2).toBeCloseTo(2 / 3, 12);
    expect(r.network.weightLaw[0]).toMatch(/^U\(-0\.25, 0\.25\)$/);
  });
});

describe('losses at the top', () => {
  it('xent on near-zero logits: loss ln K, rows of g^L sum to 0', () => {
    const r = propagate({ depth: 1, width: 10, inputSize: 4, batch: 16, activation: 'identity', init: 'normal(std=1e-6)', loss: 'xent' });
    const top = r.layers[0];
    expect(top.grad!.mean!).toBeCloseTo(0, 6);
    // g = softmax - onehot ≈ 1/10 - onehot: E[g²] = (9·0.01 + 0.81)/10 = 0.09
    expect(top.grad!.variance!).toBeCloseTo(0.09, 4);
  });
  it('mse: g^L = x^L - y with y ~ N(0, 1)', () => {
    const r = propagate({ depth: 1, width: 256, batch: 64, activation: 'identity', init: 'zeros', bias: 'constant(value=0.5)', loss: 'mse' });
    expect(r.layers[0].grad!.mean!).toBeCloseTo(0.5, 1);
    expect(r.layers[0].grad!.variance!).toBeCloseTo(1, 1);
  });
});

describe('a fixed input batch', () => {
  it('uses the given data and labels', () => {
    const data = Float32Array.from({ length: 6 * 4 }, (_, i) => Math.sin(i));
    const r = propagate({ depth: 2, width: 3, batch: 999, activation: 'tanh', init: 'glorot_normal', input: { shape: [6, 4], data, labels: [0, 1, 2, 0, 1, 2], source: 'x.npy' }, loss: 'xent' });
    expect(r.config.batch).toBe(6);
    expect(r.config.input).toBe('fixed batch x.npy [6, 4]');
    expect(r.layers[0].preact!.count).toBe(18);
  });
  it('labels outside the top layer fail clearly', () => {
    const data = new Float32Array(8).fill(1);
    expect(() => propagate({ depth: 1, width: 3, activation: 'tanh', init: 'glorot_normal', input: { shape: [2, 4], data, labels: [0, 3] }, loss: 'xent' })).toThrow(/^labels\[1\]=3, expected an integer class in \[0, 2\]/);
  });
});

describe('Glorot & Bengio (2010) Eq. 17 at initialization', () => {
  it('tanh, 5 layers, image-like input U[0, 1): standard init ≈ 0.5, normalized ≈ 0.8 mean singular value', () => {
    // Width 160 instead of the paper's 1000 for speed: the quarter-circle mean 8σ/(3π) of a square
    // Gaussian-like W does not depend on n (σ² = 1/3: 0.49; σ² = 1: 0.85, less tanh's slope).
    const cfg = { depth: 5, width: 160, batch: 8, activation: 'tanh', input: 'uniform', jacobian: 2 };
    const std = propagate({ ...cfg, init: `uniform(low=${-1 / Math.sqrt(160)}, high=${1 / Math.sqrt(160)})` });
    const norm = propagate({ ...cfg, init: 'glorot_uniform' });
    const mean = (r: typeof std) => r.layers.slice(1).reduce((s, l) => s + l.jacobian!.meanSingularValue, 0) / 4;
    expect(mean(std)).toBeGreaterThan(0.42);
    expect(mean(std)).toBeLessThan(0.52);
    expect(mean(norm)).toBeGreaterThan(0.7);
    expect(mean(norm)).toBeLessThan(0.82);
  });
});

describe('the gradient at the input', () => {
  it('∂loss/∂x⁰ is recorded with its prediction (the seeds\' "var(grad in)" of layer 1)', () => {
    // tanh with Glorot weights: the input gradient is the layer-1 gradient times σw² E[sech⁴(z¹)] ≈ 0.46.
    const r = propagate({ depth: 3, width: 256, batch: 64, activation: 'tanh', init: 'glorot_normal', backward: true, weightGrad: false }, { seeds: 3 });
    const t = r.inputGrad.theoryVariance!;
    expect(t / r.layers[0].theory!.gradVariance).toBeGreaterThan(0.4);
    expect(t / r.layers[0].theory!.gradVariance).toBeLessThan(0.5);
    expect(Math.abs(Math.log(r.inputGrad.measured!.variance! / t))).toBeLessThan(0.15);
    expect(propagate({ depth: 2, width: 8, batch: 4, activation: 'tanh', init: 'glorot_normal' }).inputGrad).toEqual({ measured: null, theoryVariance: null });
  });
});

import { describe, expect, it } from 'vitest';
import { propagate } from '../../src/lab/propagate.js';
import { overflowLayer } from '../../src/lab/theory/overflow.js';
import { quantiles } from '../../src/stats/moments.js';

/** Median over an array of numbers. */
const median = (xs: number[]) => quantiles(xs, [0.5])[0];

describe('linear network: measured variance = Var[x] ∏ n_in Var(W) (Glorot Eqs. 7 and 13)', () => {
  // Per layer, the variance over batch x units of x W given x fluctuates by a relative
  // sqrt(2 / (n_out B)) (XW has n_out·B nearly independent Gaussian entries for B ≤ n); over
  // 10 layers of n ≥ 128, B = 128: sqrt(10 · 2 / (128 · 128)) = 3.5% per run, and the median of
  // 5 seeds 1.25 · 3.5% / √5 = 2%. Tolerance 4σ = 8%.
  const widths = [256, 128, 384, 256, 200, 300, 128, 256, 160, 256];
  const r = propagate({ depth: 10, width: widths, inputSize: 192, batch: 128, activation: 'identity', init: 'normal(std=0.07)', dtype: 'float64', backward: true }, { seeds: 5 });
  it('forward, with unequal widths', () => {
    let product = 1;
    r.layers.forEach((l, i) => {
      product *= (i === 0 ? 192 : widths[i - 1]) * 0.07 ** 2;
      // preactVariance starts from E[x²], the linear product from Var[x]: equal up to the batch's mean².
      expect(l.theory!.preactVariance / l.theory!.linearPreactVariance).toBeCloseTo(1, 2);
      const inputVariance = l.theory!.linearPreactVariance / product;
      expect(inputVariance).toBeGreaterThan(0.98);
      expect(inputVariance).toBeLessThan(1.02);
      expect(l.preact!.variance! / l.theory!.linearPreactVariance).toBeGreaterThan(0.92);
      expect(l.preact!.variance! / l.theory!.linearPreactVariance).toBeLessThan(1.08);
    });
    // The per-layer factors n_in Var(W) run from 0.63 to 1.88: this is not a test of "≈ 1".
    const products = r.layers.map((l) => l.theory!.linearPreactVariance);
    expect(Math.max(...products) / Math.min(...products)).toBeGreaterThan(2);
  });
  it('backward: Var[g^l] = Var[g^L] ∏_{l\' > l} n_out Var(W)', () => {
    r.layers.forEach((l) => {
      expect(l.theory!.gradVariance).toBeCloseTo(l.theory!.linearGradVariance, 12);
      expect(l.grad!.variance! / l.theory!.gradVariance).toBeGreaterThan(0.92);
      expect(l.grad!.variance! / l.theory!.gradVariance).toBeLessThan(1.08);
    });
  });
  it('the weight-gradient variance is the same for every layer of an equal-width linear net (Glorot Eq. 14)', () => {
    const eq = propagate({ depth: 8, width: 128, batch: 64, activation: 'identity', init: 'normal(std=0.05)', backward: true }, { seeds: 3 });
    const v = eq.layers.map((l) => l.weightGrad!.variance! / eq.layers[0].weightGrad!.variance!);
    // Activations shrink (n Var W = 0.32) while gradients grow toward the input: their product is flat.
    expect(eq.layers[7].act!.variance! / eq.layers[0].act!.variance!).toBeLessThan(1e-3);
    for (const x of v) expect(Math.abs(Math.log(x))).toBeLessThan(0.25);
  });
});

describe('ReLU with He initialization keeps E[x²] (median over seeds)', () => {
  // One layer multiplies ‖x‖² by (2/n) Σ_j relu(g_j)², whose variance is 5/n (Hanin & Rolnick 2018);
  // over 10 layers of 256 the log-length of one example has std √(50/256) = 0.44, averaged over a
  // batch less (examples decorrelate at first, then converge: c → 1 for ReLU); the median over 7
  // seeds has std ≤ 1.25 · 0.44 / √7 = 0.21. Tolerance |log| < 0.4 (about 2σ for one example's
  // worst case; Glorot's init would be off by 2^-10, |log| = 6.9).
  const he = propagate({ depth: 10, width: 256, batch: 32, activation: 'relu', init: 'he_normal' }, { seeds: 7 });
  it('E[x^l²] stays at E[x⁰²] = 1', () => {
    for (const l of he.layers) {
      const m2 = l.act!.variance! + l.act!.mean! ** 2;
      expect(Math.abs(Math.log(m2))).toBeLessThan(0.4);
      // theory: E[x^l²] = q^l / 2 = E[x⁰²]
      expect(l.theory!.actVariance + l.theory!.actMean ** 2).toBeCloseTo(l.index === 0 ? 1 : he.layers[0].theory!.preactVariance / 2, 10);
    }
    expect(he.summary.chi1).toBeCloseTo(1, 10);
    expect(he.summary.verdict).toBe('critical');
  });
  it('with Glorot the second moment halves per layer', () => {
    const xa = propagate({ depth: 10, width: 256, batch: 32, activation: 'relu', init: 'glorot_normal' }, { seeds: 3 });
    const last = xa.layers[9];
    expect(last.act!.variance! + last.act!.mean! ** 2).toBeLessThan(2 ** -10 * 1.6);
    expect(last.act!.variance! + last.act!.mean! ** 2).toBeGreaterThan(2 ** -10 / 1.6);
  });
});

describe('tanh at width 512 follows the q-map for the first 20 layers', () => {
  // tanh with Glorot weights is critical at q* = 0 (σw² = 1): q decays algebraically, and a run's
  // relative error at layer l grows like a random walk, sqrt(2l / (n B)) (one factor
  // sqrt(2 / (nB)) per layer); the median of 3 seeds divides by √3/1.25. Beside it a bias of
  // ~0.5%: the theory starts from the batch's mean q¹, while each example has its own ‖x‖²/n
  // (relative spread sqrt(2/n)) and the map is concave (Jensen: ½ f''(1) · 2/512 ≈ -0.5%; the
  // published 10-seed value 0.394 at layer 1 sits as far below the map's 0.396). Tolerance per
  // layer: 0.6% + 3σ.
  const n = 512;
  const batch = 64;
  const seeds = 3;
  const r = propagate({ depth: 20, width: n, batch, activation: 'tanh', init: 'glorot_normal' }, { seeds });
  it('measured Var[z^l] vs the q-map', () => {
    for (const l of r.layers) {
      const sigma = (1.25 * Math.sqrt((2 * l.index) / (n * batch))) / Math.sqrt(seeds);
      const rel = l.preact!.variance! / l.theory!.preactVariance - 1;
      expect(Math.abs(rel)).toBeLessThan(0.006 + 3 * sigma);
      expect(Math.abs(l.act!.variance! / l.theory!.actVariance - 1)).toBeLessThan(0.006 + 3 * sigma);
    }
    // Glorot & Bengio's tanh: the activations shrink layer after layer.
    expect(r.layers[19].act!.variance!).toBeLessThan(r.layers[0].act!.variance! / 10);
  });
});

describe('backward: the gradient variance ratio per layer is χ₁', () => {
  // tanh, σw² = 1.5, σb² = 0.05: ordered, χ₁ = 0.9386 at q*; q^l reaches q* geometrically (ξ_q = 1.7
  // layers), so the layers above ~15 are at χ₁ to 1e-3 and the lower ones have their own χ^l.
  // Each measured ratio Var[g^{l-1}]/Var[g^l] has a relative noise of ~sqrt(2/(nB)) = 2.5% (B = 32);
  // the geometric mean of 29 ratios ~0.5%. Tolerance 1.5%.
  const n = 512;
  const r = propagate({ depth: 30, width: n, batch: 32, activation: 'tanh', init: `normal(std=${Math.sqrt(1.5 / n)})`, bias: `normal(std=${Math.sqrt(0.05)})`, backward: true, weightGrad: false });
  it('χ^l → χ₁ with depth', () => {
    expect(r.summary.chi1).toBeCloseTo(0.9386, 4);
    for (let l = 15; l <= 30; l++) expect(Math.abs(r.layers[l - 1].theory!.chi / r.summary.chi1! - 1)).toBeLessThan(1e-3);
  });
  it('geometric mean of the measured ratios ≈ that of the per-layer χ^l', () => {
    let measured = 0;
    let predicted = 0;
    for (let l = 2; l <= 30; l++) {
      measured += Math.log(r.layers[l - 2].grad!.variance! / r.layers[l - 1].grad!.variance!);
      predicted += Math.log(r.layers[l - 1].theory!.chi);
    }
    expect(Math.abs(Math.exp((measured - predicted) / 29) - 1)).toBeLessThan(0.015);
    // Each layer's gradient variance against the prediction carried down from the top: the noise
    // of the ratios above it adds up, sqrt((31 - l) · 2/(nB)); tolerance 4σ.
    for (const l of r.layers) {
      const sigma = Math.sqrt(((31 - l.index) * 2) / (n * 32));
      expect(Math.abs(Math.log(l.grad!.variance! / l.theory!.gradVariance))).toBeLessThan(4 * sigma);
    }
  });
});

describe('blow-ups are results', () => {
  // N(0, 1) weights, no activation, width 512: Var[z^l] = 512^l. The variance passes the float32
  // maximum at l = 14.2, but a tensor overflows where its values do: overflowLayer gives 28.
  it('float32 overflows at the predicted layer; float64 does not at that depth', () => {
    const variances = Array.from({ length: 40 }, (_, i) => 512 ** (i + 1));
    const expected = overflowLayer(variances, 64 * 512, 'float32')!;
    expect(expected).toBe(28);
    expect(Math.log(3.4028234663852886e38) / Math.log(512)).toBeCloseTo(14.2, 1);
    const r = propagate({ depth: 40, width: 512, batch: 64, activation: 'identity', init: 'normal(std=1)' });
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ kind: 'overflow', pass: 'forward', tensor: 'preact' });
    // The realized variance at layer 28 scatters by e^{±0.33} (sqrt(2·28/512)): one layer either way.
    expect(Math.abs(r.events[0].layer - expected)).toBeLessThanOrEqual(1);
    expect(r.summary.overflowLayer).toBe(expected);
    expect(r.layers[r.events[0].layer - 1].preact!.nonFinite).toBeGreaterThan(0);
    expect(r.layers[r.events[0].layer].preact).toBeNull();
    const r64 = propagate({ depth: 40, width: 512, batch: 64, activation: 'identity', init: 'normal(std=1)', dtype: 'float64' });
    expect(r64.events).toEqual([]);
    expect(overflowLayer(Array.from({ length: 100 }, (_, i) => 512 ** (i + 1)), 64 * 512, 'float64')).toBeNull();
    expect(r64.layers[39].preact!.variance! / 512 ** 40).toBeGreaterThan(0.3);
  });
  it('zero weights vanish at layer 1; the backward pass is skipped', () => {
    const r = propagate({ depth: 5, width: 16, batch: 8, activation: 'tanh', init: 'zeros', backward: true });
    expect(r.events).toEqual([{ kind: 'vanished', layer: 1, pass: 'forward', tensor: 'act', message: 'vanished at layer 1: every activation is exactly 0' }]);
    expect(r.layers[0].act!.zeroFraction).toBe(1);
    expect(r.layers[0].grad).toBeNull();
    expect(r.layers[1].act).toBeNull();
    expect(r.summary.verdict).toBe('ordered');
  });
  it('tiny weights underflow float32 to exactly 0 (vanished), not float64', () => {
    // std 1e-8 at width 16: the scale drops by 4e-8 per layer; float32 subnormals end near 1.4e-45.
    const r = propagate({ depth: 8, width: 16, batch: 4, activation: 'tanh', init: 'normal(std=1e-8)' });
    expect(r.events[0]).toMatchObject({ kind: 'vanished', pass: 'forward' });
    const r64 = propagate({ depth: 8, width: 16, batch: 4, activation: 'tanh', init: 'normal(std=1e-8)', dtype: 'float64' });
    expect(r64.events).toEqual([]);
  });
  it('ones: weights with a mean have no theory, and overflow', () => {
    const r = propagate({ depth: 30, width: 512, batch: 8, activation: 'identity', init: 'ones' });
    expect(r.events[0].kind).toBe('overflow');
    expect(r.layers[0].theory).toBeNull();
    expect(r.summary.verdict).toBeNull();
    expect(r.notes.join(' ')).toMatch(/nonzero mean/);
  });
});

import { describe, expect, it } from 'vitest';
import { propagate } from '../../src/lab/index.js';

/** E[f(z)] for z ~ N(0, 1) by composite Simpson on [-12, 12] (independent of the lab's quadrature). */
function normalExpectation(f: (z: number) => number, n = 24_000, L = 12): number {
  const h = (2 * L) / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const z = -L + i * h;
    s += (i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2) * f(z) * Math.exp(-0.5 * z * z);
  }
  return (s * h) / 3 / Math.sqrt(2 * Math.PI);
}

describe("init: 'lsuv' in the lab (calibrated on the input batch)", () => {
  it.each([
    ['relu', 'lsuv', 0.1],
    ['tanh', 'lsuv(tol=0.01, max_iter=20)', 0.01],
  ])('%s: every layer ends with Var(z) within tol of 1, and says how many rescalings it took', (act, init, tol) => {
    const r = propagate({ depth: 12, width: 64, batch: 96, activation: act, init, bias: 'normal(std=0.1)', backward: true });
    expect(r.layers.slice(1).every((l) => l.lsuv!.iterations >= 1)).toBe(true);
    for (const layer of r.layers) {
      expect(Math.abs(layer.lsuv!.variance - 1)).toBeLessThan(tol);
      // What the forward pass records is the calibrated layer.
      expect(layer.preact!.variance).toBeCloseTo(layer.lsuv!.variance, 4);
      expect(layer.theory).not.toBeNull();
    }
    expect(r.notes.some((n) => /^LSUV: orthogonal weights rescaled on the input batch/.test(n))).toBe(true);
  });
  it('with zero biases one rescaling is exact; orthogonal weights on N(0, 1) input need none', () => {
    const r = propagate({ depth: 3, width: 128, batch: 64, activation: 'tanh', init: 'lsuv' });
    expect(r.layers.map((l) => l.lsuv!.iterations)).toEqual([0, 1, 1]);
    expect(r.layers[0].theory!.preactVariance).toBeCloseTo(1, 1);
  });
  it('bad LSUV parameters are one-line errors', () => {
    expect(() => propagate({ depth: 2, width: 8, activation: 'tanh', init: 'lsuv(tol=0)' })).toThrow(/tol=0/);
    expect(() => propagate({ depth: 2, width: 8, activation: 'tanh', init: 'lsuv(step=1)' })).toThrow(/unknown parameter "step"/);
  });
});

describe('LSUV: the theory follows the calibrated network and the summary describes it', () => {
  // Narrow and deep, so that the batch's sampling noise, which the measured calibration corrects
  // layer after layer, would make a theory built from the measured factors drift far from 1.
  const run = (act: string, init = 'lsuv', extra: object = {}) => propagate({ depth: 40, width: 64, batch: 64, activation: act, init, backward: true, ...extra });
  it.each(['relu', 'tanh'])('%s: predicted Var(z) is 1 at every layer above the first (one exact rescaling), as measured', (act) => {
    const r = run(act);
    // Layer 1: orthogonal weights on the N(0, 1) batch are within tol already, in theory and measured.
    expect(r.layers[0].lsuv!.iterations).toBe(0);
    expect(Math.abs(r.layers[0].theory!.preactVariance - 1)).toBeLessThan(0.1);
    for (const l of r.layers.slice(1)) {
      expect(l.theory!.preactVariance).toBeCloseTo(1, 9);
      expect(l.theory!.lsuvScale).toBeGreaterThan(1);
      expect(l.preact!.variance).toBeCloseTo(1, 4);
    }
  });
  it.each(['relu', 'tanh'])('%s with a bias and tol 0.01: predicted Var(z) within tol of 1 at every layer', (act) => {
    const r = run(act, 'lsuv(tol=0.01, max_iter=20)', { bias: 'normal(std=0.2)' });
    for (const l of r.layers) {
      expect(Math.abs(l.theory!.preactVariance - 1)).toBeLessThan(0.01);
      expect(Math.abs(l.preact!.variance! / l.theory!.preactVariance - 1)).toBeLessThan(0.02);
    }
  });
  it('relu: the calibrated σw² is 2 (He), so the summary says critical and marginal, and the gradient theory is flat', () => {
    const r = run('relu');
    const top = r.layers[r.layers.length - 1].theory!;
    expect(top.sigmaW2).toBeCloseTo(2, 9);
    expect(r.summary.sigmaW2).toBe(top.sigmaW2);
    expect(r.summary.chi1).toBeCloseTo(1, 9);
    expect(r.summary.verdict).toBe('critical');
    expect(r.summary).toMatchObject({ marginal: true, qStar: null });
    for (const l of r.layers.slice(1)) expect(l.theory!.gradVariance).toBeCloseTo(1, 9);
  });
  it('tanh: σw² = 1/E[tanh(z)²] holds q* = 1; χ₁ = σw² E[sech⁴ z] > 1: chaotic', () => {
    const r = run('tanh');
    const sigmaW2 = 1 / normalExpectation((z) => Math.tanh(z) ** 2);
    const chi1 = sigmaW2 * normalExpectation((z) => Math.cosh(z) ** -4);
    expect(r.summary.sigmaW2).toBeCloseTo(sigmaW2, 8);
    expect(r.summary.qStar).toBeCloseTo(1, 8);
    expect(r.summary.chi1).toBeCloseTo(chi1, 8);
    expect(r.summary.chi1!).toBeCloseTo(r.layers[r.layers.length - 1].theory!.chi, 8);
    expect(r.summary.verdict).toBe('chaotic');
  });
  it('the theory does not depend on the seed (it is the mean-field network, not the measured factors)', () => {
    const a = run('relu', 'lsuv', { seed: 1 });
    const b = run('relu', 'lsuv', { seed: 2 });
    expect(a.layers.map((l) => l.lsuv!.scale)).not.toEqual(b.layers.map((l) => l.lsuv!.scale));
    expect(a.layers.slice(1).map((l) => l.theory!.preactVariance)).toEqual(b.layers.slice(1).map((l) => expect.closeTo(l.theory!.preactVariance, 3)));
    expect(a.notes.find((n) => n.startsWith('LSUV'))).toMatch(/calibrated σw² [\d.]+-[\d.]+; the theory calibrates its own network by the same rule \(σw² 1\.000-2\.000\)/);
  });
});

import { describe, expect, it } from 'vitest';
import { propagate } from '../../src/lab/index.js';

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

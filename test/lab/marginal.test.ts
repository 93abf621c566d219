import { describe, expect, it } from 'vitest';
import { activation } from '../../src/activations/index.js';
import { theory } from '../../src/cli/commands/theory.js';
import { fixedPointQ, isMarginal, meanField, propagate, qMap } from '../../src/lab/index.js';
import { describeSummary } from '../../src/report/terminal.js';
import { renderTheoryText } from '../../src/report/theory.js';

const relu = activation('relu');
const tanh = activation('tanh');
const identity = activation('identity');

describe('a marginal length map (every q is a fixed point) has no single q*', () => {
  it('ReLU at σw² = 2, σb² = 0 and the identity at σw² = 1 are marginal: the map returns every q', () => {
    for (const q of [1e-3, 0.7, 5, 1e4]) expect(qMap(relu, 2, 0, q)).toBeCloseTo(q, 9 - Math.log10(q));
    expect(isMarginal(relu, 2, 0)).toBe(true);
    expect(isMarginal(identity, 1, 0)).toBe(true);
    expect(isMarginal(activation('leaky_relu', 0.5), 2 / 1.25, 0)).toBe(true);
  });
  it('a bias, another σw² or a curved φ is not marginal', () => {
    expect(isMarginal(relu, 2, 0.1)).toBe(false);
    expect(isMarginal(relu, 1.999, 0)).toBe(false);
    expect(isMarginal(relu, 2.001, 0)).toBe(false);
    expect(isMarginal(tanh, 1, 0)).toBe(false);
    expect(isMarginal(identity, 0.8, 0.2)).toBe(false);
  });
  it('meanField says marginal with q* null, whatever q0; χ₁ = 1 and ξ_q infinite', () => {
    for (const q0 of [0.3, 1, 2.018]) {
      const mf = meanField(relu, 2, 0, q0);
      expect(mf.marginal).toBe(true);
      expect(mf.qStar).toBeNull();
      expect(mf.chi1).toBeCloseTo(1, 12);
      expect(mf.xiQ).toBe(Infinity);
      expect(mf.verdict).toBe('critical');
      expect(fixedPointQ(relu, 2, 0, q0)).toMatchObject({ qStar: q0, marginal: true });
    }
    expect(meanField(relu, 1.5, 0.1)).toMatchObject({ marginal: false, qStar: expect.closeTo(0.4, 12) });
  });
  it('`theory` and `propagate` agree on ReLU at σw² = 2 (He): both say every q, in data and in words', () => {
    const t = theory('relu', undefined, 2, 0);
    const r = propagate({ depth: 6, width: 64, batch: 32, activation: 'relu', init: 'he_normal' });
    // Before, theory said q* = 1 (its q0) and propagate q* = 2.018 (layer 1's q) for the same map.
    expect(r.layers[0].theory!.preactVariance).not.toBeCloseTo(1, 2);
    for (const s of [t, r.summary]) {
      expect(s.sigmaW2).toBeCloseTo(2, 12);
      expect(s.qStar).toBeNull();
      expect(s.marginal).toBe(true);
      expect(JSON.parse(JSON.stringify(s))).toMatchObject({ qStar: null, marginal: true });
    }
    expect(renderTheoryText(t).find((l) => l.startsWith('q*'))).toMatch(/^q\*\s+every q \(marginal\)/);
    expect(describeSummary(r.summary)).toMatch(/q\* = every q \(marginal\), χ₁ = 1,/);
  });
  it('a non-marginal run still reports its q*', () => {
    const r = propagate({ depth: 4, width: 32, batch: 16, activation: 'tanh', init: 'glorot_normal', bias: 'normal(std=0.3)' });
    expect(r.summary.marginal).toBe(false);
    expect(r.summary.qStar).toBeGreaterThan(0);
    expect(describeSummary(r.summary)).toMatch(/q\* = 0\.\d+/);
  });
});

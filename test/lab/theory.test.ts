import { describe, expect, it } from 'vitest';
import { activation } from '../../src/activations/index.js';
import {
  chi1, chiC, cMap, criticalLine, criticalSigmaW2, depthScale, fixedPointQ, meanField, predictLayers, qMap, qSlope,
} from '../../src/lab/theory/index.js';

const tanh = activation('tanh');
const relu = activation('relu');
const identity = activation('identity');

/**
 * Independent quadrature: composite Simpson on z ∈ [-12, 12] against the normal density (the mass
 * outside is 4e-33), 24 000 panels; error ~1e-13 for the smooth integrands used here.
 */
function simpson(f: (z: number) => number, n = 24_000, L = 12): number {
  const h = (2 * L) / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const z = -L + i * h;
    const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    s += w * f(z) * Math.exp(-0.5 * z * z);
  }
  return (s * h) / 3 / Math.sqrt(2 * Math.PI);
}
/** 2-D Simpson on the same range, 1200 panels per axis. */
function simpson2(f: (a: number, b: number) => number): number {
  return simpson((z1) => simpson((z2) => f(z1, z2), 1200), 1200);
}

describe('mean-field maps against independent Simpson quadrature (tanh)', () => {
  for (const [sw2, sb2, q] of [[1.5, 0.05, 0.7], [6.25, 0.09, 4], [1.05, 2e-5, 0.02], [16, 0.09, 12]]) {
    it(`σw²=${sw2}, σb²=${sb2}, q=${q}`, () => {
      const s = Math.sqrt(q);
      expect(qMap(tanh, sw2, sb2, q)).toBeCloseTo(sw2 * simpson((z) => Math.tanh(s * z) ** 2) + sb2, 11);
      expect(chi1(tanh, sw2, q)).toBeCloseTo(sw2 * simpson((z) => Math.cosh(s * z) ** -4), 11);
      const slope = simpson((z) => Math.cosh(s * z) ** -4 - 2 * Math.tanh(s * z) ** 2 * Math.cosh(s * z) ** -2);
      expect(qSlope(tanh, sw2, q)).toBeCloseTo(sw2 * slope, 10);
    });
  }
  it('correlation map and χ_c at c = 0.3 and 0.9', () => {
    for (const c of [0.3, 0.9]) {
      const q = 2;
      const s = Math.sqrt(q);
      const r = Math.sqrt(1 - c * c);
      const e = simpson2((a, b) => Math.tanh(s * a) * Math.tanh(s * (c * a + r * b)));
      expect(cMap(tanh, 3, 0.1, q, c)).toBeCloseTo((3 * e + 0.1) / q, 8);
      const d = simpson2((a, b) => Math.cosh(s * a) ** -2 * Math.cosh(s * (c * a + r * b)) ** -2);
      expect(chiC(tanh, 3, q, c)).toBeCloseTo(3 * d, 8);
    }
  });
});

describe('fixed points and summary', () => {
  it('q* is a fixed point of the independently integrated map', () => {
    const { qStar } = fixedPointQ(tanh, 1.5, 0.05);
    const s = Math.sqrt(qStar);
    expect(1.5 * simpson((z) => Math.tanh(s * z) ** 2) + 0.05).toBeCloseTo(qStar, 11);
  });
  it('ReLU closed forms: q^l = σw² q/2 + σb², χ₁ = σw²/2, q* = σb²/(1 - σw²/2)', () => {
    for (const q of [0.1, 1, 7]) {
      expect(qMap(relu, 1.7, 0.3, q)).toBeCloseTo((1.7 * q) / 2 + 0.3, 13);
      expect(chi1(relu, 1.7, q)).toBeCloseTo(0.85, 13);
    }
    const mf = meanField(relu, 1.5, 0.1);
    expect(mf.qStar).toBeCloseTo(0.4, 12);
    expect(mf.chi1).toBeCloseTo(0.75, 12);
    expect(mf.xiQ).toBeCloseTo(-1 / Math.log(0.75), 10);
    expect(mf.verdict).toBe('ordered');
    expect(meanField(relu, 2, 0).verdict).toBe('critical');
    const chaotic = meanField(relu, 3, 0.1);
    expect(chaotic.qStar).toBe(Infinity);
    expect(chaotic.chi1).toBeCloseTo(1.5, 12);
    expect(chaotic.verdict).toBe('chaotic');
  });
  it('identity: χ₁ = σw², q grows or shrinks geometrically', () => {
    expect(chi1(identity, 0.8, 3)).toBeCloseTo(0.8, 13);
    expect(meanField(identity, 0.8, 0.2).qStar).toBeCloseTo(1, 11);
  });
  it('tanh phases: ordered (1.5, 0.05), chaotic (6.25, 0.09) with c* < 1 a fixed point', () => {
    const ordered = meanField(tanh, 1.5, 0.05);
    expect(ordered.verdict).toBe('ordered');
    expect(ordered.cStar).toBe(1);
    expect(ordered.xiC).toBeCloseTo(-1 / Math.log(ordered.chi1), 12);
    const chaotic = meanField(tanh, 6.25, 0.09);
    expect(chaotic.verdict).toBe('chaotic');
    expect(chaotic.cStar).toBeGreaterThan(0);
    expect(chaotic.cStar).toBeLessThan(1);
    expect(cMap(tanh, 6.25, 0.09, chaotic.qStar!, chaotic.cStar)).toBeCloseTo(chaotic.cStar, 9);
    expect(chaotic.chiC).toBeLessThan(1);
    expect(chaotic.xiC).toBeCloseTo(-1 / Math.log(chaotic.chiC), 10);
    expect(chaotic.xiQ).toBeLessThan(2); // ξ_q stays ~1-2 layers for tanh
  });
  it('σb² = 0 odd φ in the chaotic phase: c* = 0', () => {
    expect(meanField(tanh, 4, 0).cStar).toBe(0);
  });
  it('depth scales', () => {
    expect(depthScale(1)).toBe(Infinity);
    expect(depthScale(Math.exp(-0.5))).toBeCloseTo(2, 12);
    expect(depthScale(0)).toBe(0);
  });
});

describe('edge of chaos', () => {
  it('critical σw² for tanh: 1 at σb² = 0; at σb² = 0.05 χ₁(q*) = 1 by independent quadrature', () => {
    expect(criticalSigmaW2(tanh, 0)).toBeCloseTo(1, 6);
    const sw2 = criticalSigmaW2(tanh, 0.05)!;
    expect(sw2).toBeGreaterThan(1.7);
    expect(sw2).toBeLessThan(1.8);
    const { qStar } = fixedPointQ(tanh, sw2, 0.05);
    expect(sw2 * simpson((z) => Math.cosh(Math.sqrt(qStar) * z) ** -4)).toBeCloseTo(1, 9);
    expect(meanField(tanh, sw2, 0.05).verdict).toBe('critical');
  });
  it('critical line by q* matches the published tanh pairs (Xiao et al. 2018 demo)', () => {
    const [a, b] = criticalLine(tanh, [0.0259, 0.8214]);
    expect(a.sigmaW2).toBeCloseTo(1.05, 3);
    expect(a.sigmaB2).toBeCloseTo(2.01e-5, 6);
    expect(b.sigmaW2).toBeCloseTo(2.0, 3);
    expect(b.sigmaB2).toBeCloseTo(0.104, 3);
  });
  it('ReLU: the critical σw² is 2 whatever σb²', () => {
    expect(criticalSigmaW2(relu, 0)).toBeCloseTo(2, 9);
    expect(criticalSigmaW2(relu, 0.1)).toBeCloseTo(2, 9);
  });
  it('no crossing gives null', () => {
    // χ₁ = σw² for identity: crosses at 1; sigmoid at σb² = 0 crosses too; a constant-slope-0 φ never does.
    expect(criticalSigmaW2(identity, 0)).toBeCloseTo(1, 9);
    expect(criticalSigmaW2({ name: 'flat', f: () => 1, df: () => 0, d2f: () => 0 }, 0)).toBeNull();
  });
  it('rejects a negative σb²', () => {
    expect(() => criticalSigmaW2(tanh, -1)).toThrow(/sigmaB2=-1, expected a number >= 0/);
    expect(() => meanField(tanh, -1, 0)).toThrow(/sigmaW2=-1/);
  });
});

describe('per-layer predictions', () => {
  const layer = (nIn: number, nOut: number, v: number, bVar = 0, bMean = 0) => ({ nIn, nOut, weightMean: 0, weightVariance: v, biasMean: bMean, biasVariance: bVar });
  it('linear network: the product formula, forward and backward, with unequal widths', () => {
    const layers = [layer(10, 20, 0.2), layer(20, 5, 0.1), layer(5, 8, 0.3)];
    const t = predictLayers(identity, layers, { secondMoment: 2, variance: 2 }, 1.5)!;
    expect(t.map((l) => l.preactVariance)).toEqual([2 * 2, 2 * 2 * 2, 2 * 2 * 2 * 1.5].map((x) => expect.closeTo(x, 12)));
    expect(t.map((l) => l.linearPreactVariance)).toEqual(t.map((l) => expect.closeTo(l.preactVariance, 12)));
    // g^{l-1} = g^l · n_out v_W
    expect(t[2].gradVariance).toBe(1.5);
    expect(t[1].gradVariance).toBeCloseTo(1.5 * 8 * 0.3, 12);
    expect(t[0].gradVariance).toBeCloseTo(1.5 * 8 * 0.3 * 5 * 0.1, 12);
    expect(t[0].linearGradVariance).toBeCloseTo(t[0].gradVariance, 12);
  });
  it('ReLU with He keeps E[h²]; with Glorot it halves per layer', () => {
    const he = predictLayers(relu, Array.from({ length: 5 }, () => layer(100, 100, 2 / 100)), { secondMoment: 1, variance: 1 })!;
    expect(he.slice(1).map((l) => l.preactVariance)).toEqual(he.slice(1).map(() => expect.closeTo(2, 11)));
    expect(he.map((l) => l.gradVariance)).toEqual(he.map(() => expect.closeTo(1, 11)));
    const xa = predictLayers(relu, Array.from({ length: 5 }, () => layer(100, 100, 1 / 100)), { secondMoment: 1, variance: 1 })!;
    expect(xa[4].preactVariance).toBeCloseTo(1 / 16, 11);
    expect(xa[4].actMean).toBeCloseTo(Math.sqrt(1 / 16 / (2 * Math.PI)), 11);
    expect(xa[4].actVariance).toBeCloseTo((1 / 16) * (0.5 - 1 / (2 * Math.PI)), 11);
    expect(xa[0].gradVariance).toBeCloseTo(0.5 ** 4, 11);
  });
  it('a constant bias shifts the pre-activation mean; bias variance adds', () => {
    const [t] = predictLayers(tanh, [layer(4, 4, 0.25, 0.1, 0.5)], { secondMoment: 1, variance: 1 })!;
    expect(t.preactMean).toBe(0.5);
    expect(t.preactVariance).toBeCloseTo(1.1, 14);
    const s = Math.sqrt(1.1);
    expect(t.actMean).toBeCloseTo(simpson((z) => Math.tanh(0.5 + s * z)), 11);
  });
  it('no theory for weights with a mean', () => {
    expect(predictLayers(tanh, [{ ...layer(4, 4, 0), weightMean: 1 }], { secondMoment: 1, variance: 1 })).toBeNull();
  });
});

describe('limits', () => {
  it('ReLU with q* = 0 (Glorot, σb² = 0): χ₁ is the limit σw²/2, not φ\'(0) = 0', () => {
    const mf = meanField(relu, 1, 0);
    expect(mf.qStar).toBe(0);
    expect(mf.chi1).toBeCloseTo(0.5, 10);
    expect(mf.verdict).toBe('ordered');
  });
});

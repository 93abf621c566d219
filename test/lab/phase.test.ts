import { describe, expect, it } from 'vitest';
import { activation, type Activation } from '../../src/activations/index.js';
import { criticalSigmaW2, fixedPointQ, meanField } from '../../src/lab/theory/index.js';
import { phaseDiagram } from '../../src/lab/theory/phase.js';
import { mehlerBound, mehlerSeries, mehlerSum } from '../../src/lab/theory/mehler.js';
import { expectNormalAdaptive } from '../../src/math/normalExpectation.js';
import { ndtr, normalPdf } from '../../src/math/special.js';

const tanh = activation('tanh');
const relu = activation('relu');

/** E[g(z)] by adaptive Gauss-Legendre: kinks anywhere are found by halving. */
const expect1 = (g: (z: number) => number) => expectNormalAdaptive((z, out) => { out[0] = g(z); }, 1)[0];

/** SELU's constants (PyTorch). */
const LAMBDA = 1.0507009873554805;
const ALPHA = 1.6732632423543772;
/** E[φ(x)] and E[φ'(x)] for SELU and x ~ N(m, r²), in closed form (Gaussian integrals of x⁺ and e^x 1{x<0}). */
function seluInner(m: number, r: number): [number, number] {
  const t = m / r;
  const tail = Math.exp(m + (r * r) / 2) * ndtr((-m - r * r) / r); // E[e^x 1{x<0}]
  const value = LAMBDA * (m * ndtr(t) + r * normalPdf(t)) + LAMBDA * ALPHA * (tail - ndtr(-t));
  const slope = LAMBDA * ndtr(t) + LAMBDA * ALPHA * tail;
  return [value, slope];
}

/**
 * The previous implementation's answers (orbit iteration, 2-D composite Gauss-Legendre, regula
 * falsi on c to 1e-10), at points where it converged and its quadrature is accurate (smooth φ):
 * [φ, σw², σb², q*, χ₁, c*, χ_c, ξ_q, ξ_c].
 */
const PREVIOUS: [string, number, number, number, number, number, number, number, number][] = [
  ['tanh', 1.5, 0.05, 0.4180372005334775, 0.9386362681988514, 1, 0.9386362681988514, 1.6828283887064375, 15.790994034122939],
  ['tanh', 1.2, 0.01, 0.15482274737977403, 0.9510507914865942, 1, 0.9510507914865942, 3.3632514947771357, 19.925157379023865],
  ['tanh', 2.5, 0.1, 1.1490930291636887, 1.0998010980121657, 0.6643613467269577, 0.9283989582811001, 1.0842040760353246, 13.460086675089604],
  ['tanh', 3, 0.3, 1.8051831179782396, 1.0957510574744265, 0.8189821942616269, 0.9262171874865421, 0.8251235181015883, 13.046905379702398],
  ['tanh', 4, 0.5, 2.8156724907533683, 1.2019788320161207, 0.7300988872597713, 0.8722922283774284, 0.6951646284538464, 7.318994660564477],
  ['tanh', 2.8125, 0.275, 1.6364474658750132, 1.0708930130730787, 0.8565613563113323, 0.9420685577433668, 0.8551882577755348, 16.756810449825096],
  ['sigmoid', 3, 0.2, 1.0882103757398052, 0.13180062112132487, 1, 0.13180062112132487, 0.414346692563863, 0.49347016971743796],
  ['softplus', 1.5, 0.2, 2.9277064136238504, 0.5018771375705401, 1, 0.5018771375705401, 2.9304071168512817, 1.4505368350876129],
];

describe('meanField agrees with the previous implementation where that one converged', () => {
  for (const [name, w, b, qStar, chi1, cStar, chiC, xiQ, xiC] of PREVIOUS) {
    it(`${name} at σw² = ${w}, σb² = ${b}: to 1e-9 relative`, () => {
      const mf = meanField(activation(name), w, b);
      const close = (x: number, y: number) => expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9 * Math.abs(y));
      close(mf.qStar!, qStar);
      close(mf.chi1, chi1);
      close(mf.cStar, cStar);
      close(mf.chiC, chiC);
      close(mf.xiQ, xiQ);
      close(mf.xiC, xiC);
    });
  }
});

describe('closed forms the iteration cap used to miss', () => {
  it('ReLU: q* = σb²/(1 - σw²/2) up to σw² → 2, and Infinity at σw² = 2 with σb² > 0', () => {
    // 1 - σw² E[φ²] loses digits as σw² → 2: rounding of E[φ²] (1e-16) grows by 1/(1 - σw²/2).
    for (const w of [0.5, 1.5, 1.99, 1.9999]) expect(Math.abs(fixedPointQ(relu, w, 0.1).qStar / (0.1 / (1 - w / 2)) - 1)).toBeLessThan(1e-15 / (1 - w / 2) + 1e-14);
    // The orbit q ← q + 0.1 never converges (it stopped at q = 2001 after 20 000 steps before).
    expect(fixedPointQ(relu, 2, 0.1).qStar).toBe(Infinity);
    expect(meanField(relu, 2, 0.1)).toMatchObject({ qStar: Infinity, chi1: expect.closeTo(1, 12), verdict: 'critical' });
    expect(meanField(relu, 2.5, 0.1).chi1).toBeCloseTo(1.25, 12);
  });
  it('ReLU: the critical σw² is 2 at every σb²; χ₁ = σw²/2', () => {
    for (const b of [0, 0.1, 0.7]) expect(criticalSigmaW2(relu, b)).toBeCloseTo(2, 9);
    const leaky = activation('leaky_relu', 0.2); // χ₁ = σw²(1 + 0.04)/2
    expect(criticalSigmaW2(leaky, 0.3)).toBeCloseTo(2 / 1.04, 9);
  });
  it('softplus: χ₁ = σw² E[σ(u)²] < σw²/2 at every finite q*, and q* = ∞ with χ₁ → σw²/2 above 2: critical at 2', () => {
    // The old orbit, growing by a factor σw²/2 ≈ 1.0004 per step, stopped at its cap and said 2.00088.
    expect(criticalSigmaW2(activation('softplus'), 0.1)).toBeCloseTo(2, 9);
  });
  it('tanh at σb² = 0: q* = 0 for σw² ≤ 1 (algebraic decay at σw² = 1), the critical point is (1, 0)', () => {
    // At σw² = 1 the orbit decays like 1/(2l): the old iteration stopped at q ≈ 2.5e-5.
    expect(fixedPointQ(tanh, 1, 0).qStar).toBe(0);
    expect(fixedPointQ(tanh, 0.7, 0).qStar).toBe(0);
    expect(meanField(tanh, 1, 0).chi1).toBeCloseTo(1, 12);
    expect(criticalSigmaW2(tanh, 0)).toBeCloseTo(1, 9);
  });
  it('tanh critical line through the published pair (σw², σb²) = (2.0, 0.104) of Xiao et al. 2018', () => {
    expect(criticalSigmaW2(tanh, 0.104)).toBeCloseTo(2.0, 2);
    expect(criticalSigmaW2(tanh, 2.01e-5)).toBeCloseTo(1.05, 2);
  });
  it('GELU with σw² > 2 diverges; χ₁ there is its q → ∞ limit σw²/2', () => {
    const mf = meanField(activation('gelu'), 2.5, 0.1);
    expect(mf.qStar).toBe(Infinity);
    expect(mf.chi1).toBeCloseTo(1.25, 9);
  });
});

describe('the correlation map as a Mehler series', () => {
  it('ReLU: matches the arc-cosine kernel within its truncation bound', () => {
    for (const c of [0.2, 0.6, 0.85]) {
      const series = mehlerSeries(relu, 2, 600);
      const [value, slope] = mehlerSum(series, c);
      const exact = (2 / (2 * Math.PI)) * (Math.sqrt(1 - c * c) + (Math.PI - Math.acos(c)) * c);
      const exactSlope = (2 * (Math.PI - Math.acos(c))) / (2 * Math.PI); // q E[φ'φ']
      const bound = mehlerBound(series, c) * series.second + 1e-12;
      expect(Math.abs(value - exact)).toBeLessThanOrEqual(bound);
      expect(Math.abs(slope - exactSlope)).toBeLessThanOrEqual(bound);
    }
  });
  it('SELU (kink at 0): c* and χ_c agree with the inner integral in closed form, where the old 2-D rule was off by 3e-3 in ξ_c', () => {
    const selu = activation('selu');
    const mf = meanField(selu, 1.5, 0.1);
    const s = Math.sqrt(mf.qStar!);
    const c = mf.cStar;
    const r = s * Math.sqrt(1 - c * c);
    const pair = expect1((z) => selu.f(s * z) * seluInner(s * c * z, r)[0]);
    const slopes = expect1((z) => selu.df(s * z) * seluInner(s * c * z, r)[1]);
    expect((1.5 * pair + 0.1) / mf.qStar!).toBeCloseTo(c, 11);
    expect(mf.chiC).toBeCloseTo(1.5 * slopes, 11);
    expect(mf.xiC).toBeCloseTo(-1 / Math.log(1.5 * slopes), 9);
  });
});

/** φ with a counter of evaluations of φ, φ' and φ''. */
function counted(phi: Activation): { phi: Activation; calls: () => number } {
  let n = 0;
  return {
    phi: { name: phi.name, f: (x) => (n++, phi.f(x)), df: (x) => (n++, phi.df(x)), d2f: (x) => (n++, phi.d2f(x)) },
    calls: () => n,
  };
}

describe('cost', () => {
  it('a chaotic tanh cell takes tens of thousands of evaluations of φ (the 2-D quadrature took 1.4 million)', () => {
    const { phi, calls } = counted(tanh);
    meanField(phi, 2.5, 0.1);
    expect(calls()).toBeLessThan(100_000);
  });
  it('ReLU needs no iteration: q* at σw² = 2, σb² > 0 in a few integrals (20 000 orbit steps before)', () => {
    const { phi, calls } = counted(relu);
    expect(fixedPointQ(phi, 2, 0.1).qStar).toBe(Infinity);
    expect(calls()).toBeLessThan(10_000);
  });
  it('a ReLU diagram has χ₁ = σw²/2 in every cell', () => {
    const d = phaseDiagram(relu, { sigmaW2: [0.25, 4], sigmaB2: [0, 0.5] });
    expect(d.cells).toHaveLength(200);
    expect(d.cells.every((c) => Math.abs(c.chi1 - c.sigmaW2 / 2) < 1e-12)).toBe(true);
  });
});

import { describe, it, expect } from 'vitest';
import { ACTIVATION_NAMES, activation } from '../../src/activations/index.js';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);

/** Richardson-extrapolated central difference: O(h⁴), independent of the derivatives under test. */
function slope(f: (x: number) => number, x: number): number {
  const d = (h: number) => (f(x + h) - f(x - h)) / (2 * h);
  return (4 * d(5e-4) - d(1e-3)) / 3;
}

// Away from every kink (0 and ±1).
const POINTS = [-6.5, -3.7, -1.3, -0.4, 0.35, 0.9, 2.6, 7.1];

describe.each(ACTIVATION_NAMES)('%s', (name) => {
  const act = activation(name);

  it('df and d2f are the derivatives of f and df', () => {
    for (const x of POINTS) {
      expect(Math.abs(act.df(x) - slope(act.f, x))).toBeLessThan(1e-9 * Math.max(1, Math.abs(act.df(x))));
      expect(Math.abs(act.d2f(x) - slope(act.df, x))).toBeLessThan(1e-9 * Math.max(1, Math.abs(act.d2f(x))));
    }
  });

  it('is finite, without NaN, at ±800 and propagates NaN', () => {
    for (const x of [-800, 800]) for (const v of [act.f(x), act.df(x), act.d2f(x)]) expect(Number.isFinite(v)).toBe(true);
    expect(act.f(NaN)).toBeNaN();
  });

  it('approaches its saturation values, if it has them', () => {
    if (act.saturation === undefined) return;
    expect(act.f(-1e9)).toBeCloseTo(act.saturation.low, 8);
    expect(act.f(1e9)).toBeCloseTo(act.saturation.high, 8);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(act)).toBe(true);
  });
});

describe('values', () => {
  // 30-digit mpmath values for the transcendental ones.
  const cases: [string, number, number, number?][] = [
    ['identity', -2.5, -2.5],
    ['tanh', 0.5, 0.46211715726000974],
    ['sigmoid', 0, 0.5],
    ['sigmoid', -40, 4.2483542552915889773e-18],
    ['softsign', 1, 0.5],
    ['softsign', -3, -0.75],
    ['relu', -2, 0],
    ['relu', 3, 3],
    ['leaky_relu', -2, -0.02],
    ['elu', -1, Math.expm1(-1)],
    ['selu', 1, 1.0507009873554805],
    ['selu', -1, -1.1113307378125626488],
    ['gelu', 1, 0.8413447460685429],
    ['gelu', -10, -7.619853024160526066e-23],
    ['gelu_tanh', 1, 0.84119199060827670431],
    // f = x·σ(v) with v = -87.3 here: relative condition number |x v'| ≈ 230.
    ['gelu_tanh', -10, -1.2040923482098102132e-37, 1e-13],
    ['silu', 1, 0.73105857863000487925],
    ['silu', -30, -2.8072868906517896862e-12],
    ['softplus', 0, Math.LN2],
    ['softplus', 2, 2.1269280110429724964],
    ['softplus', -50, 1.928749847963917783e-22],
    ['softplus', 1000, 1000],
    ['mish', 1, 0.86509838826731034612],
    ['mish', -20, -4.1223072406287614006e-8],
    ['hardtanh', 0.3, 0.3],
    ['hardtanh', -2, -1],
  ];
  it.each(cases)('%s(%d)', (name, x, want, tol = 4e-16) => {
    expect(rel(activation(name).f(x), want)).toBeLessThan(tol);
  });

  it('derivatives in the tails keep their relative accuracy', () => {
    expect(rel(activation('sigmoid').df(30), 9.3576229688384233028e-14)).toBeLessThan(1e-15);
    expect(rel(activation('tanh').df(20), 1.6993417021166355837e-17)).toBeLessThan(1e-14);
    expect(rel(activation('gelu').d2f(0.7), 0.4715034393838095323)).toBeLessThan(1e-15);
  });
});

describe('PyTorch conventions at kinks', () => {
  it('takes the derivative PyTorch takes', () => {
    expect(activation('relu').df(0)).toBe(0);
    expect(activation('leaky_relu', 0.2).df(0)).toBe(0.2);
    expect(activation('elu', 2).df(0)).toBe(2);
    expect(activation('hardtanh').df(1)).toBe(0);
    expect(activation('hardtanh').df(-1)).toBe(0);
    expect(activation('hardtanh').df(0.999)).toBe(1);
  });

  it('marks exactly the bounded activations as saturating', () => {
    const bounded = ACTIVATION_NAMES.filter((n) => activation(n).saturation !== undefined);
    expect(bounded).toEqual(['tanh', 'sigmoid', 'softsign', 'hardtanh']);
    expect(activation('sigmoid').saturation).toEqual({ low: 0, high: 1 });
  });
});

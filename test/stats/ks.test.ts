import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kolmogorovCdfExact, kolmogorovSf, ksPValue, ksStatistic, ksTest, smirnovSf } from '../../src/stats/ks.js';
import { uniforms } from '../support/random.js';


const uniformCdf = (x: number) => Math.min(1, Math.max(0, x));

describe('ksStatistic', () => {
  it('is the largest gap between the empirical and the model CDF', () => {
    expect(ksStatistic([0.5], uniformCdf)).toBe(0.5);
    // scipy.stats.kstest([0.1, 0.2, 0.3], 'uniform').statistic
    expect(ksStatistic([0.3, 0.1, 0.2], uniformCdf)).toBeCloseTo(0.7, 15);
    expect(ksStatistic([0.5, 0.5], uniformCdf)).toBe(0.5);
    expect(ksStatistic(new Float32Array([0.125, 0.375, 0.625, 0.875]), uniformCdf)).toBe(0.125);
  });

  it('rejects bad samples and CDFs', () => {
    expect(() => ksStatistic([], uniformCdf)).toThrow('sample=[], expected a non-empty array of numbers');
    expect(() => ksStatistic([0.1, NaN], uniformCdf)).toThrow('expected numbers that are not NaN');
    expect(() => ksStatistic([0.5], () => 2)).toThrow('cdf="cdf(0.5) = 2", expected a value in [0, 1]');
    expect(() => ksStatistic([0.5], 'uniform' as unknown as (x: number) => number)).toThrow('cdf="uniform"');
  });
});

describe('the exact law of D_n (Marsaglia-Tsang-Wang)', () => {
  it('reproduces the published K(10, 0.274) = 0.6284796154565043', () => {
    expect(kolmogorovCdfExact(10, 0.274)).toBeCloseTo(0.6284796154565043, 15);
  });

  it('gives P(D_1 ≤ d) = 2d − 1 for n = 1', () => {
    for (let d = 0.5; d <= 1; d += 1 / 64) {
      expect(kolmogorovCdfExact(1, d)).toBeCloseTo(2 * d - 1, 14);
      expect(ksPValue(d, 1)).toBeCloseTo(2 - 2 * d, 14);
    }
  });

  it('gives the closed forms for n = 2: 2(2d − 1/2)² on [1/4, 1/2], 1 − 2(1 − d)² on [1/2, 1]', () => {
    for (let d = 0.25; d <= 1; d += 1 / 128) {
      const exact = d <= 0.5 ? 2 * (2 * d - 0.5) ** 2 : 1 - 2 * (1 - d) ** 2;
      expect(kolmogorovCdfExact(2, d)).toBeCloseTo(exact, 14);
      expect(ksPValue(d, 2)).toBeCloseTo(1 - exact, 14);
    }
  });

  it('agrees with the closed forms near both ends for larger n', () => {
    for (const n of [3, 5, 10, 40]) {
      for (const d of [0.6 / n, 0.8 / n, 1 / n]) {
        let closed = 1;
        for (let i = 1; i <= n; i++) closed *= i * (2 * d - 1 / n);
        expect(kolmogorovCdfExact(n, d)).toBeCloseTo(closed, 14);
      }
      for (const d of [1 - 1 / n, 1 - 0.5 / n]) expect(1 - kolmogorovCdfExact(n, d)).toBeCloseTo(2 * (1 - d) ** n, 13);
    }
  });

  it('equals twice the one-sided tail when d ≥ 1/2', () => {
    for (const n of [3, 4, 7, 12, 25, 40]) {
      for (let d = 0.5; d < 1 - 1 / n; d += 0.05) expect(1 - kolmogorovCdfExact(n, d)).toBeCloseTo(2 * smirnovSf(n, d), 14);
    }
  });

  it('matches the same recurrence in 40-digit arithmetic (mpmath) to 1e-13', () => {
    const cases: [number, number, number][] = [
      [37, 0.13151918984428584, 0.5026871857905337],
      [200, 0.09616652224137047, 0.04624355661258344],
      [500, 0.044721359549995794, 0.26212703666662573],
      [1000, 0.028460498941515415, 0.3855493515179842],
    ];
    for (const [n, d, p] of cases) expect(Math.abs(ksPValue(d, n) - p)).toBeLessThan(1e-13);
  });

  it('matches scipy.stats.kstwo.sf for n ≤ 140 (where scipy is exact too)', () => {
    const cases: [number, number, number][] = [
      [5, 0.45, 0.19399374999999963],
      [10, 0.3, 0.27053557479999946],
      [30, 0.2, 0.15796916101547398],
      [100, 0.1, 0.2526927570063874],
      [140, 0.12, 0.03252638258561632],
      [50, 0.5, 4.392853499119748e-12],
    ];
    for (const [n, d, p] of cases) expect(Math.abs(ksPValue(d, n) - p) / p).toBeLessThan(1e-9);
  });

  it('agrees with a Monte Carlo estimate for n = 3, d = 0.4', () => {
    const u = uniforms(11);
    const trials = 200_000;
    let hits = 0;
    for (let t = 0; t < trials; t++) {
      if (ksStatistic([u(), u(), u()], uniformCdf) >= 0.4) hits++;
    }
    const p = ksPValue(0.4, 3);
    expect(Math.abs(hits / trials - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / trials));
  });
});

describe('the Kolmogorov limit', () => {
  it('has the classical critical values: P(K > 1.3581) ≈ 0.05, P(K > 1.6276) ≈ 0.01', () => {
    expect(kolmogorovSf(1.3581)).toBeCloseTo(0.05, 5);
    expect(kolmogorovSf(1.6276)).toBeCloseTo(0.01, 5);
    // scipy.special.kolmogorov
    expect(kolmogorovSf(1)).toBeCloseTo(0.26999967167735456, 15);
    expect(kolmogorovSf(0.5)).toBeCloseTo(0.9639452436648751, 15);
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(40)).toBe(0);
  });

  it('joins its two series continuously at λ = 1', () => {
    expect(Math.abs(kolmogorovSf(1 - 1e-12) - kolmogorovSf(1))).toBeLessThan(1e-11);
  });

  it('gives P(√n·D > 1.3581) ≈ 0.05 and P(√n·D > 1.6276) ≈ 0.01 for large n', () => {
    const n = 1_000_000;
    expect(ksPValue(1.3581 / Math.sqrt(n), n)).toBeCloseTo(0.05, 4);
    expect(ksPValue(1.6276 / Math.sqrt(n), n)).toBeCloseTo(0.01, 4);
  });

  it('is within 0.3% of scipy.stats.kstwo.sf where the Stephens correction applies', () => {
    const cases: [number, number, number][] = [
      [5000, 1.3581, 0.049356640304369925],
      [5000, 1.6276, 0.009845388032469291],
      [1_000_000, 1.3581, 0.04995434878475824],
      [1_000_000, 1.6276, 0.009990672727686382],
    ];
    for (const [n, t, p] of cases) expect(Math.abs(ksPValue(t / Math.sqrt(n), n) / p - 1)).toBeLessThan(3e-3);
  });
});

describe('ksPValue', () => {
  it('handles the ends of the range', () => {
    expect(ksPValue(0, 10)).toBe(1);
    expect(ksPValue(0.05, 10)).toBe(1);
    expect(ksPValue(1, 10)).toBe(0);
    expect(ksPValue(0.95, 10)).toBeCloseTo(2 * 0.05 ** 10, 25);
  });

  it('keeps the digits of tiny p-values', () => {
    // n·d² ≥ 3: the doubled one-sided tail; compare with scipy.stats.kstwo.sf(0.5, 50).
    expect(ksPValue(0.5, 50) / 4.392853499119748e-12).toBeCloseTo(1, 9);
    expect(ksPValue(0.2, 2000)).toBeGreaterThan(0);
    expect(ksPValue(0.2, 2000)).toBeLessThan(1e-60);
  });

  it('is a non-increasing function of d in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, x, y) => {
          const [lo, hi] = x < y ? [x, y] : [y, x];
          const [pLo, pHi] = [ksPValue(lo, n), ksPValue(hi, n)];
          expect(pLo).toBeGreaterThanOrEqual(0);
          expect(pLo).toBeLessThanOrEqual(1);
          // Rule changes may step by the accuracy of the Stephens approximation (< 1%).
          expect(pLo).toBeGreaterThanOrEqual(pHi * (1 - 0.01) - 1e-15);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects bad arguments', () => {
    expect(() => ksPValue(1.5, 10)).toThrow('d=1.5, expected a number in [0, 1]');
    expect(() => ksPValue(0.5, 0)).toThrow('n=0, expected an integer >= 1');
    expect(() => ksPValue(NaN, 3)).toThrow('d=NaN');
  });
});

describe('ksTest', () => {
  it('accepts a uniform sample from a fixed-seed generator', () => {
    const u = uniforms(2024);
    const sample = Array.from({ length: 5000 }, u);
    const result = ksTest(sample, uniformCdf);
    expect(result.n).toBe(5000);
    expect(result.statistic).toBe(ksStatistic(sample, uniformCdf));
    expect(result.pValue).toBeGreaterThan(0.01);
  });

  it('accepts an exponential sample against its own law', () => {
    const u = uniforms(5);
    const sample = Float64Array.from({ length: 2000 }, () => -Math.log(1 - u()));
    expect(ksTest(sample, (x) => (x <= 0 ? 0 : 1 - Math.exp(-x))).pValue).toBeGreaterThan(0.01);
  });

  it('rejects a shifted sample', () => {
    const u = uniforms(2024);
    const shifted = Array.from({ length: 1000 }, () => u() + 0.1);
    const result = ksTest(shifted, uniformCdf);
    expect(result.statistic).toBeGreaterThan(0.08);
    expect(result.pValue).toBeLessThan(1e-6);
  });
});

import { describe, it, expect } from 'vitest';
import { erf, erfc, erfcx, erfinv, logNdtr, ndtr, ndtri, ndtriLog, normalPdf } from '../../src/math/special.js';

/** |got - want| / |want|. */
const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

/** Evenly spaced points from a to b inclusive. */
const grid = (a: number, b: number, n: number) => Array.from({ length: n + 1 }, (_, i) => a + ((b - a) * i) / n);

// Reference values: 30-digit evaluations with mpmath (erf, erfc, ncdf, npdf, erfinv, and findroot
// on log Φ for the quantiles), rounded to 20 significant digits; several are also classical table
// values (Φ(-1), Φ⁻¹(0.975) = 1.95996...).
const KNOWN: [string, (x: number) => number, number, number][] = [
  ['erf', erf, 0.5, 0.52049987781304653768],
  ['erf', erf, -2, -0.99532226501895273416],
  ['erf', erf, 3, 0.99997790950300141456],
  ['erf', erf, 1e-10, 1.1283791670955125739e-10],
  ['erfc', erfc, 10, 2.088487583762544757e-45],
  ['erfc', erfc, 26, 5.6631924088561428465e-296],
  ['erfc', erfc, 2, 0.0046777349810472658379],
  ['erfc', erfc, 0.3, 0.67137324054087257236],
  ['erfc', erfc, -1, 1.8427007929497148693],
  ['erfcx', erfcx, 0.5, 0.61569034419292587487],
  ['erfcx', erfcx, 2, 0.25539567631050574387],
  ['erfcx', erfcx, 5, 0.11070463773306862637],
  ['erfcx', erfcx, 1e5, 5.6418958351954680777e-6],
  ['erfcx', erfcx, -3, 16205.988853999586625],
  ['normalPdf', normalPdf, 1, 0.2419707245191433498],
  ['normalPdf', normalPdf, 30, 1.473646134878547519e-196],
  ['ndtr', ndtr, -1, 0.15865525393145705141],
  ['ndtr', ndtr, -5, 2.8665157187919391167e-7],
  ['ndtr', ndtr, -30, 4.9067139271481870595e-198],
  ['ndtr', ndtr, 0.1, 0.53982783727702898147],
  ['ndtr', ndtr, 3, 0.99865010196836990547],
  ['logNdtr', logNdtr, -1, -1.8410216450092635058],
  ['logNdtr', logNdtr, -40, -804.60844201375378817],
  ['logNdtr', logNdtr, -1e4, -50000010.129278915181],
  ['logNdtr', logNdtr, 10, -7.619853024160526066e-24],
  ['ndtri', ndtri, 0.975, 1.9599639845400542355],
  ['ndtri', ndtri, 0.025, -1.9599639845400542355],
  ['ndtri', ndtri, 1e-10, -6.3613409024040562047],
  ['ndtri', ndtri, 1e-300, -37.047096299361199237],
  ['ndtriLog', ndtriLog, Math.log(0.975), 1.9599639845400542355],
  ['ndtriLog', ndtriLog, -800, -39.884694838256677568],
  ['ndtriLog', ndtriLog, -1e5, -447.19789367852505149],
  ['ndtriLog', ndtriLog, -1e300, -1.4142135623730950488e150],
  ['erfinv', erfinv, 1e-10, 8.8622692545275801365e-11],
  ['erfinv', erfinv, 0.5, 0.47693627620446987338],
  ['erfinv', erfinv, -0.9, -1.1630871536766741628],
  ['erfinv', erfinv, 0.999999, 3.4589107372754987775],
];

describe('known values', () => {
  it.each(KNOWN)('%s(%d)', (_name, fn, x, want) => {
    expect(rel(fn(x), want)).toBeLessThan(1e-15);
  });
});

describe('erf, erfc, erfcx', () => {
  it('handle the ends of the line and NaN', () => {
    expect([erf(Infinity), erf(-Infinity), erf(0), erf(7)]).toEqual([1, -1, 0, 1]);
    expect([erfc(Infinity), erfc(-Infinity), erfc(28), erfc(-7)]).toEqual([0, 2, 0, 2]);
    expect([erfcx(Infinity), erfcx(-27), erfcx(-Infinity), erfcx(0)]).toEqual([0, Infinity, Infinity, 1]);
    for (const fn of [erf, erfc, erfcx, normalPdf, ndtr, logNdtr]) expect(fn(NaN)).toBeNaN();
  });

  it('erf is odd and erf + erfc = 1', () => {
    for (const x of grid(-4, 4, 160)) {
      expect(erf(-x)).toBe(-erf(x));
      expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThan(3e-16);
    }
  });

  it('erfc(x) = erfcx(x)·e^{-x²} wherever both are representable', () => {
    for (const x of grid(-5, 26, 310)) {
      // e^{-x²} itself carries a rounding error of about x²·2^-53.
      expect(rel(erfcx(x) * Math.exp(-x * x), erfc(x))).toBeLessThan(1e-15 + 2.5e-16 * x * x);
    }
  });

  it('erfcx follows its asymptotic series 1/(x√π)·(1 - 1/(2x²) + 3/(4x⁴)) for huge x', () => {
    for (const x of [1e3, 1e8, 1e154, 1e300]) {
      const series = (1 - 1 / (2 * x * x) + 3 / (4 * x ** 4)) / (x * Math.sqrt(Math.PI));
      expect(rel(erfcx(x), series)).toBeLessThan(1e-15);
    }
  });
});

describe('ndtr and logNdtr', () => {
  it('Φ(x) + Φ(-x) = 1 and Φ(∓∞) = 0, 1', () => {
    for (const x of grid(-8, 8, 160)) expect(Math.abs(ndtr(x) + ndtr(-x) - 1)).toBeLessThan(3e-16);
    expect([ndtr(-Infinity), ndtr(Infinity), ndtr(-40)]).toEqual([0, 1, 0]);
  });

  it('logNdtr agrees with log(ndtr) where Φ is representable', () => {
    for (const x of grid(-37, 0, 370)) expect(rel(logNdtr(x), Math.log(ndtr(x)))).toBeLessThan(1.5e-15);
    for (const x of grid(0, 5, 50)) expect(Math.abs(logNdtr(x) - Math.log(ndtr(x)))).toBeLessThan(3e-16);
  });

  it('logNdtr follows -x²/2 - log(-x√(2π)) far below where Φ underflows', () => {
    for (const x of [-1e3, -1e5, -1e100]) {
      const asymptote = -0.5 * x * x - Math.log(-x * Math.sqrt(2 * Math.PI)) - 1 / (x * x);
      expect(rel(logNdtr(x), asymptote)).toBeLessThan(1e-15);
    }
    expect([logNdtr(-Infinity), logNdtr(Infinity)]).toEqual([-Infinity, -0]);
  });
});

/**
 * How far Φ⁻¹(Φ(x)) may be from x: a few ulps of x, plus, above 0, the 2^-53 absolute precision
 * to which a double near 1 holds Φ(x), worth 2^-53/φ(x) in x.
 */
const tolerance = (x: number) => 1.5e-15 * Math.max(1, Math.abs(x)) + (x > 0 ? Number.EPSILON / normalPdf(x) : 0);

describe('ndtri', () => {
  it('inverts ndtr over [-37, 8], to within the conditioning of Φ', () => {
    for (const x of grid(-37, 8, 900)) expect(Math.abs(ndtri(ndtr(x)) - x)).toBeLessThanOrEqual(tolerance(x));
  });

  it('is odd about ½ and continuous and increasing across its region boundaries', () => {
    // Powers of two, so that 1 - p is exact.
    for (const p of [2 ** -50, 2 ** -20, 2 ** -7, 2 ** -4, 0.25, 0.375]) expect(ndtri(1 - p)).toBe(-ndtri(p));
    for (const edge of [0.075, Math.exp(-25), 0.925]) {
      const xs = [0.999999, 1, 1.000001].map((k) => ndtri(edge * k));
      expect(xs[0]).toBeLessThan(xs[1]);
      expect(xs[1]).toBeLessThan(xs[2]);
      expect(xs[2] - xs[0]).toBeLessThan((3e-6 * edge) / normalPdf(xs[1]));
    }
  });

  it('returns ∓Infinity at 0 and 1 and rejects anything outside [0, 1]', () => {
    expect([ndtri(0), ndtri(1), ndtri(0.5)]).toEqual([-Infinity, Infinity, 0]);
    expect(ndtri(5e-324)).toBeCloseTo(-38.4674056, 6);
    expect(() => ndtri(-0.1)).toThrow('p=-0.1, expected a probability in [0, 1]');
    expect(() => ndtri(1.5)).toThrow('p=1.5, expected a probability in [0, 1]');
    expect(() => ndtri(NaN)).toThrow('p=NaN, expected a probability in [0, 1]');
  });
});

describe('ndtriLog', () => {
  it('inverts logNdtr from far below the underflow of Φ up to Φ ≈ 1', () => {
    const xs = [...grid(-37, 8, 450), -40, -100, -447, -1e4, -1e6, -1e50, -1e150];
    for (const x of xs) expect(Math.abs(ndtriLog(logNdtr(x)) - x)).toBeLessThanOrEqual(tolerance(x));
  });

  it('equals ndtri(e^logp) where e^logp is a normal double', () => {
    for (const p of [1e-300, 1e-100, 1e-12, 0.001, 0.074, 0.076, 0.3, 0.55, 0.7, 0.924, 0.926, 0.999]) {
      expect(rel(ndtriLog(Math.log(p)), ndtri(p))).toBeLessThan(1e-13);
    }
  });

  it('is accurate around the median, where Φ⁻¹ crosses 0', () => {
    // Φ⁻¹(½ + δ) = √(2π)·δ + O(δ³); a naive e^logp - ½ would lose ~10 digits here.
    const delta = 1e-10;
    expect(rel(ndtriLog(Math.log1p(2 * delta) - Math.LN2), Math.sqrt(2 * Math.PI) * delta)).toBeLessThan(1e-6);
    expect(ndtriLog(-Math.LN2)).toBeCloseTo(0, 15);
  });

  it('handles the ends and rejects logp > 0', () => {
    expect([ndtriLog(0), ndtriLog(-Infinity)]).toEqual([Infinity, -Infinity]);
    expect(Number.isFinite(ndtriLog(-Number.MAX_VALUE))).toBe(true);
    expect(() => ndtriLog(0.1)).toThrow('logp=0.1, expected a log-probability <= 0');
    expect(() => ndtriLog(NaN)).toThrow('logp=NaN');
  });
});

describe('erfinv', () => {
  it('inverts erf over [-5, 5], to within the conditioning of erf', () => {
    for (const x of grid(-5, 5, 500)) {
      const tol = 1.5e-15 * Math.abs(x) + Number.EPSILON / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x));
      expect(Math.abs(erfinv(erf(x)) - x)).toBeLessThanOrEqual(tol);
    }
  });

  it('keeps full relative accuracy near 0, where ndtri((1 + x)/2)/√2 does not', () => {
    for (const x of [1e-300, 1e-100, 1e-20, 1e-8, -1e-6]) {
      const want = (Math.sqrt(Math.PI) / 2) * x * (1 + (Math.PI / 12) * x * x);
      expect(rel(erfinv(x), want)).toBeLessThan(1e-15);
    }
    expect(rel(ndtri((1 + 1e-10) / 2) / Math.SQRT2, 8.8622692545275801365e-11)).toBeGreaterThan(1e-8);
  });

  it('is odd, infinite at ±1 and rejects |x| > 1', () => {
    for (const x of [0.1, 0.85, 0.86, 0.99, 1 - 1e-15]) expect(erfinv(-x)).toBe(-erfinv(x));
    expect([erfinv(1), erfinv(-1), erfinv(0)]).toEqual([Infinity, -Infinity, 0]);
    expect(() => erfinv(1.0000001)).toThrow('x=1.0000001, expected a number in [-1, 1]');
    expect(() => erfinv(NaN)).toThrow('x=NaN');
  });
});

/**
 * Accuracy of the float32 functions the float32 samplers share with their WebAssembly kernels
 * (src/random/mathF32.ts), against float64 Math and the float64 normal quantile, in units in
 * the last place of the float32 result. The kernels compute the same bits (test/kernels).
 */
import { describe, expect, it } from 'vitest';
import { ndtri, ndtriLog } from '../../src/math/special.js';
import {
  centralQuantileF32, cosQuarterF32, logF32, quadrant, quarterOffset, sinQuarterF32, tailQuantileF32,
} from '../../src/random/mathF32.js';
import { openUnitF32 } from '../../src/random/normal.js';
import { uniforms } from '../support/random.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 ulp at the float32 nearest to x (x != 0). */
function ulp(x: number): number {
  f32[0] = Math.abs(x);
  const a = f32[0];
  u32[0] += 1;
  return f32[0] - a;
}

const ulps = (got: number, want: number): number => Math.abs(got - want) / ulp(want);

describe('logF32', () => {
  it('is within 0.85 ulp of log over float32 values from 2^-33 to 2^40', () => {
    const u = uniforms(1);
    let worst = 0;
    for (let i = 0; i < 300_000; i++) {
      const x = Math.fround(2 ** (-33 + 73 * u()));
      if (x !== 1) worst = Math.max(worst, ulps(logF32(x), Math.log(x)));
    }
    for (let i = 0; i < 100_000; i++) {
      const x = Math.fround(0.5 + u());
      if (x !== 1) worst = Math.max(worst, ulps(logF32(x), Math.log(x)));
    }
    expect(worst).toBeLessThan(0.85);
  });

  it('is exact at powers of two, 0 at 1', () => {
    expect(logF32(1)).toBe(0);
    for (let e = -32; e <= 32; e++) expect(ulps(logF32(2 ** e), e * Math.LN2)).toBeLessThanOrEqual(0.5);
  });
});

describe('sine and cosine of a quarter turn', () => {
  it('are within 1.4 ulp for every offset f = k·2^-22, |f| <= 1/2', () => {
    let worstSin = 0;
    let worstCos = 0;
    for (let k = -(2 ** 21); k <= 2 ** 21; k++) {
      const f = k * 2 ** -22;
      const a = (Math.PI / 2) * f;
      if (k !== 0) worstSin = Math.max(worstSin, ulps(sinQuarterF32(f), Math.sin(a)));
      worstCos = Math.max(worstCos, ulps(cosQuarterF32(f), Math.cos(a)));
    }
    expect(worstSin).toBeLessThan(1.4);
    expect(worstCos).toBeLessThan(1.4);
    expect(sinQuarterF32(0)).toBe(0);
    expect(cosQuarterF32(0)).toBe(1);
  });

  it('split a 24-bit turn into the nearest quarter turn and an exact offset', () => {
    for (const t of [0, 1, 2 ** 21 - 1, 2 ** 21, 2 ** 22, 3 * 2 ** 22 + 5, 2 ** 24 - 1]) {
      const q = quadrant(t);
      const f = quarterOffset(t, q);
      expect(q * 2 ** 22 + f * 2 ** 22).toBe(t);
      expect(Math.abs(f)).toBeLessThanOrEqual(0.5);
    }
  });
});

describe('normal quantile (AS 241 PPND7 in float32)', () => {
  it('central: within 4 ulp of Φ⁻¹(½ + q) for |q| <= 0.425', () => {
    let worst = 0;
    for (let i = -4250; i <= 4250; i++) {
      const q = Math.fround(i / 10_000 + 1e-7);
      worst = Math.max(worst, ulps(centralQuantileF32(q), ndtri(0.5 + q)));
    }
    expect(worst).toBeLessThan(4);
  });

  it('tails: within 4e-7 relative of Φ⁻¹(p) from r = √(-log p), up to r = 26', () => {
    let worst = 0;
    for (let i = 0; i <= 20_000; i++) {
      const r = Math.fround(1.6 + (24.4 * i) / 20_000);
      const want = ndtriLog(-r * r);
      worst = Math.max(worst, Math.abs(tailQuantileF32(r) - want) / Math.abs(want));
    }
    expect(worst).toBeLessThan(4e-7);
  });
});

describe('openUnitF32', () => {
  it('maps words into (0, 1], from 2^-32 up, monotonically', () => {
    expect(openUnitF32(0)).toBe(2 ** -32);
    expect(openUnitF32(1)).toBe(2 ** -32);
    expect(openUnitF32(2)).toBe(3 * 2 ** -32);
    expect(openUnitF32(0xffffffff)).toBe(1);
    let prev = 0;
    for (let w = 0; w < 2 ** 32; w += 65_537) {
      const u = openUnitF32(w);
      expect(u).toBeGreaterThanOrEqual(prev);
      prev = u;
    }
  });
});

import { describe, it, expect } from 'vitest';
import { DEFAULT_NODES, expectNormal, expectNormal2, gaussHermite } from '../../src/math/gaussHermite.js';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

/** (k - 1)!! = E[z^k] for even k. */
const doubleFactorial = (k: number): number => (k <= 0 ? 1 : k * doubleFactorial(k - 2));

/** Composite Simpson's rule for E[f(z)] on [-12, 12]: an integration independent of the rule under test. */
function simpson(f: (z: number) => number, intervals = 24000): number {
  const h = 24 / intervals;
  const g = (z: number) => (f(z) * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI);
  let sum = g(-12) + g(12);
  for (let i = 1; i < intervals; i++) sum += (i % 2 === 1 ? 4 : 2) * g(-12 + i * h);
  return (sum * h) / 3;
}

describe('gaussHermite', () => {
  it('reproduces the small rules in closed form', () => {
    const one = gaussHermite(1);
    expect([...one.nodes, ...one.weights]).toEqual([0, 1]);
    const two = gaussHermite(2);
    expect(two.nodes[1]).toBeCloseTo(1, 15);
    expect(two.weights[0]).toBeCloseTo(0.5, 15);
    const three = gaussHermite(3);
    [-Math.sqrt(3), 0, Math.sqrt(3)].forEach((z, i) => expect(three.nodes[i]).toBeCloseTo(z, 15));
    [1 / 6, 2 / 3, 1 / 6].forEach((w, i) => expect(three.weights[i]).toBeCloseTo(w, 15));
  });

  it('matches the tabulated largest Hermite root (Abramowitz & Stegun 25.10, H₁₀: 3.4361591188377376)', () => {
    expect(rel(gaussHermite(10).nodes[9], 3.4361591188377376 * Math.SQRT2)).toBeLessThan(4e-16);
  });

  it.each([1, 2, 5, 50, 200, 400])('n = %i: sorted, symmetric, positive weights summing to 1', (n) => {
    const { nodes, weights } = gaussHermite(n);
    expect(nodes.length).toBe(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
      expect(nodes[n - 1 - i] + nodes[i]).toBe(0);
      expect(weights[n - 1 - i]).toBe(weights[i]);
      expect(weights[i]).toBeGreaterThanOrEqual(0);
      sum += weights[i];
    }
    expect(Math.abs(sum - 1)).toBeLessThan(2e-15);
  });

  it('stays finite for large n, where the outer weights underflow to 0', () => {
    const { nodes, weights } = gaussHermite(1000);
    expect(nodes[999]).toBeGreaterThan(60);
    expect(weights[999]).toBe(0);
    expect(weights.every(Number.isFinite)).toBe(true);
    expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(5e-15);
  });

  it('returns copies of a cached rule', () => {
    const a = gaussHermite(40);
    a.weights.fill(0);
    expect(gaussHermite(40).weights[20]).toBeGreaterThan(0);
    expect(expectNormal(() => 1, 40)).toBeCloseTo(1, 14);
  });

  it('rejects n outside [1, 1000]', () => {
    expect(() => gaussHermite(0)).toThrow('n=0, expected an integer in [1, 1000]');
    expect(() => gaussHermite(2.5)).toThrow('n=2.5');
    expect(() => gaussHermite(1001)).toThrow('n=1001');
    expect(() => expectNormal((z) => z, NaN)).toThrow('n=NaN');
  });
});

describe('expectNormal', () => {
  it('integrates z^k exactly for k <= 2n - 1 and not beyond', () => {
    const n = 10;
    for (let k = 0; k <= 2 * n - 1; k++) {
      const got = expectNormal((z) => z ** k, n);
      if (k % 2 === 1) expect(Math.abs(got)).toBeLessThan(1e-12 * doubleFactorial(k - 1));
      else expect(rel(got, doubleFactorial(k - 1))).toBeLessThan(1e-14);
    }
    // Degree 2n is the first the rule cannot integrate: E[z^20] = 19!! = 654729075.
    expect(rel(expectNormal((z) => z ** 20, n), 654729075)).toBeGreaterThan(1e-3);
  });

  it('gives E z² = 1, E z⁴ = 3, E z¹⁰ = 945 with the default rule', () => {
    expect(DEFAULT_NODES).toBe(200);
    expect(expectNormal((z) => z * z)).toBeCloseTo(1, 14);
    expect(expectNormal((z) => z ** 4)).toBeCloseTo(3, 14);
    expect(rel(expectNormal((z) => z ** 10), 945)).toBeLessThan(1e-14);
  });

  it('gives E[relu(z)²] = ½ exactly, the symmetric rule seeing the kink at 0', () => {
    expect(expectNormal((z) => Math.max(z, 0) ** 2)).toBeCloseTo(0.5, 15);
    expect(expectNormal((z) => Math.max(z, 0) ** 2, 7)).toBeCloseTo(0.5, 15);
  });

  it('gives E[tanh(z)²] = 0.39429449039784117, as Simpson on [-12, 12] does', () => {
    const gh = expectNormal((z) => Math.tanh(z) ** 2);
    expect(Math.abs(gh - simpson((z) => Math.tanh(z) ** 2))).toBeLessThan(1e-12);
    expect(rel(gh, 0.39429449039784117)).toBeLessThan(1e-15);
    expect(rel(expectNormal((z) => Math.tanh(z) ** 2, 50), 0.39429449039784117)).toBeGreaterThan(1e-9);
  });

  it('gives E[e^{tz}] = e^{t²/2}', () => {
    for (const t of [-3, -1, 0.5, 2]) expect(rel(expectNormal((z) => Math.exp(t * z)), Math.exp((t * t) / 2))).toBeLessThan(1e-14);
  });
});

describe('expectNormal2', () => {
  it('integrates products of moments', () => {
    expect(expectNormal2((a, b) => (a * b) ** 2)).toBeCloseTo(1, 14);
    expect(expectNormal2((a, b) => (a + b) ** 2, 20)).toBeCloseTo(2, 14);
    expect(expectNormal2((a, b) => a ** 4 * b ** 2, 20)).toBeCloseTo(3, 13);
    expect(Math.abs(expectNormal2((a, b) => a * b, 20))).toBeLessThan(1e-16);
  });

  it('gives the correlation c of z₁ and c z₁ + √(1 - c²) z₂', () => {
    for (const c of [-0.9, 0, 0.3, 0.99]) {
      const r = Math.sqrt(1 - c * c);
      expect(expectNormal2((a, b) => a * (c * a + r * b), 10)).toBeCloseTo(c, 14);
    }
  });

  it('factorises over independent coordinates', () => {
    const f = (z: number) => Math.tanh(z) + 0.3 * z * z;
    const one = expectNormal(f);
    expect(rel(expectNormal2((a, b) => f(a) * f(b)), one * one)).toBeLessThan(1e-14);
  });

  it('gets the ReLU arc-cosine kernel to O(1/n): the kink along a slanted line is not on the grid', () => {
    // E[relu(u₁) relu(u₂)] = (√(1 - c²) + (π - arccos c) c) / 2π (Cho & Saul 2009), c = ½.
    const c = 0.5;
    const r = Math.sqrt(1 - c * c);
    const exact = (r + (Math.PI - Math.acos(c)) * c) / (2 * Math.PI);
    const err = Math.abs(expectNormal2((a, b) => Math.max(a, 0) * Math.max(c * a + r * b, 0)) - exact);
    expect(err).toBeLessThan(4e-4);
    expect(err).toBeGreaterThan(1e-5);
  });
});

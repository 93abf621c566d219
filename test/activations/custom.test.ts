import { describe, it, expect } from 'vitest';
import { custom } from '../../src/activations/index.js';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('custom', () => {
  it('differentiates f numerically when no derivatives are given', () => {
    const cube = custom('cube', (x) => x ** 3);
    expect(cube.name).toBe('cube');
    for (const x of [-3, -0.5, 0.7, 2, 1e4]) {
      expect(rel(cube.df(x), 3 * x * x)).toBeLessThan(1e-9);
      expect(rel(cube.d2f(x), 6 * x)).toBeLessThan(1e-6);
    }
    const sin = custom('sin', Math.sin);
    expect(Math.abs(sin.df(1) - Math.cos(1))).toBeLessThan(1e-10);
    expect(Math.abs(sin.d2f(1) + Math.sin(1))).toBeLessThan(1e-7);
  });

  it('differentiates a given df for d2f', () => {
    const act = custom('exp', Math.exp, Math.exp);
    expect(act.df(1.5)).toBe(Math.exp(1.5));
    expect(rel(act.d2f(1.5), Math.exp(1.5))).toBeLessThan(1e-10);
  });

  it('uses given derivatives as they are', () => {
    const df = (x: number) => 2 * x;
    const d2f = () => 2;
    const act = custom('square', (x) => x * x, df, d2f);
    expect(act.df).toBe(df);
    expect(act.d2f).toBe(d2f);
    expect(act.saturation).toBeUndefined();
    expect(Object.isFrozen(act)).toBe(true);
  });

  it('rejects a missing name or non-functions', () => {
    expect(() => custom('', Math.sin)).toThrow('name="", expected a non-empty string');
    expect(() => custom('f', 3 as unknown as (x: number) => number)).toThrow('f=3, expected a function of one number');
    expect(() => custom('f', Math.sin, 'cos' as unknown as (x: number) => number)).toThrow('df="cos"');
  });
});

/**
 * User-defined activations. Missing derivatives come from central differences with the step sizes
 * that balance truncation against rounding (Numerical Recipes §5.7): h = ε^{1/3}·max(1, |x|) for
 * φ' (relative error ~1e-10) and h = ε^{1/4}·max(1, |x|) for φ'' (~1e-8), or the first difference
 * of a given φ'. Near a kink they return the average of the one-sided slopes.
 */
import { fail } from '../errors.js';
import type { Activation } from './types.js';

type Fn = (x: number) => number;

/** A step h at x such that x ± h are exact, so the difference quotient divides by the true 2h. */
function step(x: number, scale: number): number {
  const h = scale * Math.max(1, Math.abs(x));
  return x + h - x;
}

const H1 = Math.cbrt(Number.EPSILON);
const H2 = Math.sqrt(Math.sqrt(Number.EPSILON));

function derivative(f: Fn): Fn {
  return (x) => {
    const h = step(x, H1);
    return (f(x + h) - f(x - h)) / (2 * h);
  };
}

function secondDerivative(f: Fn): Fn {
  return (x) => {
    const h = step(x, H2);
    return (f(x + h) - 2 * f(x) + f(x - h)) / (h * h);
  };
}

/**
 * An activation from a user function; `df` and `d2f` are optional.
 *
 * @example
 * const cube = custom('cube', (x) => x ** 3); // cube.df(2) ≈ 12, cube.d2f(2) ≈ 12
 */
export function custom(name: string, f: Fn, df?: Fn, d2f?: Fn): Activation {
  if (typeof name !== 'string' || name === '') fail('name', name, 'a non-empty string');
  for (const [arg, fn] of [['f', f], ['df', df ?? f], ['d2f', d2f ?? f]] as const) {
    if (typeof fn !== 'function') fail(arg, fn, 'a function of one number');
  }
  const first = df ?? derivative(f);
  const second = d2f ?? (df === undefined ? secondDerivative(f) : derivative(df));
  return Object.freeze({ name, f, df: first, d2f: second });
}

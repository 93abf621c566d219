/**
 * Root finding on a bracket, for the fixed points and the critical line of the mean-field theory.
 *
 * The Illinois variant of regula falsi (Dowell & Jarratt, BIT 11 (1971) 168-174): the secant
 * through the bracket's ends, with the function value kept at an end halved whenever that end
 * is kept twice in a row, which restores superlinear convergence (order ≈ 1.44) where plain regula
 * falsi stalls on one side. Every step keeps a sign change, so the root never leaves [a, b].
 *
 * Example: `bracketRoot((x) => x * x - 2, 0, 2)` is √2 to ~1e-15.
 */
import { fail } from '../../errors.js';

export interface RootOptions {
  /** Absolute tolerance on x (default 1e-13 of the bracket's scale). */
  readonly tol?: number;
  readonly maxIter?: number;
}

/** A root of f in [a, b], where f(a) and f(b) have opposite signs (or one is 0). */
export function bracketRoot(f: (x: number) => number, a: number, b: number, options: RootOptions = {}): number {
  const tol = options.tol ?? 1e-13 * Math.max(1, Math.abs(a), Math.abs(b));
  const maxIter = options.maxIter ?? 200;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!(Math.sign(fa) !== Math.sign(fb))) fail('bracket', [a, b], `f(a) and f(b) of opposite signs (got ${fa} and ${fb})`);
  let side = 0;
  for (let i = 0; i < maxIter; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    const x = Number.isFinite(c) && c > Math.min(a, b) && c < Math.max(a, b) ? c : 0.5 * (a + b);
    const fx = f(x);
    if (fx === 0 || Math.abs(b - a) <= tol) return x;
    if (Math.sign(fx) === Math.sign(fb)) {
      b = x;
      fb = fx;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = x;
      fa = fx;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return (a * fb - b * fa) / (fb - fa);
}

/**
 * Variance scaling, the one formula behind Glorot/Xavier, He/Kaiming, LeCun and their framework
 * variants: draw W with Var[W] = scale / n, where n is a fan chosen by `mode`:
 *   fan_in -> n = fan_in, fan_out -> n = fan_out, fan_avg -> (fan_in + fan_out) / 2,
 *   fan_geo_avg -> √(fan_in · fan_out) (JAX).
 * and the law by `distribution`:
 *   uniform            U(-a, a), a = √(3 · scale / n)
 *   normal             N(0, scale / n), untruncated
 *   truncated_normal   N(0, σ²) cut at [lo·σ, hi·σ] (σ units, default ±2); with `correct`,
 *                      σ = √(scale / n) / s where s is the std of N(0,1) truncated to [lo, hi]
 *                      (s = 0.87962566103423978 for ±2, the constant of Keras and JAX), so the
 *                      samples have the requested variance; without it (TF.js), σ = √(scale / n).
 * Glorot & Bengio (2010) derive fan_avg with scale 1; He et al. (2015) fan_in with scale 2 for
 * ReLU; LeCun et al. (1998) fan_in with scale 1.
 */
import { fail } from '../errors.js';
import { truncatedNormalMoments } from '../math/truncatedNormal.js';
import type { Fans } from './fans.js';
import type { Law } from './law.js';

export const MODES = ['fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg'] as const;
export type Mode = (typeof MODES)[number];
export const DISTRIBUTIONS = ['uniform', 'normal', 'truncated_normal'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

export function fanFor(fans: Fans, mode: Mode): number {
  switch (mode) {
    case 'fan_in':
      return fans.fanIn;
    case 'fan_out':
      return fans.fanOut;
    case 'fan_avg':
      return (fans.fanIn + fans.fanOut) / 2;
    case 'fan_geo_avg':
      return Math.sqrt(fans.fanIn * fans.fanOut);
  }
}

export interface VarianceScaling {
  readonly scale: number;
  /** The denominator n (a fan, already guarded by the caller's framework rule). */
  readonly n: number;
  readonly distribution: Distribution;
  /** Truncation interval in units of σ (truncated_normal only). */
  readonly truncation?: readonly [number, number];
  /** Correct σ for the truncation so Var[W] = scale / n (truncated_normal only). */
  readonly correct?: boolean;
}

/** Std of N(0, 1) truncated to [lo, hi]; 0.87962566103423978 for [-2, 2]. */
export function truncationFactor(lo: number, hi: number): number {
  return Math.sqrt(truncatedNormalMoments(lo, hi).variance);
}

export function varianceScalingLaw(v: VarianceScaling): Law {
  if (!(v.n > 0) || !Number.isFinite(v.n)) fail('fan', v.n, 'a positive fan (the tensor has no inputs or outputs along the fan axes)');
  const variance = v.scale / v.n;
  if (variance === 0) return { kind: 'constant', value: 0 };
  switch (v.distribution) {
    case 'uniform': {
      const a = Math.sqrt(3 * variance);
      return { kind: 'uniform', low: -a, high: a };
    }
    case 'normal':
      return { kind: 'normal', mean: 0, std: Math.sqrt(variance) };
    case 'truncated_normal': {
      const [lo, hi] = v.truncation ?? [-2, 2];
      const std = Math.sqrt(variance) / (v.correct === false ? 1 : truncationFactor(lo, hi));
      return { kind: 'truncatedNormal', mean: 0, std, low: lo * std, high: hi * std };
    }
  }
}

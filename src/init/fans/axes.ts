/**
 * The one piece of fan arithmetic in initlab: products of shape entries over sets of axes.
 * Every layout, every framework rule and every semantic helper ends in {@link axisFans}.
 */
import { fail } from '../../errors.js';
import { numel } from '../../tensor.js';

/**
 * How many units feed one output unit (`fanIn`) and how many outputs one input unit feeds
 * (`fanOut`), with `receptive`, the kernel-window factor both include (1 for a dense weight).
 */
export interface Fans {
  fanIn: number;
  fanOut: number;
  receptive: number;
}

/** One axis or several; negative axes count from the end, as in NumPy and JAX. */
export type Axes = number | readonly number[];

/**
 * Checks `axes` against a rank-`rank` shape and returns them as non-negative indices.
 * With `unique`, an axis may not appear twice (frameworks that multiply repeated axes pass false).
 */
export function normalizeAxes(name: string, axes: Axes, rank: number, unique = true): number[] {
  const list = typeof axes === 'number' ? [axes] : axes;
  if (!Array.isArray(list)) fail(name, axes, 'an axis or an array of axes');
  const range = rank === 0 ? 'no axes (the shape has rank 0)' : `integers in [${-rank}, ${rank - 1}] for a rank-${rank} shape`;
  const normalized = list.map((a: unknown) => {
    if (typeof a !== 'number' || !Number.isInteger(a) || a < -rank || a >= rank) fail(name, axes, range);
    return a < 0 ? a + rank : a;
  });
  if (unique) {
    const repeated = normalized.find((a, i) => normalized.indexOf(a) !== i);
    if (repeated !== undefined) fail(name, axes, `distinct axes (axis ${repeated} appears twice)`);
  }
  return normalized;
}

/** Product of `shape` over `axes` (repeats multiply again, as Python's `math.prod` would). */
export function axisProduct(shape: readonly number[], axes: readonly number[]): number {
  return axes.reduce((p, a) => p * shape[a], 1);
}

/**
 * Fans from explicit axes (already normalized): `receptive = ∏shape / in / out / batch`,
 * `fanIn = in · receptive`, `fanOut = out · receptive`, where `in`, `out`, `batch` are the
 * products over `inAxes`, `outAxes`, `batchAxes`. For disjoint axes, receptive is the product of
 * the remaining axes and every step is exact; the division order is JAX's `_compute_fans`
 * (jax/_src/nn/initializers.py), so overlapping axes give JAX's floats bit for bit.
 */
export function axisFans(
  shape: readonly number[],
  inAxes: readonly number[],
  outAxes: readonly number[],
  batchAxes: readonly number[] = [],
): Fans {
  const inSize = axisProduct(shape, inAxes);
  const outSize = axisProduct(shape, outAxes);
  const receptive = numel(shape) / inSize / outSize / axisProduct(shape, batchAxes);
  return { fanIn: inSize * receptive, fanOut: outSize * receptive, receptive };
}

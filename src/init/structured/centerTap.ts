/**
 * Convolution kernels that act as a (possibly orthogonal) matrix at one spatial tap and are zero
 * elsewhere: PyTorch's `dirac_` (identity per group, centre tap k//2, layout [out, in, ...k]) and
 * JAX's `delta_orthogonal` (Xiao et al. 2018: a random orthogonal in×out matrix, centre tap
 * (k-1)//2, layout [...k, in, out]). Both place matrix entry (i, o) at the chosen tap; only the
 * layout, the centre rule and the matrix differ.
 */
import type { FloatArray } from '../../tensor.js';

export type TapLayout = 'oi' | 'io';
export type Centre = 'floor-half' | 'floor-half-minus-one';

/** Index of tensor element (out o, in i, spatial tap) for the two layouts. */
export function tapIndex(shape: readonly number[], layout: TapLayout, o: number, i: number, centre: Centre): number {
  const spatial = layout === 'oi' ? shape.slice(2) : shape.slice(0, -2);
  let tap = 0;
  for (const k of spatial) tap = tap * k + (centre === 'floor-half' ? Math.floor(k / 2) : Math.floor((k - 1) / 2));
  if (layout === 'oi') {
    const taps = spatial.reduce((a, b) => a * b, 1);
    return (o * shape[1] + i) * taps + tap;
  }
  const [cin, cout] = shape.slice(-2);
  return (tap * cin + i) * cout + o;
}

/** Writes entries (i, o) -> value into the centre taps of a zeroed kernel. */
export function placeAtCentre(
  out: FloatArray, shape: readonly number[], layout: TapLayout, centre: Centre,
  entries: Iterable<readonly [i: number, o: number, value: number]>,
): void {
  out.fill(0);
  for (const [i, o, v] of entries) out[tapIndex(shape, layout, o, i, centre)] = v;
}

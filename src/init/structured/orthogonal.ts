/**
 * Orthogonal initialization (Saxe, McClelland & Ganguli 2014): view the tensor as a matrix whose
 * rows are indexed by `axis` (the unit axis) and whose columns are all the other axes in order,
 * draw it iid N(0, 1), take a Haar-distributed orthogonal factor by QR with the sign fix
 * Q·sign(diag R) (Mezzadri 2007), and scale by `gain`. When shape[axis] <= the other elements the
 * rows (one weight vector per unit) are orthonormal, otherwise the columns are.
 *
 * PyTorch `orthogonal_` is axis 0 ([out, in, ...k]: output rows orthonormal); Keras, TF.js and
 * JAX's default `column_axis = -1` are axis -1 ([...k, in, out]: output columns orthonormal).
 */
import { haarOrthogonal } from '../../linalg/qr.js';
import type { Key } from '../../random/key.js';
import { fillNormal } from '../../random/normal.js';
import type { FloatArray } from '../../tensor.js';

/** Writes a gain-scaled orthogonal tensor of `shape` into `out`, with the unit axis `axis` (>= 0). */
export function orthogonalInto(key: Key, shape: readonly number[], axis: number, gain: number, out: FloatArray): void {
  const units = shape[axis];
  const total = out.length;
  const rest = total / units;
  const q = haarOrthogonal(fillNormal(key, new Float64Array(total)), units, rest);
  // Row u of q holds the elements of the tensor with index u along `axis`, other axes in order.
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = rest / inner;
  for (let u = 0; u < units; u++) {
    for (let o = 0; o < outer; o++) {
      const src = u * rest + o * inner;
      const dst = (o * units + u) * inner;
      for (let i = 0; i < inner; i++) out[dst + i] = gain * q[src + i];
    }
  }
}

/**
 * Orthogonal initialization (Saxe, McClelland & Ganguli 2014): view the tensor as a matrix whose
 * rows are indexed by `axis` (the unit axis) and whose columns are all the other axes in order,
 * draw it iid N(0, 1), take a Haar-distributed orthogonal factor by QR with the sign fix
 * Q·sign(diag R) (Mezzadri 2007), and scale by `gain`. When shape[axis] <= the other elements the
 * rows (one weight vector per unit) are orthonormal, otherwise the columns are.
 *
 * PyTorch `orthogonal_` is axis 0 ([out, in, ...k]: output rows orthonormal); Keras, TF.js and
 * JAX's default `column_axis = -1` are axis -1 ([...k, in, out]: output columns orthonormal).
 *
 * The Gaussian matrix comes from the output type's normal stream, as for every other
 * initializer: `fillNormal` into a Float64Array for float64 outputs, into a Float32Array for
 * float32 outputs (the same bytes on every backend; the float64 stream would cost 16x more time
 * than the float32 one, and more than the whole float32 QR). Float64 outputs, and float32 outputs
 * on the JavaScript backend, are factored by the float64 QR of ../../linalg/qr.ts; float32
 * outputs on the WebAssembly backend by the float32 blocked QR of ../../kernels/qr.ts, whose work
 * is matrix products (1024×1024 about 9x faster). The two agree to float32 rounding amplified by
 * the conditioning of the Gaussian matrix (about cond·2⁻²⁴), not bit for bit; both are exactly
 * Haar in law, and the wasm bytes are the same for any thread count.
 */
import { wasm, type Wasm } from '../../kernels/backend.js';
import { orthogonalF32At } from '../../kernels/qr.js';
import { haarOrthogonal } from '../../linalg/qr.js';
import type { Key } from '../../random/key.js';
import { fillNormal, fillNormalF32At } from '../../random/normal.js';
import type { FloatArray } from '../../tensor.js';

/** Writes a gain-scaled orthogonal tensor of `shape` into `out`, with the unit axis `axis` (>= 0). */
export function orthogonalInto(key: Key, shape: readonly number[], axis: number, gain: number, out: FloatArray): void {
  const units = shape[axis];
  const total = out.length;
  const rest = total / units;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  if (out instanceof Float32Array) {
    const w = wasm();
    if (w !== null) orthogonalF32Into(w, key, units, rest, inner, gain, out);
    else place(haarOrthogonal(Float64Array.from(fillNormal(key, new Float32Array(total))), units, rest), units, rest, inner, gain, out);
    return;
  }
  place(haarOrthogonal(fillNormal(key, new Float64Array(total)), units, rest), units, rest, inner, gain, out);
}

/** The float32 path: normals drawn into WebAssembly memory, factored and scaled there. */
function orthogonalF32Into(w: Wasm, key: Key, units: number, rest: number, inner: number, gain: number, out: Float32Array): void {
  w.kernels.scoped(() => {
    const total = units * rest;
    const ptr = w.kernels.alloc(4 * total);
    fillNormalF32At(w, key, ptr, total);
    orthogonalF32At(w, ptr, units, rest, gain);
    const q = w.kernels.f32(ptr, total);
    if (inner === rest) out.set(q);
    else place(q, units, rest, inner, 1, out);
  });
}

/** Row u of q holds the elements of the tensor with index u along the unit axis, other axes in order. */
function place(q: FloatArray, units: number, rest: number, inner: number, gain: number, out: FloatArray): void {
  const outer = rest / inner;
  for (let u = 0; u < units; u++) {
    for (let o = 0; o < outer; o++) {
      const src = u * rest + o * inner;
      const dst = (o * units + u) * inner;
      for (let i = 0; i < inner; i++) out[dst + i] = gain * q[src + i];
    }
  }
}

/**
 * The Haar-orthogonal sampler for float32 results: gain·Q·sign(diag R) of a Gaussian matrix on
 * the WebAssembly kernels (blocked Householder QR in float32 whose work is matrix products,
 * ../kernels/qr.ts), or, on the JavaScript backend, the float64 reference `haarOrthogonal`
 * (./qr.ts) rounded to float32.
 *
 * The two backends agree within float32 rounding amplified by the conditioning of the input
 * (about cond(A)·2⁻²⁴ elementwise), not bit for bit; the wasm bytes are the same for any thread
 * count. |QᵀQ − I|_max ≤ 2·n·2⁻²⁴ + 4·2⁻²⁴ for the n orthonormal vectors (tested at sizes 1 to
 * 1024, square, wide and tall).
 *
 * Example: `haarOrthogonalF32(g, 3, 5)` returns W (3×5, Float32Array) with W·Wᵀ ≈ I₃.
 */
import { fail } from '../errors.js';
import { wasm } from '../kernels/backend.js';
import { orthogonalF32At } from '../kernels/qr.js';
import { integer } from '../validate.js';
import { haarOrthogonal } from './qr.js';

/** gain × a Haar orthogonal rows×cols factor of `gaussian` (rows×cols row-major, not modified). */
export function haarOrthogonalF32(gaussian: Float32Array, rows: number, cols: number, gain = 1): Float32Array {
  integer('rows', rows, 1);
  integer('cols', cols, 1);
  if (!(gaussian instanceof Float32Array)) fail('gaussian', gaussian, 'a Float32Array');
  if (gaussian.length !== rows * cols) fail('gaussian.length', gaussian.length, `rows*cols = ${rows * cols}`);
  for (let i = 0; i < gaussian.length; i++) {
    if (!Number.isFinite(gaussian[i])) fail(`gaussian[${i}]`, gaussian[i], 'a finite number');
  }
  const w = wasm();
  if (w === null) return Float32Array.from(haarOrthogonal(Float64Array.from(gaussian), rows, cols), (x) => gain * x);
  return w.kernels.scoped(() => {
    const ptr = w.kernels.alloc(4 * gaussian.length);
    w.kernels.f32(ptr, gaussian.length).set(gaussian);
    orthogonalF32At(w, ptr, rows, cols, gain);
    return w.kernels.f32(ptr, gaussian.length).slice();
  });
}

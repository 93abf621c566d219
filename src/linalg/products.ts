/**
 * The matrix products of the public API: C = A·B, A·Bᵀ and Aᵀ·B on dense row-major arrays, with
 * the signatures of the reference (./matmul.ts). Float32 operands and output run on the
 * WebAssembly sgemm kernels when they are in use (../kernels/gemm.ts: float32 sums, within
 * γ_k·(|A|·|B|) of the exact product); any float64 operand, or the JavaScript backend, gives
 * the reference's float64-accumulated result. The operands are copied into the kernels' memory
 * for the call; code that keeps its arrays there (the lab) calls `sgemm` directly.
 *
 * Example: `matmul(a, b, 1000, 512, 512)` for Float32Arrays a (1000×512) and b (512×512).
 */
import { wasm } from '../kernels/backend.js';
import { sgemm, type GemmOp } from '../kernels/gemm.js';
import type { FloatArray } from '../tensor.js';
import * as reference from './matmul.js';
import type { Like } from './matmul.js';

/** C = A·B for A m×k and B k×n (row-major); returns C (m×n). */
export function matmul<A extends FloatArray, O extends FloatArray = Like<A>>(a: A, b: FloatArray, m: number, k: number, n: number, out?: O): O {
  const c = reference.prepare(a, b, m, k, n, out, 'm×k', 'k×n');
  return (onKernels('nn', a, b, m, k, n, c) ? c : reference.matmul(a, b, m, k, n, c)) as O;
}

/** C = A·Bᵀ for A m×k and B n×k (row-major); returns C (m×n). */
export function matmulTransB<A extends FloatArray, O extends FloatArray = Like<A>>(a: A, b: FloatArray, m: number, k: number, n: number, out?: O): O {
  const c = reference.prepare(a, b, m, k, n, out, 'm×k', 'n×k');
  return (onKernels('nt', a, b, m, k, n, c) ? c : reference.matmulTransB(a, b, m, k, n, c)) as O;
}

/** C = Aᵀ·B for A k×m and B k×n (row-major); returns C (m×n). */
export function matmulTransA<A extends FloatArray, O extends FloatArray = Like<A>>(a: A, b: FloatArray, m: number, k: number, n: number, out?: O): O {
  const c = reference.prepare(a, b, m, k, n, out, 'k×m', 'k×n');
  return (onKernels('tn', a, b, m, k, n, c) ? c : reference.matmulTransA(a, b, m, k, n, c)) as O;
}

/** Runs the product on the wasm kernels when they are in use and every array is float32. */
function onKernels(op: GemmOp, a: FloatArray, b: FloatArray, m: number, k: number, n: number, c: FloatArray): boolean {
  const w = wasm();
  if (w === null || !(a instanceof Float32Array) || !(b instanceof Float32Array) || !(c instanceof Float32Array)) return false;
  const { kernels } = w;
  kernels.scoped(() => {
    const pa = kernels.alloc(4 * a.length);
    const pb = kernels.alloc(4 * b.length);
    const pc = kernels.alloc(4 * m * n);
    kernels.f32(pa, a.length).set(a);
    kernels.f32(pb, b.length).set(b);
    sgemm(w, op, pa, pb, pc, m, k, n);
    c.set(kernels.f32(pc, m * n));
  });
  return true;
}

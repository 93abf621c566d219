/**
 * What this JavaScript engine offers the kernels: WebAssembly 128-bit SIMD (checked by validating
 * a tiny module that uses one v128 instruction) and shared memory (a shared WebAssembly.Memory,
 * which browsers allow only on cross-origin isolated pages).
 */

/** (module (func (result v128) (v128.const i32x4 0 0 0 0))) */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);

export function hasWasmSimd(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

export function hasSharedMemory(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof WebAssembly !== 'object') return false;
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

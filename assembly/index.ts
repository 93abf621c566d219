/**
 * The WebAssembly kernels: one module, compiled by AssemblyScript with 128-bit SIMD, on a shared
 * memory that JavaScript owns (../src/kernels/wasm.ts). Kernels never allocate: they work on
 * pointers into that memory. A kernel that runs on several threads takes a `task` index as its
 * last argument and does only that task's part (../src/kernels/pool.ts hands tasks out).
 */

/** The first byte after the module's static data: JavaScript's arena starts above it. */
export function heapBase(): usize {
  return __heap_base;
}

export * from './random';
export * from './gemm';
export * from './stats';

/**
 * The WebAssembly kernels, instantiated on a memory that JavaScript owns, and a stack arena in
 * that memory for the arrays a kernel call works on.
 *
 * Memory is shared (a SharedArrayBuffer) where the engine allows it, so worker threads
 * (./pool.ts) instantiate the same module on the same memory; otherwise it is a plain memory and
 * everything runs on the calling thread. Views of the memory must be made after allocating,
 * since allocating may grow it (and growing replaces `memory.buffer`).
 */
import { unshareMemoryImport } from './unshare.js';
import { WASM_BASE64 } from './wasm.generated.js';

/** The module's exports: kernels take numbers (pointers, lengths, scalars) and return numbers. */
export type Exports = Record<string, (...args: number[]) => number>;

const PAGE = 65536;
/** Arena allocations are aligned to a cache line. */
const ALIGN = 64;
/** Pages of the memory at start and at most (4 GiB: the wasm32 limit). */
const INITIAL_PAGES = 32;
const MAXIMUM_PAGES = 65536;

function decode(base64: string): Uint8Array {
  if (typeof Buffer !== 'undefined') return Buffer.from(base64, 'base64');
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const compiled = new Map<boolean, WebAssembly.Module>();

/**
 * The compiled module, for a shared memory or (./unshare.ts) a plain one; compiled once per
 * thread and kind, on first use.
 */
export function wasmModule(shared = true): WebAssembly.Module {
  let module = compiled.get(shared);
  if (module === undefined) {
    const bytes = decode(WASM_BASE64);
    // The bytes live in an ArrayBuffer (never shared); the DOM library (the page's type check) requires it be said.
    module = new WebAssembly.Module((shared ? bytes : unshareMemoryImport(bytes)) as Uint8Array<ArrayBuffer>);
    compiled.set(shared, module);
  }
  return module;
}

/** Instantiates the module on `memory` and returns its exports. */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): Exports {
  return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
}

export class WasmKernels {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly exports: Exports;
  readonly shared: boolean;
  private readonly base: number;
  private top: number;
  /** Called after the memory grew (the thread pool re-instantiates its workers on it). */
  onGrow: (() => void) | undefined;

  constructor(shared: boolean) {
    this.module = wasmModule(shared);
    this.shared = shared;
    this.memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared });
    this.exports = instantiate(this.module, this.memory);
    this.base = align(this.exports.heapBase(), PAGE);
    this.top = this.base;
  }

  /** Reserves `bytes` (aligned to 64) on the arena and returns the pointer; grows the memory as needed. */
  alloc(bytes: number): number {
    const ptr = this.top;
    const end = align(ptr + bytes, ALIGN);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const needed = Math.ceil((end - have) / PAGE);
      if (have / PAGE + needed > MAXIMUM_PAGES) {
        throw new RangeError(`initlab kernels: ${bytes} bytes do not fit in WebAssembly memory (4 GiB at most)`);
      }
      // At least double, so a growing workload grows (and restarts the workers) a few times only.
      this.memory.grow(Math.max(needed, Math.min(have / PAGE, MAXIMUM_PAGES - have / PAGE)));
      this.onGrow?.();
    }
    this.top = end;
    return ptr;
  }

  /** Runs `body` with the arena as it is now, then frees everything `body` allocated. */
  scoped<T>(body: () => T): T {
    const mark = this.top;
    try {
      return body();
    } finally {
      this.top = mark;
    }
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  u32(ptr: number, length: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, ptr, length);
  }
}

function align(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}

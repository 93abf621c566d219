import { afterEach, describe, expect, it, vi } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import { chooseBackend, configureKernels, kernelInfo } from '../../src/kernels/index.js';
import { wasm } from '../../src/kernels/backend.js';
import { hasSharedMemory, hasWasmSimd } from '../../src/kernels/features.js';

const ALL = { simd: true, sharedMemory: true, workers: true };

afterEach(() => {
  vi.unstubAllEnvs();
  configureKernels();
});

describe('chooseBackend', () => {
  it('auto takes wasm with every thread where the engine has SIMD, shared memory and workers', () => {
    expect(chooseBackend('auto', 4, ALL)).toEqual({ backend: 'wasm', threads: 4, simd: true, sharedMemory: true });
  });
  it('falls back to the JavaScript reference without WebAssembly SIMD, and says so', () => {
    const info = chooseBackend('auto', 4, { ...ALL, simd: false });
    expect(info.backend).toBe('js');
    expect(info.threads).toBe(1);
    expect(info.note).toMatch(/no WebAssembly SIMD/);
  });
  it('runs wasm on one thread without shared memory or worker threads', () => {
    expect(chooseBackend('auto', 4, { ...ALL, sharedMemory: false })).toMatchObject({ backend: 'wasm', threads: 1, note: expect.stringMatching(/4 threads asked, 1 used/) });
    expect(chooseBackend('wasm', 2, { ...ALL, workers: false })).toMatchObject({ backend: 'wasm', threads: 1 });
  });
  it('names why there are no workers, when the engine says', () => {
    const info = chooseBackend('auto', 4, { ...ALL, workers: false, whyNoWorkers: "a page's main thread may not block" });
    expect(info).toMatchObject({ backend: 'wasm', threads: 1, note: "4 threads asked, 1 used: a page's main thread may not block" });
    expect(chooseBackend('auto', 4, { ...ALL, sharedMemory: false }).note).toMatch(/no shared memory here \(a browser page has it only when cross-origin isolated\)/);
  });
  it('js is js whatever the engine offers', () => {
    expect(chooseBackend('js', 8, ALL)).toEqual({ backend: 'js', threads: 1, simd: true, sharedMemory: true });
  });
  it('refuses wasm where there is no SIMD, naming the choice', () => {
    expect(() => chooseBackend('wasm', 1, { ...ALL, simd: false })).toThrow(/backend="wasm", expected "js" or "auto": this engine has no WebAssembly SIMD/);
  });
});

describe('configureKernels', () => {
  it('this Node has WebAssembly SIMD and shared memory', () => {
    expect(hasWasmSimd()).toBe(true);
    expect(hasSharedMemory()).toBe(true);
  });
  it('js: no wasm instance', () => {
    expect(configureKernels({ backend: 'js' }).backend).toBe('js');
    expect(wasm()).toBeNull();
    expect(kernelInfo().backend).toBe('js');
  });
  it('wasm with 2 threads: a pool with one worker beside the caller', () => {
    expect(configureKernels({ backend: 'wasm', threads: 2 })).toMatchObject({ backend: 'wasm', threads: 2 });
    const w = wasm()!;
    expect(w.pool.threads).toBe(2);
    // The arena hands out 64-byte-aligned blocks and grows the memory on demand.
    w.kernels.scoped(() => {
      const p = w.kernels.alloc(3);
      const q = w.kernels.alloc(64 << 20);
      expect(p % 64).toBe(0);
      expect(q - p).toBe(64);
      expect(w.kernels.f32(q, 16 << 20).length).toBe(16 << 20);
    });
  });
  it('reads INITLAB_BACKEND and INITLAB_THREADS when options are unset', () => {
    vi.stubEnv('INITLAB_BACKEND', 'js');
    expect(configureKernels().backend).toBe('js');
    vi.stubEnv('INITLAB_BACKEND', 'wasm');
    vi.stubEnv('INITLAB_THREADS', '1');
    expect(configureKernels()).toMatchObject({ backend: 'wasm', threads: 1 });
  });
  it('bad choices name the argument, the value and what was expected', () => {
    expect(() => configureKernels({ backend: 'gpu' as 'js' })).toThrow(ArgumentError);
    expect(() => configureKernels({ backend: 'gpu' as 'js' })).toThrow(/backend="gpu", expected one of "auto", "wasm", "js"/);
    expect(() => configureKernels({ threads: 0 })).toThrow(/threads=0/);
    vi.stubEnv('INITLAB_THREADS', 'many');
    expect(() => configureKernels()).toThrow(/INITLAB_THREADS="many", expected an integer/);
  });
});

describe('the thread pool', () => {
  it('re-instantiates its workers when the memory grows, and results do not change', async () => {
    const { fillNormal, keyFromSeed } = await import('../../src/random/index.js');
    const key = keyFromSeed(11);
    configureKernels({ backend: 'js' });
    const reference = fillNormal(key, new Float32Array(100_003));
    configureKernels({ backend: 'wasm', threads: 2 });
    const w = wasm()!;
    expect(Array.from(fillNormal(key, new Float32Array(100_003)))).toEqual(Array.from(reference));
    const before = w.kernels.memory.buffer.byteLength;
    w.kernels.scoped(() => {
      w.kernels.alloc(before + (1 << 20)); // forces a grow: the crew is replaced
      expect(w.kernels.memory.buffer.byteLength).toBeGreaterThan(before);
      expect(Array.from(fillNormal(key, new Float32Array(100_003)))).toEqual(Array.from(reference));
    });
  });
  it("carries a worker's failure back to the caller with its message", () => {
    configureKernels({ backend: 'wasm', threads: 2 });
    const { pool } = wasm()!;
    // uniformF32(k0, k1, dst, groups, first, taskGroups, low, spanScaled, lo, hi, task) far past the memory's end.
    expect(() => pool.run('uniformF32', [1, 2, 2 ** 32 - 4096, 64, 0, 1, 0, 1, 0, 1], 64)).toThrow(/out of bounds/);
  });
});

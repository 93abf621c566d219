import { describe, expect, it } from 'vitest';
import { unshareMemoryImport } from '../../src/kernels/unshare.js';
import { WASM_BASE64 } from '../../src/kernels/wasm.generated.js';
import { WasmKernels } from '../../src/kernels/wasm.js';

const bytes = new Uint8Array(Buffer.from(WASM_BASE64, 'base64'));
const memory = (shared: boolean) => new WebAssembly.Memory({ initial: 32, maximum: 65536, shared });

describe('the kernels on a plain (unshared) memory, as in a page without cross-origin isolation', () => {
  it('the patched module links to a plain memory and no longer to a shared one; nothing else changes', () => {
    const plain = unshareMemoryImport(bytes);
    expect(plain.length).toBe(bytes.length);
    const differing = plain.reduce((n, b, i) => n + (b !== bytes[i] ? 1 : 0), 0);
    expect(differing).toBe(1);
    expect(() => new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory: memory(false) } })).toThrow(/shared/);
    expect(() => new WebAssembly.Instance(new WebAssembly.Module(plain), { env: { memory: memory(false) } })).not.toThrow();
    expect(() => new WebAssembly.Instance(new WebAssembly.Module(plain), { env: { memory: memory(true) } })).toThrow(/shared/);
  });
  it('a kernel writes the same bytes on either memory', () => {
    const run = (shared: boolean) => {
      const k = new WasmKernels(shared);
      const p = k.alloc(4 * 32 * 64);
      // uniformF32(k0, k1, dst, groups, first, taskGroups, low, spanScaled, lo, hi, task)
      k.exports.uniformF32(5, 9, p, 64, 3, 64, -1, 2 * 2 ** -24, -1, 0.99999994, 0);
      expect(k.memory.buffer instanceof SharedArrayBuffer).toBe(shared);
      return Array.from(k.f32(p, 32 * 64));
    };
    const shared = run(true);
    expect(new Set(shared).size).toBeGreaterThan(1000);
    expect(run(false)).toEqual(shared);
  });
});

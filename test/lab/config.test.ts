import { describe, expect, it } from 'vitest';
import { KERNEL_CAPACITY, peakBytes, resolveConfig } from '../../src/lab/config.js';
import { propagate } from '../../src/lab/propagate.js';

const base = { depth: 3, width: 8, batch: 4, activation: 'tanh', init: 'glorot_normal' };

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('configuration defaults', () => {
  it('fills widths, input size and defaults', () => {
    const c = resolveConfig(base);
    expect(c).toMatchObject({ depth: 3, widths: [8, 8, 8], inputSize: 8, bias: 'zeros', input: 'normal', seed: 0, dtype: 'float32', backward: false, loss: 'none', weightGrad: false, jacobian: 0, bins: 40 });
    expect(resolveConfig({ ...base, loss: 'xent' })).toMatchObject({ backward: true, weightGrad: true });
  });
  it('peak memory grows with the batch and with the backward pass', () => {
    const c = resolveConfig({ ...base, depth: 100, width: 512, batch: 1000, backward: true });
    // 100 pre-activations of 1000 x 512 and 100 weights of 512 x 512 in float32 ≈ 305 MiB kept
    expect(peakBytes(c)).toBeGreaterThan(300 * 2 ** 20);
    expect(peakBytes({ ...c, backward: false })).toBeLessThan(20 * 2 ** 20);
  });
});

describe('bad input: one clear line', () => {
  const cases: [string, object, RegExp][] = [
    ['depth 0', { depth: 0 }, /^depth=0, expected an integer in \[1, 100000\]$/],
    ['width 0', { width: 0 }, /^width=0, expected an integer in \[1, 1000000\]$/],
    ['per-layer widths of the wrong length', { width: [8, 8] }, /^width=\[8,8\], expected one width, or 3 widths/],
    ['a width that is not an integer', { width: [8, 2.5, 8] }, /^width\[1\]=2.5/],
    ['batch 0', { batch: 0 }, /^batch=0, expected an integer >= 1$/],
    ['unknown dtype', { dtype: 'float16' }, /^dtype="float16", expected one of "float32", "float64"/],
    ['unknown loss', { loss: 'hinge' }, /^loss="hinge", expected one of "none", "xent", "mse"/],
    ['a loss without backward', { loss: 'mse', backward: false }, /^backward=false, expected true with loss="mse"/],
    ['an unknown key', { depht: 3 }, /^config="depht", expected only the keys/],
    ['a missing init', { init: undefined }, /^init=undefined, expected an initializer spec/],
    ['jacobian over more examples than the batch', { jacobian: 9 }, /^jacobian=9, expected an integer in \[0, 4\]/],
  ];
  for (const [name, patch, message] of cases) {
    it(name, () => expect(() => resolveConfig({ ...base, ...patch } as never)).toThrow(message));
  }
  it('a batch too large for memory names the estimate, the limit, the setting and a batch that fits', () => {
    const big = { ...base, depth: 100, width: 512, batch: 100_000, backward: true };
    const message = /^batch=100000, expected a batch that fits in memory: this network needs about (\d+\.\d+) GiB at batch 100000 and the memory limit is 2\.00 GiB \(memoryLimit; --memory-limit on the command line\); try batch <= (\d+), no backward pass or a higher limit$/;
    expect(() => resolveConfig(big)).toThrow(message);
    const [, need, fit] = message.exec(errorOf(() => resolveConfig(big)))!;
    expect(Number(need) / (peakBytes({ ...resolveConfig({ ...big, batch: 1 }), batch: 100_000 }) / 2 ** 30)).toBeCloseTo(1, 2);
    // The batch it suggests is the largest that fits.
    expect(resolveConfig({ ...big, batch: Number(fit) }).batch).toBe(Number(fit));
    expect(() => resolveConfig({ ...big, batch: Number(fit) + 1 })).toThrow(/fits in memory/);
    expect(() => resolveConfig({ ...base, width: 1e6, depth: 2, batch: 1, memoryLimit: 1e6 })).toThrow(/and the memory limit is 977 KiB .*; no batch fits: use narrower layers or a higher limit$/);
  });
  it('memoryLimit is a setting: a larger limit admits a larger network (nothing is allocated to check)', () => {
    // About 2.9 GiB in float64: refused at the default 2 GiB, admitted with 4 GiB.
    const c = { ...base, depth: 10, width: 1024, batch: 25_000, dtype: 'float64' as const, backward: true };
    expect(() => resolveConfig(c)).toThrow(/needs about 2\.\d+ GiB .* the memory limit is 2\.00 GiB/);
    expect(resolveConfig({ ...c, memoryLimit: 4 * 2 ** 30 }).memoryLimit).toBe(4 * 2 ** 30);
  });
  it('float32 runs live in the WebAssembly kernels: beyond their 4 GiB memory the limit does not help', () => {
    const c = { ...base, depth: 10, width: 1024, batch: 80_000, backward: true, memoryLimit: 16 * 2 ** 30 };
    expect(KERNEL_CAPACITY).toBe(2 ** 32 - 2 ** 16 - 2 ** 26);
    expect(() => resolveConfig(c)).toThrow(/needs about \d+\.\d+ GiB at batch 80000 and the WebAssembly kernels that float32 runs use hold 3\.94 GiB \(a wasm32 memory is 4 GiB\); try batch <= \d+, no backward pass or dtype float64$/);
    expect(resolveConfig({ ...c, dtype: 'float64' }).dtype).toBe('float64');
  });
  it('a limit that is not a positive number', () => {
    for (const bad of [0, -1, Number.NaN, '2GB']) expect(() => resolveConfig({ ...base, memoryLimit: bad as number })).toThrow(/^memoryLimit=/);
  });
  it('unknown activation, with a suggestion', () => {
    expect(() => propagate({ ...base, activation: 'tahn' })).toThrow(/^activation="tahn", expected one of .*\(did you mean "tanh"\?\)$/);
  });
  it('an unknown initializer', () => {
    expect(() => propagate({ ...base, init: 'glorot_normel' })).toThrow(/^init="glorot_normel", expected an initializer spec \(/);
  });
  it('an initializer that needs a shape the layer does not have', () => {
    expect(() => propagate({ ...base, init: 'delta_orthogonal' })).toThrow(/^init="delta_orthogonal", expected an initializer for a dense weight of shape \[8, 8\] \(/);
    expect(() => propagate({ ...base, bias: 'torch:xavier_uniform' })).toThrow(/^bias="torch:xavier_uniform", expected an initializer for a bias of shape \[8\] \(/);
  });
  it('a bad fixed batch', () => {
    expect(() => resolveConfig({ ...base, input: { shape: [2, 8], data: new Float32Array(15) } })).toThrow(/^input\.data\.length=15, expected 16 values/);
    expect(() => resolveConfig({ ...base, inputSize: 3, input: { shape: [2, 8], data: new Float32Array(16) } })).toThrow(/^inputSize=3, expected the fixed batch's 8 features$/);
  });
});

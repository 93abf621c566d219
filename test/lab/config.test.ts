import { describe, expect, it } from 'vitest';
import { peakBytes, resolveConfig } from '../../src/lab/config.js';
import { propagate } from '../../src/lab/propagate.js';

const base = { depth: 3, width: 8, batch: 4, activation: 'tanh', init: 'glorot_normal' };

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
  it('a batch too large for memory names the limit and a batch that fits', () => {
    expect(() => resolveConfig({ ...base, depth: 100, width: 512, batch: 100_000, backward: true })).toThrow(
      /^batch=100000, expected a batch that fits in memory: this network needs \d+\.\d GiB at batch 100000 and the limit is 2\.00 GiB \(memoryLimit\); try batch <= \d+ or no backward pass$/,
    );
    expect(() => resolveConfig({ ...base, width: 1e6, depth: 2, batch: 1, memoryLimit: 1e6 })).toThrow(/no batch fits: use narrower layers/);
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

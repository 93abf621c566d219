/**
 * Reference §8 test vectors: exact bounds and stds of every framework's initializers, the
 * truncation constant, and the deterministic initializers.
 */
import { describe, expect, it } from 'vitest';
import { initializer, type CallOptions } from '../../src/init/initializer.js';
import { truncationFactor } from '../../src/init/varianceScaling.js';
import { keyFromSeed } from '../../src/random/key.js';
import { summarize } from '../../src/stats/moments.js';

const key = keyFromSeed(7);
const PT = [64, 32, 3, 3];
const KS = [3, 3, 32, 64];

/** The law's parameter: the bound of a symmetric uniform, the std of a normal (before truncation). */
function param(spec: string, shape: number[], options?: CallOptions): number {
  const law = initializer(spec).plan(shape, options).law!;
  if (law.kind === 'uniform') {
    expect(law.low).toBeCloseTo(-law.high, 15);
    return law.high;
  }
  if (law.kind === 'normal' || law.kind === 'truncatedNormal') return law.std;
  throw new Error(`unexpected law ${law.kind}`);
}

describe('reference §8.2: [64,32,3,3] (PyTorch/Caffe) = [3,3,32,64] (Keras/TF.js/JAX)', () => {
  it.each([
    ['torch:kaiming_normal(nonlinearity=relu)', PT, 0.0833333333333333],
    ['torch:kaiming_normal', PT, 0.0833333333333333],
    ['torch:kaiming_uniform(nonlinearity=relu)', PT, 0.1443375672974064],
    ['torch:kaiming_normal(mode=fan_out, nonlinearity=relu)', PT, 0.0589255650988790],
    ['torch:kaiming_uniform(mode=fan_out, nonlinearity=relu)', PT, 0.1020620726159658],
    ['torch:kaiming_uniform(mode=FAN_IN, nonlinearity=relu)', PT, 0.1443375672974064],
    ['torch:conv_default', PT, 0.0589255650988790],
    ['torch:kaiming_uniform(a=sqrt(5))', PT, 0.0589255650988790],
    ['torch:default_bias(fan_in=288)', [64], 0.0589255650988790],
    ['torch:xavier_uniform', PT, 0.0833333333333333],
    ['torch:xavier_normal', PT, 0.0481125224324688],
    ['keras:he_normal', KS, 0.0947372695282130],
    ['keras:he_uniform', KS, 0.1443375672974064],
    ['keras:glorot_uniform', KS, 0.0833333333333333],
    ['keras:glorot_normal', KS, 0.0546965880644039],
    ['keras:lecun_normal', KS, 0.0669893657144971],
    ['keras:lecun_uniform', KS, 0.1020620726159658],
    ['tfjs:heNormal', KS, 0.0833333333333333],
    ['tfjs:glorotNormal', KS, 0.0481125224324688],
    ['jax:he_normal', KS, 0.0947372695282130],
    ['jax:he_uniform', KS, 0.1443375672974064],
    ['jax:variance_scaling(2, fan_geo_avg, normal)', KS, 0.0700747012711429],
    ['caffe:xavier', PT, 0.1020620726159658],
    ['caffe:xavier(variance_norm=AVERAGE)', PT, 0.0833333333333333],
    ['caffe:xavier(variance_norm=FAN_OUT)', PT, 0.0721687836487032],
    ['caffe:msra', PT, 0.0833333333333333],
    ['caffe:msra(variance_norm=AVERAGE)', PT, 0.0680413817439772],
    ['caffe:msra(variance_norm=FAN_OUT)', PT, 0.0589255650988790],
    // initlab's own names give the paper formulas with layout-aware fans, in either layout.
    ['he_normal', PT, 0.0833333333333333],
    ['glorot_uniform', PT, 0.0833333333333333],
    ['lecun_uniform', PT, 0.1020620726159658],
  ])('%s on %j: %f', (spec, shape, want) => {
    expect(param(spec, shape)).toBeCloseTo(want, 15);
  });

  it('initlab names read the Keras layout when told so', () => {
    expect(param('he_normal', KS, { layout: 'io' })).toBeCloseTo(0.0833333333333333, 15);
    expect(param('kaiming_uniform(mode=fan_out)', KS, { layout: 'io' })).toBeCloseTo(0.1020620726159658, 15);
  });

  it('Keras truncated normals are clipped at ±2σ and have the target std', () => {
    const plan = initializer('keras:he_normal').plan(KS);
    expect(plan.law).toMatchObject({ kind: 'truncatedNormal' });
    if (plan.law?.kind !== 'truncatedNormal') return;
    expect(plan.law.high).toBeCloseTo(0.1894745390564261, 15);
    expect(plan.law.low).toBeCloseTo(-0.1894745390564261, 15);
    expect(plan.expected!.std).toBeCloseTo(1 / 12, 14);
    const g = initializer('keras:glorot_normal').plan(KS);
    expect(g.law?.kind === 'truncatedNormal' && g.law.high).toBeCloseTo(0.1093931761288079, 15);
  });

  it('TF.js normals are not variance-corrected: actual std is 0.8796 of the nominal', () => {
    expect(initializer('tfjs:heNormal').plan(KS).expected!.std).toBeCloseTo(0.0733021384195200, 14);
    expect(initializer('tfjs:glorotNormal').plan(KS).expected!.std).toBeCloseTo(0.0423210093486851, 14);
  });

  it('the truncation constant: std of N(0,1) on [-2, 2] = 0.87962566103423978', () => {
    expect(truncationFactor(-2, 2)).toBeCloseTo(0.87962566103423978, 15);
    expect(truncationFactor(-2, 2) ** 2).toBeCloseTo(0.7737413035499232, 15);
  });
});

describe('reference §8.3: other shapes', () => {
  it.each([
    ['torch:linear_default', [256, 784], {}, 1 / 28],
    ['torch:linear_default', [30, 20], {}, 0.2236067977499790],
    ['torch:kaiming_uniform', [3, 5], {}, 1.0954451150103321],
    ['keras:glorot_uniform', [784, 256], {}, 0.0759554525312750],
    ['tfjs:glorotNormal', [784, 256], {}, 0.0438529009653515],
    ['jax:lecun_normal', [784, 256], {}, 0.0406016869406627],
    ['torch:conv_default', [32, 1, 3, 3], {}, 1 / 3],
    ['keras:glorot_uniform', [3, 3, 32, 1], {}, 0.1421338109037403],
    ['torch:conv_default', [16, 32, 4, 4], {}, 0.0441941738241592],
    ['keras:glorot_uniform', [768, 12, 64], {}, 0.0101388388206727],
    ['keras:glorot_uniform(input_axes=[0], output_axes=[1, 2])', [768, 12, 64], {}, 0.0625],
    ['jax:he_normal(batch_axis=0)', [8, 512, 2048], {}, 0.0710529521461598],
  ])('%s on %j', (spec, shape, options, want) => {
    expect(param(spec, shape, options)).toBeCloseTo(want, 14);
  });

  it('TF.js Dense default (glorotNormal) 784→256: actual std 0.0385741369999163', () => {
    expect(initializer('tfjs:glorotNormal').plan([784, 256]).expected!.std).toBeCloseTo(0.0385741369999163, 14);
  });

  it('truncation bounds: JAX in σ units, Keras at ±2σ, PyTorch absolute', () => {
    const jax = initializer('jax:truncated_normal(0.01)').plan([10, 10]);
    expect(jax.law).toMatchObject({ kind: 'truncatedNormal', std: 0.01, low: -0.02, high: 0.02 });
    expect(jax.expected!.std).toBeCloseTo(0.0087962566103424, 14);
    expect(initializer('keras:truncated_normal(stddev=0.02)').plan([10, 10]).law).toMatchObject({ low: -0.04, high: 0.04 });
    expect(initializer('torch:trunc_normal_(std=0.02)').plan([10, 10]).law).toMatchObject({ low: -2, high: 2 });
  });
});

describe('reference §8.5: deterministic initializers', () => {
  const ones = (data: ArrayLike<number>, shape: number[]) => {
    const idx: number[][] = [];
    for (let i = 0; i < data.length; i++) {
      if (data[i] === 0) continue;
      expect(data[i]).toBe(1);
      let r = i;
      const at = shape.map(() => 0);
      for (let d = shape.length - 1; d >= 0; d--) {
        at[d] = r % shape[d];
        r = Math.floor(r / shape[d]);
      }
      idx.push(at);
    }
    return idx;
  };

  it('PyTorch dirac_ [3,16,5,5]: ones at (d,d,2,2)', () => {
    const t = initializer('torch:dirac_')(key, [3, 16, 5, 5]);
    expect(ones(t.data, t.shape)).toEqual([[0, 0, 2, 2], [1, 1, 2, 2], [2, 2, 2, 2]]);
  });

  it('PyTorch dirac_ [3,24,5,5] groups=3: ones at (g,0,2,2)', () => {
    const t = initializer('torch:dirac(groups=3)')(key, [3, 24, 5, 5]);
    expect(ones(t.data, t.shape)).toEqual([[0, 0, 2, 2], [1, 0, 2, 2], [2, 0, 2, 2]]);
  });

  it('dirac groups must divide dim 0', () => {
    expect(() => initializer('torch:dirac(groups=3)')(key, [4, 2, 3, 3])).toThrow(/groups=3, expected a divisor of the output channels/);
  });

  it('even kernels: PyTorch dirac centre k//2 = 2, JAX delta_orthogonal centre (k-1)//2 = 1', () => {
    const d = initializer('torch:dirac')(key, [4, 4, 4, 4]);
    expect(ones(d.data, d.shape).every(([, , y, x]) => y === 2 && x === 2)).toBe(true);
    const j = initializer('jax:delta_orthogonal')(key, [4, 4, 4, 4]);
    for (let i = 0; i < j.data.length; i++) {
      const y = Math.floor(i / 64);
      const x = Math.floor(i / 16) % 4;
      if (j.data[i] !== 0) expect([y, x]).toEqual([1, 1]);
    }
    // The centre tap holds an orthogonal 4x4 matrix.
    const m = j.data.subarray((1 * 4 + 1) * 16, (1 * 4 + 1) * 16 + 16);
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) {
      let dot = 0;
      for (let k = 0; k < 4; k++) dot += m[a * 4 + k] * m[b * 4 + k];
      expect(dot).toBeCloseTo(a === b ? 1 : 0, 6);
    }
  });

  it('JAX delta_orthogonal needs in <= out', () => {
    expect(() => initializer('jax:delta_orthogonal')(key, [3, 3, 8, 4])).toThrow(/in channels <= out channels/);
  });

  it('eye [3,5]: rectangular for PyTorch and Keras, an error for TF.js', () => {
    for (const spec of ['torch:eye', 'keras:identity', 'identity']) {
      expect(ones(initializer(spec)(key, [3, 5]).data, [3, 5])).toEqual([[0, 0], [1, 1], [2, 2]]);
    }
    expect(Array.from(initializer('keras:identity(gain=2)')(key, [2, 2]).data)).toEqual([2, 0, 0, 2]);
    expect(() => initializer('tfjs:identity')(key, [3, 5])).toThrow(/a square matrix/);
  });

  it.each([
    [2, [0.5, 0.5]],
    [3, [0.5, 1, 0.5]],
    [4, [0.25, 0.75, 0.75, 0.25]],
    [5, [1 / 3, 2 / 3, 1, 2 / 3, 1 / 3]],
    [6, [1 / 6, 1 / 2, 5 / 6, 5 / 6, 1 / 2, 1 / 6]],
  ])('Caffe bilinear K=%i: profile %j, 2-D kernel its outer product', (k, profile) => {
    const t = initializer('caffe:bilinear')(key, [2, 3, k, k], { dtype: 'float64' });
    for (let s = 0; s < 6; s++) {
      for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) {
        expect(t.data[s * k * k + y * k + x]).toBeCloseTo(profile[y] * profile[x], 15);
      }
    }
  });

  it('Caffe positive_unitball [2,3,4,5]: each row of 60 non-negative values sums to 1', () => {
    const t = initializer('caffe:positive_unitball')(key, [2, 3, 4, 5], { dtype: 'float64' });
    for (let r = 0; r < 2; r++) {
      const row = t.data.subarray(r * 60, r * 60 + 60);
      expect(row.every((v) => v >= 0)).toBe(true);
      expect(Array.from(row).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    }
  });

  it.each([
    [10, 0.1, 1],
    [10, 0.25, 3],
    [3, 0.5, 2],
  ])('PyTorch sparse_ rows=%i sparsity=%f: %i zeros per column', (rows, sparsity, zeros) => {
    const t = initializer(`torch:sparse(sparsity=${sparsity})`)(key, [rows, 40]);
    for (let j = 0; j < 40; j++) {
      let z = 0;
      for (let r = 0; r < rows; r++) if (t.data[r * 40 + j] === 0) z++;
      expect(z).toBe(zeros);
    }
  });

  function gram(data: ArrayLike<number>, rows: number, cols: number, byRows: boolean): number[][] {
    const n = byRows ? rows : cols;
    const len = byRows ? cols : rows;
    const at = (v: number, i: number) => (byRows ? data[v * cols + i] : data[i * cols + v]);
    return Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => {
      let s = 0;
      for (let i = 0; i < len; i++) s += at(a, i) * at(b, i);
      return s;
    }));
  }
  const expectScaledIdentity = (g: number[][], s: number, digits = 6) =>
    g.forEach((row, a) => row.forEach((v, b) => expect(v).toBeCloseTo(a === b ? s : 0, digits)));

  it.each(['torch:orthogonal(gain=2)', 'keras:orthogonal(gain=2)', 'jax:orthogonal(scale=2)', 'tfjs:orthogonal(gain=2)', 'orthogonal(gain=2)'])('%s on [3,5]: W·Wᵀ = gain²·I', (spec) => {
    const t = initializer(spec)(key, [3, 5], { dtype: 'float64' });
    expectScaledIdentity(gram(t.data, 3, 5, true), 4, 12);
  });

  it('orthogonal [64,32,3,3] (PyTorch): 64 orthonormal rows of length 288; Keras [3,3,32,64]: 64 orthonormal columns', () => {
    const pt = initializer('torch:orthogonal')(key, PT);
    expectScaledIdentity(gram(pt.data, 64, 288, true), 1);
    const k = initializer('keras:orthogonal')(key, KS);
    expectScaledIdentity(gram(k.data, 288, 64, false), 1);
    // initlab's orthogonal follows the layout: output vectors orthonormal in both.
    expectScaledIdentity(gram(initializer('orthogonal')(key, KS, { layout: 'io' }).data, 288, 64, false), 1);
  });

  it('orthogonal on a tall matrix has orthonormal columns', () => {
    const t = initializer('torch:orthogonal')(key, [50, 7], { dtype: 'float64' });
    expectScaledIdentity(gram(t.data, 50, 7, false), 1, 12);
  });
});

describe('reference §8.6: edge behaviours', () => {
  it('PyTorch kaiming has no fan_avg', () => {
    expect(() => initializer('torch:kaiming_normal(mode=fan_avg)')).toThrow(/mode="fan_avg", expected one of "fan_in", "fan_out"/);
  });

  it('Keras VarianceScaling: scale 0 is an error; "normal" means truncated_normal', () => {
    expect(() => initializer('keras:variance_scaling(scale=0)')).toThrow(/scale=0, expected a number > 0/);
    expect(initializer('keras:variance_scaling(distribution=normal)').spec).toMatchObject({ distribution: 'truncated_normal' });
  });

  it("TF.js VarianceScaling 'truncatedNormal' samples uniform (reproduced); leCunNormal variance is 0.7737/fan_in", () => {
    expect(initializer("tfjs:varianceScaling(distribution='truncatedNormal')").plan([100, 100]).law?.kind).toBe('uniform');
    const t = initializer('tfjs:leCunNormal')(key, [400, 500]);
    const s = summarize(t.data);
    expect(s.variance * 400).toBeCloseTo(0.7737, 2);
  });

  it('JAX variance_scaling on a rank-1 shape: error with default axes; in=out=0 gives fans (1, 1)', () => {
    expect(() => initializer('jax:lecun_normal').plan([5])).toThrow(/in_axis|inAxis|at least 2D/i);
    const plan = initializer('jax:lecun_normal(in_axis=0, out_axis=0)').plan([5]);
    expect(plan.fans).toMatchObject({ fanIn: 1, fanOut: 1 });
  });

  it('framework names refuse a layout they would ignore', () => {
    expect(() => initializer('torch:kaiming_normal').plan(PT, { layout: 'io' })).toThrow(/layout="io", expected no layout for torch:kaimingNormal/);
  });

  it('zero-size and absurd shapes are errors, not no-ops', () => {
    expect(() => initializer('he_normal').plan([0, 3])).toThrow(/shape=\[0,3\], expected positive integer sizes \(dimension 0 is 0\)/);
    expect(() => initializer('he_normal').plan([1e6, 1e6])).toThrow(/at most 2147483647 elements/);
    expect(() => initializer('orthogonal').plan([5])).toThrow(/at least 2 dimensions/);
  });
});

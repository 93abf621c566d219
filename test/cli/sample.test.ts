import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHAPE } from '../../src/cli/sample.js';
import { KS_MAX } from '../../src/cli/measure.js';
import { KS_MEANING } from '../../src/cli/sampleReport.js';
import { VERSION } from '../../src/cli/version.js';
import { initializer } from '../../src/init/initializer.js';
import { decodeSafetensors, readTensors } from '../../src/io/index.js';
import { foldIn, keyFromSeed } from '../../src/random/key.js';
import type { DType, Tensor } from '../../src/tensor.js';
import { cli, cliJson, scratch } from './cli.js';

const { fresh } = scratch('initlab-cli-');

/** The tensor `initlab sample spec --shape ... --seed --name` must produce, by the documented key rule. */
function expected(spec: string, shape: number[], seed = 0, name = 'weight', dtype: DType = 'float32'): Tensor {
  return initializer(spec)(foldIn(keyFromSeed(seed), name), shape, { dtype });
}

describe('initlab sample: the report', () => {
  it('kaiming_normal(mode=fan_out, nonlinearity=relu) on 64,32,3,3: fans, law, std, stats, KS', async () => {
    const { code, stdout, stderr } = await cli('sample', 'kaiming_normal(mode=fan_out, nonlinearity=relu)', '--shape', '64,32,3,3');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^initializer +initlab:heNormal$/m);
    expect(stdout).toMatch(/^spec +he_normal\(mode=fan_out\)$/m);
    expect(stdout).toMatch(/^tensor +"weight" \[64, 32, 3, 3\], float32, 18432 elements$/m);
    expect(stdout).toMatch(/^key +foldIn\(keyFromSeed\(0\), "weight"\) = 0x[0-9a-f]{16}$/m);
    expect(stdout).toMatch(/^fans +fan_in 288, fan_out 576, receptive 9$/m);
    expect(stdout).toMatch(/^fan rule +oi: \[out, in\/groups, \.\.\.kernel\]/m);
    expect(stdout).toMatch(/^details +mode fan_out, n 576, .*gain 1\.4142135623731/m);
    expect(stdout).toMatch(/^law +N\(0, 0\.0589256²\)$/m);
    expect(stdout).toMatch(/^std +0\.0589255650988790$/m);
    expect(stdout).toMatch(/^ +measured +expected$/m);
    for (const row of ['mean', 'std', 'min', 'max']) expect(stdout).toMatch(new RegExp(`^${row} +-?[0-9.e-]+ +(-?[0-9.e-]+|-?inf)$`, 'm'));
    expect(stdout).toMatch(/^min +-?[0-9.]+ +-inf$/m);
    expect(stdout).toMatch(/^KS p-value +p = [0-9.e-]+ \(D = [0-9.e-]+ over all 18432 elements\)$/m);
  });

  it('keras:he_normal on 3,3,32,64: the truncated law, its stddev parameter and its bounds', async () => {
    const { code, stdout } = await cli('sample', 'keras:he_normal', '--shape', '3,3,32,64');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^initializer +keras:heNormal$/m);
    expect(stdout).toMatch(/^fans +fan_in 288, fan_out 576, receptive 9$/m);
    expect(stdout).toMatch(/^fan rule +the rule of Keras 3 keras\.initializers \(see initlab fans\)$/m);
    expect(stdout).toMatch(/^std +0\.0947372695282130 \(before truncation\)$/m);
    expect(stdout).toMatch(/^bounds +\[-0\.189474539056426, 0\.189474539056426\] \(-2σ to 2σ\)$/m);
    expect(stdout).toMatch(/truncationFactor 0\.87962566103/);
  });

  it('with no spec: kaiming_normal on the default shape 256,784 (the main job)', async () => {
    const json = await cliJson('sample');
    expect(json.initializer).toBe('initlab:heNormal');
    expect(json.shape).toEqual([...DEFAULT_SHAPE]);
    expect(json.fans).toEqual({ fanIn: 784, fanOut: 256, receptive: 1 });
  });

  it('--json: one object with every field of the text report', async () => {
    const json = await cliJson('sample', 'kaiming_normal(mode=fan_out, nonlinearity=relu)', '--shape', '64,32,3,3', '--seed', '7', '--name', 'conv1.weight');
    for (const field of ['initializer', 'spec', 'specString', 'formula', 'name', 'shape', 'dtype', 'seed', 'key', 'layout', 'fans', 'fanRule', 'details', 'law', 'lawText', 'expected', 'measured', 'ks', 'out']) {
      expect(json).toHaveProperty(field);
    }
    expect(json.spec).toEqual({ name: 'heNormal', nonlinearity: 'relu', param: null, gain: null, mode: 'fan_out' });
    expect(json.specString).toBe('he_normal(mode=fan_out)');
    expect(json).toMatchObject({ name: 'conv1.weight', shape: [64, 32, 3, 3], dtype: 'float32', seed: 7, out: null });
    expect(json.fans).toEqual({ fanIn: 288, fanOut: 576, receptive: 9 });
    expect(json.law.kind).toBe('normal');
    expect(json.law.std).toBeCloseTo(Math.SQRT2 / 24, 14);
    expect(json.expected).toEqual({ mean: 0, std: json.law.std, min: null, max: null }); // ±Infinity -> null
    expect(json.measured.n).toBe(18432);
    expect(Math.abs(json.measured.std / json.expected.std - 1)).toBeLessThan(0.03);
    expect(json.ks.n).toBe(18432);
    expect(json.ks.of).toBe(18432);
    expect(json.ks.pValue).toBeGreaterThan(1e-3);
  });

  it.each([
    ['kaiming_normal', '256,784'],
    ['kaiming_uniform(mode=fan_out)', '64,32,3,3'],
    ['keras:he_normal', '3,3,32,64'],
    ['torch:trunc_normal(std=0.02)', '512,512'],
    ['jax:variance_scaling(1, fan_avg, truncated_normal)', '300,400'],
  ])('KS p-value > 1e-3 for %s (seed 0)', async (spec, shape) => {
    const json = await cliJson('sample', spec, '--shape', shape);
    expect(json.ks.pValue).toBeGreaterThan(1e-3);
  });

  it('the KS p-value comes with what it means, in the text and in the JSON; none without a test', async () => {
    const { stdout } = await cli('sample', 'normal', '--shape', '100');
    const lines = stdout.trimEnd().split('\n');
    const at = lines.findIndex((l) => l.startsWith('KS p-value'));
    expect(lines.slice(at + 1, at + 1 + KS_MEANING.length).map((l) => l.trim())).toEqual([...KS_MEANING]);
    expect((await cliJson('sample', 'normal', '--shape', '100')).ks.meaning).toBe(KS_MEANING.join(' '));
    expect((await cli('sample', 'zeros', '--shape', '100')).stdout).not.toContain(KS_MEANING[0]);
  });

  it('KS runs on at most 1e6 evenly strided elements and says so; the stats use every element', async () => {
    const { stdout } = await cli('sample', 'uniform', '--shape', '1001,1000');
    expect(stdout).toContain(`over ${KS_MAX} of the 1001000 elements, evenly strided`);
    const json = await cliJson('sample', 'uniform', '--shape', '1001,1000');
    expect(json.ks).toMatchObject({ n: KS_MAX, of: 1001000 });
    expect(json.measured.n).toBe(1001000);
  });

  it('structured initializers and point masses have no KS test, and say why', async () => {
    const orthogonal = await cli('sample', 'orthogonal', '--shape', '8,16');
    expect(orthogonal.code).toBe(0);
    expect(orthogonal.stdout).toMatch(/^KS p-value +n\/a \(structured initializer\)$/m);
    expect(orthogonal.stdout).toMatch(/^law +structured: Haar-random orthogonal/m);
    const json = await cliJson('sample', 'orthogonal', '--shape', '8,16');
    expect(json).toMatchObject({ law: null, ks: null, ksSkipped: 'structured initializer', fans: null });
    expect(json.expected.std).toBeCloseTo(1 / 4, 14);
    const zeros = await cli('sample', 'zeros', '--shape', '4,4');
    expect(zeros.stdout).toMatch(/^KS p-value +n\/a \(point mass/m);
  });

  it('--framework picks the namespace of an unprefixed spec; layout options reach initlab names', async () => {
    const torch = await cliJson('sample', 'kaiming_normal', '--framework', 'torch', '--shape', '32,1,3,3');
    expect(torch.initializer).toBe('torch:kaimingNormal');
    expect(torch.fans).toEqual({ fanIn: 9, fanOut: 288, receptive: 9 });
    const depthwise = await cliJson('sample', 'kaiming_normal', '--shape', '32,1,3,3', '--groups', '32');
    expect(depthwise.fans).toEqual({ fanIn: 9, fanOut: 9, receptive: 9 });
    expect(depthwise.layout).toEqual({ groups: 32 });
    const experts = await cliJson('sample', 'kaiming_normal', '--shape', '4,16,32', '--layout', 'io', '--batch-axes', '0');
    expect(experts.fans).toEqual({ fanIn: 16, fanOut: 32, receptive: 1 });
    const axes = await cliJson('sample', 'glorot_uniform', '--shape', '768,12,64', '--in-axes', '0', '--out-axes', '1,2');
    expect(axes.fans).toEqual({ fanIn: 768, fanOut: 768, receptive: 1 });
  });
});

describe('initlab sample --out', () => {
  it('.npy: the file holds exactly the in-memory tensor', async () => {
    const path = join(fresh(), 'w.npy');
    const { code, stdout } = await cli('sample', 'kaiming_uniform', '--shape', '16,8', '--seed', '3', '--out', path);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^wrote +\S+w\.npy$/);
    expect(readTensors(path)).toEqual({ w: expected('kaiming_uniform', [16, 8], 3) });
  });

  it('.safetensors, float64: the tensor under its name, with spec, seed and version metadata', async () => {
    const path = join(fresh(), 'model.safetensors');
    const json = await cliJson('sample', 'torch:xavier_normal(gain=2)', '--shape', '6,5', '--seed', '11', '--name', 'fc.weight', '--dtype', 'float64', '--out', path);
    expect(json.out).toBe(path);
    expect(json.tensorsInFile).toEqual(['fc.weight']);
    const { tensors, metadata } = decodeSafetensors(readFileSync(path));
    expect(tensors).toEqual({ 'fc.weight': expected('torch:xavier_normal(gain=2)', [6, 5], 11, 'fc.weight', 'float64') });
    expect(metadata).toEqual({ 'initlab.version': VERSION, 'fc.weight.spec': 'torch:xavier_normal(gain=2)', 'fc.weight.seed': '11' });
  });

  it('two calls into one .safetensors file keep both tensors; a third replaces one by name', async () => {
    const path = join(fresh(), 'layer.safetensors');
    expect((await cli('sample', 'kaiming_normal', '--shape', '8,4', '--name', 'weight', '--out', path)).code).toBe(0);
    const second = await cli('sample', 'torch:default_bias(fan_in=4)', '--shape', '8', '--name', 'bias', '--out', path);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\(holds weight, bias\)$/m);
    expect(readTensors(path)).toEqual({
      weight: expected('kaiming_normal', [8, 4]),
      bias: expected('torch:default_bias(fan_in=4)', [8], 0, 'bias'),
    });
    expect((await cli('sample', 'zeros', '--shape', '8', '--name', 'bias', '--out', path)).code).toBe(0);
    const { tensors, metadata } = decodeSafetensors(readFileSync(path));
    expect(tensors.weight).toEqual(expected('kaiming_normal', [8, 4]));
    expect(tensors.bias.data).toEqual(new Float32Array(8));
    expect(metadata).toMatchObject({ 'weight.spec': 'he_normal', 'bias.spec': 'zeros' });
  });

  it('is deterministic: the same seed and name give the same bytes, another seed or name other bytes', async () => {
    const dir = fresh();
    const write = async (file: string, ...extra: string[]) => {
      expect((await cli('sample', '--shape', '32,16', '--out', join(dir, file), ...extra)).code).toBe(0);
      return readFileSync(join(dir, file));
    };
    const a = await write('a.npy', '--seed', '5');
    const b = await write('b.npy', '--seed', '5');
    const c = await write('c.npy', '--seed', '6');
    const d = await write('d.npy', '--seed', '5', '--name', 'other');
    expect(b.equals(a)).toBe(true);
    expect(c.equals(a)).toBe(false);
    expect(d.equals(a)).toBe(false);
  });

  it('refuses to add a tensor to a file that is not a valid .safetensors file, and leaves it alone', async () => {
    const path = join(fresh(), 'broken.safetensors');
    writeFileSync(path, 'not a safetensors file');
    const { code, stderr } = await cli('sample', '--shape', '4,4', '--out', path);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^initlab: error: --out=".*broken\.safetensors", expected a valid \.safetensors file to add the tensor to, or a new path \(file=/);
    expect(readFileSync(path, 'utf8')).toBe('not a safetensors file');
  });
});

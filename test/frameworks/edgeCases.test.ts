/**
 * Degenerate and invalid inputs, each held against what the framework's own source does: where it
 * returns a well-defined tensor, initlab returns that tensor with a note; where it silently
 * accepts nonsense or raises, initlab refuses with an error that says what the framework would do.
 */
import { describe, expect, it } from 'vitest';
import { initializer } from '../../src/init/initializer.js';
import { keyFromSeed } from '../../src/random/key.js';
import { cli } from '../cli/cli.js';

const key = keyFromSeed(3);
const draw = (spec: string, shape: number[]) => Array.from(initializer(spec)(key, shape).data);
const notes = (spec: string, shape: number[]) => initializer(spec).plan(shape).notes;
const error = (spec: string, shape: number[]) => () => initializer(spec)(key, shape);

describe('a well-defined tensor from a degenerate input, with a note', () => {
  it('torch uniform_(1, 1) and trunc_normal_(a=1, b=1) fill every element with 1', () => {
    expect(draw('torch:uniform(a=1, b=1)', [3, 4])).toEqual(new Array(12).fill(1));
    expect(draw('torch:trunc_normal(mean=5, a=1, b=1)', [3, 4])).toEqual(new Array(12).fill(1));
    expect(notes('torch:uniform(a=1, b=1)', [3, 4])).toEqual(['a = b = 1: PyTorch fills every element with 1']);
    expect(initializer('torch:uniform(a=1, b=1)').plan([3, 4]).expected).toMatchObject({ mean: 1, std: 0 });
    // Bounds the wrong way round are still refused, as PyTorch refuses them.
    expect(error('torch:uniform(a=2, b=1)', [3])).toThrow(/^b=1, expected a number >= a=2$/);
  });
  it('torch sparse_(sparsity=1.5) zeros every column; a negative sparsity is refused, saying what PyTorch would do', () => {
    expect(draw('torch:sparse(sparsity=1.5)', [5, 4])).toEqual(new Array(20).fill(0));
    expect(notes('torch:sparse(sparsity=1.5)', [5, 4])[0]).toMatch(/^sparsity=1.5 > 1: PyTorch zeros .* every element is 0$/);
    expect(initializer('torch:sparse(sparsity=1.5)').plan([5, 4]).expected).toMatchObject({ mean: 0, std: 0, min: 0, max: 0 });
    expect(error('torch:sparse(sparsity=-0.5)', [5, 4])).toThrow(/^sparsity=-0.5, expected a number >= 0 \(PyTorch zeros randperm\(rows\)\[:ceil\(sparsity·rows\)\], so a negative sparsity would zero all but/);
    // initlab's own name keeps sparsity a fraction.
    expect(error('sparse(sparsity=1.5)', [5, 4])).toThrow(/^sparsity=1.5, expected a number in \[0, 1\]$/);
  });
  it('Keras and PyTorch return an empty tensor for a shape with a 0 dimension (PyTorch warns)', () => {
    for (const [spec, shape] of [['keras:he_normal', [0, 4]], ['torch:kaiming_normal', [4, 0]], ['torch:normal', [0]], ['keras:orthogonal', [3, 0]]] as const) {
      const t = initializer(spec)(key, [...shape]);
      expect(t.shape).toEqual(shape);
      expect(t.data.length).toBe(0);
    }
    expect(notes('torch:kaiming_normal', [4, 0])).toEqual(['shape [4,0] has no elements: PyTorch returns it unchanged (kaiming_uniform_ and kaiming_normal_ warn "Initializing zero-element tensors is a no-op")']);
    expect(notes('keras:he_normal', [0, 4])).toEqual(['shape [0,4] has no elements: Keras returns an empty tensor']);
    expect(initializer('torch:kaiming_normal').plan([4, 0]).law).toBeUndefined();
    // The other namespaces keep refusing it.
    expect(error('he_normal', [0, 4])).toThrow(/^shape=\[0,4\], expected positive integer sizes \(dimension 0 is 0\)$/);
    expect(error('keras:he_normal', [-1, 4])).toThrow(/^shape=\[-1,4\], expected non-negative integer sizes/);
  });
  it('Keras TruncatedNormal(stddev=0) is every element the mean', () => {
    expect(draw('keras:truncated_normal(mean=3, stddev=0)', [2, 3])).toEqual(new Array(6).fill(3));
    expect(notes('keras:truncated_normal(mean=3, stddev=0)', [2, 3])).toHaveLength(1);
  });
  it('torch linear_bias with fan_in 0 is zeros (bound 0), with a note', () => {
    expect(draw('torch:linear_bias(fan_in=0)', [5])).toEqual(new Array(5).fill(0));
    expect(notes('torch:linear_bias(fan_in=0)', [5])).toEqual(['fan_in = 0: nn.Linear uses bound 0, so the bias is all zeros']);
  });
  it('no notes for ordinary inputs', () => {
    for (const spec of ['torch:uniform', 'torch:sparse(sparsity=0.5)', 'keras:truncated_normal', 'tfjs:random_uniform', 'he_normal']) expect(notes(spec, [4, 4])).toEqual([]);
  });
});

describe('what the framework accepts silently or rejects, refused with what it would do', () => {
  it('Keras random_normal(stddev=-1): Keras flips the sign of every draw', () => {
    expect(error('keras:random_normal(stddev=-1)', [4])).toThrow(/^stddev=-1, expected a number >= 0 \(Keras itself accepts a negative stddev .* sign of every draw flipped\)$/);
    expect(error('keras:truncated_normal(stddev=-1)', [4])).toThrow(/Keras itself accepts a negative stddev/);
  });
  it('TF.js reads an explicit 0 as unset: honoured with a note, and said in the error where the bounds are refused', () => {
    expect(draw('tfjs:random_normal(stddev=0)', [4])).toEqual([0, 0, 0, 0]);
    expect(notes('tfjs:random_normal(stddev=0)', [4])).toEqual(['TF.js itself reads an explicit 0 as unset (`||` defaults) and would use stddev=0.05; initlab uses the 0 given']);
    expect(notes('tfjs:random_uniform(minval=0, maxval=1)', [4])).toEqual(['TF.js itself reads an explicit 0 as unset (`||` defaults) and would use minval=-0.05; initlab uses the 0 given']);
    expect(Math.min(...draw('tfjs:random_uniform(minval=0, maxval=1)', [1000]))).toBeGreaterThanOrEqual(0);
    expect(error('tfjs:random_uniform(minval=0, maxval=0)', [4])).toThrow(/^maxval=0, expected a number above minval=0 \(TF.js itself reads an explicit 0 as unset \(`\|\|` defaults\) and would use minval=-0.05, maxval=0.05\)$/);
    expect(error('tfjs:truncated_normal(stddev=0)', [4])).toThrow(/^stddev=0, expected a number > 0 \(TF.js itself turns an explicit 0 into the default 0.05 through `\|\|`\)$/);
    expect(error('tfjs:truncated_normal(stddev=-1)', [4])).toThrow(/TF.js itself never returns/);
  });
  it('Keras VarianceScaling: mode is matched exactly (only distribution is lower-cased)', () => {
    expect(error('keras:variance_scaling(mode=FAN_IN)', [4, 4])).toThrow(/^mode="FAN_IN", expected one of "fan_in", "fan_out", "fan_avg" .*\(Keras raises "Invalid `mode` argument" for any other spelling\)$/);
    expect(initializer('keras:variance_scaling(mode=fan_out, distribution=UNIFORM)').spec).toMatchObject({ mode: 'fan_out', distribution: 'uniform' });
    // PyTorch does lower-case its mode.
    expect(initializer('torch:kaiming_normal(mode=FAN_OUT)').spec).toMatchObject({ mode: 'fan_out' });
  });
  it('Caffe variance_norm is a protobuf enum: names are case-sensitive', () => {
    expect(error('caffe:xavier(variance_norm=average)', [4, 4])).toThrow(/^varianceNorm="average", expected one of "FAN_IN", "FAN_OUT", "AVERAGE" .*\(Caffe reads variance_norm as a protobuf enum, whose names are case-sensitive/);
    expect(initializer('caffe:xavier(variance_norm=AVERAGE)').plan([4, 6]).details).toMatchObject({ mode: 'fan_avg' });
  });
  it('JAX delta_orthogonal: column_axis must index the in×out matrix; every valid one gives the same law', () => {
    expect(error('jax:delta_orthogonal(column_axis=5)', [3, 3, 4])).toThrow(/^columnAxis=5, expected an integer in \[-2, 1\] \(JAX indexes .* raises IndexError\)$/);
    expect(error('jax:delta_orthogonal(column_axis=-3)', [3, 3, 4])).toThrow(/columnAxis=-3/);
    for (const axis of [-2, -1, 0, 1]) expect(draw(`jax:delta_orthogonal(column_axis=${axis})`, [3, 3, 4]).length).toBe(36);
  });
  it('torch conv_bias with fan_in 0: PyTorch leaves the bias uninitialised, so it is refused, pointing to linear_bias', () => {
    expect(error('torch:conv_bias(fan_in=0)', [4])).toThrow(/^fanIn=0, expected an integer >= 1 \(with fan_in = 0, nn.Conv\*d skips the bias and leaves whatever torch.empty held/);
    expect(initializer('torch:conv_bias(fan_in=9)').plan([4]).law).toEqual({ kind: 'uniform', low: -1 / 3, high: 1 / 3 });
  });
});

describe('the CLI prints the notes on stderr', () => {
  it('sample torch:uniform(a=1, b=1): ones, and one note', async () => {
    const run = await cli('sample', 'torch:uniform(a=1, b=1)', '--shape', '3,4', '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('initlab: note: a = b = 1: PyTorch fills every element with 1\n');
    expect(JSON.parse(run.stdout).measured).toMatchObject({ mean: 1, std: 0, min: 1, max: 1 });
  });
});

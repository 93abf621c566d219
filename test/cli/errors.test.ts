/**
 * Every bad input of the list, end to end: exit code 2, nothing on stdout, and exactly one
 * line on stderr, `initlab: error: <argument>=<value>, expected ...`, never a stack trace.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratch } from './cli.js';

const { fresh } = scratch('initlab-cli-errors-');

/** [what, argv, text the one line must contain or match (naming the argument and the value)] */
const CASES: [string, string[], string | RegExp][] = [
  ['non-integer shape', ['sample', '--shape', '64,3.5'], '--shape="64,3.5", expected positive integers'],
  ['non-numeric shape', ['sample', '--shape', '64,x'], '--shape="64,x", expected positive integers'],
  ['negative shape', ['sample', '--shape', '64,-3'], '--shape="64,-3", expected positive integers separated by commas, e.g. 64,32,3,3 (dimension 1 is negative)'],
  ['zero-size shape', ['sample', '--shape', '64,0'], '--shape="64,0", expected positive integers separated by commas, e.g. 64,32,3,3 (dimension 1 is 0'],
  ['absurd shape', ['sample', '--shape', '100000,100000'], '--shape="100000,100000", expected at most 2147483647 elements'],
  ['too few dimensions', ['sample', 'orthogonal', '--shape', '5'], 'shape=[5], expected at least 2 dimensions (got 1)'],
  ['too few dimensions for fans', ['sample', 'torch:kaiming_normal', '--shape', '5'], 'shape=[5], expected at least 2 dimensions'],
  ['negative std', ['sample', 'normal(std=-1)', '--shape', '4'], 'std=-1, expected a number >= 0'],
  ['negative scale', ['sample', 'variance_scaling(scale=-2)', '--shape', '4,4'], 'scale=-2, expected a number >= 0'],
  ['a > b', ['sample', 'torch:uniform(a=2, b=1)', '--shape', '4'], 'b=1, expected a number >= a=2'],
  ['NaN parameter', ['sample', 'normal(std=NaN)', '--shape', '4'], 'std="NaN", expected a finite number'],
  ['Infinity parameter', ['sample', 'normal(mean=Infinity)', '--shape', '4'], 'mean=Infinity, expected a finite number'],
  ['NaN --param', ['gain', 'leaky_relu', '--param', 'NaN'], '--param="NaN", expected a finite decimal number'],
  ['Infinity --param', ['gain', 'leaky_relu', '--param', 'Infinity'], '--param="Infinity", expected a finite decimal number'],
  ['unknown nonlinearity (PyTorch)', ['sample', 'torch:kaiming_normal(nonlinearity=gelu)', '--shape', '4,4'], 'nonlinearity="gelu", expected one of "linear"'],
  ['unknown nonlinearity (initlab)', ['sample', 'kaiming_normal(nonlinearity=foo)', '--shape', '4,4'], '="foo", expected one of "identity"'],
  ['unknown mode', ['sample', 'kaiming_normal(mode=fan_sum)', '--shape', '4,4'], 'mode="fan_sum", expected one of "fan_in", "fan_out", "fan_avg", "fan_geo_avg" (did you mean "fan_out"?)'],
  ['unknown distribution', ['sample', 'variance_scaling(distribution=cauchy)', '--shape', '4,4'], 'distribution="cauchy", expected one of "uniform", "normal", "truncated_normal"'],
  ['unknown framework option', ['sample', '--framework', 'pytorch'], '--framework="pytorch", expected one of "initlab", "torch", "keras", "tfjs", "jax", "caffe" (did you mean "torch"?)'],
  ['unknown framework prefix', ['sample', 'mxnet:he_normal', '--shape', '4,4'], 'framework="mxnet", expected one of'],
  ['conflicting frameworks', ['sample', 'keras:he_normal', '--framework', 'torch'], 'framework="torch", expected the framework named in "keras:he_normal" (keras)'],
  ['malformed spec', ['sample', 'kaiming_normal(mode=', '--shape', '4,4'], 'spec="kaiming_normal(mode=", expected a name at the end'],
  ['unclosed spec', ['sample', 'kaiming_normal(mode=fan_out', '--shape', '4,4'], 'spec="kaiming_normal(mode=fan_out", expected'],
  ['unknown parameter', ['sample', 'kaiming_normal(mdoe=fan_out)', '--shape', '4,4'], 'initlab:heNormal.mdoe="fan_out", expected a known parameter'],
  ['unknown initializer', ['sample', 'kaiming_norml', '--framework', 'torch'], /name="kaiming_norml", expected an initializer of torch \(did you mean [^)]*"kaiming_normal"/],
  ['groups that do not divide (dirac)', ['sample', 'dirac(groups=3)', '--shape', '4,2,3,3'], 'groups=3, expected a divisor of the output channels'],
  ['groups that do not divide (--groups)', ['sample', '--groups', '3', '--shape', '4,2,3,3'], 'groups=3, expected a divisor of 4'],
  ['layout for a framework name', ['sample', 'keras:he_normal', '--layout', 'io', '--shape', '3,3'], 'layout="io", expected no layout for keras:heNormal'],
  ['bad seed', ['sample', '--seed', '-1'], '--seed="-1", expected an integer in [0, 9007199254740991]'],
  ['repeated option', ['sample', '--seed', '1', '--seed', '2'], '--seed="2", expected --seed given once'],
  ['bad dtype', ['sample', '--dtype', 'float16'], '--dtype="float16", expected one of "float32", "float64"'],
  ['bad --out extension', ['sample', '--out', 'w.txt'], '--out="w.txt", expected a file path ending in .npy, .safetensors'],
  ['unknown option', ['sample', '--foo'], "unknown option '--foo'"],
  ['mistyped option', ['fans', '--shape', '4,4', '--layuot', 'io'], "unknown option '--layuot' (Did you mean --layout?)"],
  ['extra positional argument', ['sample', 'zeros', 'ones'], "too many arguments for 'sample'. Expected 1 argument but got 2."],
  ['unknown command', ['smaple'], "unknown command 'smaple' (Did you mean sample?)"],
  ['missing --shape for fans', ['fans'], "required option '--shape <dims>' not specified"],
  ['bad layout', ['fans', '--shape', '4,4', '--layout', 'hwio'], '--layout="hwio", expected one of'],
  ['overlapping axes', ['fans', '--shape', '4,4', '--in-axes', '0', '--out-axes', '0'], 'outAxes=0, expected axes not already in inAxes'],
  ['unknown activation', ['gain', 'gelux'], 'activation="gelux", expected one of'],
  ['no activation', ['gain'], "missing required argument 'activation': one of identity, tanh"],
  ['parameter an activation does not take', ['gain', 'relu', '--param', '0.3'], 'param=0.3, expected undefined ("relu" takes no parameter)'],
  ['--table with an activation', ['gain', 'relu', '--table'], 'activation="relu", expected no activation with --table'],
  ['list of an unknown framework', ['list', '--framework', 'mxnet'], '--framework="mxnet", expected one of'],
];

describe('bad input: exit code 2 and one line naming the argument', () => {
  it.each(CASES)('%s', async (_what, argv, text) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.startsWith('initlab: error: ')).toBe(true);
    if (typeof text === 'string') expect(stderr).toContain(text);
    else expect(stderr).toMatch(text);
    expect(code).toBe(2);
  });

  it('an --out path in a directory that does not exist', async () => {
    const path = join(fresh(), 'missing', 'w.npy');
    const { code, stdout, stderr } = await cli('sample', '--shape', '4,4', '--out', path);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`initlab: error: --out=${JSON.stringify(path)}, expected a writable file path (directory ${join(path, '..')} does not exist)\n`);
  });

  it('an --out path that is a directory', async () => {
    const dir = join(fresh(), 'w.safetensors');
    await import('node:fs').then((fs) => fs.mkdirSync(dir));
    const { code, stderr } = await cli('sample', '--shape', '4,4', '--out', dir);
    expect(code).toBe(2);
    expect(stderr).toBe(`initlab: error: --out=${JSON.stringify(dir)}, expected a writable file path (${dir} is a directory)\n`);
  });
});

import { describe, expect, it } from 'vitest';
import { cli, cliJson } from './cli.js';

describe('initlab fans', () => {
  it('a depthwise conv: semantic fans (9, 9) beside each framework rule', async () => {
    const { code, stdout } = await cli('fans', '--shape', '32,1,3,3', '--groups', '32');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^shape +\[32, 1, 3, 3\]$/m);
    expect(stdout).toMatch(/^rule +oi: \[out, in\/groups, \.\.\.kernel\].*; groups 32$/m);
    expect(stdout).toMatch(/^ +fan_in +fan_out +receptive$/m);
    expect(stdout).toMatch(/^initlab +9 +9 +9$/m);
    expect(stdout).toMatch(/^torch +9 +288 +9$/m);
    expect(stdout).toMatch(/^keras +96 +96 +32$/m);
    expect(stdout).toMatch(/^caffe +9 +288 +9$/m);
  });

  it('experts [8, 512, 2048] with --layout io --batch-axes 0 (reference §8: 512, 2048)', async () => {
    const json = await cliJson('fans', '--shape', '8,512,2048', '--layout', 'io', '--batch-axes', '0');
    expect(json.layout).toEqual({ layout: 'io', batchAxes: 0 });
    expect(json.semantic).toMatchObject({ framework: 'initlab', fans: { fanIn: 512, fanOut: 2048, receptive: 1 } });
    expect(json.frameworks.map((r: { framework: string }) => r.framework)).toEqual(['torch', 'keras', 'tfjs', 'jax', 'caffe']);
    expect(json.frameworks[0].fans).toEqual({ fanIn: 1048576, fanOut: 16384, receptive: 2048 });
  });

  it('explicit axes: an attention kernel [768, 12, 64] with in 0, out 1,2', async () => {
    const json = await cliJson('fans', '--shape', '768,12,64', '--in-axes', '0', '--out-axes', '1,2');
    expect(json.rule).toBe('explicit axes: in 0, out 1,2');
    expect(json.semantic.fans).toEqual({ fanIn: 768, fanOut: 768, receptive: 1 });
    expect(json.frameworks[1]).toMatchObject({ framework: 'keras', fans: { fanIn: 9216, fanOut: 49152, receptive: 768 } });
  });

  it('a rule that refuses the shape shows "error: ..." in its row; the others still answer', async () => {
    const { code, stdout } = await cli('fans', '--shape', '5');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^initlab +error: shape=\[5\], expected at least 2 dimensions/m);
    expect(stdout).toMatch(/^torch +error: shape=\[5\], expected at least 2 dimensions \(PyTorch/m);
    expect(stdout).toMatch(/^jax +error: shape=\[5\]/m);
    expect(stdout).toMatch(/^keras +5 +5 +5$/m);
    expect(stdout).toMatch(/^tfjs +2\.23606797749979 +2\.23606797749979 +2\.23606797749979$/m);
    expect(stdout).toMatch(/^caffe +1 +5 +1$/m);
    const json = await cliJson('fans', '--shape', '5');
    expect(json.semantic.error).toMatch(/^shape=\[5\]/);
    expect(json.frameworks[0].error).toMatch(/^shape=\[5\]/);
  });
});

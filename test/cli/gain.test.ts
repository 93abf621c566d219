import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES } from '../../src/activations/index.js';
import { CRITERION } from '../../src/cli/gain.js';
import { gainTable } from '../../src/init/gain.js';
import { cli, cliJson } from './cli.js';

describe('initlab gain', () => {
  it('leaky_relu --param 0.2: computed and PyTorch agree (reference §8.4: 1.3867504905630728)', async () => {
    const { code, stdout } = await cli('gain', 'leaky_relu', '--param', '0.2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^activation +leaky_relu \(param 0\.2\)$/m);
    expect(stdout).toMatch(/^computed +1\.38675049056307$/m);
    expect(stdout).toMatch(/^pytorch +1\.38675049056307 +\(torch\.nn\.init\.calculate_gain/m);
    expect(stdout).toMatch(/^criterion +gain = 1\/√E\[φ\(z\)²\] for z ~ N\(0, 1\)/m);
    const json = await cliJson('gain', 'leaky_relu', '--param', '0.2');
    expect(json).toMatchObject({ activation: 'leaky_relu', param: 0.2, torch: 1.3867504905630728, criterion: CRITERION });
    expect(json.computed).toBeCloseTo(1.3867504905630728, 13);
  });

  it('tanh: the computed gain beside PyTorch 5/3', async () => {
    const json = await cliJson('gain', 'tanh');
    expect(json.torch).toBe(5 / 3);
    expect(json.computed).toBeCloseTo(1.5925374197, 9);
    const { stdout } = await cli('gain', 'tanh');
    expect(stdout).toMatch(/^pytorch +1\.66666666666667 /m);
  });

  it('relu, leaky_relu with its default slope, and linear (PyTorch\'s name for the identity)', async () => {
    expect(await cliJson('gain', 'relu')).toMatchObject({ activation: 'relu', param: null, torch: Math.SQRT2 });
    expect((await cliJson('gain', 'leaky_relu')).torch).toBe(1.4141428569978354);
    expect(await cliJson('gain', 'linear')).toMatchObject({ activation: 'identity', torch: 1 });
  });

  it('gelu: computed only, PyTorch has no gain for it', async () => {
    const json = await cliJson('gain', 'gelu');
    expect(json.torch).toBeNull();
    expect(json.computed).toBeGreaterThan(1.5);
    const { stdout } = await cli('gain', 'gelu');
    expect(stdout).toMatch(/^pytorch +n\/a \(calculate_gain has no gelu\)$/m);
  });

  it('--table: every registered activation, as gainTable() gives it', async () => {
    const { code, stdout } = await cli('gain', '--table');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^activation +param +computed +pytorch$/m);
    for (const name of ACTIVATION_NAMES) expect(stdout).toMatch(new RegExp(`^${name} `, 'm'));
    expect(stdout).toMatch(/^tanh +1\.59253741972283 +1\.66666666666667$/m);
    expect(stdout).toMatch(/^gelu +1\.\d+ +-$/m);
    expect(stdout).toContain(CRITERION);
    const json = await cliJson('gain', '--table');
    expect(json.gains).toEqual(gainTable().map((r) => ({ activation: r.activation, param: r.param ?? null, computed: r.computed, torch: r.torch ?? null })));
  });

  it('no activation: a usage error listing the activations, never "activation=undefined"', async () => {
    const { code, stdout, stderr } = await cli('gain');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`initlab: error: missing required argument 'activation': one of ${ACTIVATION_NAMES.join(', ')} (or --table for all of them)\n`);
  });
});

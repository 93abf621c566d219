/** `--memory-limit SIZE` on the commands that run lab networks, on a machine made to have 6 GiB. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { configOf } from '../../src/cli/commands/propagate.js';
import { defaultMemoryLimit, memoryLimit } from '../../src/cli/memory.js';
import { parseSize } from '../../src/cli/size.js';
import { resolveConfig } from '../../src/lab/config.js';
import { runExperiment } from '../../src/lab/experiments/run.js';
import { cli, cliJson, scratch } from './cli.js';

vi.mock('node:os', async (original) => ({ ...(await original<typeof import('node:os')>()), totalmem: () => 6 * 2 ** 30 }));

const GiB = 2 ** 30;

describe('sizes', () => {
  it.each([
    ['1073741824', GiB], ['512MB', 512e6], ['512 mb', 512e6], ['4GiB', 4 * GiB], ['1.5 G', 1.5 * GiB], ['2k', 2048],
    ['100B', 100], ['0.5KB', 500], ['3TiB', 3 * 2 ** 40], ['.5gib', GiB / 2],
  ])('%s is %d bytes', (text, bytes) => expect(parseSize('--memory-limit', text)).toBe(bytes));
  it.each(['lots', '', '-1', '4XB', 'GB', '1e9', '1,5GB', '0', '0.1B'])('%j is refused with the units explained', (text) => {
    expect(() => parseSize('--memory-limit', text)).toThrow(/^--memory-limit=".*", expected a size in bytes, e\.g\. 4GiB, 512MB or 1073741824 \(units B, KB, MB, GB, TB: powers of 1000; KiB, MiB, GiB, TiB or K, M, G, T: powers of 1024\)/);
  });
  it('at most the machine: more than its memory is refused', () => {
    expect(memoryLimit()('6GiB', undefined)).toBe(6 * GiB);
    expect(() => memoryLimit()('7GiB', undefined)).toThrow(/^--memory-limit="7GiB", expected at most this machine's memory, 6\.00 GiB$/);
  });
});

describe('propagate --memory-limit', () => {
  it('defaults to half the machine, and says so in --help', async () => {
    expect(defaultMemoryLimit()).toBe(3 * GiB);
    expect(configOf({}).memoryLimit).toBe(3 * GiB);
    const { stdout } = await cli('propagate', '--help');
    expect(stdout.replace(/\s+/g, ' ')).toContain("--memory-limit <size> bytes a run may hold at once, e.g. 512MB or 4GiB (default: half this machine's memory, 3.00 GiB; float32 runs also fit in the WebAssembly kernels' 3.94 GiB)");
  });
  it('the default admits what the old fixed 2 GiB refused, and refuses beyond it (nothing run)', () => {
    // About 2.9 GiB in float64.
    const options = { depth: 10, width: 1024, batch: 25_000, dtype: 'float64' as const, backward: true };
    expect(resolveConfig(configOf(options)).memoryLimit).toBe(3 * GiB);
    expect(() => resolveConfig(configOf({ ...options, memoryLimit: 2 * GiB }))).toThrow(/the memory limit is 2\.00 GiB \(memoryLimit; --memory-limit on the command line\)/);
  });
  it('a network too large for the limit: one line with the estimate, the limit and the flag', async () => {
    const { code, stdout, stderr } = await cli('propagate', '--depth', '4', '--width', '256', '--batch', '64', '--memory-limit', '100KB');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^initlab: error: batch=64, expected a batch that fits in memory: this network needs about \d+\.?\d* KiB at batch 64 and the memory limit is 97\.7 KiB \(memoryLimit; --memory-limit on the command line\); no batch fits: use narrower layers or a higher limit\n$/);
  });
  it('a limit that fits runs, and the output records it', async () => {
    const r = await cliJson('propagate', '--depth', '2', '--width', '16', '--batch', '8', '--memory-limit', '64MiB');
    expect(r.config.memoryLimit).toBe(64 * 2 ** 20);
  });
  it('a bad size is a usage error naming the option', async () => {
    const { code, stderr } = await cli('propagate', '--depth', '2', '--width', '8', '--memory-limit', 'lots');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^initlab: error: --memory-limit="lots", expected a size in bytes/);
  });
});

describe('experiment --memory-limit', () => {
  const dir = scratch('initlab-memory-');
  const tiny = { depth: 2, width: 8, batch: 4, activation: 'tanh', init: 'glorot_normal' };
  it('replaces every run\'s own limit; the default only fills runs that set none', () => {
    const spec = { name: 'limits', description: '', base: tiny, runs: [{ label: 'own', memoryLimit: 1 }, { label: 'none' }] };
    expect(() => runExperiment(spec)).toThrow(/^limits: own: batch=4, expected a batch that fits in memory: .* the memory limit is 1 B \(/);
    const replaced = runExperiment(spec, { overrides: { memoryLimit: GiB }, defaults: { memoryLimit: 1 } });
    expect(replaced.runs.map((r) => r.result.config.memoryLimit)).toEqual([GiB, GiB]);
    const filled = runExperiment({ ...spec, runs: [{ label: 'own', memoryLimit: GiB / 2 }, { label: 'none' }] }, { defaults: { memoryLimit: GiB } });
    expect(filled.runs.map((r) => r.result.config.memoryLimit)).toEqual([GiB / 2, GiB]);
  });
  it('from the command line, on a file; a training experiment has no use for it', async () => {
    const file = join(dir.fresh(), 'grid.json');
    writeFileSync(file, JSON.stringify({ name: 'limits', description: 'two tiny runs', base: tiny, grid: { activation: ['tanh', 'relu'] } }));
    const ok = await cliJson('experiment', file, '--memory-limit', '1GiB');
    expect(ok.runs.map((r: { result: { config: { memoryLimit: number } } }) => r.result.config.memoryLimit)).toEqual([GiB, GiB]);
    const small = await cli('experiment', file, '--memory-limit', '1KB');
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/^initlab: error: limits: tanh: batch=4, expected a batch that fits in memory: .*the memory limit is 1000 B \(memoryLimit; --memory-limit on the command line\)/);
    const train = await cli('experiment', 'he2015-depth', '--memory-limit', '1GiB');
    expect(train.code).toBe(2);
    expect(train.stderr).toMatch(/^initlab: error: --memory-limit=1073741824, expected nothing for a training experiment/);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { configureKernels, kernelInfo } from '../../src/kernels/index.js';
import { cli, cliJson } from './cli.js';

afterAll(() => void configureKernels());

describe('--backend and --threads (any command)', () => {
  it('choose the kernels, and the bytes do not depend on the choice', async () => {
    const sample = (...options: string[]) => cliJson(...options, 'sample', 'glorot_normal', '--shape', '64,33', '--seed', '3');
    const js = await sample('--backend', 'js');
    expect(kernelInfo()).toMatchObject({ backend: 'js', threads: 1 });
    const wasm2 = await sample('--backend', 'wasm', '--threads', '2');
    expect(kernelInfo()).toMatchObject({ backend: 'wasm', threads: 2 });
    expect(js.measured.n).toBe(64 * 33);
    expect(wasm2.measured).toEqual(js.measured);
    expect(wasm2.ks).toEqual(js.ks);
  });
  it('bad values are one-line errors with exit code 2', async () => {
    const threads = await cli('--threads', '0', 'list');
    expect(threads.code).toBe(2);
    expect(threads.stderr).toMatch(/^initlab: error: --threads="0", expected an integer in \[1, 256\]\n$/);
    const backend = await cli('--backend', 'gpu', 'list');
    expect(backend.code).toBe(2);
    expect(backend.stderr).toMatch(/--backend="gpu", expected one of "auto", "wasm", "js"/);
  });
});

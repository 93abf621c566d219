/** `initlab inspect`: the table, one tensor's detail, --json, and bad input in one line, exit 2. */
import { describe, expect, it } from 'vitest';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { draw, write } from '../inspect/fixtures.js';
import { cli, cliJson, scratch } from './cli.js';

const dir = scratch('initlab-inspect-cli-');
const path = write(dir.fresh(), 'model.safetensors', encodeSafetensors({
  'fc.weight': draw('torch:default_weight', [256, 128], 11),
  'fc.bias': draw('zeros', [256]),
  'emb.weight': draw('normal(std=0.02)', [1000, 64], 11),
}));

describe('initlab inspect', () => {
  it('prints one line per tensor with its best match, then the summary', async () => {
    const { code, stdout, stderr } = await cli('inspect', path);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^tensor\s+shape\s+dtype\s+mean\s+std\s+zeros\s+best match$/);
    expect(lines[1]).toMatch(/^emb\.weight\s+\[1000, 64\]\s+F32\s+\S+\s+0\.0199\d*\s+0\s+normal\(std=0\.02\), p = /);
    expect(lines[2]).toMatch(/^fc\.bias\s+\[256\]\s+F32\s+0\s+0\s+1\s+torch:zeros, p = 1\.00$/);
    expect(lines[3]).toMatch(/^fc\.weight\s+\[256, 128\]\s+F32\s+.*torch:default_weight, p = /);
    expect(lines.slice(-2)).toEqual(['3 tensors in 1 file, 97,024 parameters (F32 388 KB)', '3 of 3 floating-point tensors inspected look freshly initialized (a law matches, nothing flagged); 0 flagged']);
  });

  it('--tensor shows every match, with the other names of each law', async () => {
    const { code, stdout } = await cli('inspect', path, '--tensor', 'fc.weight');
    expect(code).toBe(0);
    expect(stdout).toContain('fc.weight  [256, 128] F32\n');
    expect(stdout).toMatch(/consistent with \(best first\):\n {4}torch:default_weight, p = \S+ {3}U\(-0\.0883883, 0\.0883883\)\n/);
  });

  it('--json: { summary, tensors } with matches best first, specs in string form', async () => {
    const r = await cliJson('inspect', path);
    expect(Object.keys(r)).toEqual(['summary', 'tensors']);
    const fc = r.tensors.find((t: { name: string }) => t.name === 'fc.weight');
    expect(Object.keys(fc)).toEqual(['name', 'shape', 'dtype', 'mean', 'std', 'min', 'max', 'zeroFraction', 'nonFinite', 'matches', 'flags']);
    expect(fc.matches[0]).toMatchObject({ spec: 'torch:default_weight', law: 'U(-0.0883883, 0.0883883)' });
    const ps = fc.matches.map((m: { p: number }) => m.p);
    expect(ps.filter((p: number, i: number) => i > 0 && !fc.matches[i].fitted && p > ps[i - 1])).toEqual([]);
    expect(r.summary).toMatchObject({ tensors: 3, parameters: 97_024, bytesByDtype: { F32: 388_096 }, freshlyInitialized: 3, flagged: 0 });
  });

  it('an unknown tensor name: suggestions, exit 2', async () => {
    const { code, stdout, stderr } = await cli('inspect', path, '--tensor', 'fc.weigth');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`initlab: error: --tensor="fc.weigth", expected a tensor of ${path} (did you mean "fc.weight"?)\n`);
  });

  it('a corrupt file: one line, exit 2', async () => {
    const bad = write(dir.fresh(), 'bad.safetensors', new Uint8Array([200, 0, 0, 0, 0, 0, 0, 0, 0x7b]));
    const { code, stderr } = await cli('inspect', bad);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^initlab: error: file=\{"path":".*bad\.safetensors","header_size":200,"bytes":9\}, expected a complete \.safetensors file \(the header alone needs 208 bytes\)\n$/);
  });
});

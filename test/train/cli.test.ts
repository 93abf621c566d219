import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTensors } from '../../src/io/index.js';
import { cli, cliJson, scratch } from '../cli/cli.js';

const dirs = scratch('initlab-train-');
const small = ['train', '--data', 'blobs', '--depth', '2', '--width', '8', '--updates', '60', '--eval-every', '20', '--lr', '0.1', '--train-size', '90', '--test-size', '30', '--validation-size', '15'];

describe('initlab train', () => {
  it('--json: config, curve (update, loss, testError), final (loss, testError)', async () => {
    const j = await cliJson(...small, '--monitor', '10');
    expect(j.config).toMatchObject({ data: 'blobs', depth: 2, widths: [8, 8], activation: 'tanh', init: 'glorot_uniform', batch: 10, updates: 60, lr: 0.1, loss: 'xent' });
    expect(j.curve.map((p: { update: number }) => p.update)).toEqual([0, 20, 40, 60]);
    for (const p of j.curve) {
      expect(typeof p.loss).toBe('number');
      expect(typeof p.testError).toBe('number');
      expect(p.layers).toHaveLength(3);
    }
    expect(typeof j.final.loss).toBe('number');
    expect(typeof j.final.testError).toBe('number');
    expect(j.final.distinctUnits).toEqual([8, 8]);
  });
  it('text: the curve table and the final line; the same seed gives the same numbers', async () => {
    const a = await cli(...small);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout).toMatch(/^train: blobs .*network 2-8-8-3 \(tanh hidden, linear output\)/);
    expect(a.stdout).toMatch(/^update\s+examples\s+loss\s+test error/m);
    expect(a.stdout).toMatch(/^final \(update 60\): training loss [\d.]+, test error [\d.]+%/m);
    const b = await cli(...small);
    const strip = (s: string) => s.replace(/^time .*$/m, '');
    expect(strip(b.stdout)).toBe(strip(a.stdout));
  });
  it('--init lsuv reports the iterations per layer', async () => {
    const j = await cliJson(...small, '--init', 'lsuv(tol=0.05, batch=90)', '--activation', 'relu');
    expect(j.lsuv).toHaveLength(3);
    for (const l of j.lsuv) expect(Math.abs(l.variance - 1)).toBeLessThan(0.05);
    const t = await cli(...small, '--init', 'lsuv');
    expect(t.stdout).toMatch(/^LSUV: iterations per layer \d+,\d+,\d+;/m);
  });
  it('--save writes every layer\'s weights and biases by name; --report the learning curves', async () => {
    const dir = dirs.fresh();
    const save = join(dir, 'w.safetensors');
    const report = join(dir, 'r.html');
    const r = await cli(...small, '--save', save, '--report', report);
    expect(r.code).toBe(0);
    const t = readTensors(save);
    expect(Object.keys(t).sort()).toEqual(['layer1/bias', 'layer1/weight', 'layer2/bias', 'layer2/weight', 'layer3/bias', 'layer3/weight']);
    expect(t['layer1/weight'].shape).toEqual([2, 8]);
    expect(t['layer3/weight'].shape).toEqual([8, 3]);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).toMatch(/Test error during training/);
  });
  const bad: [string[], RegExp][] = [
    [['--data', 'cifar'], /^initlab: error: --data="cifar", expected one of "shapeset", "mnist", "spirals", "circles", "blobs"\n$/],
    [['--lr', '0,1'], /^initlab: error: --lr="0,1", expected positive learning rates, one or several separated by commas \(e\.g\. 0\.01 or 0\.01,0\.1\)\n$/],
    [['--lr', 'fast'], /^initlab: error: --lr="fast", expected a finite decimal number, e\.g\. 0\.2\n$/],
    [['--updates', '10', '--epochs', '2'], /^initlab: error: --epochs=2, expected not with --updates \(give one of them\)\n$/],
    [['--momentum', '1.5'], /^initlab: error: momentum=1\.5, expected a number in \[0, 1\)\n$/],
    [['--init', 'lsuv(tol=x)'], /^initlab: error: init="lsuv\(tol=x\)", expected lsuv or lsuv\(tol=0\.1, max_iter=10, batch=256\)/],
    [['--save', 'w.npy'], /^initlab: error: --save="w\.npy", expected a \.safetensors path/],
    [['--batch', '0'], /^initlab: error: --batch="0", expected an integer in \[1, 1000000\]\n$/],
    [['--activation', 'tanhh'], /^initlab: error: .*activation="tanhh", expected one of .*did you mean "tanh"/],
  ];
  for (const [args, message] of bad) {
    it(`bad input: ${args.join(' ')}`, async () => {
      const defaults = [['--data', 'blobs'], ['--updates', '5']].filter(([flag]) => !args.includes(flag)).flat();
      const r = await cli('train', ...defaults, ...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    });
  }
});

describe('initlab experiment with training runs', () => {
  it('--list shows the training presets beside the others', async () => {
    const r = await cli('experiment', '--list');
    for (const name of ['table1-shapeset', 'table1-mnist', 'he2015-depth', 'symmetry', 'scale-sweep', 'lsuv']) expect(r.stdout).toMatch(new RegExp(`^${name}\\s+train\\s`, 'm'));
  });
  it('a preset with fewer updates: JSON runs, each with label, config, curve and final', async () => {
    const j = await cliJson('experiment', 'symmetry', '--updates', '300');
    expect(j.name).toBe('symmetry');
    expect(j.runs.map((r: { label: string }) => r.label)).toEqual(['zeros', 'constant 0.1', 'glorot uniform']);
    for (const r of j.runs) {
      expect(r.config.updates).toBe(300);
      expect(r.curve[0]).toHaveProperty('testError');
      expect(r.final).toHaveProperty('loss');
    }
    expect(j.runs.map((r: { final: { distinctUnits: number[] } }) => r.final.distinctUnits)).toEqual([[1, 1, 1], [1, 1, 1], [32, 32, 32]]);
  });
  it('a custom training file, with published values beside the runs and a report', async () => {
    const dir = dirs.fresh();
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify({
      name: 'mine', kind: 'train', description: 'two inits', reference: 'made up',
      base: { data: 'spirals', depth: 2, width: 8, updates: 40, evalEvery: 20, trainSize: 100, testSize: 20, validationSize: 10 },
      runs: [{ label: 'a', init: 'glorot_uniform', paper: 12.5 }, { label: 'b', init: 'he_normal' }],
    }));
    const report = join(dir, 'mine.html');
    const r = await cli('experiment', file, '--report', report);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^a\s+0\.01\s+40\s+\S+\s+\S+%\s+12\.5%/m);
    expect(r.stdout).toMatch(/^paper: made up$/m);
    expect(existsSync(report)).toBe(true);
    expect(readFileSync(report, 'utf8')).toMatch(/weight-gradient std per layer/);
  });
  it('options that do not apply are refused', async () => {
    expect((await cli('experiment', 'symmetry', '--seeds', '2')).stderr).toMatch(/^initlab: error: --seeds=2, expected nothing for a training experiment/);
    expect((await cli('experiment', 'symmetry', '--csv')).stderr).toMatch(/^initlab: error: --csv=true, expected not for a training experiment \(use --json\)\n$/);
    expect((await cli('experiment', 'selu', '--updates', '5')).stderr).toMatch(/^initlab: error: --updates=5, expected nothing for selu/);
  });
});

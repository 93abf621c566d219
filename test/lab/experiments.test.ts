import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/lab/experiments/presets.js';
import { runExperiment } from '../../src/lab/experiments/run.js';
import { checkExperiment, expandRuns, readExperiment } from '../../src/lab/experiments/spec.js';
import { cli } from '../report/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'initlab-exp-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('experiment specs', () => {
  it('a grid expands to every combination, labelled by its values', () => {
    const runs = expandRuns(checkExperiment({ name: 'g', base: { depth: 2 }, grid: { activation: ['tanh', 'relu'], batch: [4, 8] } }));
    expect(runs.map((r) => r.label)).toEqual(['tanh / batch=4', 'tanh / batch=8', 'relu / batch=4', 'relu / batch=8']);
    expect(runs[3].config).toEqual({ depth: 2, activation: 'relu', batch: 8 });
  });
  it('the seeds preset is the 3 x 10 grid of the reference', () => {
    const seeds = PRESETS.find((p) => p.name === 'seeds')!;
    expect(expandRuns(seeds)).toHaveLength(30);
    expect(seeds.base).toMatchObject({ depth: 100, width: 512 });
    expect(PRESETS.map((p) => p.name)).toEqual(['seeds', 'glorot2010', 'he2015', 'edge-of-chaos', 'selu']);
  });
  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"name": "x", ', /^experiment=".*bad1\.json", expected valid JSON \(/],
    ['not an object', '[1, 2]', /^.*bad2\.json=\[1,2\], expected a JSON object with "name", "base" and "grid" or "runs"$/],
    ['no name', '{"base": {}, "grid": {"depth": [1]}}', /bad3\.json\.name=undefined, expected a non-empty string$/],
    ['neither grid nor runs', '{"name": "x", "base": {}}', /bad4\.json=\["name","base"\], expected a "grid" or a "runs" key$/],
    ['a grid value that is not a list', '{"name": "x", "grid": {"depth": 3}}', /bad5\.json\.grid\.depth=3, expected a non-empty array of values$/],
    ['an unknown key', '{"name": "x", "grid": {"depth": [3]}, "sedes": 2}', /bad6\.json\.sedes=2, expected no such key/],
  ];
  bad.forEach(([what, text, message], i) => {
    it(`malformed file: ${what}`, () => {
      expect(() => readExperiment(file(`bad${i + 1}.json`, text))).toThrow(message);
    });
  });
  it('a missing file', () => {
    expect(() => readExperiment(join(dir, 'nope.json'))).toThrow(/^experiment=".*nope\.json", expected a readable JSON file \(ENOENT\)$/);
  });
  it('a run with an impossible configuration is named', () => {
    const spec = checkExperiment({ name: 'x', base: { width: 4, activation: 'tanh', init: 'zeros' }, runs: [{ label: 'ok', depth: 1 }, { label: 'broken', depth: 0 }] });
    expect(() => runExperiment(spec)).toThrow(/^x: broken: depth=0, expected an integer in \[1, 100000\]$/);
  });
});

describe('initlab experiment', () => {
  it('--list shows the built-in experiments', async () => {
    const r = await cli(['experiment', '--list']);
    expect(r.code).toBe(0);
    for (const p of PRESETS) expect(r.out).toMatch(new RegExp(`^${p.name}\\s`, 'm'));
  });
  it('an unknown name', async () => {
    const r = await cli(['experiment', 'glorot2011']);
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toMatch(/^initlab: error: experiment="glorot2011", expected a built-in experiment \(seeds, glorot2010, he2015, edge-of-chaos, selu, table1-shapeset, table1-mnist, he2015-depth, symmetry, scale-sweep, lsuv\) or a \.json file\n$/);
  });
  it('a custom file: comparison table, JSON with every run, and a report', async () => {
    const f = file('mine.json', JSON.stringify({ name: 'mine', description: 'two inits', base: { depth: 4, width: 16, batch: 8, activation: 'tanh', backward: true }, grid: { init: ['glorot_normal', 'normal(std=1)'] }, seeds: 2 }));
    const text = await cli(['experiment', f]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^glorot_normal\s+critical/m);
    const j = JSON.parse((await cli(['experiment', f, '--json'])).out);
    expect(j.name).toBe('mine');
    expect(j.runs.map((r: { label: string }) => r.label)).toEqual(['glorot_normal', 'normal(std=1)']);
    expect(j.runs[0].result.runs).toHaveLength(2);
    const report = join(dir, 'mine.html');
    expect((await cli(['experiment', f, '--report', report])).code).toBe(0);
    expect(readFileSync(report, 'utf8')).toMatch(/<svg/);
  });
  it('edge of chaos: theory beside measurement, and the phase diagram', () => {
    const spec = checkExperiment({
      name: 'eoc', analysis: 'edge-of-chaos',
      base: { depth: 12, width: 64, activation: 'tanh', batch: 16, backward: true, weightGrad: false },
      grid: { sigmaW2: [1, 3], sigmaB2: [0.05] },
    });
    const e = runExperiment(spec);
    expect(e.edge!.rows.map((r) => r.verdict)).toEqual(['ordered', 'chaotic']);
    for (const r of e.edge!.rows) expect(Math.abs(Math.log(r.chiMeasured! / r.chi1!))).toBeLessThan(0.1);
    expect(e.edge!.cells.length).toBe(200);
    // The critical line at σb² = 0.05 passes σw² ≈ 1.76.
    const near = e.edge!.line.reduce((a, p) => (Math.abs(p.sigmaB2 - 0.05) < Math.abs(a.sigmaB2 - 0.05) ? p : a));
    expect(near.sigmaW2).toBeCloseTo(1.76, 1);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../src/io/npy.js';
import { cli } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'initlab-lab-'));
const STATS = ['mean', 'variance', 'std', 'min', 'max', 'p02', 'p98', 'histogram'];
const THEORY = ['preactVariance', 'actMean', 'actVariance', 'gradVariance'];
const SUMMARY = ['qStar', 'chi1', 'xiQ', 'xiC', 'verdict'];
const small = ['propagate', '--depth', '6', '--width', '32', '--batch', '16', '--activation', 'tanh', '--init', 'glorot_normal'];

function checkLayers(layers: Record<string, unknown>[], depth: number, backward: boolean): void {
  expect(layers).toHaveLength(depth);
  layers.forEach((l, i) => {
    expect(l.index).toBe(i + 1);
    for (const t of backward ? ['preact', 'act', 'grad', 'weightGrad'] : ['preact', 'act']) {
      const s = l[t] as Record<string, unknown>;
      for (const f of STATS) expect(s, `${t}.${f}`).toHaveProperty(f);
      expect(typeof s.variance).toBe('number');
      const h = s.histogram as { edges: number[]; counts: number[] };
      expect(h.edges).toHaveLength(h.counts.length + 1);
    }
    for (const f of THEORY) expect(typeof (l.theory as Record<string, unknown>)[f]).toBe('number');
  });
}

describe('propagate --json', () => {
  it('one object with config, layers (every field), summary and events', async () => {
    const r = await cli([...small, '--backward', '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['config', 'layers', 'summary', 'events']));
    expect(j.config).toMatchObject({ depth: 6, widths: [32, 32, 32, 32, 32, 32], batch: 16, activation: 'tanh', init: 'glorot_normal', dtype: 'float32', backward: true });
    checkLayers(j.layers, 6, true);
    for (const f of SUMMARY) expect(j.summary).toHaveProperty(f);
    expect(j.summary.xiC).toBeNull(); // infinite at criticality: JSON null
    expect(j.events).toEqual([]);
  });
  it('the same command twice gives the same JSON', async () => {
    expect((await cli([...small, '--backward', '--json', '--seed', '3'])).out).toBe((await cli([...small, '--backward', '--json', '--seed', '3'])).out);
  });
  it('--seeds: medians in layers, every seed in runs', async () => {
    const j = JSON.parse((await cli([...small, '--seeds', '3', '--json'])).out);
    checkLayers(j.layers, 6, false);
    expect(j.runs).toHaveLength(3);
    expect(j.runs.map((r: { seed: number }) => r.seed)).toEqual([0, 1, 2]);
    expect(j.layers[0].act.band.p10).toHaveProperty('variance');
    expect(j.runs[2].layers).toHaveLength(6);
  });
  it('events: float32 overflow', async () => {
    const j = JSON.parse((await cli(['propagate', '--depth', '40', '--width', '512', '--batch', '8', '--activation', 'identity', '--init', 'normal(std=1)', '--json'])).out);
    expect(j.events).toHaveLength(1);
    expect(j.events[0]).toMatchObject({ kind: 'overflow', pass: 'forward' });
    expect(j.layers[39].act).toBeNull();
  });
});

describe('text, CSV and HTML', () => {
  it('text: a table of the selected layers and a chart', async () => {
    const r = await cli(['propagate', '--depth', '25', '--width', '16', '--batch', '4', '--activation', 'relu', '--init', 'he_normal', '--backward']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    const start = lines.findIndex((l) => l.startsWith('layer '));
    const rows = lines.slice(start + 1).filter((l) => /^\d+!?\s/.test(l)).map((l) => Number.parseInt(l, 10));
    expect(rows).toEqual([1, 2, 5, 10, 20, 25]);
    expect(r.out).toMatch(/Var\[x\] over depth \(log scale\)/);
    expect(r.out).toMatch(/theory \(mean field .*: .*critical/);
  });
  it('--csv: a header and one row per layer', async () => {
    const r = await cli([...small, '--csv']);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0].split(',').slice(0, 4)).toEqual(['run', 'layer', 'width', 'preact_mean']);
    expect(lines[1].split(',').length).toBe(lines[0].split(',').length);
  });
  it('--json and --csv together are refused', async () => {
    expect(await cli([...small, '--csv', '--json'])).toMatchObject({ code: 2, err: 'initlab: error: --csv=true, expected not with --json (one format on stdout)\n' });
  });
  it('--report: one self-contained HTML file with inline SVG charts and no network', async () => {
    const file = join(dir, 'r.html');
    const r = await cli([...small, '--backward', '--report', file]);
    expect(r.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const svgs = html.match(/<svg[\s>]/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(7);
    expect((html.match(/<\/svg>/g) ?? []).length).toBe(svgs.length);
    expect(html).not.toMatch(/<script|<link|<img|src=|url\((?!#)/i);
    // The only URLs are XML namespaces.
    for (const url of html.match(/https?:\/\/[^"' )]+/g) ?? []) expect(url).toMatch(/^http:\/\/www\.w3\.org\//);
    expect(html).toMatch(/Variance of the activations x = φ\(z\) over depth/);
    expect(html).toMatch(/Histograms of the activations x = φ\(z\), layer by layer/);
  });
  it('an unwritable report path', async () => {
    const r = await cli([...small, '--report', join(dir, 'no/such/dir/r.html')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^initlab: error: --report=".*r\.html", expected a writable file path \(ENOENT\)\n$/);
  });
  it('a fixed input batch from a .npy file', async () => {
    const file = join(dir, 'x.npy');
    writeFileSync(file, encodeNpy({ shape: [5, 7], dtype: 'float32', data: Float32Array.from({ length: 35 }, (_, i) => Math.cos(i)) }));
    const j = JSON.parse((await cli(['propagate', '--depth', '2', '--width', '4', '--activation', 'tanh', '--init', 'glorot_normal', '--input', file, '--json'])).out);
    expect(j.config.batch).toBe(5);
    expect(j.config.inputSize).toBe(7);
    expect(j.network.input).toMatch(/fixed batch .*x\.npy \[5, 7\]/);
  });
});

describe('bad input: one line, exit code 2', () => {
  const cases: [string[], RegExp][] = [
    [['propagate', '--depth', '0'], /^initlab: error: --depth=.*"0", expected an integer >= 1\n$/],
    [['propagate', '--width', '0'], /^initlab: error: --width="0", expected a positive integer, or one per layer/],
    [['propagate', '--depth', '2', '--width', '8', '--activation', 'tanhh'], /^initlab: error: activation="tanhh", expected one of .*did you mean "tanh"/],
    [['propagate', '--depth', '100', '--width', '512', '--batch', '200000', '--backward'], /^initlab: error: batch=200000, expected a batch that fits in memory/],
    [['propagate', '--loss', 'hinge'], /^initlab: error: --loss="hinge", expected one of "none", "xent", "mse"/],
    [['theory', '--sigma-w2', '-1'], /^initlab: error: --sigma-w2=-1, expected a number >= 0\n$/],
  ];
  for (const [argv, message] of cases) {
    it(argv.join(' '), async () => {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.split('\n')).toHaveLength(2);
    });
  }
});

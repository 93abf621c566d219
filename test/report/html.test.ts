import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/lab/experiments/presets.js';
import { runExperiment } from '../../src/lab/experiments/run.js';
import { propagate } from '../../src/lab/propagate.js';
import { experimentHtml } from '../../src/report/experiment.js';
import { propagateReportHtml } from '../../src/report/lab.js';
import { trainingHtml } from '../../src/report/training.js';
import { train } from '../../src/train/trainer.js';
import { cli } from './cli.js';
import { saneSizes } from './svgSizes.js';

const dir = mkdtempSync(join(tmpdir(), 'initlab-html-'));

/** What every report must be: finite svg sizes, HTML tables, MathML formulas, no terminal text. */
function checkReport(html: string): void {
  expect(saneSizes(html)).toEqual([]);
  expect(html).toMatch(/<table>/);
  expect(html).not.toMatch(/<pre/);
  expect(html).not.toMatch(/[│▁▂▃▄▅▆▇█]/);
  expect(html).not.toMatch(/<script|<link|<img|src=|url\((?!#)/i);
  // Element ids are unique across the inlined charts.
  const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
}

describe('reports: every kind draws finite charts, HTML tables and MathML formulas', () => {
  it('propagate --init zeros --backward: the zero charts become sentences', async () => {
    const file = join(dir, 'zeros.html');
    const r = await cli(['propagate', '--depth', '8', '--width', '16', '--batch', '4', '--activation', 'tanh', '--init', 'zeros', '--backward', '--report', file]);
    expect(r.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    checkReport(html);
    expect(html).toMatch(/<math/);
    expect(html).toMatch(/<p class="fact"><strong>Variance of the activations x = φ\(z\) over depth<\/strong>: Var\[x\]: every value is exactly 0/);
    expect(html).toMatch(/vanished at layer 1/);
  });
  it('the propagate report is the same document the page downloads', async () => {
    const result = propagate({ depth: 30, width: 512, batch: 8, activation: 'identity', init: 'normal(std=1)', backward: true });
    const html = await propagateReportHtml(result);
    checkReport(html);
    expect(/overflow at layer \d+/.test(html)).toBe(true);
    expect(html).toMatch(/class="mark-symbol role-mark/);
  });
  it('theory: the phase diagram with the configuration, the quantities as a table', async () => {
    const file = join(dir, 'theory.html');
    expect((await cli(['theory', '--activation', 'relu', '--sigma-w2', '2', '--report', file])).code).toBe(0);
    const html = readFileSync(file, 'utf8');
    checkReport(html);
    expect(html).toMatch(/<td>χ₁<\/td><td class="n">1<\/td>/);
    expect(html).toMatch(/<math/);
    expect(html).toMatch(/ordered \(χ₁ &lt; 1\)/);
  });
  it('train --data circles --init zeros: learning curves, a sentence for the zero gradients', async () => {
    const { result } = train({ data: 'circles', depth: 2, width: 8, activation: 'tanh', init: 'zeros', updates: 40, evalEvery: 20, evalSize: 50, monitorSize: 20 });
    const html = await trainingHtml('initlab train', { label: 'zeros', result });
    checkReport(html);
    expect(html).toMatch(/every value is exactly 0/);
    expect(html).toMatch(/Training loss/);
  });
  it('the seeds\' story (scaled down): a panel per activation, family colours, markers, tables, histograms, the seed spread', async () => {
    const spec = PRESETS.find((p) => p.name === 'seeds')!;
    const e = runExperiment({ ...spec, base: { ...spec.base, depth: 40, width: 256, batch: 16 } });
    const html = await experimentHtml(e);
    checkReport(html);
    for (const id of ['identity', 'tanh', 'relu', 'histograms']) expect(html).toContain(`<h2 id="${id}">`);
    expect((html.match(/<table>/g) ?? []).length).toBe(3);
    expect(/normal\(std=1\): overflow at layer \d+/.test(html)).toBe(true);
    expect(html).toMatch(/<math/);
    // Ten initializers, ten colours in each panel's first legend.
    const legend = html.match(/Symbol legend for stroke color with 10 values/g) ?? [];
    expect(legend.length).toBeGreaterThanOrEqual(3);
    // ReLU rows carry the expected spread of one seed: 5·Σ1/n = 5·40/256.
    expect(html).toMatch(/10-90% of seeds/);
    const fiveBeta = (5 * 40) / 256;
    const lo = Math.round(100 * (Math.exp(-fiveBeta / 2 - 1.2815515655446004 * Math.sqrt(fiveBeta)) - 1));
    expect(html).toContain(`${lo}% to +`);
    expect(html).toMatch(/Histograms of|activations x<\/text>/);
  });
});

import { describe, expect, it } from 'vitest';
import { logPlot, sparkline } from '../../src/report/ascii.js';
import { discrepancy, layerSelection, num } from '../../src/report/format.js';
import { cli } from './cli.js';

describe('text helpers', () => {
  it('layer selection for deep nets: 1, 2, 5, 10, ... and the events', () => {
    expect(layerSelection(100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(layerSelection(100, [28])).toEqual([1, 2, 5, 10, 20, 28, 50, 100]);
    expect(layerSelection(7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(layerSelection(1000)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
  });
  it('numbers and discrepancies', () => {
    expect(num(0.039214)).toBe('0.03921');
    expect(num(1.234e-12)).toBe('1.234e-12');
    expect(num(null)).toBe('-');
    expect(num(Infinity)).toBe('inf');
    expect(discrepancy(1.05, 1)).toBe('+5.0%');
    expect(discrepancy(0.9, 1)).toBe('-10.0%');
    expect(discrepancy(null, 1)).toBe('-');
  });
  it('sparkline and log plot', () => {
    expect(sparkline([1, 10, 100, 1000])).toBe('▁▃▆█');
    expect(sparkline([1, null, 1e3])).toBe('▁ █');
    const plot = logPlot([{ label: 'theory', mark: '·', values: [1, 0.1, 0.01] }, { label: 'measured', mark: '*', values: [1, 0.1, 0.01] }], 3, 10);
    expect(plot[0]).toMatch(/^ +1\.0 │\*  $/);
    expect(plot[2]).toMatch(/^ +0\.010 │  \*$/);
  });
});

describe('initlab theory', () => {
  it('--json has qStar, chi1, cStar, xiQ, xiC, criticalSigmaW2', async () => {
    const r = await cli(['theory', '--activation', 'tanh', '--sigma-w2', '1.5', '--sigma-b2', '0.05', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ activation: 'tanh', sigmaW2: 1.5, sigmaB2: 0.05, verdict: 'ordered', cStar: 1 });
    expect(j.qStar).toBeCloseTo(0.418037, 5);
    expect(j.chi1).toBeCloseTo(0.938636, 5);
    expect(j.xiQ).toBeCloseTo(1.68283, 4);
    expect(j.xiC).toBeCloseTo(15.791, 2);
    expect(j.criticalSigmaW2).toBeCloseTo(1.76095, 4);
  });
  it('text', async () => {
    const r = await cli(['theory', '--activation', 'relu', '--sigma-w2', '2']);
    expect(r.out).toMatch(/^verdict\s+critical$/m);
    expect(r.out).toMatch(/^critical σw²\s+2\s/m);
  });
});

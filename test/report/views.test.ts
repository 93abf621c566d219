import { describe, expect, it } from 'vitest';
import { activation } from '../../src/activations/index.js';
import { propagate, type LabResult } from '../../src/lab/propagate.js';
import type { CurvePoint } from '../../src/train/trainer.js';
import {
  depthView, factOf, histogramLayerView, histogramView, initFamily, LOG_LIMITS, logDomain, phaseDiagram, phaseView, renderSvg, runColours,
  trainingCurveView, trainingLayersView, type ViewRun,
} from '../../src/report/views/index.js';
import { svgSizes } from './svgSizes.js';

type Layer = { data?: { values?: Record<string, unknown>[] }; mark?: { type?: string } | string; encoding?: Record<string, { field?: string; scale?: { type?: string; domain?: unknown; range?: unknown[] } }> };
const layersOf = (spec: unknown) => (spec as { layer: Layer[] }).layer;
const markOf = (l: Layer) => (typeof l.mark === 'string' ? l.mark : l.mark?.type);
const run = (init: string, extra: Record<string, unknown> = {}, seeds = 1): ViewRun => ({
  label: init,
  result: propagate({ depth: 30, width: 64, batch: 8, activation: 'identity', init, backward: true, ...extra }, { seeds }),
});

describe('the zeros-on-log rule', () => {
  it('all zeros: no domain, the fact instead', () => {
    const d = logDomain([0, 0, 0]);
    expect(d.drawable).toBe(false);
    if (!d.drawable) expect(d.fact).toMatch(/every value is exactly 0/);
    expect(logDomain([0, -1]).drawable).toBe(false);
    expect(logDomain([]).drawable).toBe(false);
  });
  it('the domain comes from the focus values, within 1e-40..1e40, at least two decades', () => {
    const d = logDomain([0.5, 2, 1e60, 0], [0.5, 2]);
    expect(d).toEqual({ drawable: true, domain: [0.1, 10] });
    const wide = logDomain([1e-300, 1e300]);
    expect(wide.drawable && wide.domain[0] >= LOG_LIMITS[0] && wide.domain[1] <= LOG_LIMITS[1]).toBe(true);
  });
  it('a depth view of all-zero data states the fact and renders a small, finite svg', async () => {
    const spec = depthView([run('zeros')], { quantity: 'act' });
    expect(factOf(spec)).toMatch(/every value is exactly 0/);
    for (const s of svgSizes(await renderSvg(spec))) expect(s.width).toBeLessThan(2000);
  });
  it('training curves: a gradient norm that is 0 throughout is said, not drawn', () => {
    const curve: CurvePoint[] = [0, 10, 20].map((update) => ({ update, examples: update * 8, loss: 0.7, testError: 0.5, layers: [{ layer: 1, actMean: 0, actStd: 0, actP98: 0, weightGradStd: 0, weightGradNorm: 0 }] }));
    expect(factOf(trainingCurveView([{ label: 'zeros', curve }], { quantity: 'weightGradNorm' }))).toMatch(/every value is exactly 0/);
    expect(factOf(trainingLayersView({ label: 'zeros', curve }, { statistic: 'weightGradStd' }))).toMatch(/every value is exactly 0/);
    expect(factOf(trainingCurveView([{ label: 'zeros', curve }], { quantity: 'loss' }))).toBeUndefined();
  });
});

describe('depthView', () => {
  const glorot = run('glorot_normal');
  const wild = run('normal(std=1)', { depth: 40, width: 512 });
  it('measured solid and theory dashed, one fixed colour per run, log scale for variance', () => {
    const spec = depthView([glorot, run('he_normal')], { quantity: 'act' });
    const line = layersOf(spec).find((l) => markOf(l) === 'line')!;
    expect(line.encoding!.strokeDash.field).toBe('kind');
    expect(line.encoding!.strokeDash.scale!.domain).toEqual(['measured', 'mean-field theory']);
    expect(line.encoding!.color.scale!.domain).toEqual(['glorot_normal', 'he_normal']);
    expect(new Set(line.encoding!.color.scale!.range).size).toBe(2);
    expect(line.encoding!.y.scale!.type).toBe('log');
    const kinds = new Set(line.data!.values!.map((v) => v.kind));
    expect(kinds).toEqual(new Set(['measured', 'mean-field theory']));
    const mean = layersOf(depthView([glorot], { quantity: 'act', statistic: 'mean' })).find((l) => markOf(l) === 'line')!;
    expect(mean.encoding!.y.scale!.type).toBe('linear');
  });
  it('a blow-up ends its line at a labelled marker and does not stretch the axis', () => {
    const event = wild.result.events.find((e) => e.pass === 'forward')!;
    expect(event.kind).toBe('overflow');
    const spec = depthView([glorot, wild], { quantity: 'act' });
    const layers = layersOf(spec);
    const line = layers.find((l) => markOf(l) === 'line')!;
    const domain = line.encoding!.y.scale!.domain as [number, number];
    expect(domain[1]).toBeLessThanOrEqual(100);
    const points = layers.find((l) => markOf(l) === 'point')!.data!.values!;
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ series: 'normal(std=1)', label: `normal(std=1): overflow at layer ${event.layer}`, shape: 'triangle-up', value: domain[1] });
    const wildLine = line.data!.values!.filter((v) => v.series === 'normal(std=1)' && v.kind === 'measured');
    expect(Math.max(...wildLine.map((v) => v.layer as number))).toBe(points[0].layer);
    for (const v of line.data!.values!) expect(v.value as number).toBeLessThanOrEqual(domain[1]);
    const texts = layers.filter((l) => markOf(l) === 'text').flatMap((l) => l.data!.values!.map((v) => v.label));
    expect(texts).toContain(`normal(std=1): overflow at layer ${event.layer}`);
  });
  it('the gradient chart walks from the top: a backward blow-up ends the line at its lowest layer', () => {
    const r = run('normal(std=1)', { activation: 'tanh', depth: 100, width: 512 });
    const back = r.result.events.find((e) => e.pass === 'backward');
    expect(back?.kind).toBe('overflow');
    const layers = layersOf(depthView([run('glorot_normal', { activation: 'tanh', depth: 100 }), r], { quantity: 'grad' }));
    const marker = layers.find((l) => markOf(l) === 'point')!.data!.values![0];
    const line = layers.find((l) => markOf(l) === 'line')!.data!.values!.filter((v) => v.series === 'normal(std=1)' && v.kind === 'measured');
    expect(Math.min(...line.map((v) => v.layer as number))).toBe(marker.layer);
    expect(marker.label).toMatch(/overflow at layer \d+ \(backward\)/);
  });
  it('several seeds: median line and a 10-90% band', () => {
    const r = run('glorot_normal', {}, 3);
    const band = layersOf(depthView([r], { quantity: 'act' })).find((l) => markOf(l) === 'area')!;
    const values = band.data!.values!;
    expect(values.length).toBe(30);
    for (const v of values) expect(v.lo as number).toBeLessThanOrEqual(v.hi as number);
    expect(band.encoding!.y.field).toBe('lo');
  });
  it('a partial result (layers streaming in) keeps the full depth on the x axis', () => {
    const partial: ViewRun = { label: 'glorot', result: { ...glorot.result, layers: glorot.result.layers.slice(0, 5) } as LabResult };
    const line = layersOf(depthView([partial], { quantity: 'act' })).find((l) => markOf(l) === 'line')!;
    expect(line.encoding!.x.scale!.domain).toEqual([0, 30]);
    expect(Math.max(...line.data!.values!.map((v) => v.layer as number))).toBe(5);
  });
});

describe('histograms', () => {
  it('small multiples of densities: each run-panel integrates to 1 less the exact zeros left out', () => {
    const relu = run('he_normal', { activation: 'relu' });
    const spec = histogramView([relu], { tensor: 'act', layers: [1, 10, 30] }) as { facet: { field: string }; spec: { mark: { type: string } }; data: { values: { panel: string; x0: number; x1: number; density: number }[] } };
    expect(spec.facet.field).toBe('panel');
    expect(spec.spec.mark.type).toBe('rect');
    for (const layer of [1, 10, 30]) {
      const zeros = relu.result.layers[layer - 1].act!.zeroFraction;
      expect(zeros).toBeGreaterThan(0.3);
      const bars = spec.data.values.filter((b) => b.panel.startsWith(`layer ${layer} `));
      expect(bars[0].panel).toMatch(/exactly 0, not drawn/);
      const mass = bars.reduce((s, b) => s + b.density * (b.x1 - b.x0), 0);
      expect(mass).toBeCloseTo(1 - zeros, 2);
    }
  });
  it('one layer for the slider; a layer not reached yet is said', () => {
    const r = run('glorot_normal');
    const one = histogramLayerView([r], { tensor: 'preactGrad', layer: 7 }) as { mark: { type: string }; data: { values: unknown[] } };
    expect(one.mark.type).toBe('rect');
    expect(one.data.values.length).toBeGreaterThan(5);
    expect(factOf(histogramLayerView([r], { tensor: 'act', layer: 99 }))).toMatch(/no histogram/);
  });
});

describe('phase diagram', () => {
  it('tanh: the critical line passes (1, 0); every cell carries its (σw², σb²) and the click selection', () => {
    const d = phaseDiagram(activation('tanh'), { sigmaW2: [0.5, 3], sigmaB2: [0, 0.3], nw: 10, nb: 6 });
    expect(d.cells).toHaveLength(60);
    const low = d.line.reduce((a, b) => (b.sigmaB2 < a.sigmaB2 ? b : a));
    expect(low.sigmaB2).toBeLessThan(1e-3);
    expect(low.sigmaW2).toBeCloseTo(1, 2);
    for (const c of d.cells) {
      expect(c.sigmaW2).toBeCloseTo((c.w0 + c.w1) / 2, 12);
      expect(c.verdict).toBe(c.chi1 < 1 ? (c.chi1 < 0.999 ? 'ordered' : 'critical') : c.chi1 > 1.001 ? 'chaotic' : 'critical');
    }
    const spec = phaseView(d, { points: [{ sigmaW2: 1, sigmaB2: 0, label: 'glorot' }] }) as { layer: { params?: { name: string; select: { fields: string[] } }[]; data: { values: Record<string, unknown>[] } }[] };
    expect(spec.layer[0].params?.[0]).toMatchObject({ name: 'pick', select: { fields: ['sigmaW2', 'sigmaB2'] } });
    expect(spec.layer.at(-1)!.data.values[0]).toMatchObject({ sigmaW2: 1, sigmaB2: 0 });
  });
  it('ReLU: the critical line is σw² = 2 at every σb² of the window', () => {
    const d = phaseDiagram(activation('relu'), { sigmaW2: [0.5, 4], sigmaB2: [0, 0.5], nw: 4, nb: 2 });
    expect(d.line).toHaveLength(2);
    for (const p of d.line) expect(p.sigmaW2).toBeCloseTo(2, 6);
    expect(d.line.map((p) => p.sigmaB2)).toEqual([0, 0.5]);
  });
  it('bad windows are refused with the argument named', () => {
    expect(() => phaseDiagram(activation('tanh'), { sigmaW2: [2, 1], sigmaB2: [0, 1] })).toThrow(/sigmaW2=.*expected a range/);
  });
});

describe('colours', () => {
  it('families: Glorot and He runs get their family hue, every run its own colour', () => {
    const inits = ['glorot_normal', 'glorot_uniform', 'he_normal', 'he_uniform', 'normal(std=1)', 'uniform(low=-0.1, high=0.1)', 'normal(std=0.04)', 'zeros', 'ones', 'constant(value=0.5)'];
    const families = inits.map(initFamily);
    expect(families).toEqual(['Glorot', 'Glorot', 'He', 'He', 'fixed scale', 'fixed scale', 'fixed scale', 'constant', 'constant', 'constant']);
    const colours = runColours(families);
    expect(new Set(colours).size).toBe(10);
    expect(colours.slice(0, 2)).toEqual(['#0072B2', '#56B4E9']);
    expect(colours[2]).toBe('#D55E00');
    expect(initFamily('torch:kaiming_normal_')).toBe('He');
    expect(initFamily('keras:GlorotUniform')).toBe('Glorot');
  });
  it('more runs of one family than shades: the next free hue, still distinct', () => {
    const colours = runColours(['Glorot', 'Glorot', 'Glorot', 'Glorot', 'He']);
    expect(new Set(colours).size).toBe(5);
  });
});

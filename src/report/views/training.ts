/**
 * Training over updates: the loss (log scale) and test error of several runs (Glorot & Bengio
 * Figs 11-12), the first layer's weight-gradient norm (He et al. 2015's stalled 30-layer net), and
 * per-layer statistics of one run on the monitoring batch: the activations' 98th percentile and
 * std (Figs 3, 10) and the weight-gradient std (Fig. 9). Log charts follow ./logScale.ts: a
 * quantity that is exactly 0 throughout (zero init's gradients) is said, not drawn.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CurvePoint } from '../../train/trainer.js';
import type { LayerMonitor } from '../../train/monitor.js';
import { colourEncoding, CONFIG, factSpec, HEIGHT, SCHEMA, WIDTH, type LegendEntry, type ViewSize } from './common.js';
import { initFamily } from './palette.js';
import { linearDomain, LOG_LABEL, logDomain } from './logScale.js';

/** One training run as the curve views need it: partial curves (training in progress) are fine. */
export interface CurveRun {
  readonly label: string;
  readonly curve: readonly CurvePoint[];
  /** The initializer spec (picks the colour family) or an explicit family / colour. */
  readonly init?: unknown;
  readonly family?: string;
  readonly colour?: string;
}

export type CurveQuantity = 'loss' | 'testError' | 'weightGradNorm';

const CURVE: Readonly<Record<CurveQuantity, { readonly title: string; readonly axis: string; readonly log: boolean; readonly value: (p: CurvePoint) => number | undefined }>> = {
  loss: { title: 'Training loss (mean mini-batch loss since the previous point)', axis: 'loss (log scale)', log: true, value: (p) => p.loss },
  testError: { title: 'Test error during training (Glorot & Bengio Figs 11-12)', axis: 'test error', log: false, value: (p) => p.testError },
  weightGradNorm: { title: 'First layer\'s weight-gradient norm ‖∂ℓ/∂W¹‖ (He et al. 2015: it vanishes in deep ReLU nets)', axis: '‖∂ℓ/∂W¹‖ (log scale)', log: true, value: (p) => p.layers?.[0]?.weightGradNorm },
};

interface Datum {
  readonly series: string;
  readonly update: number;
  readonly value: number;
  readonly style: 'solid' | 'dashed';
}

/**
 * Lines over updates: on a log scale values ≤ 0 are left out and a series with none left is named
 * in the subtitle; with nothing positive at all the chart is replaced by the sentence.
 */
function curveSpec(title: string, axis: string, log: boolean, data: readonly Datum[], legend: readonly LegendEntry[], size: ViewSize): TopLevelSpec {
  const width = size.width ?? WIDTH;
  const values = data.map((d) => d.value);
  let domain: [number, number] | null;
  if (log) {
    const d = logDomain(values);
    if (!d.drawable) return factSpec(title, d.fact, width);
    domain = d.domain;
  } else {
    domain = linearDomain(values);
    if (domain === null) return factSpec(title, 'no finite value to draw', width);
  }
  const [lo, hi] = domain;
  const shown = data.filter((d) => Number.isFinite(d.value) && (!log || d.value > 0));
  const notes = legend.filter((e) => data.some((d) => d.series === e.label) && !shown.some((d) => d.series === e.label))
    .map((e) => `${e.label}: ${data.filter((d) => d.series === e.label).every((d) => d.value === 0) ? 'every value is exactly 0' : 'nothing positive to draw'}`);
  return {
    $schema: SCHEMA,
    title: notes.length === 0 ? title : { text: title, subtitle: notes },
    width,
    height: size.height ?? HEIGHT,
    config: CONFIG,
    data: { values: shown.map((d) => ({ ...d, value: Math.min(hi, Math.max(lo, d.value)) })) },
    mark: { type: 'line', strokeWidth: 1.8, point: { size: 14 }, clip: true },
    encoding: {
      x: { field: 'update', type: 'quantitative', title: 'update' },
      y: { field: 'value', type: 'quantitative', title: axis, axis: log ? { labelExpr: LOG_LABEL } : {}, scale: log ? { type: 'log', domain, nice: false } : { type: 'linear', domain, nice: false, zero: false } },
      color: colourEncoding(legend, true, 'stroke'),
      strokeDash: {
        field: 'style', type: 'nominal', title: null,
        scale: { domain: ['solid', 'dashed'], range: [[1, 0], [5, 3]] },
        legend: null,
      },
      detail: { field: 'style', type: 'nominal' },
      tooltip: [{ field: 'series', type: 'nominal' }, { field: 'update', type: 'quantitative' }, { field: 'value', type: 'quantitative', format: '.4~g' }],
    },
  } as TopLevelSpec;
}

/** Loss, test error or the first layer's gradient norm over updates, one line per run. */
export function trainingCurveView(runs: readonly CurveRun[], options: ViewSize & { readonly quantity: CurveQuantity }): TopLevelSpec {
  const q = CURVE[options.quantity];
  const data = runs.flatMap((r) => r.curve.flatMap((p) => {
    const v = q.value(p);
    return v === undefined ? [] : [{ series: r.label, update: p.update, value: v, style: 'solid' as const }];
  }));
  const legend = runs.map((r) => ({ label: r.label, family: r.family ?? initFamily(r.init), ...(r.colour === undefined ? {} : { colour: r.colour }) }));
  return curveSpec(options.title ?? q.title, q.axis, q.log, data, legend, options);
}

export type LayerStatistic = 'activations' | 'weightGradStd';

/** Sequential colours for layers, first to last (viridis, dark to light, readable on white). */
const LAYER_COLOURS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#b5a300', '#e07b00', '#c0392b', '#7f7f7f'];

/**
 * One run's statistics per layer over updates: `activations` draws the 98th percentile solid and
 * the std dashed; `weightGradStd` the weight-gradient std (log scale). `layers` picks the layers
 * (default: all, at most eight).
 */
export function trainingLayersView(run: CurveRun, options: ViewSize & { readonly statistic: LayerStatistic; readonly layers?: readonly number[] }): TopLevelSpec {
  const all = [...new Set(run.curve.flatMap((p) => (p.layers ?? []).map((m) => m.layer)))].sort((a, b) => a - b);
  const layers = options.layers ?? all.slice(0, 8);
  const output = all[all.length - 1];
  const name = (layer: number) => (layer === output ? `output (layer ${layer})` : `layer ${layer}`);
  const data: Datum[] = [];
  for (const p of run.curve) {
    for (const m of (p.layers ?? []) as LayerMonitor[]) {
      if (!layers.includes(m.layer)) continue;
      if (options.statistic === 'activations') {
        data.push({ series: name(m.layer), update: p.update, value: m.actP98, style: 'solid' }, { series: name(m.layer), update: p.update, value: m.actStd, style: 'dashed' });
      } else {
        data.push({ series: name(m.layer), update: p.update, value: m.weightGradStd, style: 'solid' });
      }
    }
  }
  const legend = layers.map((l, i) => ({ label: name(l), family: 'layer', colour: LAYER_COLOURS[i % LAYER_COLOURS.length] }));
  if (options.statistic === 'activations') {
    return curveSpec(options.title ?? `${run.label}: activations per layer, 98th percentile (solid) and std (dashed) (Glorot & Bengio Figs 3, 10)`, 'activation', false, data, legend, options);
  }
  return curveSpec(options.title ?? `${run.label}: weight-gradient std per layer (Glorot & Bengio Fig. 9)`, 'std of ∂ℓ/∂W (log scale)', true, data, legend, options);
}

/**
 * Histograms of one tensor per layer (Glorot & Bengio 2010, Fig. 6 for activations and Fig. 7 for
 * back-propagated gradients), as small multiples, one panel per layer, the runs overlaid in their
 * colours; and a single layer, which the page drives with a layer slider. Bars are densities
 * (fraction per unit of x), so runs binned differently compare. Exact zeros (a ReLU's dead half)
 * are taken out of their bin and stated in the panel's title, or the spike would flatten the rest.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ArrayStats } from '../../lab/arrayStats.js';
import type { TensorName } from '../../lab/seeds.js';
import { colourEncoding, CONFIG, legendOf, factSpec, SCHEMA, type ViewRun, type ViewSize } from './common.js';
import { QUANTITY } from './depth.js';

export interface HistogramViewOptions extends ViewSize {
  readonly tensor: TensorName;
  /** 1-based layers, one panel each (those a partial result lacks are left out). */
  readonly layers: readonly number[];
  /** Panels per row (default 4). */
  readonly columns?: number;
}

interface Bar {
  readonly series: string;
  readonly layer: number;
  readonly panel: string;
  readonly x0: number;
  readonly x1: number;
  readonly density: number;
}

/** Exact zeros above this fraction are taken out of their bin and said in words. */
const ZERO_SPIKE = 0.05;

function bars(label: string, layer: number, s: ArrayStats, panel: string): Bar[] {
  const { edges, counts } = s.histogram;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  const zeros = s.zeroFraction > ZERO_SPIKE ? Math.round(s.zeroFraction * s.count) : 0;
  // 0 may sit on an edge: its values are in the fuller of the bins that touch it.
  let zeroBin = -1;
  if (zeros > 0) counts.forEach((c, i) => { if (edges[i] <= 0 && 0 <= edges[i + 1] && (zeroBin < 0 || c > counts[zeroBin])) zeroBin = i; });
  if (zeros >= total) return [];
  return counts.map((c, i) => {
    const width = edges[i + 1] - edges[i];
    const n = i === zeroBin ? Math.max(0, c - zeros) : c;
    return { series: label, layer, panel, x0: edges[i], x1: edges[i + 1], density: width > 0 ? n / total / width : 0 };
  });
}

/** The panel title of a layer: "layer 10", with the share of exact zeros when it is large. */
function panelTitle(runs: readonly ViewRun[], tensor: TensorName, layer: number): string {
  const zeros = runs.map((r) => r.result.layers[layer - 1]?.[tensor]?.zeroFraction ?? 0).filter((z) => z > ZERO_SPIKE);
  if (zeros.length === 0) return `layer ${layer}`;
  const pct = (z: number) => `${Math.round(100 * z)}%`;
  return `layer ${layer} (${zeros.length === 1 ? pct(zeros[0]) : `${pct(Math.min(...zeros))}-${pct(Math.max(...zeros))}`} exactly 0, not drawn)`;
}

function collect(runs: readonly ViewRun[], tensor: TensorName, layers: readonly number[]): Bar[] {
  const out: Bar[] = [];
  for (const layer of layers) {
    const panel = panelTitle(runs, tensor, layer);
    for (const run of runs) {
      const s = run.result.layers[layer - 1]?.[tensor];
      if (s !== null && s !== undefined && s.histogram !== undefined) out.push(...bars(run.label, layer, s, panel));
    }
  }
  return out;
}

/** Why there are no bars: every value exactly 0, or no histogram at those layers. */
function emptyFact(runs: readonly ViewRun[], tensor: TensorName, layers: readonly number[]): string {
  const stats = runs.flatMap((r) => layers.map((l) => r.result.layers[l - 1]?.[tensor] ?? null)).filter((s): s is ArrayStats => s !== null);
  const { symbol } = QUANTITY[tensor];
  if (stats.length > 0 && stats.every((s) => s.zeroFraction === 1)) return `every value of ${symbol} is exactly 0 at layer${layers.length > 1 ? 's' : ''} ${layers.join(', ')}`;
  return `no histogram of ${symbol} at layer${layers.length > 1 ? 's' : ''} ${layers.join(', ')} (not computed, not reached yet, or past a blow-up)`;
}

/** Tick labels: plain from 0.001 to 10,000 (`0.015`, `-50`), else short scientific (`3e+7`, `1e-14`). */
const PLAIN_LABEL = "datum.value == 0 ? '0' : abs(datum.value) >= 0.001 && abs(datum.value) < 10000 ? format(datum.value, '~r') : format(datum.value, '.1~e')";

const encoding = (runs: readonly ViewRun[], symbol: string) => ({
  x: { field: 'x0', type: 'quantitative' as const, title: symbol, axis: { tickCount: 4, labelExpr: PLAIN_LABEL } },
  x2: { field: 'x1' },
  y: { field: 'density', type: 'quantitative' as const, title: 'density', axis: { tickCount: 3, labelExpr: PLAIN_LABEL } },
  color: colourEncoding(legendOf(runs), runs.length > 1),
  tooltip: [{ field: 'series', type: 'nominal' as const }, { field: 'x0', type: 'quantitative' as const, format: '.3~g', title: 'from' }, { field: 'x1', type: 'quantitative' as const, format: '.3~g', title: 'to' }, { field: 'density', type: 'quantitative' as const, format: '.3~g' }],
});

/** Small multiples: one histogram panel per layer (each with its own axes: the spread changes by orders of magnitude with depth). */
export function histogramView(runs: readonly ViewRun[], options: HistogramViewOptions): TopLevelSpec {
  const { tensor, layers, columns = 4, width = 150, height = 90 } = options;
  const { name, symbol } = QUANTITY[tensor];
  const title = options.title ?? `Histograms of the ${name}, layer by layer`;
  const values = collect(runs, tensor, layers);
  if (values.length === 0) return factSpec(title, emptyFact(runs, tensor, layers));
  return {
    $schema: SCHEMA,
    title,
    data: { values },
    facet: { field: 'panel', type: 'ordinal', title: null, sort: { field: 'layer', op: 'min' }, header: { labelFontSize: 11 } },
    columns,
    spec: {
      width,
      height,
      mark: { type: 'rect', opacity: runs.length > 1 ? 0.5 : 0.85 },
      encoding: encoding(runs, symbol),
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
    config: CONFIG,
  } as TopLevelSpec;
}

export interface HistogramLayerOptions extends ViewSize {
  readonly tensor: TensorName;
  /** 1-based layer. */
  readonly layer: number;
}

/** One layer's histogram, the runs overlaid (the page's layer slider sets `layer`). */
export function histogramLayerView(runs: readonly ViewRun[], options: HistogramLayerOptions): TopLevelSpec {
  const { tensor, layer, width = 420, height = 200 } = options;
  const { name, symbol } = QUANTITY[tensor];
  const title = options.title ?? `Histogram of the ${name} at ${panelTitle(runs, tensor, layer)}`;
  const values = collect(runs, tensor, [layer]);
  if (values.length === 0) return factSpec(title, emptyFact(runs, tensor, [layer]));
  return {
    $schema: SCHEMA,
    title,
    width,
    height,
    data: { values },
    mark: { type: 'rect', opacity: runs.length > 1 ? 0.5 : 0.85 },
    encoding: encoding(runs, symbol),
    config: CONFIG,
  };
}

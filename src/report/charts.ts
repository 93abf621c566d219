/**
 * The report's charts as Vega-Lite specs: quantities over depth (log or linear y) with the theory
 * dashed and the 10-90% band over seeds shaded, histogram small multiples (Glorot & Bengio's
 * Figs 6-7), saturation and zero fractions, and the (σ_w², σ_b²) phase diagram.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface DepthPoint {
  readonly series: string;
  readonly layer: number;
  readonly value: number;
  /** measured, theory, or a seed's run. */
  readonly kind: 'measured' | 'theory' | 'run';
  readonly lo?: number;
  readonly hi?: number;
}

const WIDTH = 520;
const HEIGHT = 220;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Lines over depth: measured solid, theory dashed, each seed's run thin, the band shaded. */
export function depthChart(title: string, yTitle: string, points: readonly DepthPoint[], log: boolean): TopLevelSpec {
  const values = log ? points.filter((p) => p.value > 0 && Number.isFinite(p.value)) : points.filter((p) => Number.isFinite(p.value));
  const band = values.filter((p) => p.kind === 'measured' && p.lo !== undefined && p.hi !== undefined && (!log || (p.lo > 0 && p.hi > 0)));
  const y = { field: 'value', type: 'quantitative' as const, title: yTitle, scale: log ? { type: 'log' as const } : { zero: false } };
  const x = { field: 'layer', type: 'quantitative' as const, title: 'layer' };
  const color = { field: 'series', type: 'nominal' as const, title: null, legend: { labelLimit: 400 } };
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      ...(band.length > 0 ? [{
        data: { values: band },
        mark: { type: 'area' as const, opacity: 0.18 },
        encoding: { x, y: { field: 'lo', type: 'quantitative' as const, scale: y.scale, title: yTitle }, y2: { field: 'hi' }, color },
      }] : []),
      {
        data: { values: values.filter((p) => p.kind === 'run') },
        mark: { type: 'line' as const, strokeWidth: 0.6, opacity: 0.45 },
        encoding: { x, y, color, detail: { field: 'run', type: 'nominal' as const } },
      },
      {
        data: { values: values.filter((p) => p.kind === 'measured') },
        mark: { type: 'line' as const, strokeWidth: 1.8 },
        encoding: { x, y, color },
      },
      {
        data: { values: values.filter((p) => p.kind === 'theory') },
        mark: { type: 'line' as const, strokeDash: [5, 4], strokeWidth: 1.4 },
        encoding: { x, y, color },
      },
    ],
  };
}

export interface HistogramBar {
  readonly panel: string;
  readonly series: string;
  readonly x0: number;
  readonly x1: number;
  readonly fraction: number;
}

/** Small multiples: one histogram per panel (a layer), series overlaid. */
export function histogramChart(title: string, bars: readonly HistogramBar[], columns: number): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title,
    data: { values: bars as HistogramBar[] },
    facet: { field: 'panel', type: 'ordinal', title: null, sort: null },
    columns,
    spec: {
      width: 150,
      height: 90,
      mark: { type: 'rect', opacity: 0.55 },
      encoding: {
        x: { field: 'x0', type: 'quantitative', title: null },
        x2: { field: 'x1' },
        y: { field: 'fraction', type: 'quantitative', title: 'fraction' },
        color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 400 } },
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}

/** One cell of a regular grid: [w0, w1] x [b0, b1] in (σ_w², σ_b²). */
export interface PhaseCell {
  readonly w0: number;
  readonly w1: number;
  readonly b0: number;
  readonly b1: number;
  readonly value: number;
}

/** Heat map over (σ_w², σ_b²) with the critical line χ₁ = 1 and optional measured points. */
export function phaseChart(title: string, valueTitle: string, cells: readonly PhaseCell[], line: readonly { sigmaW2: number; sigmaB2: number }[], points: readonly { sigmaW2: number; sigmaB2: number; label: string }[] = []): TopLevelSpec {
  const x = { field: 'sigmaW2', type: 'quantitative' as const, title: 'σw²' };
  const y = { field: 'sigmaB2', type: 'quantitative' as const, title: 'σb²' };
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: 300,
    layer: [
      {
        data: { values: cells as PhaseCell[] },
        mark: { type: 'rect' as const },
        encoding: {
          x: { ...x, field: 'w0' },
          x2: { field: 'w1' },
          y: { ...y, field: 'b0' },
          y2: { field: 'b1' },
          color: { field: 'value', type: 'quantitative' as const, title: valueTitle, scale: { scheme: 'viridis' } },
        },
      },
      {
        data: { values: line as { sigmaW2: number; sigmaB2: number }[] },
        mark: { type: 'line' as const, color: 'white', strokeWidth: 2 },
        encoding: { x, y, order: { field: 'sigmaW2', type: 'quantitative' as const } },
      },
      ...(points.length > 0 ? [{
        data: { values: points as { sigmaW2: number; sigmaB2: number; label: string }[] },
        mark: { type: 'point' as const, color: 'red', filled: true, size: 50 },
        encoding: { x, y, tooltip: { field: 'label', type: 'nominal' as const } },
      }] : []),
    ],
  };
}

/** One point of a learning curve: `series` (a run, or a layer of a run) at an update. */
export interface CurveDatum {
  readonly series: string;
  readonly update: number;
  readonly value: number;
  /** Drawn dashed when 'dashed' (e.g. the std beside the 98th percentile). */
  readonly style?: 'solid' | 'dashed';
}

/** Values over training updates, one line per series (log or linear y; non-positive values dropped on log). */
export function curveChart(title: string, yTitle: string, points: readonly CurveDatum[], log: boolean): TopLevelSpec {
  const values = points.filter((p) => Number.isFinite(p.value) && (!log || p.value > 0)).map((p) => ({ ...p, style: p.style ?? 'solid' }));
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.6, point: { size: 12 } },
    encoding: {
      x: { field: 'update', type: 'quantitative', title: 'update' },
      y: { field: 'value', type: 'quantitative', title: yTitle, scale: log ? { type: 'log' } : { zero: false } },
      color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 400 } },
      strokeDash: { field: 'style', type: 'nominal', legend: null, scale: { domain: ['solid', 'dashed'], range: [[1, 0], [5, 4]] } },
      detail: { field: 'series', type: 'nominal' },
    },
  };
}

/**
 * A quantity over depth (Glorot & Bengio 2010 Figs 3 and 8; Poole et al. 2016 Fig. 1): the
 * variance (log scale) or mean (linear) of one tensor per layer, measured solid and the mean-field
 * theory dashed, one colour per run. With several seeds the measured line is the median and the
 * band the 10-90% range over seeds. A blow-up (an overflow or a vanished tensor, the result's
 * events) ends its run's line at a labelled marker, "overflow at layer 28"; the axis is set by
 * the runs without a blow-up, so one exploding run cannot flatten the others (./logScale.ts).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AggregateStats, TensorName } from '../../lab/seeds.js';
import type { LabEvent, LayerRecord } from '../../lab/types.js';
import type { LayerTheory } from '../../lab/theory/layers.js';
import { colourEncoding, CONFIG, legendOf, factSpec, HEIGHT, SCHEMA, WIDTH, type ViewRun, type ViewSize } from './common.js';
import { linearDomain, LOG_LABEL, logDomain } from './logScale.js';

export type DepthQuantity = TensorName;
export type DepthStatistic = 'variance' | 'mean';

export interface DepthViewOptions extends ViewSize {
  /** The tensor: pre-activations, activations, ∂ℓ/∂x, ∂ℓ/∂z or the weight gradient. */
  readonly quantity: DepthQuantity;
  /** variance (log scale, the default) or mean (linear scale). */
  readonly statistic?: DepthStatistic;
  /** Draw the mean-field theory dashed (default true). */
  readonly theory?: boolean;
}

/** Words for each tensor: its name and the symbol used in axis titles. */
export const QUANTITY: Readonly<Record<DepthQuantity, { readonly name: string; readonly symbol: string; readonly pass: LabEvent['pass'] }>> = {
  preact: { name: 'pre-activations z = x·W + b', symbol: 'z', pass: 'forward' },
  act: { name: 'activations x = φ(z)', symbol: 'x', pass: 'forward' },
  grad: { name: 'back-propagated gradients ∂ℓ/∂x', symbol: '∂ℓ/∂x', pass: 'backward' },
  preactGrad: { name: 'back-propagated gradients ∂ℓ/∂z', symbol: '∂ℓ/∂z', pass: 'backward' },
  weightGrad: { name: 'weight gradients ∂ℓ/∂W', symbol: '∂ℓ/∂W', pass: 'backward' },
};

const THEORY: Readonly<Record<DepthQuantity, Partial<Record<DepthStatistic, keyof LayerTheory>>>> = {
  preact: { variance: 'preactVariance', mean: 'preactMean' },
  act: { variance: 'actVariance', mean: 'actMean' },
  grad: { variance: 'gradVariance' },
  preactGrad: { variance: 'preactGradVariance' },
  weightGrad: {},
};

const MEASURED = 'measured';
const THEORY_KIND = 'mean-field theory';

interface Point {
  readonly series: string;
  readonly layer: number;
  readonly value: number;
  readonly kind: string;
  readonly lo?: number;
  readonly hi?: number;
}

interface Marker {
  readonly series: string;
  readonly layer: number;
  readonly value: number;
  readonly label: string;
  readonly shape: 'triangle-up' | 'triangle-down';
  readonly side: 'left' | 'right';
  /** Vertical offset of the label in pixels (labels that would overlap are stacked). */
  readonly dy: number;
}

/** Approximate width of a character of the 11 px label font. */
const CHAR_PX = 6;
const LINE_PX = 13;

/**
 * Stacks marker labels that would overlap: in x order, each label takes the first offset (away
 * from the nearer edge of the plot) where its box meets no label placed before.
 */
function placeLabels(markers: readonly Omit<Marker, 'dy'>[], toPx: (m: Omit<Marker, 'dy'>) => [number, number], height: number): Marker[] {
  const placed: { x0: number; x1: number; y: number }[] = [];
  return [...markers].sort((a, b) => a.layer - b.layer).map((m) => {
    const [px, py] = toPx(m);
    const w = m.label.length * CHAR_PX;
    const [x0, x1] = m.side === 'left' ? [px + 7, px + 7 + w] : [px - 7 - w, px - 7];
    const down = py < height / 2;
    let dy = down ? LINE_PX : -9;
    for (let k = 0; k < 12 && placed.some((p) => Math.abs(p.y - (py + dy)) < LINE_PX && p.x0 < x1 && x0 < p.x1); k++) dy += down ? LINE_PX : -LINE_PX;
    placed.push({ x0, x1, y: py + dy });
    return { ...m, dy };
  });
}

/** A run's events of one pass, one per kind at its earliest layer, with how many seeds had it. */
function blowUps(events: readonly LabEvent[], pass: LabEvent['pass'], seeds: number): { kind: LabEvent['kind']; layer: number; text: string }[] {
  const out: { kind: LabEvent['kind']; layer: number; text: string }[] = [];
  for (const kind of ['overflow', 'vanished'] as const) {
    const mine = events.filter((e) => e.pass === pass && e.kind === kind);
    if (mine.length === 0) continue;
    const layer = Math.min(...mine.map((e) => e.layer));
    const count = new Set(mine.map((e) => e.seed ?? 0)).size;
    const where = pass === 'backward' ? ` (backward)` : '';
    out.push({ kind, layer, text: `${kind} at layer ${layer}${where}${seeds > 1 ? `, ${count} of ${seeds} seeds` : ''}` });
  }
  return out;
}

/**
 * The drawable part of a series, walked from where its pass starts (layer 1 forward, the top layer
 * backward): it ends at the first value it cannot show (not finite, or not positive on a log
 * scale), or where it leaves [lo, hi], at the crossing of the edge (interpolated in log space on
 * a log scale; a series that starts outside begins and ends on the edge). Returns the kept points
 * in walking order and whether the series left the domain.
 */
function clip(points: readonly Point[], [lo, hi]: [number, number], log: boolean): { kept: Point[]; exit: 'top' | 'bottom' | null } {
  const t = (v: number) => (log ? Math.log10(v) : v);
  const kept: Point[] = [];
  for (const p of points) {
    if (!Number.isFinite(p.value) || (log && p.value <= 0)) {
      return { kept, exit: kept.length > 0 && log && p.value <= 0 ? 'bottom' : null };
    }
    if (p.value >= lo && p.value <= hi) {
      const clamp = (v: number | undefined) => (v === undefined || (log && v <= 0) ? lo : Math.min(hi, Math.max(lo, v)));
      kept.push(p.lo === undefined || p.hi === undefined ? p : { ...p, lo: clamp(p.lo), hi: clamp(p.hi) });
      continue;
    }
    const edge = p.value > hi ? hi : lo;
    const prev = kept[kept.length - 1];
    const f = prev === undefined ? 0 : (t(edge) - t(prev.value)) / (t(p.value) - t(prev.value));
    const layer = prev === undefined ? p.layer : prev.layer + f * (p.layer - prev.layer);
    kept.push({ series: p.series, kind: p.kind, layer, value: edge });
    return { kept, exit: p.value > hi ? 'top' : 'bottom' };
  }
  return { kept, exit: null };
}

function measured(run: ViewRun, quantity: DepthQuantity, statistic: DepthStatistic): Point[] {
  const points: Point[] = [];
  for (const l of run.result.layers) {
    const s = l[quantity] as (AggregateStats | null);
    const v = s?.[statistic];
    if (typeof v !== 'number') continue;
    const lo = s?.band?.p10[statistic];
    const hi = s?.band?.p90[statistic];
    points.push({ series: run.label, layer: l.index, value: v, kind: MEASURED, ...(typeof lo === 'number' && typeof hi === 'number' ? { lo, hi } : {}) });
  }
  return points;
}

function theory(run: ViewRun, field: keyof LayerTheory | undefined): Point[] {
  if (field === undefined) return [];
  return run.result.layers.flatMap((l: LayerRecord) => {
    const v = l.theory?.[field];
    return typeof v === 'number' ? [{ series: run.label, layer: l.index, value: v, kind: THEORY_KIND }] : [];
  });
}

/** Why a chart has no value at all, when the runs' events say: "∂ℓ/∂x: none (the forward pass went to exactly 0 at layer 1)". */
function noValues(runs: readonly ViewRun[], symbol: string, pass: LabEvent['pass']): string | undefined {
  const reasons = runs.flatMap((r) => {
    const e = r.result.events.find((ev) => ev.pass === 'forward') ?? r.result.events.find((ev) => ev.pass === pass);
    if (e === undefined) return [];
    const what = `${e.pass === 'backward' ? 'the gradient' : 'the forward pass'} ${e.kind === 'overflow' ? 'overflowed' : 'went to exactly 0'} at layer ${e.layer}`;
    return [runs.length > 1 ? `${r.label}: ${what}` : what];
  });
  return reasons.length === 0 ? undefined : `no value of ${symbol} to draw (${[...new Set(reasons)].join('; ')})`;
}

/** The default title: "Variance of the activations x = φ(z) over depth". */
export function depthTitle(quantity: DepthQuantity, statistic: DepthStatistic): string {
  return `${statistic === 'variance' ? 'Variance' : 'Mean'} of the ${QUANTITY[quantity].name} over depth`;
}

/** The chart of one statistic of one tensor over depth for up to a few dozen runs. */
export function depthView(runs: readonly ViewRun[], options: DepthViewOptions): TopLevelSpec {
  const { quantity, statistic = 'variance', width = WIDTH, height = HEIGHT } = options;
  const log = statistic === 'variance';
  const title = options.title ?? depthTitle(quantity, statistic);
  const { symbol, pass } = QUANTITY[quantity];
  const field = options.theory === false ? undefined : THEORY[quantity][statistic];
  const series = runs.map((run) => {
    const seeds = run.result.runs?.length ?? 1;
    const events = blowUps(run.result.events, pass, seeds);
    const points = measured(run, quantity, statistic);
    return { run, events, measured: points, theory: points.length === 0 ? [] : theory(run, field) };
  });
  const values = series.flatMap((s) => [...s.measured, ...s.theory].map((p) => p.value));
  const focus = series.filter((s) => s.run.result.events.length === 0).flatMap((s) => [...s.measured, ...s.theory].map((p) => p.value));
  let domain: [number, number];
  if (log) {
    const d = logDomain(values, focus);
    if (!d.drawable) return factSpec(title, values.length === 0 ? noValues(runs, symbol, pass) ?? `${symbol}: ${d.fact}` : `Var[${symbol}]: ${d.fact}`, width);
    domain = d.domain;
  } else {
    const d = linearDomain(values, focus);
    if (d === null) return factSpec(title, noValues(runs, symbol, pass) ?? `mean ${symbol}: no finite value to draw`, width);
    domain = d;
  }
  const depth = Math.max(1, ...runs.map((r) => r.result.config.depth));
  const lines: Point[] = [];
  const found: Omit<Marker, 'dy'>[] = [];
  const notes: string[] = [];
  const name = (label: string) => (runs.length > 1 ? `${label}: ` : '');
  for (const s of series) {
    const walk = (points: readonly Point[]) => (pass === 'backward' ? [...points].reverse() : points);
    const m = clip(walk(s.measured), domain, log);
    lines.push(...m.kept, ...clip(walk(s.theory), domain, log).kept);
    const last = m.kept[m.kept.length - 1];
    const side = (layer: number) => (layer > 0.65 * depth ? 'right' as const : 'left' as const);
    if (s.measured.length > 0 && s.measured.every((p) => p.value === 0)) notes.push(`${s.run.label}: every value is exactly 0`);
    const stopped = s.run.result.events.find((e) => e.pass === 'forward');
    if (s.measured.length === 0 && pass === 'backward' && stopped !== undefined) {
      notes.push(`${s.run.label}: no gradient (the forward pass ${stopped.kind === 'overflow' ? 'overflowed' : 'went to exactly 0'} at layer ${stopped.layer})`);
    }
    for (const e of s.events) {
      if (last === undefined) {
        if (!notes.some((n) => n.startsWith(`${s.run.label}:`))) notes.push(`${s.run.label}: ${e.text}`);
        continue;
      }
      // A series that left the chart before its blow-up has its marker on the edge it left by, at
      // the blow-up's own layer ("overflow at layer 28" sits at layer 28), the line running along
      // that edge up to it.
      const beyond = pass === 'backward' ? e.layer < last.layer : e.layer > last.layer;
      const at = m.exit !== null && beyond ? { layer: e.layer, value: m.exit === 'top' ? domain[1] : domain[0] } : last;
      if (at !== last) lines.push({ series: s.run.label, kind: MEASURED, layer: at.layer, value: at.value });
      found.push({ series: s.run.label, layer: at.layer, value: at.value, label: `${name(s.run.label)}${e.text}`, shape: e.kind === 'overflow' ? 'triangle-up' : 'triangle-down', side: side(at.layer) });
    }
    if (s.events.length === 0 && m.exit !== null && last !== undefined) {
      found.push({ series: s.run.label, layer: last.layer, value: last.value, label: `${name(s.run.label)}off the scale after layer ${Math.floor(last.layer)}`, shape: m.exit === 'top' ? 'triangle-up' : 'triangle-down', side: side(last.layer) });
    }
  }
  const yPx = (v: number) => {
    const f = log ? (Math.log10(v) - Math.log10(domain[0])) / (Math.log10(domain[1]) - Math.log10(domain[0])) : (v - domain[0]) / (domain[1] - domain[0]);
    return height * (1 - f);
  };
  const markers = placeLabels(found, (m) => [(m.layer / depth) * width, yPx(m.value)], height);
  const x = { field: 'layer', type: 'quantitative' as const, title: 'layer', axis: { tickMinStep: 1, format: 'd' }, scale: { domain: [0, depth], nice: false } };
  const yTitle = `${statistic === 'variance' ? 'Var' : 'mean'}[${symbol}]${log ? ' (log scale)' : ''}`;
  const y = { field: 'value', type: 'quantitative' as const, title: yTitle, axis: log ? { labelExpr: LOG_LABEL } : {}, scale: log ? { type: 'log' as const, domain, nice: false } : { type: 'linear' as const, domain, nice: false, zero: false } };
  const colour = colourEncoding(legendOf(runs), true, 'stroke');
  const band = lines.filter((p) => p.lo !== undefined && p.hi !== undefined);
  const textLayers = [...new Set(markers.map((m) => `${m.side} ${m.dy}`))].map((key) => {
    const [side, dy] = [key.split(' ')[0] as 'left' | 'right', Number(key.split(' ')[1])];
    return {
      data: { values: markers.filter((m) => m.side === side && m.dy === dy) },
      mark: { type: 'text' as const, align: side, dx: side === 'left' ? 7 : -7, dy, fontSize: 11, color: '#222' },
      encoding: { x, y, text: { field: 'label', type: 'nominal' as const } },
    };
  });
  return {
    $schema: SCHEMA,
    title: notes.length === 0 ? title : { text: title, subtitle: notes },
    width,
    height,
    layer: [
      ...(band.length > 0 ? [{
        data: { values: band },
        mark: { type: 'area' as const, opacity: 0.18, clip: true },
        encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: colour, detail: { field: 'series', type: 'nominal' as const } },
      }] : []),
      {
        data: { values: lines },
        mark: { type: 'line' as const, strokeWidth: 1.8, clip: true },
        encoding: {
          x, y, color: colour,
          strokeDash: { field: 'kind', type: 'nominal' as const, title: null, scale: { domain: [MEASURED, THEORY_KIND], range: [[1, 0], [5, 3]] }, legend: field === undefined ? null : { orient: 'top' as const, direction: 'horizontal' as const, symbolStrokeWidth: 2 } },
          detail: { field: 'kind', type: 'nominal' as const },
          tooltip: [{ field: 'series', type: 'nominal' as const }, { field: 'kind', type: 'nominal' as const }, { field: 'layer', type: 'quantitative' as const, format: '.0f' }, { field: 'value', type: 'quantitative' as const, format: '.4~g' }],
        },
      },
      ...(markers.length > 0 ? [
        {
          data: { values: markers },
          mark: { type: 'point' as const, filled: true, size: 90, opacity: 1 },
          encoding: { x, y, color: colour, shape: { field: 'shape', type: 'nominal' as const, scale: null, legend: null }, tooltip: { field: 'label', type: 'nominal' as const } },
        },
        ...textLayers,
      ] : []),
    ],
    resolve: { scale: { color: 'shared' } },
    config: CONFIG,
  } as TopLevelSpec;
}

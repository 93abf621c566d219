/** What every view shares: the runs it draws, their colours, sizes, and the spec that states a fact instead of drawing. */
import type { TopLevelSpec } from 'vega-lite';
import type { LabResult } from '../../lab/propagate.js';
import { initFamily, runColours } from './palette.js';

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * A lab result as far as the views need it. Partial results are fine: `layers` may hold fewer
 * layers than `config.depth` (a run streaming in layer by layer) and statistics may be null.
 */
export type ViewResult = Pick<LabResult, 'layers' | 'events'> & {
  readonly config: Pick<LabResult['config'], 'depth' | 'init'> & Partial<Pick<LabResult['config'], 'activation' | 'backward'>>;
  readonly runs?: LabResult['runs'];
};

/** One run of a chart: its legend label, its result, and optionally a colour (else from its family). */
export interface ViewRun {
  readonly label: string;
  readonly result: ViewResult;
  readonly colour?: string;
  /** The initializer family that picks the hue (default: from `result.config.init`). */
  readonly family?: string;
}

export interface ViewSize {
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

/** Shared look: titles from the left edge (they stay in view when a phone scrolls a wide chart). */
export const CONFIG = { title: { anchor: 'start' as const, subtitleColor: '#444', offset: 8 }, legend: { orient: 'bottom' as const } };

export const WIDTH = 560;
export const HEIGHT = 260;

/** A series' legend entry: label, family (picks the hue) and an optional fixed colour. */
export interface LegendEntry {
  readonly label: string;
  readonly family: string;
  readonly colour?: string;
}

/** The legend entries of runs, each run's family from its initializer unless given. */
export function legendOf(runs: readonly ViewRun[]): LegendEntry[] {
  return runs.map((r) => ({ label: r.label, family: r.family ?? initFamily(r.result.config.init), ...(r.colour === undefined ? {} : { colour: r.colour }) }));
}

/** The colours of legend entries: given ones kept, the rest by family (./palette.ts). */
export function coloursOf(entries: readonly LegendEntry[]): string[] {
  const byFamily = runColours(entries.map((e) => e.family));
  return entries.map((e, i) => e.colour ?? byFamily[i]);
}

/** The colour encoding that keeps every series' colour fixed and its legend in the given order. */
export function colourEncoding(entries: readonly LegendEntry[], legend = true, symbol: 'circle' | 'stroke' = 'circle') {
  return {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    sort: entries.map((e) => e.label),
    scale: { domain: entries.map((e) => e.label), range: coloursOf(entries) },
    legend: legend ? { labelLimit: 360, orient: 'bottom' as const, columns: entries.length > 4 ? 2 : 1, symbolType: symbol, symbolStrokeWidth: 3, symbolOpacity: 1 } : null,
  };
}

/**
 * A view that states a fact instead of a chart (all zeros on a log scale, no data yet): a text
 * mark the page can render like any other spec, and `usermeta.fact` for a report that prints the
 * sentence as text.
 */
export function factSpec(title: string, fact: string, width = WIDTH): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title,
    usermeta: { fact },
    config: CONFIG,
    width,
    height: 30,
    data: { values: [{ text: fact }] },
    mark: { type: 'text', align: 'left', x: 0, y: 15, fontSize: 13, color: '#444' },
    encoding: { text: { field: 'text', type: 'nominal' } },
  };
}

/** The fact a spec states instead of a chart, or undefined for a chart. */
export function factOf(spec: TopLevelSpec): string | undefined {
  const meta = (spec as { usermeta?: { fact?: unknown } }).usermeta;
  return typeof meta?.fact === 'string' ? meta.fact : undefined;
}

/**
 * One self-contained HTML report (no script, no network): the runs described, the mean-field
 * summary, charts rendered to inline SVG when the report is written (./svg.ts): activation and
 * gradient variance over depth on a log scale with the theory dashed (and each seed's run, and
 * the 10-90% band), activation mean over depth, saturated/zero fractions, histograms of
 * activations and gradients as small multiples (Glorot & Bengio's Figs 6-7), the phase diagram
 * when there is one, and the text table of each run.
 */
import { writeFileSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import { fail } from '../errors.js';
import type { LabResult } from '../lab/propagate.js';
import type { AggregateStats } from '../lab/seeds.js';
import type { LayerRecord } from '../lab/types.js';
import { depthChart, histogramChart, phaseChart, type DepthPoint, type HistogramBar, type PhaseCell } from './charts.js';
import { layerSelection } from './format.js';
import { renderSvg } from './svg.js';
import { renderText } from './terminal.js';

export interface PhaseDiagram {
  readonly title: string;
  readonly valueTitle: string;
  readonly cells: readonly PhaseCell[];
  readonly line: readonly { sigmaW2: number; sigmaB2: number }[];
  readonly points?: readonly { sigmaW2: number; sigmaB2: number; label: string }[];
}

export interface ReportInput {
  readonly title: string;
  readonly kind: 'propagate' | 'experiment' | 'theory' | 'train';
  /** Free text under the title. */
  readonly description?: string;
  /** Runs; runs with a `group` get their own set of charts per group (e.g. per activation). */
  readonly results: readonly { readonly label: string; readonly result: LabResult; readonly group?: string }[];
  readonly phase?: readonly PhaseDiagram[];
  /** Extra preformatted text (a comparison table). */
  readonly text?: readonly string[];
  /** Further charts, drawn after the runs' (learning curves). */
  readonly charts?: readonly TopLevelSpec[];
}

type Pick = (l: LayerRecord) => number | null | undefined;

function series(label: string, result: LabResult, measured: Pick, theory: Pick | undefined, band?: (l: LayerRecord) => AggregateStats | null): DepthPoint[] {
  const points: DepthPoint[] = [];
  for (const l of result.layers) {
    const v = measured(l);
    if (typeof v === 'number') {
      const b = band?.(l)?.band;
      const lo = b?.p10.variance;
      const hi = b?.p90.variance;
      points.push({ series: label, layer: l.index, value: v, kind: 'measured', ...(typeof lo === 'number' && typeof hi === 'number' ? { lo, hi } : {}) });
    }
    const t = theory?.(l);
    if (typeof t === 'number') points.push({ series: label, layer: l.index, value: t, kind: 'theory' });
  }
  for (const run of result.runs ?? []) {
    for (const l of run.layers) {
      const v = measured(l);
      if (typeof v === 'number') points.push({ series: label, layer: l.index, value: v, kind: 'run', ...({ run: `${label}/${run.seed}` } as object) });
    }
  }
  return points;
}

function histograms(results: ReportInput['results'], tensor: 'act' | 'preactGrad'): HistogramBar[] {
  const bars: HistogramBar[] = [];
  for (const { label, result } of results) {
    const layers = layerSelection(result.config.depth).filter((l) => l <= result.config.depth).slice(0, 8);
    for (const index of layers) {
      const h = result.layers[index - 1][tensor]?.histogram;
      if (h === undefined) continue;
      const total = h.counts.reduce((a, b) => a + b, 0);
      if (total === 0) continue;
      h.counts.forEach((c, i) => bars.push({ panel: `layer ${String(index).padStart(3)}`, series: label, x0: h.edges[i], x1: h.edges[i + 1], fraction: c / total }));
    }
  }
  return bars;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The report as HTML text. */
export async function htmlReport(input: ReportInput): Promise<string> {
  const charts: string[] = [];
  const chart = async (spec: Parameters<typeof renderSvg>[0]) => charts.push(`<figure>${await renderSvg(spec)}</figure>`);
  const groups = new Map<string, ReportInput['results'][number][]>();
  for (const r of input.results) groups.set(r.group ?? '', [...(groups.get(r.group ?? '') ?? []), r]);
  for (const [group, results] of groups) {
    if (group !== '') charts.push(`<h2>${escape(group)}</h2>`);
    const all = (f: (label: string, r: LabResult) => DepthPoint[]) => results.flatMap(({ label, result }) => f(label, result));
    await chart(depthChart('Activation variance Var[x] over depth (theory dashed)', 'Var[x]', all((s, r) => series(s, r, (l) => l.act?.variance, (l) => l.theory?.actVariance, (l) => l.act as AggregateStats | null)), true));
    await chart(depthChart('Pre-activation variance Var[z] over depth (theory dashed)', 'Var[z]', all((s, r) => series(s, r, (l) => l.preact?.variance, (l) => l.theory?.preactVariance, (l) => l.preact as AggregateStats | null)), true));
    await chart(depthChart('Activation mean over depth (theory dashed)', 'mean[x]', all((s, r) => series(s, r, (l) => l.act?.mean, (l) => l.theory?.actMean)), false));
    if (results.some(({ result }) => result.config.backward)) {
      await chart(depthChart('Back-propagated gradient variance Var[∂loss/∂x] over depth (theory dashed)', 'Var[g]', all((s, r) => series(s, r, (l) => l.grad?.variance, (l) => l.theory?.gradVariance, (l) => l.grad as AggregateStats | null)), true));
      if (results.some(({ result }) => result.config.weightGrad)) {
        await chart(depthChart('Weight-gradient variance over depth (Glorot & Bengio Fig. 8)', 'Var[∂W]', all((s, r) => series(s, r, (l) => l.weightGrad?.variance, undefined)), true));
      }
    }
    await chart(depthChart('Saturated fraction (bounded φ) or exact zeros (ReLU family) of the activations', 'fraction', all((s, r) => series(s, r, (l) => l.act?.saturatedFraction ?? l.act?.zeroFraction, undefined)), false));
    if (results.length <= 4) {
      const acts = histograms(results, 'act');
      if (acts.length > 0) await chart(histogramChart('Activation histograms per layer (Glorot & Bengio Fig. 6)', acts, 4));
      const grads = histograms(results, 'preactGrad');
      if (grads.length > 0) await chart(histogramChart('Back-propagated gradient ∂loss/∂z histograms per layer (Glorot & Bengio Fig. 7)', grads, 4));
    }
  }
  const { results } = input;
  for (const p of input.phase ?? []) await chart(phaseChart(p.title, p.valueTitle, p.cells, p.line, p.points ?? []));
  for (const spec of input.charts ?? []) await chart(spec);
  const tables = results.map(({ label, result }) => `<h3>${escape(label)}</h3><pre>${escape(renderText(result).join('\n'))}</pre>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(input.title)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1150px;color:#222}pre{font-size:12px;overflow-x:auto;background:#f7f7f7;padding:.8em}figure{margin:1.2em 0}h1{font-size:1.5em}</style>
</head><body>
<h1>${escape(input.title)}</h1>
${input.description === undefined ? '' : `<p>${escape(input.description)}</p>`}
${input.text === undefined ? '' : `<pre>${escape(input.text.join('\n'))}</pre>`}
${charts.join('\n')}
${tables.join('\n')}
<p><small>Generated by initlab; charts rendered with Vega-Lite to inline SVG.</small></p>
</body></html>
`;
}

/** Writes HTML text to `path`; an unwritable path is an argument error of `--report`. */
export function writeHtml(path: string, html: string): void {
  try {
    writeFileSync(path, html);
  } catch (e) {
    fail('--report', path, `a writable file path (${(e as { code?: string }).code ?? 'unwritable'})`);
  }
}

/** Renders and writes the report. */
export async function writeHtmlReport(path: string, input: ReportInput): Promise<void> {
  writeHtml(path, await htmlReport(input));
}

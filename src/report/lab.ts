/**
 * The HTML report of lab runs (`initlab propagate --report`, and experiments other than the
 * seeds'): what was run and what the theory says of it, in words and formulas; the variance of
 * pre-activations, activations, back-propagated and weight gradients over depth (measured solid,
 * theory dashed, blow-ups as markers); the activation mean; the histograms per layer (Glorot &
 * Bengio Figs 6-7); and each run's layer table as an HTML table. Browser-safe: the page calls
 * {@link propagateReportHtml} for "Download report".
 */
import type { LabResult } from '../lab/propagate.js';
import { htmlDocument, escape, para, type Block } from './document.js';
import { verdictSentence, varianceFormulas } from './explain.js';
import { discrepancy, num } from './format.js';
import { LAYER_TABLE_NOTE, layerTable } from './layerTable.js';
import { describeRun } from './terminal.js';
import { depthView, histogramView, type ViewRun } from './views/index.js';

export interface ReportRun {
  readonly label: string;
  readonly result: LabResult;
  /** Runs with a group get their own set of charts per group (e.g. per activation). */
  readonly group?: string;
}

export interface ReportInput {
  readonly title: string;
  readonly kind: 'propagate' | 'experiment';
  /** Free text under the title. */
  readonly description?: string;
  readonly results: readonly ReportRun[];
}

/** Layers for histogram panels: 1, about a tenth, the middle and the last (every layer up to 4). */
export function histogramLayers(depth: number): number[] {
  if (depth <= 4) return Array.from({ length: depth }, (_, i) => i + 1);
  return [...new Set([1, Math.max(2, Math.round(depth / 10)), Math.round(depth / 2), depth])];
}

/** How far the last layer's activation variance is from the theory, as a sentence, or ''. */
function lastLayerSentence(runs: readonly ViewRun[]): string {
  const parts = runs.flatMap((r) => {
    const last = [...r.result.layers].reverse().find((l) => typeof l.act?.variance === 'number');
    const d = discrepancy(last?.act?.variance, last?.theory?.actVariance);
    return last === undefined || d === '-' ? [] : [`${escape(r.label)}: ${num(last.act!.variance)} at layer ${last.index}, theory ${num(last.theory!.actVariance)} (${d})`];
  });
  return parts.length === 0 ? '' : ` Measured against theory at the deepest layer reached: ${parts.join('; ')}.`;
}

/** The charts of a set of runs, each followed by what it shows. */
export function runBlocks(runs: readonly ViewRun[], options: { readonly histograms: boolean }): Block[] {
  const blocks: Block[] = [];
  const seeds = Math.max(...runs.map((r) => r.result.runs?.length ?? 1));
  const band = seeds > 1 ? ` Lines are medians over ${seeds} seeds; the shaded band holds 80% of the seeds (10th to 90th percentile).` : '';
  const backward = runs.some((r) => r.result.config.backward === true);
  const weightGrad = runs.some((r) => r.result.layers.some((l) => l.weightGrad !== null));
  blocks.push({ kind: 'chart', spec: depthView(runs, { quantity: 'preact' }) });
  blocks.push(para(`The pre-activations' variance Var[z] layer by layer: solid is measured over the batch, dashed is the mean-field prediction. A flat line means the initialization preserves the signal; a straight rising or falling line on this log scale means it grows or shrinks by a constant factor per layer.${band}`));
  blocks.push({ kind: 'chart', spec: depthView(runs, { quantity: 'act' }) });
  blocks.push(para(`The activations x = φ(z) that the next layer receives.${lastLayerSentence(runs)} A triangle marks where a run overflowed the number format or went to exactly 0; its line stops there.`));
  blocks.push({ kind: 'chart', spec: depthView(runs, { quantity: 'act', statistic: 'mean' }) });
  blocks.push(para('The mean of the activations: 0 for odd activations such as tanh; positive for ReLU, whose outputs are never negative.'));
  if (backward) {
    blocks.push({ kind: 'chart', spec: depthView(runs, { quantity: 'grad' }) });
    blocks.push(para('The gradient of the loss flowing back to each layer\'s output, from the top (the last layer) down to layer 1. Read it right to left: a line that falls towards layer 1 is a vanishing gradient, the reason a deep network with a poor initialization does not learn in its first layers.'));
    if (weightGrad) {
      blocks.push({ kind: 'chart', spec: depthView(runs, { quantity: 'weightGrad' }) });
      blocks.push(para('The gradient of each layer\'s weights, what an SGD step actually changes (Glorot &amp; Bengio Fig. 8). With a good initialization it is about the same at every layer, so all layers learn at a similar pace.'));
    }
  }
  if (options.histograms) {
    const depth = Math.max(...runs.map((r) => r.result.config.depth));
    blocks.push({ kind: 'chart', spec: histogramView(runs, { tensor: 'act', layers: histogramLayers(depth) }) });
    blocks.push(para('Histograms of the activations at a few depths (Glorot &amp; Bengio Fig. 6). Each panel has its own axes: read the numbers on the x axis to see the spread grow or shrink. Piled against ±1, tanh is saturated, and its gradient is nearly 0 there.'));
    if (backward) {
      blocks.push({ kind: 'chart', spec: histogramView(runs, { tensor: 'preactGrad', layers: histogramLayers(depth) }) });
      blocks.push(para('Histograms of the back-propagated gradients ∂ℓ/∂z (Glorot &amp; Bengio Fig. 7): the spread at layer 1 against the spread at the top shows whether gradients vanish on the way down.'));
    }
  }
  return blocks;
}

/** One run's summary and layer table. */
export function runTableBlocks(run: ReportRun): Block[] {
  const { head, rows } = layerTable(run.result);
  const r = run.result;
  const events = r.events.map((e) => `${e.message}${e.seed === undefined ? '' : ` (seed ${e.seed})`}`);
  return [
    { kind: 'h3', text: run.label },
    para(escape(describeRun(r))),
    para(verdictSentence(r.summary, r.config.depth)),
    { kind: 'table', table: { head, rows, note: LAYER_TABLE_NOTE } },
    ...[...events, ...r.notes].map((n) => para(escape(n))),
  ];
}

/** The report of lab runs as one HTML document. */
export async function labReportHtml(input: ReportInput): Promise<string> {
  const blocks: Block[] = [];
  if (input.description !== undefined) blocks.push({ kind: 'html', html: `<p class="lead">${escape(input.description)}</p>` });
  if (input.results.length === 1) blocks.push(para(verdictSentence(input.results[0].result.summary, input.results[0].result.config.depth)));
  blocks.push({ kind: 'html', html: varianceFormulas() });
  const groups = new Map<string, ReportRun[]>();
  for (const r of input.results) groups.set(r.group ?? '', [...(groups.get(r.group ?? '') ?? []), r]);
  for (const [group, runs] of groups) {
    if (group !== '') blocks.push({ kind: 'h2', text: group });
    blocks.push(...runBlocks(runs, { histograms: runs.length <= 4 }));
  }
  blocks.push({ kind: 'h2', text: input.results.length === 1 ? 'Layer by layer' : 'Each run, layer by layer' });
  for (const run of input.results) blocks.push(...runTableBlocks(run));
  return htmlDocument(input.title, blocks);
}

/** The report of one `initlab propagate` run (the page's "Download report"). */
export async function propagateReportHtml(result: LabResult, label?: string): Promise<string> {
  const init = typeof result.config.init === 'string' ? result.config.init : JSON.stringify(result.config.init);
  return labReportHtml({
    title: 'initlab propagate',
    kind: 'propagate',
    description: describeRun(result),
    results: [{ label: label ?? `${result.config.activation} ${init}`, result }],
  });
}

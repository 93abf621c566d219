/**
 * The text report of a lab run: what was run, the mean-field summary, a table of the selected
 * layers (1, 2, 5, 10, 20, 50, 100, ..., and every layer with an event) with each measurement
 * beside its prediction and the discrepancy, a log-scale chart of the variances over depth
 * (measured `*`, theory `·`), the events and the notes.
 */
import type { LabResult } from '../lab/propagate.js';
import type { RunSummary } from '../lab/types.js';
import { logPlot, sparkline } from './ascii.js';
import { columns, discrepancy, num, qStarText } from './format.js';
import { LAYER_TABLE_NOTE, layerTable } from './layerTable.js';

function specText(spec: unknown): string {
  if (typeof spec === 'string') return spec;
  return JSON.stringify(spec);
}

/** One line per fact of the run: network, init, input, batch, dtype, seeds. */
export function describeRun(r: LabResult): string {
  const c = r.config;
  const widths = new Set(c.widths).size === 1 ? `${c.depth} layers of ${c.widths[0]}` : `${c.depth} layers [${c.widths.join(', ')}]`;
  const laws = [...new Set(r.network.weightLaw)].join(' / ');
  const act = c.activationParam === undefined ? c.activation : `${c.activation}(${c.activationParam})`;
  const seeds = c.seeds > 1 ? `, seeds ${c.seed}..${c.seed + c.seeds - 1} (medians)` : `, seed ${c.seed}`;
  const pass = c.backward ? `, forward + backward (top gradient: ${c.loss === 'none' ? 'N(0, 1)' : c.loss})` : ', forward';
  return `${widths} (input ${c.inputSize}), ${act}, weights ${specText(c.init)} = ${laws}, bias ${specText(c.bias)}, input ${r.network.input}, batch ${c.batch}, ${c.dtype}${seeds}${pass}`;
}

export function describeSummary(s: RunSummary): string {
  if (s.verdict === null) return `theory: none (${s.note ?? 'not applicable'})`;
  return `theory (mean field at the deepest layer's σw² = ${num(s.sigmaW2)}, σb² = ${num(s.sigmaB2)}): q* = ${qStarText(s.qStar, s.marginal)}, χ₁ = ${num(s.chi1)}, `
    + `c* = ${num(s.cStar)}, ξ_q = ${num(s.xiQ)}, ξ_c = ${num(s.xiC)} layers: ${s.verdict}`
    + (s.overflowLayer === null ? '' : `; predicted overflow at layer ${s.overflowLayer}`);
}

export function renderText(r: LabResult): string[] {
  const { config } = r;
  const backward = config.backward;
  const table = layerTable(r);
  const lines = [describeRun(r), describeSummary(r.summary), '', ...columns([table.head, ...table.rows])];
  lines.push('', LAYER_TABLE_NOTE);
  const actVar = r.layers.map((l) => l.act?.variance ?? null);
  const theoryVar = r.layers.map((l) => l.theory?.actVariance ?? null);
  lines.push('', 'Var[x] over depth (log scale):', ...logPlot([{ label: 'theory', mark: '·', values: theoryVar }, { label: 'measured', mark: '*', values: actVar }]));
  if (backward) {
    lines.push('', `Var[g] over depth: ${sparkline(r.layers.map((l) => l.grad?.variance ?? null))}  (layer 1 → ${config.depth}, log scale)`);
    const g0 = r.inputGrad.measured?.variance;
    lines.push(`gradient at the input ∂loss/∂x⁰: Var = ${num(g0)}, theory ${num(r.inputGrad.theoryVariance)} (${discrepancy(g0, r.inputGrad.theoryVariance)})`);
  }
  if (r.events.length > 0) lines.push('', ...r.events.map((e) => `event: ${e.message}${e.seed === undefined ? '' : ` (seed ${e.seed})`}`));
  if (r.notes.length > 0) lines.push('', ...r.notes.map((n) => `note: ${n}`));
  return lines;
}

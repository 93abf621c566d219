/**
 * Reports of a whole experiment: a comparison table with one row per run (verdict, χ₁, the
 * activation variance at a few depths measured beside the theory, the gradient at the first
 * layer, the events), the edge-of-chaos table where there is one, JSON, CSV and the HTML report.
 */
import type { ExperimentResult, ExperimentRun } from '../lab/experiments/run.js';
import { labCsv } from './csv.js';
import { escape, htmlDocument, para, type Block } from './document.js';
import { varianceFormulas } from './explain.js';
import { comparisonTable, edgeTable } from './comparison.js';
import { columns } from './format.js';
import { runBlocks, runTableBlocks } from './lab.js';
import { tex } from './math.js';
import { seedsReportHtml } from './seeds.js';
import { phaseView } from './views/index.js';

export function renderExperimentText(e: ExperimentResult): string[] {
  const lines = [`experiment ${e.name}: ${e.description}`, ''];
  const table = comparisonTable(e);
  lines.push(...columns([table.head, ...table.rows], false), '', table.note);
  if (e.edge) {
    const t = edgeTable(e.edge);
    lines.push('', t.note, ...columns([t.head, ...t.rows]));
  }
  const notes = [...new Set(e.runs.flatMap((r) => r.result.notes))];
  if (notes.length > 0) lines.push('', ...notes.map((n) => `note: ${n}`));
  return lines;
}

export function experimentJsonText(e: ExperimentResult): string {
  return JSON.stringify(e);
}

/** CSV of every run, with the run's label in front of each row. */
export function experimentCsv(e: ExperimentResult): string {
  const out: string[] = [];
  e.runs.forEach(({ label, result }, i) => {
    const lines = labCsv(result).trimEnd().split('\n');
    if (i === 0) out.push(`label,${lines[0]}`);
    const quoted = `"${label.replace(/"/g, '""')}"`;
    for (const line of lines.slice(1)) out.push(`${quoted},${line}`);
  });
  return `${out.join('\n')}\n`;
}

/** The HTML report: the seeds' story for the seeds' experiment, else the runs' charts and tables (./lab.ts) with the phase diagram of an edge-of-chaos grid. */
export async function experimentHtml(e: ExperimentResult): Promise<string> {
  if (e.name === 'seeds') return seedsReportHtml(e);
  const grouped = e.runs.length > 4;
  const blocks: Block[] = [{ kind: 'html', html: `<p class="lead">${escape(e.description)}</p>` }, { kind: 'html', html: varianceFormulas() }];
  const table = comparisonTable(e);
  blocks.push({ kind: 'table', table: { caption: 'Every run', head: table.head, rows: table.rows, note: table.note } });
  if (e.edge) {
    const points = e.edge.rows.map((r) => ({ sigmaW2: r.sigmaW2, sigmaB2: r.sigmaB2, label: `σw² = ${r.sigmaW2}, σb² = ${r.sigmaB2}: ${r.verdict ?? '-'}` }));
    blocks.push({ kind: 'h2', text: 'Phase diagram' });
    blocks.push({ kind: 'chart', spec: phaseView(e.edge, { points, title: 'Depth scale ξ_c over (σw², σb²), the critical line χ₁ = 1 in white, the measured grid as dots' }) });
    blocks.push(para(`The colour is ξ_c, the number of layers over which two inputs stay distinguishable; it diverges on the white line χ₁ = 1, the edge of chaos. Left of the line (ordered) gradients vanish, right of it (chaotic) they explode; a network much deeper than ${tex('6\\,\\xi_c')} cannot be trained (Schoenholz et al. 2017).`));
    const t = edgeTable(e.edge);
    blocks.push({ kind: 'table', table: { caption: 'Theory beside measurement', head: t.head, rows: t.rows, note: t.note } });
  }
  const groups = new Map<string, ExperimentRun[]>();
  for (const r of e.runs) {
    const g = grouped ? r.result.config.activation : '';
    groups.set(g, [...(groups.get(g) ?? []), r]);
  }
  for (const [group, runs] of groups) {
    if (group !== '') blocks.push({ kind: 'h2', text: group });
    blocks.push(...runBlocks(runs, { histograms: runs.length <= 4 }));
  }
  if (e.runs.length <= 6) {
    blocks.push({ kind: 'h2', text: 'Each run, layer by layer' });
    for (const run of e.runs) blocks.push(...runTableBlocks(run));
  }
  return htmlDocument(`initlab experiment ${e.name}`, blocks);
}

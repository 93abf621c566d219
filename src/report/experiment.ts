/**
 * Reports of a whole experiment: a comparison table with one row per run (verdict, χ₁, the
 * activation variance at a few depths measured beside the theory, the gradient at the first
 * layer, the events), the edge-of-chaos table where there is one, JSON, CSV and the HTML report.
 */
import type { ExperimentResult } from '../lab/experiments/run.js';
import { labCsv } from './csv.js';
import { columns, discrepancy, num, qStarText } from './format.js';
import { htmlReport } from './html.js';

/** Depths shown in the comparison table: 1, 10, 50, 100 (those within the depth) and the last. */
function depths(depth: number): number[] {
  const all = [...new Set([1, 2, 5, 10, 50, 100, depth].filter((d) => d <= depth))];
  return all.length <= 5 ? all : all.filter((d) => d !== 2 && d !== 5).slice(-5);
}

function meanSingularValue(values: (number | undefined)[]): number | null {
  const v = values.filter((x): x is number => typeof x === 'number');
  return v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length;
}

export function renderExperimentText(e: ExperimentResult): string[] {
  const lines = [`experiment ${e.name}: ${e.description}`, ''];
  const maxDepth = Math.max(...e.runs.map((r) => r.result.config.depth));
  const ds = depths(maxDepth);
  const jacobian = e.runs.some((r) => r.result.config.jacobian > 0);
  const head = ['run', 'verdict', 'χ₁', ...ds.map((d) => `Var[x${d}]`), 'theory', 'Δ', 'Var[g1]', 'theory', ...(jacobian ? ['mean sv'] : []), 'events'];
  const rows: string[][] = [head];
  for (const { label, result } of e.runs) {
    const at = (d: number) => (d <= result.layers.length ? result.layers[d - 1] : undefined);
    const last = at(ds[ds.length - 1]);
    const events = result.events.map((ev) => `${ev.kind}@${ev.layer}${ev.pass === 'backward' ? '(bwd)' : ''}`).join(' ');
    rows.push([
      label,
      result.summary.verdict ?? '-',
      num(result.summary.chi1),
      ...ds.map((d) => num(at(d)?.act?.variance)),
      num(last?.theory?.actVariance),
      discrepancy(last?.act?.variance, last?.theory?.actVariance),
      num(result.layers[0].grad?.variance),
      num(result.layers[0].theory?.gradVariance),
      ...(jacobian ? [num(meanSingularValue(result.layers.map((l) => l.jacobian?.meanSingularValue)))] : []),
      events === '' ? '-' : events,
    ]);
  }
  lines.push(...columns(rows, false));
  lines.push('', `Var[xN]: measured activation variance at layer N (median over seeds when several); theory and Δ at layer ${ds[ds.length - 1]}; Var[g1]: gradient at layer 1${jacobian ? '; mean sv: mean singular value of the layer Jacobians (Glorot & Bengio Eq. 17), averaged over layers' : ''}`);
  if (e.edge) {
    const t: string[][] = [['σw²', 'σb²', 'q*', 'q top 10', 'Δ', 'χ₁', 'χ measured', 'Δ', 'ξ_c', 'verdict']];
    for (const r of e.edge.rows) {
      t.push([num(r.sigmaW2), num(r.sigmaB2), qStarText(r.qStar, r.marginal), num(r.qTop), discrepancy(r.qTop, r.qStar), num(r.chi1), num(r.chiMeasured), discrepancy(r.chiMeasured, r.chi1), num(r.xiC), r.verdict ?? '-']);
    }
    lines.push('', 'edge of chaos: theory beside measurement (q averaged over the top 10 layers; χ = geometric mean of Var[g^{l-1}]/Var[g^l] over the top 20 layers)', ...columns(t));
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

export async function experimentHtml(e: ExperimentResult): Promise<string> {
  const grouped = e.runs.length > 4;
  return htmlReport({
    title: `initlab experiment ${e.name}`,
    kind: 'experiment',
    description: e.description,
    text: renderExperimentText(e).slice(2),
    results: e.runs.map(({ label, result }) => ({ label, result, ...(grouped ? { group: result.config.activation } : {}) })),
    ...(e.edge ? { phase: [{ title: 'Phase diagram: depth scale ξ_c (capped at 60) and the critical line χ₁ = 1 (white); dots: the measured grid', valueTitle: 'ξ_c', cells: e.edge.cells, line: e.edge.line, points: e.edge.rows.map((r) => ({ sigmaW2: r.sigmaW2, sigmaB2: r.sigmaB2, label: `${r.verdict}` })) }] } : {}),
  });
}

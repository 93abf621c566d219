/**
 * The tables of an experiment: the comparison of its runs (verdict, χ₁, the activation variance at
 * a few depths beside the theory, where one seed of a critical ReLU net may land, the gradient at
 * the first layer, the events) and the edge-of-chaos table, as header and rows for the terminal's
 * columns and the HTML report's tables.
 */
import type { ExperimentResult } from '../lab/experiments/run.js';
import { discrepancy, num, qStarText } from './format.js';
import { seedSpread } from './spread.js';

/** Depths shown in the comparison table: 1, 10, 50, 100 (those within the depth) and the last. */
function depths(depth: number): number[] {
  const all = [...new Set([1, 2, 5, 10, 50, 100, depth].filter((d) => d <= depth))];
  return all.length <= 5 ? all : all.filter((d) => d !== 2 && d !== 5).slice(-5);
}

function meanSingularValue(values: (number | undefined)[]): number | null {
  const v = values.filter((x): x is number => typeof x === 'number');
  return v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length;
}

/** The comparison table: one row per run, and the note that explains its columns. */
export function comparisonTable(e: ExperimentResult): { head: string[]; rows: string[][]; note: string } {
  const maxDepth = Math.max(...e.runs.map((r) => r.result.config.depth));
  const ds = depths(maxDepth);
  const jacobian = e.runs.some((r) => r.result.config.jacobian > 0);
  const spreads = e.runs.map((r) => seedSpread(r.result));
  const spread = spreads.some((s) => s !== null);
  const head = ['run', 'verdict', 'χ₁', ...ds.map((d) => `Var[x${d}]`), 'theory', 'Δ', ...(spread ? ['10-90% of seeds'] : []), 'Var[g1]', 'theory', ...(jacobian ? ['mean sv'] : []), 'events'];
  const rows = e.runs.map(({ label, result }, i) => {
    const at = (d: number) => (d <= result.layers.length ? result.layers[d - 1] : undefined);
    const last = at(ds[ds.length - 1]);
    const events = result.events.map((ev) => `${ev.kind}@${ev.layer}${ev.pass === 'backward' ? '(bwd)' : ''}`).join(' ');
    return [
      label,
      result.summary.verdict ?? '-',
      num(result.summary.chi1),
      ...ds.map((d) => num(at(d)?.act?.variance)),
      num(last?.theory?.actVariance),
      discrepancy(last?.act?.variance, last?.theory?.actVariance),
      ...(spread ? [spreads[i]?.text ?? '-'] : []),
      num(result.layers[0].grad?.variance),
      num(result.layers[0].theory?.gradVariance),
      ...(jacobian ? [num(meanSingularValue(result.layers.map((l) => l.jacobian?.meanSingularValue)))] : []),
      events === '' ? '-' : events,
    ];
  });
  const note = `Var[xN]: measured activation variance at layer N (median over seeds when several); theory and Δ at layer ${ds[ds.length - 1]}; `
    + `${spread ? '10-90% of seeds: where 80% of single seeds of a deep ReLU net land against the theory at that layer; one seed spreads by a large factor (log-normal with Var[ln] ≈ 5·Σ1/n over the layers, Hanin & Nica 2019), so a single run\'s Δ of ±100% is expected there; measured over the seeds when the run has several; ' : ''}`
    + `Var[g1]: gradient at layer 1${jacobian ? '; mean sv: mean singular value of the layer Jacobians (Glorot & Bengio Eq. 17), averaged over layers' : ''}`;
  return { head, rows, note };
}

/** The edge-of-chaos table: theory beside measurement per grid point. */
export function edgeTable(edge: NonNullable<ExperimentResult['edge']>): { head: string[]; rows: string[][]; note: string } {
  return {
    head: ['σw²', 'σb²', 'q*', 'q top 10', 'Δ', 'χ₁', 'χ measured', 'Δ', 'ξ_c', 'verdict'],
    rows: edge.rows.map((r) => [num(r.sigmaW2), num(r.sigmaB2), qStarText(r.qStar, r.marginal), num(r.qTop), discrepancy(r.qTop, r.qStar), num(r.chi1), num(r.chiMeasured), discrepancy(r.chiMeasured, r.chi1), num(r.xiC), r.verdict ?? '-']),
    note: 'edge of chaos: theory beside measurement (q averaged over the top 10 layers; χ = geometric mean of Var[g^{l-1}]/Var[g^l] over the top 20 layers)',
  };
}


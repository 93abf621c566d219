/**
 * The table of a lab run's selected layers (1, 2, 5, 10, 20, 50, 100, ... and every layer with an
 * event): each measurement beside its mean-field prediction and the discrepancy. The terminal
 * prints it in columns, the HTML report as a table.
 */
import type { LabResult } from '../lab/propagate.js';
import { discrepancy, layerSelection, num, percent } from './format.js';

export const LAYER_TABLE_NOTE = 'z: pre-activation, x = φ(z), g = ∂loss/∂x; Δ = measured/theory - 1; sat/0: saturated fraction (bounded φ) or exact zeros; ! an event';

export function layerTable(r: LabResult): { head: string[]; rows: string[][] } {
  const { config } = r;
  const backward = config.backward;
  const head = ['layer', 'Var[z]', 'theory', 'Δ', 'Var[x]', 'theory', 'Δ', 'mean[x]', 'theory', 'sat/0'];
  if (backward) head.push('Var[g]', 'theory', 'Δ', 'Var[∂W]');
  if (config.jacobian > 0) head.push('mean sv');
  const rows: string[][] = [];
  for (const index of layerSelection(config.depth, r.events.map((e) => e.layer))) {
    const l = r.layers[index - 1];
    if (l === undefined) continue;
    const t = l.theory;
    const flag = r.events.some((e) => e.layer === index) ? '!' : '';
    const row = [
      `${index}${flag}`,
      num(l.preact?.variance), num(t?.preactVariance), discrepancy(l.preact?.variance, t?.preactVariance),
      num(l.act?.variance), num(t?.actVariance), discrepancy(l.act?.variance, t?.actVariance),
      num(l.act?.mean), num(t?.actMean), percent(l.act?.saturatedFraction ?? l.act?.zeroFraction),
    ];
    if (backward) row.push(num(l.grad?.variance), num(t?.gradVariance), discrepancy(l.grad?.variance, t?.gradVariance), num(l.weightGrad?.variance));
    if (config.jacobian > 0) row.push(num(l.jacobian?.meanSingularValue));
    rows.push(row);
  }
  return { head, rows };
}

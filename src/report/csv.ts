/**
 * The CSV form of a lab result: one row per layer (and with several seeds, one row per layer of
 * each run after the median rows), columns `run,layer,width`, then for each tensor (preact, act,
 * grad, preactGrad, weightGrad) its mean, variance, std, min, max, p02, p98, then the activation's
 * saturated, zero and dead-unit fractions, then the theory. Empty cells are missing values
 * (past an event, or a tensor not computed); numbers in full precision.
 */
import type { LabResult } from '../lab/propagate.js';
import type { LayerRecord } from '../lab/types.js';

const TENSORS = ['preact', 'act', 'grad', 'preactGrad', 'weightGrad'] as const;
const FIELDS = ['mean', 'variance', 'std', 'min', 'max', 'p02', 'p98'] as const;
const THEORY = ['preactMean', 'preactVariance', 'actMean', 'actVariance', 'gradVariance', 'chi', 'linearPreactVariance', 'linearGradVariance'] as const;

export const CSV_HEADER = [
  'run', 'layer', 'width',
  ...TENSORS.flatMap((t) => FIELDS.map((f) => `${t}_${f}`)),
  'act_saturatedFraction', 'act_zeroFraction', 'act_deadUnitFraction', 'jacobian_meanSingularValue',
  ...THEORY.map((f) => `theory_${f}`),
];

const cell = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '' : String(x));

function row(run: string, l: LayerRecord): string {
  const cells = [run, String(l.index), String(l.width)];
  for (const t of TENSORS) for (const f of FIELDS) cells.push(cell(l[t]?.[f]));
  cells.push(cell(l.act?.saturatedFraction), cell(l.act?.zeroFraction), cell(l.act?.deadUnitFraction), cell(l.jacobian?.meanSingularValue));
  for (const f of THEORY) cells.push(cell(l.theory?.[f]));
  return cells.join(',');
}

export function labCsv(result: LabResult): string {
  const lines = [CSV_HEADER.join(',')];
  const first = result.runs === undefined ? String(result.config.seed) : 'median';
  for (const l of result.layers) lines.push(row(first, l));
  for (const run of result.runs ?? []) for (const l of run.layers) lines.push(row(`seed${run.seed}`, l));
  return `${lines.join('\n')}\n`;
}

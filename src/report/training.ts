/**
 * Reports of training runs: a terminal table of the learning curve (training loss, test error and
 * what the monitoring batch shows of the first and last hidden layers), the comparison table of a
 * training experiment (with the published value beside ours where the spec gives one), the JSON
 * text, and the HTML report with the learning curves: loss and test error over updates (Glorot &
 * Bengio Figs 11-12), the first layer's weight-gradient norm (He et al.'s stalled 30-layer net),
 * and per run the activations' 98th percentile and std per layer (Figs 3, 10) and the
 * weight-gradient std per layer (Fig. 9).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TrainingExperimentResult } from '../lab/experiments/training.js';
import type { TrainResult } from '../train/trainer.js';
import { curveChart, type CurveDatum } from './charts.js';
import { columns, layerSelection, num, percent } from './format.js';
import { htmlReport } from './html.js';

const spec = (s: unknown) => (typeof s === 'string' ? s : JSON.stringify(s));

/** One line: data, network, loss and optimizer, budget. */
export function describeTraining(r: TrainResult): string {
  const c = r.config;
  const act = c.activationParam === undefined ? c.activation : `${c.activation}(${c.activationParam})`;
  const laws = [...new Set(r.network.weightLaw)].join(' / ');
  const lr = r.lrSearch === undefined ? `lr ${c.lr}` : `lr ${c.lr} (best on validation of ${r.lrSearch.map((s) => s.lr).join(', ')})`;
  return `${r.data}; network ${r.network.sizes.join('-')} (${act} hidden, linear output), weights ${spec(c.init)} = ${laws}, bias ${spec(c.bias)}; `
    + `loss ${c.loss}; SGD ${lr}${c.momentum > 0 ? `, momentum ${c.momentum}` : ''}, batch ${c.batch}, ${c.updates} updates${c.epochs === undefined ? '' : ` (${c.epochs} epochs)`}; seed ${c.seed}, ${c.dtype}`;
}

/** Distinct units per hidden layer, shortened for wide tables: `64 x3` or `1,1,2`. */
function units(counts: readonly number[]): string {
  return new Set(counts).size === 1 && counts.length > 2 ? `${counts[0]} x${counts.length}` : counts.join(',');
}

function lsuvLine(r: TrainResult): string[] {
  if (r.lsuv === undefined) return [];
  return [`LSUV: iterations per layer ${r.lsuv.map((l) => l.iterations).join(',')}; Var(z) before ${r.lsuv.map((l) => num(l.initialVariance, 3)).join(',')}; after ${r.lsuv.map((l) => num(l.variance, 3)).join(',')}`];
}

function finalLines(r: TrainResult): string[] {
  const f = r.final;
  return [
    `final (update ${f.update}): training loss ${num(f.loss)}, test error ${percent(f.testError)} (loss ${num(f.testLoss)}), validation error ${percent(f.validationError)}`,
    `distinct units per hidden layer: ${f.distinctUnits.join(', ')} (of ${r.network.sizes.slice(1, -1).join(', ')})`,
    ...(f.divergedAt === undefined ? [] : [`diverged: the loss was not finite at update ${f.divergedAt}; training stopped there`]),
    ...lsuvLine(r),
    ...(r.lrSearch === undefined ? [] : [`learning rates: ${r.lrSearch.map((s) => `${s.lr} → validation error ${percent(s.validationError)}`).join('; ')}`]),
    `time ${r.seconds.toFixed(1)} s, ${Math.round(r.examplesPerSecond)} training examples/s`,
  ];
}

/** The text report of one training run. */
export function renderTrainText(r: TrainResult): string[] {
  const hidden = r.network.sizes.length - 2;
  const monitored = r.curve[0]?.layers !== undefined;
  const head = ['update', 'examples', 'loss', 'test error', ...(monitored ? ['std x1', `std x${hidden}`, `p98 x${hidden}`, '‖∂W1‖'] : [])];
  const rows = r.curve.map((p) => [
    String(p.update), String(p.examples), num(p.loss), percent(p.testError),
    ...(p.layers === undefined ? [] : [num(p.layers[0].actStd), num(p.layers[hidden - 1].actStd), num(p.layers[hidden - 1].actP98), num(p.layers[0].weightGradNorm)]),
  ]);
  return [`train: ${describeTraining(r)}`, '', ...columns([head, ...rows]), '', ...finalLines(r)];
}

/** The comparison table of a training experiment. */
export function renderTrainingExperimentText(e: TrainingExperimentResult): string[] {
  const paper = e.runs.some((r) => r.paper !== undefined);
  const lsuv = e.runs.some((r) => r.lsuv !== undefined);
  const monitored = e.runs.some((r) => r.curve[0]?.layers !== undefined);
  const head = ['run', 'lr', 'updates', 'loss', 'test error', ...(paper ? ['paper'] : []), 'distinct units', ...(monitored ? ['‖∂W1‖ start', 'end'] : []), ...(lsuv ? ['LSUV iterations'] : []), 'time'];
  const rows = e.runs.map((r) => {
    const first = r.curve[0]?.layers?.[0];
    const last = r.curve[r.curve.length - 1]?.layers?.[0];
    return [
      r.label, String(r.config.lr), String(r.final.update), num(r.final.loss), percent(r.final.testError),
      ...(paper ? [r.paper === undefined ? '-' : `${r.paper}%`] : []),
      units(r.final.distinctUnits),
      ...(monitored ? [num(first?.weightGradNorm), num(last?.weightGradNorm)] : []),
      ...(lsuv ? [r.lsuv === undefined ? '-' : r.lsuv.map((l) => l.iterations).join(',')] : []),
      `${r.seconds.toFixed(1)} s`,
    ];
  });
  const diverged = e.runs.filter((r) => r.final.divergedAt !== undefined).map((r) => `${r.label} diverged at update ${r.final.divergedAt}`);
  return [
    `experiment ${e.name}: ${e.description}`,
    '',
    ...columns([head, ...rows], false),
    '',
    `loss: mean training mini-batch loss over the last curve interval; test error on the whole test split${monitored ? '; ‖∂W1‖: Frobenius norm of the first layer\'s weight gradient on the monitoring batch' : ''}`,
    ...(e.reference === undefined ? [] : [`paper: ${e.reference}`]),
    ...diverged,
    `runs: ${e.runs.length}, time ${e.seconds.toFixed(1)} s`,
  ];
}

/** Learning-curve charts for runs. */
export function trainingCharts(runs: readonly { readonly label: string; readonly result: TrainResult }[]): TopLevelSpec[] {
  const over = (value: (p: TrainResult['curve'][number]) => number | undefined) =>
    runs.flatMap(({ label, result }) => result.curve.flatMap((p) => {
      const v = value(p);
      return v === undefined ? [] : [{ series: label, update: p.update, value: v }];
    }));
  const charts: TopLevelSpec[] = [
    curveChart('Training loss (mean mini-batch loss since the previous point)', 'loss', over((p) => p.loss), true),
    curveChart('Test error during training (Glorot & Bengio Figs 11-12)', 'test error', over((p) => p.testError), false),
  ];
  if (!runs.some(({ result }) => result.curve[0]?.layers !== undefined)) return charts;
  charts.push(curveChart('First layer weight-gradient norm ‖∂ℓ/∂W¹‖ on the monitoring batch (He et al. 2015: vanishing in deep ReLU nets)', '‖∂W¹‖', over((p) => p.layers?.[0].weightGradNorm), true));
  for (const { label, result } of runs) {
    const layers = layerSelection(result.network.sizes.length - 1);
    const acts: CurveDatum[] = [];
    const grads: CurveDatum[] = [];
    for (const p of result.curve) {
      for (const m of p.layers ?? []) {
        if (!layers.includes(m.layer)) continue;
        const name = m.layer === result.network.sizes.length - 1 ? `output ${m.layer}` : `layer ${m.layer}`;
        acts.push({ series: name, update: p.update, value: m.actP98, style: 'solid' }, { series: name, update: p.update, value: m.actStd, style: 'dashed' });
        grads.push({ series: name, update: p.update, value: m.weightGradStd });
      }
    }
    charts.push(curveChart(`${label}: activations per layer, 98th percentile (solid) and std (dashed) (Glorot & Bengio Figs 3, 10)`, 'activation', acts, false));
    charts.push(curveChart(`${label}: weight-gradient std per layer (Glorot & Bengio Fig. 9)`, 'std ∂W', grads, true));
  }
  return charts;
}

/** The HTML report of runs: the text, then the learning curves. */
export async function trainingHtml(title: string, description: string, text: readonly string[], runs: readonly { readonly label: string; readonly result: TrainResult }[]): Promise<string> {
  return htmlReport({ title, kind: 'train', description, text, results: [], charts: trainingCharts(runs) });
}

export async function trainingExperimentHtml(e: TrainingExperimentResult): Promise<string> {
  return trainingHtml(`initlab experiment ${e.name}`, e.description, renderTrainingExperimentText(e).slice(2), e.runs.map((r) => ({ label: r.label, result: r })));
}

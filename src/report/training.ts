/**
 * Reports of training runs: a terminal table of the learning curve (training loss, test error and
 * what the monitoring batch shows of the first and last hidden layers), the comparison table of a
 * training experiment (with the published value beside ours where the spec gives one), the JSON
 * text, and the HTML report with the learning curves: loss and test error over updates (Glorot &
 * Bengio Figs 11-12), the first layer's weight-gradient norm (He et al.'s stalled 30-layer net),
 * and per run the activations' 98th percentile and std per layer (Figs 3, 10) and the
 * weight-gradient std per layer (Fig. 9).
 */
import type { TrainingExperimentResult } from '../lab/experiments/training.js';
import type { TrainResult } from '../train/trainer.js';
import { escape, htmlDocument, para, type Block } from './document.js';
import { columns, layerSelection, num, percent } from './format.js';
import { trainingCurveView, trainingLayersView, type CurveRun } from './views/index.js';

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

/** The learning curve as a table: one row per curve point. */
export function curveTable(r: TrainResult): { head: string[]; rows: string[][] } {
  const hidden = r.network.sizes.length - 2;
  const monitored = r.curve[0]?.layers !== undefined;
  const head = ['update', 'examples', 'loss', 'test error', ...(monitored ? ['std x1', `std x${hidden}`, `p98 x${hidden}`, '‖∂W1‖'] : [])];
  const rows = r.curve.map((p) => [
    String(p.update), String(p.examples), num(p.loss), percent(p.testError),
    ...(p.layers === undefined ? [] : [num(p.layers[0].actStd), num(p.layers[hidden - 1].actStd), num(p.layers[hidden - 1].actP98), num(p.layers[0].weightGradNorm)]),
  ]);
  return { head, rows };
}

/** The text report of one training run. */
export function renderTrainText(r: TrainResult): string[] {
  const { head, rows } = curveTable(r);
  return [`train: ${describeTraining(r)}`, '', ...columns([head, ...rows]), '', ...finalLines(r)];
}

/** The comparison table of a training experiment: header, rows and the lines under it. */
export function trainingComparison(e: TrainingExperimentResult): { head: string[]; rows: string[][]; notes: string[] } {
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
  return { head, rows, notes: [
    `loss: mean training mini-batch loss over the last curve interval; test error on the whole test split${monitored ? '; ‖∂W1‖: Frobenius norm of the first layer\'s weight gradient on the monitoring batch' : ''}`,
    ...(e.reference === undefined ? [] : [`paper: ${e.reference}`]),
    ...diverged,
    `runs: ${e.runs.length}, time ${e.seconds.toFixed(1)} s`,
  ] };
}

/** The comparison of a training experiment as text. */
export function renderTrainingExperimentText(e: TrainingExperimentResult): string[] {
  const { head, rows, notes } = trainingComparison(e);
  return [`experiment ${e.name}: ${e.description}`, '', ...columns([head, ...rows], false), '', ...notes];
}

type LabelledRun = { readonly label: string; readonly result: TrainResult };

const curveRun = ({ label, result }: LabelledRun): CurveRun => ({ label, curve: result.curve, init: result.config.init });

/** The charts of training runs, each with what it shows. */
function trainingBlocks(runs: readonly LabelledRun[]): Block[] {
  const curves = runs.map(curveRun);
  const blocks: Block[] = [
    { kind: 'chart', spec: trainingCurveView(curves, { quantity: 'loss' }) },
    para('The training loss over SGD updates (log scale). A line that stays flat from the start is a network that is not learning: with a poor initialization the gradient reaching the first layers is too small (or every unit of a layer is the same) to move it.'),
    { kind: 'chart', spec: trainingCurveView(curves, { quantity: 'testError' }) },
    para('The error on a fixed, class-balanced sample of the test split, measured at each curve point.'),
  ];
  if (!runs.some(({ result }) => result.curve[0]?.layers !== undefined)) return blocks;
  blocks.push(
    { kind: 'chart', spec: trainingCurveView(curves, { quantity: 'weightGradNorm' }) },
    para('The size of the first layer\'s weight gradient on the monitoring batch. When it is orders of magnitude below the other runs\' the first layers barely change: the deep network stalls (He et al. 2015).'),
  );
  for (const run of runs) {
    const layers = layerSelection(run.result.network.sizes.length - 1);
    blocks.push({ kind: 'h3', text: run.label });
    blocks.push({ kind: 'chart', spec: trainingLayersView(curveRun(run), { statistic: 'activations', layers }) });
    blocks.push({ kind: 'chart', spec: trainingLayersView(curveRun(run), { statistic: 'weightGradStd', layers }) });
  }
  blocks.push(para('Per layer over training (Glorot &amp; Bengio Figs 3, 9, 10): the activations\' 98th percentile (solid) and standard deviation (dashed), and the weight gradients\' standard deviation. With zero weights every value is exactly 0 and the charts say so instead of drawing.'));
  return blocks;
}

/** The final results of one run as paragraphs. */
const finalBlocks = (r: TrainResult): Block[] => finalLines(r).map((line) => para(escape(line)));

/** The HTML report of one training run (`initlab train --report`). */
export async function trainingHtml(title: string, run: LabelledRun): Promise<string> {
  const { head, rows } = curveTable(run.result);
  return htmlDocument(title, [
    { kind: 'html', html: `<p class="lead">${escape(describeTraining(run.result))}</p>` },
    ...finalBlocks(run.result),
    ...trainingBlocks([run]),
    { kind: 'table', table: { caption: 'Learning curve', head, rows } },
  ]);
}

/** The HTML report of a training experiment. */
export async function trainingExperimentHtml(e: TrainingExperimentResult): Promise<string> {
  const { head, rows, notes } = trainingComparison(e);
  const runs = e.runs.map((r) => ({ label: r.label, result: r }));
  return htmlDocument(`initlab experiment ${e.name}`, [
    { kind: 'html', html: `<p class="lead">${escape(e.description)}</p>` },
    { kind: 'table', table: { caption: 'Every run', head, rows } },
    ...notes.map((n) => para(escape(n))),
    ...trainingBlocks(runs),
  ]);
}

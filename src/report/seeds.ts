/**
 * The seeds' experiment told as a story (`initlab experiment seeds --report seeds.html`, what
 * `npm start` writes): the rule behind every initializer, then one panel per activation with its
 * ten initializers in family colours (the activation and gradient variance over depth, theory
 * dashed, blow-ups as markers, a paragraph on what the figure shows and the panel's table), then
 * the histograms per layer of the key configurations (Glorot & Bengio Figs 6-7). Browser-safe.
 */
import type { ExperimentResult, ExperimentRun } from '../lab/experiments/run.js';
import type { LabResult } from '../lab/propagate.js';
import { escape, htmlDocument, para, type Block } from './document.js';
import { varianceFormulas } from './explain.js';
import { comparisonTable } from './comparison.js';
import { num } from './format.js';
import { histogramLayers } from './lab.js';
import { tex } from './math.js';
import { seedSpread } from './spread.js';
import { depthView, histogramView, type ViewRun } from './views/index.js';

/** The initializer part of a grid label (`tanh / glorot_normal` → `glorot_normal`). */
function initLabel(run: ExperimentRun): string {
  const prefix = `${run.result.config.activation} / `;
  return run.label.startsWith(prefix) ? run.label.slice(prefix.length) : run.label;
}

const isInit = (r: LabResult, name: string) => r.config.init === name;

/** "normal(std=1) overflowed at layer 28, ones at layer 7" from the runs' forward events. */
function blowUpSentence(runs: readonly ExperimentRun[]): string {
  const parts = runs.flatMap((r) => {
    const e = r.result.events.find((ev) => ev.pass === 'forward');
    return e === undefined ? [] : [`${escape(initLabel(r))} ${e.kind === 'overflow' ? 'overflowed' : 'went to exactly 0'} at layer ${e.layer}`];
  });
  return parts.length === 0 ? '' : ` Measured here: ${parts.join('; ')}.`;
}

/** Var[x] at the last layer reached, as "8.1e-31 at layer 100". */
function lastVariance(r: LabResult | undefined): string {
  const last = r === undefined ? undefined : [...r.layers].reverse().find((l) => typeof l.act?.variance === 'number' && l.act.variance > 0);
  return last === undefined ? 'nothing' : `${num(last.act!.variance)} at layer ${last.index}`;
}

/** The paragraph under an activation's panel: what its figure shows, with this run's numbers. */
function panelText(activation: string, runs: readonly ExperimentRun[]): string {
  const { depth, widths } = runs[0].result.config;
  const width = widths[widths.length - 1];
  const decades = (base: number) => Math.round(depth * Math.log10(base));
  const find = (init: string) => runs.find((r) => isInit(r.result, init))?.result;
  const glorot = find('glorot_normal');
  const he = find('he_normal');
  const chi = (r: LabResult | undefined) => (r?.summary.chi1 === null || r?.summary.chi1 === undefined ? '-' : num(r.summary.chi1));
  const blowUps = blowUpSentence(runs);
  const constants = 'Zeros, ones and constant weights give every unit of a layer the same input weights, so every unit computes the same value and receives the same gradient: the network behaves as if each layer had one unit, and no amount of training can tell them apart (with zeros, every activation and every gradient is exactly 0 from the first layer on).';
  if (activation === 'identity') {
    return `Without an activation the network is a product of ${depth} random matrices, and each layer multiplies the variance by ${tex('n\\operatorname{Var}(w)')}. Glorot and ${tex('\\mathcal{N}(0, 1/d)')} weights make that factor 1 and the lines stay flat; He's factor 2 doubles the variance at every layer (${tex(`2^{${depth}} \\approx 10^{${decades(2)}}`)}); ${tex('\\mathcal{N}(0, 1)')} weights multiply it by ${width} per layer, until float32's largest value, about ${tex('3.4\\times10^{38}')}, is passed.${blowUps} ${constants}`;
  }
  if (activation === 'tanh') {
    return `tanh is the identity near 0 and flattens at ±1. With Glorot weights (χ₁ = ${chi(glorot)}, ordered) the signal shrinks slowly with depth: the activations' variance falls to ${lastVariance(glorot)}, while the gradient stays usable. With He weights (χ₁ = ${chi(he)}) the network is on the chaotic side. ${tex('\\mathcal{N}(0, 1)')} weights make every pre-activation huge: almost every unit is saturated at ±1 (see the histograms below), where tanh's slope is nearly 0, so the gradient dies on its way down even though the forward signal looks large.${blowUps} ${constants}`;
  }
  if (activation === 'relu') {
    const spread = he === undefined ? null : seedSpread(he);
    return `ReLU sets half of its inputs to 0, so each layer keeps only half of the variance that ${tex('n\\operatorname{Var}(w)')} passes on. With Glorot weights (χ₁ = ${chi(glorot)}) the signal halves at every layer, ${tex(`2^{-${depth}} \\approx 10^{-${decades(2)}}`)}: measured ${lastVariance(glorot)}; the gradients reaching the first layers are just as tiny, which is why such a network does not train. He's ${tex('\\operatorname{Var}(w) = 2/n_\\text{in}')} makes up for the lost half: χ₁ = ${chi(he)}, the edge of chaos, and the variance stays level on average. One seed still wanders far from the theory at this depth (${depth} layers of ${width})${spread === null ? '' : `: 80% of seeds land between ${escape(spread.text.replace(' to ', ' and '))} of the theory at the last layer`}, which is why a single run's deviation in the table below is not an error; ReLU without biases scales exactly with the weights, so the Glorot runs show the very same deviation as the He runs of the same seed.${blowUps} ${constants}`;
  }
  return `${blowUps} ${constants}`;
}

/** The key configurations whose histograms tell the story. */
const KEY: readonly { activation: string; init: string; text: string }[] = [
  { activation: 'tanh', init: 'glorot_normal', text: 'tanh with Glorot weights: the activations stay spread over (-1, 1) and slowly narrow with depth; the gradients keep a similar spread at every layer.' },
  { activation: 'tanh', init: 'normal(std=1)', text: 'tanh with N(0, 1) weights: from the first layer on, the activations pile up at -1 and +1 (saturated units); through those units almost no gradient passes.' },
  { activation: 'relu', init: 'glorot_normal', text: 'ReLU with Glorot weights: about half of the values are exactly 0 (left out of the bars and stated in each panel\'s title); the others shrink by a factor of about √2 per layer: read the x axis from panel to panel.' },
  { activation: 'relu', init: 'he_normal', text: 'ReLU with He weights: the same half of exact zeros, but the spread of the rest stays of the same order from the first layer to the last.' },
];

export async function seedsReportHtml(e: ExperimentResult): Promise<string> {
  const blocks: Block[] = [
    { kind: 'html', html: `<p class="lead">${escape(e.description)}</p>` },
    para('Each chart below shows one activation with its initializers. Colours group the initializers by family: blue for Glorot (Xavier), vermillion and orange for He (Kaiming), purple for laws with a fixed scale (N(0, 1), the uniform law of variance 1/d, N(0, 1/d)), greys for constant weights. Solid lines are measured, dashed lines are the mean-field theory, and a triangle marks where a run overflowed or went to exactly 0: its line ends there. The vertical axes are logarithmic: each step is a factor of 10. Where a colour seems missing, its line lies under another: on square layers Glorot\'s normal law is N(0, 1/d) and its uniform law is U(±√(3/d)), so those pairs draw the very same weights and their lines coincide.'),
    { kind: 'html', html: varianceFormulas() },
  ];
  const table = comparisonTable(e);
  const activations = [...new Set(e.runs.map((r) => r.result.config.activation))];
  for (const activation of activations) {
    const runs = e.runs.filter((r) => r.result.config.activation === activation);
    const views: ViewRun[] = runs.map((r) => ({ label: initLabel(r), result: r.result }));
    blocks.push({ kind: 'h2', text: activation === 'identity' ? 'No activation (identity)' : activation, id: activation });
    blocks.push(para(panelText(activation, runs)));
    blocks.push({ kind: 'chart', spec: depthView(views, { quantity: 'act', title: `${activation}: variance of the activations over depth` }) });
    blocks.push({ kind: 'chart', spec: depthView(views, { quantity: 'grad', title: `${activation}: variance of the back-propagated gradient ∂ℓ/∂x over depth` }) });
    blocks.push(para(`The gradient is set to N(0, 1) at the top (layer ${runs[0].result.config.depth}) and flows down to layer 1: read this chart from right to left.`));
    const rows = table.rows.filter((_, i) => e.runs[i].result.config.activation === activation).map((row) => [row[0].replace(`${activation} / `, ''), ...row.slice(1)]);
    blocks.push({ kind: 'table', table: { caption: `${activation}: every initializer`, head: table.head, rows, note: table.note } });
  }
  blocks.push({ kind: 'h2', text: 'Histograms, layer by layer', id: 'histograms' });
  blocks.push(para('The same networks seen as distributions (Glorot &amp; Bengio 2010, Figs 6 and 7): at a few depths, the histogram of the activations and of the back-propagated gradients ∂ℓ/∂z. Each panel has its own axes, so compare the numbers on the x axes.'));
  for (const key of KEY) {
    const run = e.runs.find((r) => r.result.config.activation === key.activation && isInit(r.result, key.init));
    if (run === undefined) continue;
    const view: ViewRun = { label: run.label, result: run.result };
    const layers = histogramLayers(run.result.config.depth);
    blocks.push({ kind: 'h3', text: run.label });
    blocks.push(para(escape(key.text)));
    blocks.push({ kind: 'chart', spec: histogramView([view], { tensor: 'act', layers, title: `${run.label}: activations x` }) });
    blocks.push({ kind: 'chart', spec: histogramView([view], { tensor: 'preactGrad', layers, title: `${run.label}: back-propagated gradients ∂ℓ/∂z` }) });
  }
  const notes = [...new Set(e.runs.flatMap((r) => r.result.notes))];
  if (notes.length > 0) blocks.push({ kind: 'h2', text: 'Notes' }, ...notes.map((n) => para(escape(n))));
  const inits = new Set(e.runs.map((r) => initLabel(r))).size;
  return htmlDocument(`The seeds' experiment: ${inits} initializations of a ${e.runs[0].result.config.depth}-layer network`, blocks);
}

/**
 * Reports of `initlab theory`: the mean-field quantities of one configuration as text, JSON and an
 * HTML page with the phase diagram around it (ξ_c heat map, critical line χ₁ = 1, the point).
 */
import type { MeanField } from '../lab/theory/summary.js';
import type { Activation } from '../activations/index.js';
import type { RunSummary } from '../lab/types.js';
import { htmlDocument, para, type Block } from './document.js';
import { verdictSentence } from './explain.js';
import { columns, num, qStarText } from './format.js';
import { tex } from './math.js';
import { phaseDiagram, phaseView, phaseWindow } from './views/index.js';

export interface TheoryResult extends MeanField {
  readonly activation: string;
  readonly param?: number;
  /** σ_w² on the critical line at this σ_b², or null when χ₁ never reaches 1. */
  readonly criticalSigmaW2: number | null;
}

const nameOf = (t: TheoryResult) => (t.param === undefined ? t.activation : `${t.activation}(${t.param})`);

/** The quantities as rows: name, value, meaning. */
export function theoryRows(t: TheoryResult): string[][] {
  return [
      ['q*', qStarText(t.qStar, t.marginal, 6), `fixed point of the length map q ↦ σw² E[φ(√q z)²] + σb²${t.marginal ? ' (here the identity: χ₁ and c* are taken at q = 1)' : ''}`],
      ['χ₁', num(t.chi1, 6), 'σw² E[φ\'(√q* z)²]: gradient factor per layer; < 1 ordered, > 1 chaotic'],
      ['c*', num(t.cStar, 6), 'stable fixed point of the correlation map (1 in the ordered phase)'],
      ['χ_c', num(t.chiC, 6), 'slope of the correlation map at c*'],
      ['ξ_q', num(t.xiQ, 6), 'depth scale of the length map (layers)'],
      ['ξ_c', num(t.xiC, 6), 'depth scale of correlations (layers); trainable depth ≲ 6 ξ_c'],
      ['critical σw²', num(t.criticalSigmaW2, 6), `χ₁ = 1 at σb² = ${num(t.sigmaB2, 6)}`],
      ['verdict', t.verdict, ''],
  ];
}

export function renderTheoryText(t: TheoryResult): string[] {
  return [`mean-field theory: ${nameOf(t)}, σw² = ${num(t.sigmaW2, 6)}, σb² = ${num(t.sigmaB2, 6)}`, ...columns(theoryRows(t), false)];
}

export function theoryJson(t: TheoryResult): unknown {
  return JSON.parse(JSON.stringify(t));
}

/** The HTML page: what the numbers mean, the table, and the phase diagram around the point and the critical line. */
export async function theoryHtml(t: TheoryResult, phi: Activation): Promise<string> {
  const point = { sigmaW2: t.sigmaW2, sigmaB2: t.sigmaB2 };
  const diagram = phaseDiagram(phi, phaseWindow(phi, [point]));
  const summary: RunSummary = { ...t, overflowLayer: null };
  const blocks: Block[] = [
    para(verdictSentence(summary, 100)),
    { kind: 'html', html: `<div class="formulas">
<p>The length map follows the second moment ${tex('q^l')} of the pre-activations from layer to layer; its fixed point ${tex('q^*')} is where deep layers settle:</p>
${tex('q^{l} = \\sigma_w^2\\,\\mathbb{E}_{z\\sim\\mathcal{N}(0,1)}\\big[\\varphi(\\sqrt{q^{l-1}}\\,z)^2\\big] + \\sigma_b^2, \\qquad \\chi_1 = \\sigma_w^2\\,\\mathbb{E}\\big[\\varphi\'(\\sqrt{q^*}\\,z)^2\\big]', true)}
<p>${tex('\\chi_1')} is the factor by which a gradient grows per layer, and ${tex('\\xi_c = -1/\\ln \\chi_c')} the number of layers over which two inputs stay distinguishable (Poole et al. 2016; Schoenholz et al. 2017).</p></div>` },
    { kind: 'table', table: { caption: `${nameOf(t)}, σw² = ${num(t.sigmaW2, 6)}, σb² = ${num(t.sigmaB2, 6)}`, head: ['quantity', 'value', 'meaning'], rows: theoryRows(t) } },
    { kind: 'chart', spec: phaseView(diagram, { points: [{ ...point, label: `this configuration: ${t.verdict}` }], title: `${nameOf(t)}: depth scale ξ_c over (σw², σb²), critical line χ₁ = 1 in white, this configuration in vermillion` }) },
    para(`Each cell is coloured by ξ_c at its centre (capped at ${diagram.cap} layers). The white line is the edge of chaos, where ξ_c diverges: left of it the network is ordered (gradients vanish), right of it chaotic (gradients explode). A network much deeper than ${tex('6\\,\\xi_c')} cannot be trained.`),
  ];
  return htmlDocument(`initlab theory: ${nameOf(t)}`, blocks);
}

/**
 * The words and formulas of the reports: the forward and backward variance conditions (Glorot &
 * Bengio 2010 Eqs. 10-12; He et al. 2015 Eq. 10), the mean-field slope χ₁ and depth scale ξ_c
 * (Schoenholz et al. 2017), and what a run's verdict means, said in sentences built from the run.
 */
import type { RunSummary } from '../lab/types.js';
import { escape } from './document.js';
import { num } from './format.js';
import { tex } from './math.js';

/** The forward rule of every initializer, and its two conditions with Glorot's compromise. */
export function varianceFormulas(): string {
  return `<div class="formulas">
<p>A layer computes ${tex('z = xW + b')} and ${tex('x\' = \\varphi(z)')}. With independent zero-mean weights, each pre-activation sums ${tex('n_\\text{in}')} terms:</p>
${tex('\\operatorname{Var}(z) = n_\\text{in}\\,\\operatorname{Var}(w)\\,\\mathbb{E}[x^2] + \\operatorname{Var}(b)', true)}
<p>so the signal keeps its size going forward when ${tex('n_\\text{in}\\operatorname{Var}(w) = 1')}, and the gradient keeps its size going back when ${tex('n_\\text{out}\\operatorname{Var}(w) = 1')}. Glorot &amp; Bengio (2010) take the compromise ${tex('\\operatorname{Var}(w) = 2/(n_\\text{in} + n_\\text{out})')}; ReLU zeroes half its inputs, so He et al. (2015) double the forward rule: ${tex('\\operatorname{Var}(w) = 2/n_\\text{in}')}.</p>
<p>Mean-field theory (Poole et al. 2016; Schoenholz et al. 2017) follows the length ${tex('q^l = \\mathbb{E}[(z^l)^2]')} to its fixed point ${tex('q^*')} and measures the gradient's growth per layer:</p>
${tex('\\chi_1 = \\sigma_w^2\\,\\mathbb{E}_{z\\sim\\mathcal{N}(0,q^*)}[\\varphi\'(z)^2], \\qquad \\sigma_w^2 = n_\\text{in}\\operatorname{Var}(w)', true)}
<p>${tex('\\chi_1 < 1')}: ordered (gradients vanish, inputs merge); ${tex('\\chi_1 > 1')}: chaotic (gradients explode, inputs decorrelate); ${tex('\\chi_1 = 1')}: the edge of chaos, where the depth scale ${tex('\\xi_c')} over which information survives diverges.</p>
</div>`;
}

/** What the verdict means for this run, in one or two sentences. */
export function verdictSentence(s: RunSummary, depth: number): string {
  if (s.verdict === null) return `No mean-field prediction: ${escape(s.note ?? 'not applicable')}.`;
  const chi = s.chi1 ?? NaN;
  const where = `With ${tex(`\\sigma_w^2 = ${num(s.sigmaW2)}`)} and ${tex(`\\sigma_b^2 = ${num(s.sigmaB2)}`)}, ${tex(`\\chi_1 = ${num(chi)}`)}`;
  const overDepth = num(chi ** depth, 2);
  const overflow = s.overflowLayer === null ? '' : ` The theory predicts the values leave the number format's range at layer ${s.overflowLayer}.`;
  if (s.verdict === 'critical') return `${where}: the network sits on the edge of chaos, and gradients keep their size from layer to layer on average.${overflow}`;
  if (s.verdict === 'ordered') return `${where} &lt; 1: the ordered phase. Back-propagated gradients shrink by about ${tex('\\chi_1')} per layer (×${overDepth} over ${depth} layers), and different inputs become alike with depth.${overflow}`;
  return `${where} &gt; 1: the chaotic phase. Back-propagated gradients grow by about ${tex('\\chi_1')} per layer (×${overDepth} over ${depth} layers), and nearby inputs are pulled apart.${overflow}`;
}

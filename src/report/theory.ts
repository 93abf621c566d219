/**
 * Reports of `initlab theory`: the mean-field quantities of one configuration as text, JSON and an
 * HTML page with the phase diagram around it (ξ_c heat map, critical line χ₁ = 1, the point).
 */
import type { MeanField } from '../lab/theory/summary.js';
import { criticalCurve, phaseGrid } from '../lab/experiments/edgeOfChaos.js';
import type { Activation } from '../activations/index.js';
import { columns, num, qStarText } from './format.js';
import { htmlReport } from './html.js';

export interface TheoryResult extends MeanField {
  readonly activation: string;
  readonly param?: number;
  /** σ_w² on the critical line at this σ_b², or null when χ₁ never reaches 1. */
  readonly criticalSigmaW2: number | null;
}

export function renderTheoryText(t: TheoryResult): string[] {
  const name = t.param === undefined ? t.activation : `${t.activation}(${t.param})`;
  return [
    `mean-field theory: ${name}, σw² = ${num(t.sigmaW2, 6)}, σb² = ${num(t.sigmaB2, 6)}`,
    ...columns([
      ['q*', qStarText(t.qStar, t.marginal, 6), `fixed point of the length map q ↦ σw² E[φ(√q z)²] + σb²${t.marginal ? ' (here the identity: χ₁ and c* are taken at q = 1)' : ''}`],
      ['χ₁', num(t.chi1, 6), 'σw² E[φ\'(√q* z)²]: gradient factor per layer; < 1 ordered, > 1 chaotic'],
      ['c*', num(t.cStar, 6), 'stable fixed point of the correlation map (1 in the ordered phase)'],
      ['χ_c', num(t.chiC, 6), 'slope of the correlation map at c*'],
      ['ξ_q', num(t.xiQ, 6), 'depth scale of the length map (layers)'],
      ['ξ_c', num(t.xiC, 6), 'depth scale of correlations (layers); trainable depth ≲ 6 ξ_c'],
      ['critical σw²', num(t.criticalSigmaW2, 6), `χ₁ = 1 at σb² = ${num(t.sigmaB2, 6)}`],
      ['verdict', t.verdict, ''],
    ], false),
  ];
}

export function theoryJson(t: TheoryResult): unknown {
  return JSON.parse(JSON.stringify(t));
}

/** The HTML page: the text and the phase diagram over a window around the point and the critical line. */
export async function theoryHtml(t: TheoryResult, phi: Activation): Promise<string> {
  const wMax = Math.max(4, 1.5 * t.sigmaW2, 1.3 * (t.criticalSigmaW2 ?? 0));
  const bMax = Math.max(0.5, 1.5 * t.sigmaB2);
  const w: [number, number] = [0.25, wMax];
  const b: [number, number] = [0, bMax];
  return htmlReport({
    title: `initlab theory: ${t.activation}`,
    kind: 'theory',
    text: renderTheoryText(t),
    results: [],
    phase: [{
      title: 'Phase diagram: depth scale ξ_c (capped at 60) with the critical line χ₁ = 1 (white); red: this configuration',
      valueTitle: 'ξ_c',
      cells: phaseGrid(phi, w, b),
      line: criticalCurve(phi, w, b),
      points: [{ sigmaW2: t.sigmaW2, sigmaB2: t.sigmaB2, label: t.verdict }],
    }],
  });
}

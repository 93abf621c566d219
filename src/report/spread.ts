/**
 * How far one seed of a critical ReLU network lands from the mean-field theory. At finite width
 * the squared length of a ReLU network's activations at the edge of chaos (He initialization) is
 * close to log-normal across seeds, with
 *
 *   Var[ln q^L] ≈ 5 β,   β = Σ_l 1/n_l,   E[q^L] = the mean-field value
 *
 * (Hanin & Nica 2019, "Products of many large random matrices and gradients in deep neural
 * networks"; Hanin & Rolnick 2018), so the median seed sits at exp(-5β/2) of the theory and 80% of
 * seeds within exp(-5β/2 ± 1.2816 √(5β)). ReLU is positively homogeneous: without biases, scaling
 * the weights scales every layer's variance exactly, so the spread relative to the theory is the
 * same whatever σ_w² (with one seed, the seeds' Glorot and He ReLU runs deviate by the same +145.9%). The seeds' network (100 layers of 512) has 5β = 0.98:
 * one seed lies between -83% and +117% of the theory 80% of the time. Measured (40 seeds, ReLU +
 * He normal, batch 128, Var[x¹⁰⁰]): Var[ln(measured/theory)] = 0.76, mean -0.43, 10-90% from -83%
 * to +96%.
 */
import type { LabResult } from '../lab/propagate.js';
import type { AggregateStats } from '../lab/seeds.js';

/** The 90th percentile of the standard normal. */
const Z90 = 1.2815515655446004;

const pct = (f: number) => `${f >= 1 ? '+' : ''}${Math.round(100 * (f - 1))}%`;

/**
 * The 10-90% range of the last layer's activation variance across seeds, relative to the theory:
 * measured from the seeds when the run has several, else the log-normal expectation above. Only
 * for ReLU without biases or at criticality (elsewhere seeds agree closely at these widths), and
 * not past a blow-up; null otherwise.
 */
export function seedSpread(r: LabResult): { readonly text: string; readonly measured: boolean } | null {
  if (r.config.activation !== 'relu' || (r.summary.sigmaB2 !== 0 && r.summary.verdict !== 'critical')) return null;
  if (r.events.some((e) => e.pass === 'forward')) return null;
  const last = r.layers[r.layers.length - 1];
  const theory = last?.theory?.actVariance;
  if (typeof theory !== 'number' || !(theory > 0)) return null;
  const act = last.act as AggregateStats | null;
  const lo = act?.band?.p10.variance;
  const hi = act?.band?.p90.variance;
  if ((r.runs?.length ?? 1) > 1 && typeof lo === 'number' && typeof hi === 'number') {
    return { text: `${pct(lo / theory)} to ${pct(hi / theory)} (${r.runs!.length} seeds)`, measured: true };
  }
  const fiveBeta = 5 * r.config.widths.reduce((s, n) => s + 1 / n, 0);
  const sd = Math.sqrt(fiveBeta);
  return { text: `${pct(Math.exp(-fiveBeta / 2 - Z90 * sd))} to ${pct(Math.exp(-fiveBeta / 2 + Z90 * sd))}`, measured: false };
}

/**
 * Which initializers a tensor is consistent with: a one-sample Kolmogorov–Smirnov test
 * (../stats/ks.ts) of its subsample against each candidate law of its shape (./candidates.ts),
 * and against three laws fitted to it.
 *
 * Acceptance: a law is reported when p ≥ {@link ALPHA} = 0.001. Each tensor is tested against a
 * few dozen laws and a model has hundreds of tensors, so the threshold is set low: a tensor
 * truly drawn from a candidate fails its own law's test with probability 0.001, about one
 * tensor in a thousand. Power does not suffer much, since distinct candidate laws differ by far
 * more than the test's resolution at 10^6 elements (D ≈ 2/√n = 0.002); at small sizes (a bias
 * of 64 elements) several laws pass, which is the honest answer. p-values of different laws
 * on the same data are not independent and are not corrected for multiplicity: they rank the
 * candidates, best first, and a list of several passing laws means the data cannot tell them apart.
 *
 * Fitted laws: N(0, ŝ²) and the ±2σ truncated normal with std ŝ, where ŝ is the root mean
 * square (the mean is taken as 0, as every initializer here is centred), and U(±max|x|). Testing a
 * law whose scale was estimated from the same data makes the KS p-value too large (Lilliefors
 * 1967); with the location fixed and only the scale fitted, the effect is small: 10^4 runs of
 * n = 1000 and 3000 of n = 10^4 gave quantiles of √n·D at 95%, 99%, 99.9% of 1.31, 1.59, 2.05
 * (normal) and 1.32, 1.64, 1.95 (uniform), against Kolmogorov's 1.36, 1.63, 1.95. So the plain
 * p-value is used with the same threshold, and a fitted law is reported only as what it is,
 * "normal with std ŝ" (`normal(std=ŝ)`, `fitted: true`), listed after every law of the catalog.
 *
 * Constant laws (zeros, ones) match exactly when every element equals the value (p = 1).
 */
import { formatLaw, lawCdf, lawMoments, type Law } from '../init/law.js';
import { ksPValue, ksStatisticSorted } from '../stats/ks.js';
import type { Layout } from '../init/fans/layouts.js';
import { truncationFactor } from '../init/varianceScaling.js';
import type { TensorMoments } from './accumulate.js';
import { candidatesFor, type Candidate } from './candidates.js';

export const ALPHA = 0.001;

export interface Match {
  /** The clearest name, in initlab's string form. */
  readonly spec: string;
  readonly p: number;
  /** The layout read, for initlab's own layout-aware names. */
  readonly layout?: Layout;
  /** The law in words: `U(-0.0625, 0.0625)`. */
  readonly law: string;
  /** Other names for the same law. */
  readonly same: readonly string[];
  /** A law fitted to this tensor's scale, not one of the catalog. */
  readonly fitted?: true;
  /** An orthogonal initializer's marginal, approximated by a normal law. */
  readonly approximate?: true;
}

/** Samples this large are screened by their moments before the KS test, to keep the cost bounded. */
const SCREEN_FROM = 10_000;

/**
 * The laws `sorted` (the finite subsample, sorted) is consistent with, best first: catalog laws
 * by p, then fitted laws by p.
 */
export function matchTensor(shape: readonly number[], m: TensorMoments, sorted: Float32Array, extra: readonly string[] = []): Match[] {
  if (m.nan + m.inf === m.count) return [];
  if (m.min === m.max) return constantMatches(shape, m.min);
  if (sorted.length === 0) return [];
  const byP = (a: Match, b: Match): number => b.p - a.p;
  const catalog = candidatesFor(shape, extra)
    .filter((c) => c.law.kind !== 'constant' && plausible(c.law, m, sorted.length))
    .map((c) => test(c, sorted))
    .filter((x) => x.p >= ALPHA)
    .sort(byP);
  const fitted = fittedLaws(m)
    .filter((f) => plausible(f.law, m, sorted.length))
    .map((f) => ({ ...test({ law: f.law, names: [{ spec: f.spec }] }, sorted), fitted: true as const }))
    .filter((x) => x.p >= ALPHA)
    .sort(byP);
  return [...catalog, ...fitted];
}

function constantMatches(shape: readonly number[], value: number): Match[] {
  return candidatesFor(shape)
    .filter((c) => c.law.kind === 'constant' && c.law.value === value)
    .map((c) => describe(c, 1));
}

/**
 * The KS p-value of `sorted` against the law, or 0 for a law already rejected by a lower bound
 * on D from every {@link COARSE}-th order statistic (exact: p(D) ≤ p(bound) < ALPHA).
 */
function test(c: Candidate, sorted: Float32Array): Match {
  const cdf = lawCdf(c.law)!;
  const n = sorted.length;
  if (n >= 4 * COARSE && ksPValue(ksStatisticSorted(sorted, cdf, COARSE), n) < ALPHA) return describe(c, 0);
  return describe(c, ksPValue(ksStatisticSorted(sorted, cdf), n));
}

/** Stride of the first, coarse pass of the KS test. */
const COARSE = 16;

function describe(c: Candidate, p: number): Match {
  const [first, ...rest] = c.names;
  return {
    spec: first.spec,
    p,
    ...(first.layout === undefined ? {} : { layout: first.layout }),
    law: formatLaw(c.law),
    same: rest.map((n) => (n.layout === undefined ? n.spec : `${n.spec} [${n.layout}]`)),
    ...(c.approximate === true ? { approximate: true as const } : {}),
  };
}

/**
 * A cheap screen before the KS test: the data inside the law's support (up to the rounding of
 * bfloat16 and float16 storage, half a unit in the last place: 2^-9 relative for bfloat16),
 * and from 10^4 elements on the std within a factor 1.25 of the law's and the mean within 0.2
 * law stds. A law that fails it would fail the test too: a 25% scale error puts D at 0.054 or
 * more (normal; 0.1 uniform), a 0.2σ shift at 0.08, against a critical D of 0.0195 at p = 0.001
 * and n = 10^4, so the screen only saves time.
 */
function plausible(law: Law, m: TensorMoments, n: number): boolean {
  const e = lawMoments(law);
  const slack = 2 ** -8;
  if (m.min < e.min - slack * Math.abs(e.min) || m.max > e.max + slack * Math.abs(e.max)) return false;
  if (n < SCREEN_FROM) return true;
  return m.std <= 1.25 * e.std && m.std >= e.std / 1.25 && Math.abs(m.mean - e.mean) <= 0.2 * e.std;
}

const TRUNCATED_2 = truncationFactor(-2, 2);

/**
 * N(0, ŝ²) and the ±2σ truncated normal with std ŝ, ŝ the root mean square, and U(±b) with b the
 * largest |x| (the maximum-likelihood bound, which keeps every element inside the support).
 */
function fittedLaws(m: TensorMoments): { law: Law; spec: string }[] {
  const rms = Math.sqrt(m.mean * m.mean + m.std * m.std);
  if (!(rms > 0) || !Number.isFinite(rms)) return [];
  const s = Number(rms.toPrecision(4));
  const b = Math.max(-m.min, m.max);
  const sigma = rms / TRUNCATED_2;
  return [
    { law: { kind: 'normal', mean: 0, std: rms }, spec: `normal(std=${s})` },
    { law: { kind: 'uniform', low: -b, high: b }, spec: `uniform(low=${-Number(b.toPrecision(4))}, high=${Number(b.toPrecision(4))})` },
    { law: { kind: 'truncatedNormal', mean: 0, std: sigma, low: -2 * sigma, high: 2 * sigma }, spec: `truncated_normal(std=${s}, correct=true)` },
  ];
}

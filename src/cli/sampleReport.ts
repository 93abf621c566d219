/**
 * The report of `initlab sample`, as text lines and as one JSON object with the same content:
 * initializer and spec, tensor, key, fans and how they were read, details, the law and its
 * parameters, measured statistics beside expected ones, the KS test and what its p-value means,
 * and the file written.
 */
import type { Law } from '../init/law.js';
import { keyToString } from '../random/key.js';
import type { TensorLayout } from '../catalog/definition.js';
import { lookup } from '../catalog/registry.js';
import { layoutText } from './layout.js';
import { KS_MAX } from './measure.js';
import { formatRecord, formatShape, precise, short, table } from './output.js';
import type { SampleResult } from './sample.js';

/** How the fans were read: the framework's own rule, or the layout options (see {@link layoutText}). */
export function fanRule(qualifiedName: string, layout: TensorLayout): string {
  const { namespace } = lookup(qualifiedName);
  return namespace.layoutAware ? layoutText(layout) : `the rule of ${namespace.title} (see initlab fans)`;
}

/** The law's parameters as label/value pairs: a bound, a std, truncation bounds, a value. */
export function lawParameters(law: Law): [string, string][] {
  const mean: [string, string][] = 'mean' in law && law.mean !== 0 ? [['mean', precise(law.mean)]] : [];
  switch (law.kind) {
    case 'constant':
      return [['value', precise(law.value)]];
    case 'uniform':
      return law.low === -law.high ? [['bound', precise(law.high)]] : [['low', precise(law.low)], ['high', precise(law.high)]];
    case 'normal':
      return [...mean, ['std', precise(law.std)]];
    case 'truncatedNormal':
      return [
        ...mean,
        ['std', `${precise(law.std)} (before truncation)`],
        ['bounds', `[${precise(law.low)}, ${precise(law.high)}] (${short((law.low - law.mean) / law.std)}σ to ${short((law.high - law.mean) / law.std)}σ)`],
      ];
  }
}

/**
 * What a KS p-value says, printed beside it: under the law, p is uniform on [0, 1] (Kolmogorov's
 * limit law), so an exact sampler gives p < 0.001 for one tensor in a thousand; a flaw gives small
 * p-values for most seeds, not for one.
 */
export const KS_MEANING = [
  'p: the probability of a distance D at least this large if the elements follow the law exactly;',
  'uniform on [0, 1] for an exact sampler, so 1 tensor in 1,000 gives p < 0.001: a flaw shows as',
  'small p for most seeds, not one (compare --seed 1, 2, 3)',
] as const;

function ksText(r: SampleResult): string {
  const { ks, ksSkipped } = r.measurement;
  if (ks === null) return `n/a (${ksSkipped})`;
  const over = ks.n === ks.of ? `all ${ks.n} elements` : `${ks.n} of the ${ks.of} elements, evenly strided (KS is run on at most ${KS_MAX})`;
  return `p = ${short(ks.pValue)} (D = ${short(ks.statistic)} over ${over})`;
}

/**
 * The text report: labelled lines (initializer, spec, formula, tensor, key, fans and their rule,
 * details, law and its parameters), a table of measured against expected mean, std, min and max,
 * then the KS test and the file written.
 */
export function sampleText(r: SampleResult): string[] {
  const { plan, measurement } = r;
  const n = plan.shape.reduce((a, b) => a * b, 1);
  const head: [string, string][] = [
    ['initializer', plan.name],
    ['spec', r.specString],
    ['formula', plan.summary],
    ['tensor', `${JSON.stringify(r.name)} ${formatShape(plan.shape)}, ${plan.dtype}, ${n} elements`],
    r.torchSeed === undefined
      ? ['key', `foldIn(keyFromSeed(${r.seed}), ${JSON.stringify(r.name)}) = ${keyToString(r.key)}`]
      : ['stream', `PyTorch CPU generator after torch.manual_seed(${r.torchSeed})`],
  ];
  if (plan.fans) {
    head.push(['fans', `fan_in ${precise(plan.fans.fanIn)}, fan_out ${precise(plan.fans.fanOut)}, receptive ${precise(plan.fans.receptive)}`]);
    head.push(['fan rule', fanRule(plan.name, r.layout)]);
  }
  if (Object.keys(plan.details).length > 0) head.push(['details', formatRecord(plan.details)]);
  head.push(['law', plan.law ? plan.lawText : `structured: ${plan.lawText}`], ...(plan.law ? lawParameters(plan.law) : []));

  const m = measurement.measured;
  const e = plan.expected;
  const stat = (label: 'mean' | 'std' | 'min' | 'max'): string[] => [label, short(m[label]), e ? short(e[label]) : 'n/a'];
  const stats = [['', 'measured', 'expected'], stat('mean'), stat('std'), stat('min'), stat('max')];
  const tail: [string, string][] = [['KS p-value', ksText(r)], ...(measurement.ks === null ? [] : KS_MEANING.map((line): [string, string] => ['', line]))];
  if (r.out) tail.push(['wrote', r.out.tensors ? `${r.out.path} (holds ${r.out.tensors.join(', ')})` : r.out.path]);
  // One label column for the three blocks, so their values line up.
  const width = Math.max(...[...head, ...tail].map(([label]) => label.length));
  const pad = (rows: readonly (readonly string[])[]) => rows.map(([label, ...rest]) => [label.padEnd(width), ...rest]);
  return [...table(pad(head)), '', ...table(pad(stats)), ...table(pad(tail))];
}

/** The same content as {@link sampleText}; ±Infinity and NaN appear as null (JSON has neither). */
export function sampleJson(r: SampleResult): Record<string, unknown> {
  const { plan, measurement } = r;
  return {
    initializer: plan.name,
    spec: plan.spec,
    specString: r.specString,
    formula: plan.summary,
    name: r.name,
    shape: plan.shape,
    dtype: plan.dtype,
    ...(r.torchSeed === undefined ? { seed: r.seed, key: keyToString(r.key) } : { torchSeed: String(r.torchSeed) }),
    layout: r.layout,
    fans: plan.fans ?? null,
    fanRule: plan.fans ? fanRule(plan.name, r.layout) : null,
    details: plan.details,
    law: plan.law ? { ...plan.law, text: plan.lawText } : null,
    lawText: plan.lawText,
    expected: plan.expected ?? null,
    measured: measurement.measured,
    ks: measurement.ks && { ...measurement.ks, meaning: KS_MEANING.join(' ') },
    ...(measurement.ksSkipped !== undefined && { ksSkipped: measurement.ksSkipped }),
    out: r.out?.path ?? null,
    ...(r.out?.tensors && { tensorsInFile: r.out.tensors }),
  };
}

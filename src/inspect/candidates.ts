/**
 * The initializers a tensor of a given shape could have come from, as laws, without sampling:
 *
 * - every definition of the catalog (`entries()`) whose parameters all have defaults, planned for
 *   the shape: framework names read it by their framework's rule (PyTorch `[out, in, ...kernel]`,
 *   Keras/JAX `[...kernel, in, out]`), initlab's own names under both layouts `oi` and `io`;
 * - common non-default variants: `torch:kaiming_normal(mode=fan_out)` (torchvision's ResNet
 *   convolutions) and its uniform twin; `torch:default_weight` already covers nn.Linear/Conv's
 *   kaiming_uniform(a=√5);
 * - fixed-std normals and truncated normals at the std values models use (0.02 as GPT-2, BERT
 *   and ViT's `initializer_range`, ...), with both truncations in use: ±2σ (Keras, Flax) and
 *   PyTorch's `trunc_normal_` at absolute ±2; and GPT-2's scaled residual projections.
 *
 * Orthogonal initializers are structured, not elementwise: an entry of a Haar-random orthogonal
 * matrix with unit vectors of length n is a coordinate of a uniform point on the sphere S^(n−1),
 * whose law (x² ~ Beta(1/2, (n−1)/2)) differs from N(0, 1/n) by an excess kurtosis of −6/(n+2).
 * They are entered with that normal law, `expected.std` = gain/√max(units, n) from their plan:
 * a test at the usual sizes cannot tell the two apart (the distance between the laws is O(1/n)),
 * so an orthogonal matrix is reported as consistent with orthogonal, and with the normal
 * initializers of the same std. The test cannot see that rows are exactly orthonormal.
 *
 * Candidates with the same law (glorot_uniform in five namespaces, he_normal under `oi` and
 * torch:kaiming_normal) form one group, its clearest name first: framework defaults
 * (`torch:default_weight`) before named rules, frameworks before initlab's own layout-aware names.
 */
import type { Layout } from '../init/fans/layouts.js';
import { initializer } from '../init/initializer.js';
import type { Law } from '../init/law.js';
import { formatSpec } from '../catalog/format.js';
import { entries } from '../catalog/registry.js';

/** One way of naming a law: a spec in initlab's string form, and the layout read for initlab's names. */
export interface Naming {
  readonly spec: string;
  readonly layout?: Layout;
}

export interface Candidate {
  readonly law: Law;
  /** Best name first. */
  readonly names: readonly Naming[];
  /** Whether the law comes from an orthogonal initializer's approximate marginal. */
  readonly approximate?: boolean;
}

/** std values of fixed-std normal initializers in common use. */
export const FIXED_STDS = [0.02, 0.01, 0.05, 0.1, 0.002, 0.001] as const;

/**
 * GPT-2's residual projections (`c_proj`): initializer_range/√(2·n_layer) = 0.02/√(2·n_layer), for
 * the released sizes' 12, 24, 36 and 48 layers (Radford et al. 2019; transformers' GPT2 `_init_weights`).
 */
export const GPT2_RESIDUAL_STDS = [12, 24, 36, 48].map((layers) => 0.02 / Math.sqrt(2 * layers));

const VARIANTS = [
  'torch:kaiming_normal(mode=fan_out)',
  'torch:kaiming_uniform(mode=fan_out)',
];

const LAYOUTS: readonly Layout[] = ['oi', 'io'];
const FRAMEWORK_ORDER = ['torch', 'keras', 'jax', 'tfjs', 'caffe', 'initlab'];

const cache = new Map<string, Candidate[]>();

/**
 * The candidate laws for `shape`, grouped by law; cached per shape. `extra` specs are laws that
 * depend on more than the shape (a bias's law on its layer's weight: see {@link siblingSpecs}).
 */
export function candidatesFor(shape: readonly number[], extra: readonly string[] = []): Candidate[] {
  const key = shape.join(',');
  let found = cache.get(key);
  if (found === undefined) {
    found = group(plannedLaws(shape));
    cache.set(key, found);
  }
  if (extra.length === 0) return found;
  const more: Planned[] = [];
  extra.forEach((spec, i) => more.push(...planned(spec, shape, rankOf('torch', spec, 9200 + i))));
  return [...group(more), ...found];
}

/**
 * Specs that follow from a tensor's neighbours in the checkpoint: PyTorch's default bias of
 * nn.Linear and nn.Conv*, U(±1/√fan_in) with fan_in = ∏weight.shape[1:], for a rank-1 `X.bias`
 * beside a `X.weight` of rank ≥ 2 with as many rows.
 */
export function siblingSpecs(name: string, shape: readonly number[], shapes: ReadonlyMap<string, readonly number[]>): string[] {
  if (shape.length !== 1 || !name.endsWith('bias')) return [];
  const weight = shapes.get(`${name.slice(0, -'bias'.length)}weight`);
  if (weight === undefined || weight.length < 2 || weight[0] !== shape[0]) return [];
  return [`torch:default_bias(fan_in=${weight.slice(1).reduce((a, b) => a * b, 1)})`];
}

interface Planned {
  law: Law;
  naming: Naming;
  rank: number;
  approximate: boolean;
}

/** The law `spec` gives `shape` (none, or one), with its name. */
function planned(spec: string, shape: readonly number[], rank: number, layout?: Layout): Planned[] {
  try {
    const plan = initializer(spec).plan(shape, layout === undefined ? undefined : { layout });
    const orthogonal = plan.law === undefined && /orthogonal$/i.test(plan.name) && plan.expected !== undefined;
    const law: Law | undefined = plan.law ?? (orthogonal ? { kind: 'normal', mean: 0, std: plan.expected!.std } : undefined);
    // The layout matters only to names that read fans (and to orthogonal's unit axis).
    const named = layout !== undefined && (plan.fans !== undefined || orthogonal);
    return law === undefined ? [] : [{ law, naming: { spec: formatSpec(plan.spec), ...(named ? { layout } : {}) }, rank, approximate: orthogonal }];
  } catch {
    // A definition that does not take this shape (a rank it refuses, fans it cannot read) is no candidate.
    return [];
  }
}

function plannedLaws(shape: readonly number[]): Planned[] {
  const out: Planned[] = [];
  const add = (spec: string, rank: number, layout?: Layout): void => {
    out.push(...planned(spec, shape, rank, layout));
  };
  entries().forEach(({ namespace, definition }, i) => {
    if (Object.values(definition.params).some((p) => p.default === undefined)) return;
    const spec = `${namespace.framework}:${definition.name}`;
    const rank = rankOf(namespace.framework, definition.name, i);
    if (namespace.layoutAware) LAYOUTS.forEach((layout) => add(spec, rank, layout));
    else add(spec, rank);
  });
  VARIANTS.forEach((spec, i) => add(spec, rankOf(spec.split(':')[0], spec, 9000 + i)));
  for (const std of FIXED_STDS) {
    add(`normal(std=${std})`, rankOf('initlab', 'normal', 9100));
    add(`truncated_normal(std=${std})`, rankOf('initlab', 'truncated_normal', 9101));
    add(`torch:trunc_normal(std=${std})`, rankOf('torch', 'trunc_normal', 9102));
  }
  for (const std of GPT2_RESIDUAL_STDS) add(`normal(std=${std})`, rankOf('initlab', 'normal', 9103));
  return out;
}

/**
 * Sort key of a name within a group: framework defaults, then frameworks in order, initlab last;
 * within a framework, registry order (`index`), then the variants and fixed-std names.
 */
function rankOf(framework: string, name: string, index: number): number {
  const isDefault = /^default/i.test(name) ? 0 : 1;
  return isDefault * 1e6 + FRAMEWORK_ORDER.indexOf(framework) * 1e4 + index;
}

/** Laws equal to 12 significant digits are one group. */
function lawKey(law: Law): string {
  return JSON.stringify(law, (_, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v));
}

function group(planned: Planned[]): Candidate[] {
  const groups = new Map<string, Planned[]>();
  for (const p of planned) {
    const key = lawKey(p.law);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [p]);
    else if (!g.some((q) => q.naming.spec === p.naming.spec && q.naming.layout === p.naming.layout)) g.push(p);
  }
  return [...groups.values()].map((g) => {
    g.sort((a, b) => a.rank - b.rank);
    const exact = g.filter((p) => !p.approximate);
    const ordered = [...exact, ...g.filter((p) => p.approximate)];
    return { law: g[0].law, names: ordered.map((p) => p.naming), ...(exact.length === 0 ? { approximate: true } : {}) };
  });
}

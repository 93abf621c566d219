/**
 * Re-initializes the weights of a TF.js `LayersModel` in place with initlab specs:
 *
 *   const report = initializeModel(model, { seed: 0, defaults: 'torch' });   // PyTorch's layer defaults
 *   initializeModel(model, { seed: 0, rules: [{ match: { className: 'Dense', weight: 'kernel' }, spec: 'he_normal' }], defaults: 'keras' });
 *   console.log(formatInitReport(report));
 *
 * Each weight takes the spec of the first rule that matches it, else the `defaults` framework's
 * own default for its layer class; a weight neither covers is an error, never skipped. Weight
 * `name` (its full TF.js name, e.g. `dense_Dense1/kernel`) is drawn from `foldIn(root, name)`,
 * so the same seed gives the same model and adding a layer never shifts the others. Everything is
 * planned before the first weight is written: bad input leaves the model as it was.
 */
import * as tf from '@tensorflow/tfjs';
import { ArgumentError, fail, formatValue } from '../errors.js';
import type { Layout } from '../init/fans.js';
import { initializer, type Plan } from '../init/initializer.js';
import { foldIn, isKey, keyFromSeed, type Key } from '../random/key.js';
import { formatSpec } from '../catalog/format.js';
import { resolveSpec, type InitSpec } from '../catalog/spec.js';
import { choice } from '../validate.js';
import { DEFAULTS, defaultPlan, weightLayout, type DefaultsName, type WeightPlan, type WeightSite } from './defaults.js';

/** Which weights a rule applies to; every field given must match. */
export interface RuleMatch {
  /** Layer name: a string equals it, a RegExp tests it. */
  layer?: string | RegExp;
  /** Weight: a string equals its short name (`kernel`) or full name (`dense_Dense1/kernel`); a RegExp tests the full name. */
  weight?: string | RegExp;
  /** TF.js layer class, e.g. `Dense`, `Conv2D`, `LSTM`. */
  className?: string;
}

export interface InitRule {
  match: RuleMatch;
  spec: InitSpec | string;
}

export interface InitializeModelOptions {
  /** Integer seed for the root key; give this or `key`. */
  seed?: number;
  key?: Key;
  /** Tried in order; the first that matches a weight gives its spec. */
  rules?: readonly InitRule[];
  /** The framework whose layer defaults cover the weights no rule matches. */
  defaults?: DefaultsName;
}

/** One weight as it was initialized. */
export interface InitReportRow {
  /** Full TF.js name, the name folded into the root key. */
  weight: string;
  layer: string;
  className: string;
  shape: number[];
  /** `rules[0]` or `defaults torch`, with what the default stands for. */
  rule: string;
  /** The spec's string form. */
  spec: string;
  /** The law in words, e.g. `U(-0.125, 0.125)`. */
  law: string;
  fanIn?: number;
  fanOut?: number;
  /** The kernel layout the spec read, for initlab's layout-aware names. */
  layout?: Layout;
}

const MATCH_KEYS = ['layer', 'weight', 'className'];

interface Site extends WeightSite {
  readonly layer: tf.layers.Layer;
  readonly variable: tf.LayerVariable;
  readonly name: string;
}

/**
 * Re-initializes every weight of `model` and returns one report row per weight, in model order.
 * Throws {@link ArgumentError} (before writing anything) for a weight no rule or default covers,
 * a rule or spec that is malformed, a spec that does not fit its weight's shape, or a PyTorch or
 * Caffe spec that would read a TF.js kernel's fans in PyTorch's [out, in, ...k] order.
 */
export function initializeModel(model: tf.LayersModel, options: InitializeModelOptions): InitReportRow[] {
  if (typeof options !== 'object' || options === null) fail('options', options, "an object { seed | key, rules?, defaults? }");
  if (typeof model !== 'object' || model === null || !Array.isArray((model as { layers?: unknown }).layers)) fail('model', model, 'a tf.LayersModel (tf.sequential() or tf.model())');
  const { seed, key, rules = [], defaults } = options;
  if ((seed === undefined) === (key === undefined)) fail('seed', seed, `a seed or a key, not both and not neither (key=${formatValue(key)})`);
  if (key !== undefined && !isKey(key)) fail('key', key, 'a key from keyFromSeed(seed) or foldIn(key, data)');
  const root = key ?? keyFromSeed(seed as number);
  if (defaults !== undefined) choice('defaults', defaults, DEFAULTS);
  if (!Array.isArray(rules)) fail('rules', rules, 'an array of { match, spec }');
  const checked = rules.map(checkRule);

  const planned = sites(model).map((site) => planWeight(site, checked, defaults));
  const rows: InitReportRow[] = [];
  for (const { site, plan, row } of planned) {
    const t = initializer(plan.spec)(foldIn(root, site.name), site.shape, plan.layout === undefined ? {} : { layout: plan.layout });
    if (plan.unitForgetBias !== undefined) t.data.fill(1, plan.unitForgetBias, 2 * plan.unitForgetBias);
    const value = tf.tensor(t.data, [...site.shape], 'float32');
    site.variable.write(value);
    value.dispose();
    rows.push(row);
  }
  return rows;
}

interface CheckedRule {
  readonly match: RuleMatch;
  readonly spec: string;
  readonly label: string;
}

function checkRule(rule: InitRule, i: number): CheckedRule {
  const label = `rules[${i}]`;
  if (typeof rule !== 'object' || rule === null) fail(label, rule, '{ match: { layer?, weight?, className? }, spec }');
  const { match, spec } = rule;
  if (typeof match !== 'object' || match === null) fail(`${label}.match`, match, '{ layer?, weight?, className? }');
  for (const k of Object.keys(match)) {
    if (!MATCH_KEYS.includes(k)) fail(`${label}.match.${k}`, (match as Record<string, unknown>)[k], `no such field (a rule matches by ${MATCH_KEYS.join(', ')})`);
  }
  for (const k of ['layer', 'weight'] as const) {
    const m = match[k];
    if (m !== undefined && typeof m !== 'string' && !(m instanceof RegExp)) fail(`${label}.match.${k}`, m, 'a string or a RegExp');
  }
  if (match.className !== undefined && typeof match.className !== 'string') fail(`${label}.match.className`, match.className, 'a TF.js layer class name such as "Dense"');
  try {
    return { match, spec: formatSpec(spec), label };
  } catch (e) {
    if (e instanceof ArgumentError) fail(`${label}.spec`, spec, `a valid spec (${e.message})`);
    throw e;
  }
}

/** Every weight of the model with its layer, nested models included, in model order. */
function sites(model: tf.LayersModel): Site[] {
  const out: Site[] = [];
  const walk = (layers: readonly tf.layers.Layer[]): void => {
    for (const layer of layers) {
      const nested = (layer as unknown as { layers?: tf.layers.Layer[] }).layers;
      if (Array.isArray(nested)) {
        walk(nested);
        continue;
      }
      const vars = layer.weights;
      const short = (v: tf.LayerVariable): string => v.originalName.slice(v.originalName.lastIndexOf('/') + 1);
      const siblings = new Map(vars.map((v) => [short(v), v.shape as number[]] as const));
      for (const variable of vars) {
        out.push({ layer, variable, name: variable.originalName, className: layer.getClassName(), weight: short(variable), shape: variable.shape as number[], siblings });
      }
    }
  };
  walk(model.layers);
  return out;
}

const matches = (m: string | RegExp | undefined, exact: readonly string[], tested: string): boolean => {
  if (m === undefined) return true;
  if (typeof m === 'string') return exact.includes(m);
  m.lastIndex = 0;
  return m.test(tested);
};

function ruleFor(site: Site, rules: readonly CheckedRule[]): CheckedRule | undefined {
  return rules.find(({ match }) =>
    matches(match.layer, [site.layer.name], site.layer.name)
    && matches(match.weight, [site.weight, site.name], site.name)
    && (match.className === undefined || match.className === site.className));
}

const where = (site: Site): string => `weight ${site.name} (${site.weight} of ${site.className} layer ${site.layer.name}, shape [${site.shape.join(', ')}])`;

function planWeight(site: Site, rules: readonly CheckedRule[], defaults: DefaultsName | undefined): { site: Site; plan: WeightPlan; row: InitReportRow } {
  const rule = ruleFor(site, rules);
  let plan: WeightPlan;
  let label: string;
  if (rule !== undefined) {
    plan = rulePlan(site, rule);
    label = rule.label;
  } else {
    const found = defaults === undefined ? undefined : defaultPlan(defaults, site);
    if (found === undefined) {
      const why = defaults === undefined ? 'no defaults were given' : `defaults '${defaults}' has no default for ${site.className}'s ${site.weight}`;
      fail('weight', site.name, `a rule that matches it, or defaults that cover it: ${why} (${where(site)}); add a rule such as { match: { className: '${site.className}', weight: '${site.weight}' }, spec: ... }`);
    }
    plan = found;
    label = `defaults ${defaults}${found.note === undefined ? '' : ` (${found.note})`}`;
  }
  let p: Plan;
  try {
    p = initializer(plan.spec).plan(site.shape, plan.layout === undefined ? {} : { layout: plan.layout });
  } catch (e) {
    if (e instanceof ArgumentError) fail(rule === undefined ? 'defaults' : `${rule.label}.spec`, plan.spec, `a spec that fits ${where(site)}: ${e.message}`);
    throw e;
  }
  const fans = plan.fans ?? p.fans;
  const row: InitReportRow = {
    weight: site.name,
    layer: site.layer.name,
    className: site.className,
    shape: [...site.shape],
    rule: label,
    spec: plan.spec,
    law: plan.unitForgetBias === undefined ? p.lawText : `${p.lawText}, 1 on [${plan.unitForgetBias}, ${2 * plan.unitForgetBias})`,
    ...(fans === undefined ? {} : { fanIn: fans.fanIn, fanOut: fans.fanOut }),
    ...(plan.layout === undefined ? {} : { layout: plan.layout }),
  };
  return { site, plan, row };
}

/**
 * A rule's spec on this weight: initlab's layout-aware names read the kernel's TF.js layout; the
 * Keras, TF.js and JAX names read [..., in, out] as TF.js stores it; PyTorch's and Caffe's names
 * read [out, in, ...k], so one that reads fans or axes is refused on a TF.js kernel.
 */
function rulePlan(site: Site, rule: CheckedRule): WeightPlan {
  const { entry } = resolveSpec(rule.spec);
  const layout = weightLayout(site.className, site.weight);
  if (entry.namespace.layoutAware) return layout === undefined ? { spec: rule.spec } : { spec: rule.spec, layout };
  const readsAxes = entry.definition.usesFans === true || entry.definition.generate !== undefined;
  const fw = entry.namespace.framework;
  if (layout !== undefined && readsAxes && (fw === 'torch' || fw === 'caffe')) {
    fail(`${rule.label}.spec`, rule.spec, `a spec that reads TF.js's kernel layout for ${where(site)}: ${fw}: names read fans and axes from [out, in, ...kernel], which this kernel is not; use initlab's own layout-aware name (e.g. "${entry.definition.name}" without "${fw}:", if it exists there), or defaults: 'torch' for PyTorch's layer defaults`);
  }
  return { spec: rule.spec };
}

/** The report as an aligned text table for the terminal, one weight per line. */
export function formatInitReport(report: readonly InitReportRow[]): string {
  const header = ['weight', 'class', 'shape', 'rule', 'spec', 'law', 'fan_in', 'fan_out'];
  const fan = (v: number | undefined): string => (v === undefined ? '-' : Number.isInteger(v) ? String(v) : v.toPrecision(4));
  const rows = report.map((r) => [r.weight, r.className, `[${r.shape.join(',')}]`, r.rule, r.layout === undefined ? r.spec : `${r.spec} {layout=${r.layout}}`, r.law, fan(r.fanIn), fan(r.fanOut)]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((cell, c) => (c >= 6 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * A model architecture as data: the tensors of its state dict, in the reference implementation's
 * order, each with its name, shape and the initializer spec its reference applies, computed from a
 * config of named values that `--set name=value` changes.
 *
 * Example: `resolveModel(GPT2, ['n_layer=2'])` lists `transformer.wte.weight` [50257, 768]
 * `torch:normal(std=0.02)`, ..., `transformer.h.1.attn.c_proj.weight` [768, 768]
 * `torch:normal(std=0.01)` (0.02/√(2·n_layer)), ...
 */
import { fail } from '../errors.js';
import type { TensorLayout } from '../catalog/definition.js';
import { suggest } from '../suggest.js';

/** One tensor of a state dict. */
export interface TensorDef {
  readonly name: string;
  readonly shape: readonly number[];
  /** An initializer spec in initlab's string form, e.g. `torch:normal(std=0.02)`. */
  readonly spec: string;
  /** Fan layout for layout-aware (initlab, Keras, JAX) specs. */
  readonly layout?: TensorLayout;
  /** `int64`: an integer buffer (batch norm's num_batches_tracked), written as I64 whatever --dtype. */
  readonly dtype?: 'int64';
  /** nn.Embedding's padding_idx: this row is zeroed after the draw, as the reference does. */
  readonly paddingRow?: number;
}

export type ConfigValue = number | boolean | string;
export type Config = Readonly<Record<string, ConfigValue>>;

export interface Architecture {
  readonly name: string;
  /** The reference class, e.g. `transformers GPT2LMHeadModel`. */
  readonly reference: string;
  readonly defaults: Config;
  /** Named sizes for the `size` key: each a set of config values. */
  readonly sizes?: Readonly<Record<string, Config>>;
  tensors(config: Config): TensorDef[];
}

/** An architecture's config and tensors after `--set`. */
export interface Model {
  readonly arch: string;
  readonly config: Config;
  readonly tensors: readonly TensorDef[];
}

/**
 * Applies `name=value` settings to the architecture's defaults (a `size=...` first, whatever its
 * place, then the others in order) and lists the tensors. Unknown keys get the close names.
 */
export function resolveModel(arch: Architecture, settings: readonly string[]): Model {
  const pairs = settings.map(parseSetting);
  const config: Record<string, ConfigValue> = { ...arch.defaults };
  const size = pairs.filter(([k]) => k === 'size');
  if (size.length > 0) {
    const sizes = arch.sizes ?? {};
    const [, value] = size[size.length - 1];
    const named = sizes[value];
    if (named === undefined) {
      const names = Object.keys(sizes);
      fail('--set size', value, names.length === 0 ? `no size: ${arch.name} has no named sizes` : `one of ${names.join(', ')}`);
    }
    Object.assign(config, named);
  }
  for (const [key, value] of pairs) {
    if (key === 'size') continue;
    if (!Object.hasOwn(arch.defaults, key)) {
      const keys = [...Object.keys(arch.defaults), ...(arch.sizes === undefined ? [] : ['size'])];
      const close = suggest(key, keys);
      fail('--set', `${key}=${value}`, `a config key of ${arch.name}${close.length > 0 ? ` (did you mean ${close.join(', ')}?)` : ''}: ${keys.join(', ')}`);
    }
    config[key] = convert(key, value, arch.defaults[key]);
  }
  const tensors = arch.tensors(config);
  return { arch: arch.name, config, tensors };
}

function parseSetting(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0 || at === text.length - 1) fail('--set', text, 'name=value, e.g. n_layer=2');
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

function convert(key: string, text: string, like: ConfigValue): ConfigValue {
  if (typeof like === 'boolean') {
    if (text === 'true' || text === 'false') return text === 'true';
    return fail(`--set ${key}`, text, 'true or false');
  }
  if (typeof like === 'string') return text;
  const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) fail(`--set ${key}`, text, 'a finite number');
  if (Number.isInteger(like) && (!Number.isSafeInteger(value) || value < 0)) {
    fail(`--set ${key}`, text, 'a non-negative integer');
  }
  return value;
}

/** A positive integer config value (sizes, counts); the config's own name in the error. */
export function count(config: Config, key: string, min = 1): number {
  const v = config[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) fail(`--set ${key}`, v, `an integer >= ${min}`);
  return v;
}

/** A positive finite config value (initializer_range). */
export function positive(config: Config, key: string): number {
  const v = config[key];
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) fail(`--set ${key}`, v, 'a positive number');
  return v;
}

/** The spec string of N(0, std²) as PyTorch's `normal_` draws it. */
export const normal = (std: number): string => `torch:normal(std=${std})`;
export const ZEROS = 'torch:zeros';
export const ONES = 'torch:ones';

/** `prefix.weight` and `prefix.bias` of a LayerNorm over `size` features: ones and zeros. */
export function layerNorm(prefix: string, size: number): TensorDef[] {
  return [
    { name: `${prefix}.weight`, shape: [size], spec: ONES },
    { name: `${prefix}.bias`, shape: [size], spec: ZEROS },
  ];
}

/** nn.Linear(in, out) under a Hugging Face `_init_weights`: weight [out, in] N(0, std²), zero bias. */
export function linear(prefix: string, inFeatures: number, outFeatures: number, std: number, bias = true): TensorDef[] {
  return [
    { name: `${prefix}.weight`, shape: [outFeatures, inFeatures], spec: normal(std) },
    ...(bias ? [{ name: `${prefix}.bias`, shape: [outFeatures], spec: ZEROS }] : []),
  ];
}

/**
 * Any initlab spec as a TensorFlow.js initializer:
 *
 *   import * as tf from '@tensorflow/tfjs';
 *   import { tfjsInitializer } from 'initlab/tfjs';
 *   tf.layers.dense({ units: 64, kernelInitializer: tfjsInitializer('he_normal', { seed: 0, layout: 'io' }) });
 *
 * `apply(shape)` returns exactly the float32 tensor `initializer(spec)(key, shape, { layout })`,
 * with `key = foldIn(root, name)` when a weight name is given and `key = root` otherwise, where
 * `root` is the key given or `keyFromSeed(seed)`. A seeded initializer returns the same values
 * on every call, as a seeded TF.js initializer does.
 *
 * The class is registered with `tf.serialization`, so a model saved with it loads again with the
 * same configuration. TF.js rewrites the case of every string in a saved configuration (snake_case
 * on save, camelCase on load) except those under the key `name`, so the spec is kept there in its
 * string form; the key is kept as lowercase hex and the weight name is folded into it.
 */
import * as tf from '@tensorflow/tfjs';
import { fail, formatValue } from '../errors.js';
import type { Layout } from '../init/fans.js';
import { LAYOUTS } from '../init/fans.js';
import { initializer, type Initializer } from '../init/initializer.js';
import { foldIn, isKey, keyFromSeed, keyToString, type Key } from '../random/key.js';
import { formatSpec } from '../catalog/format.js';
import type { InitSpec } from '../catalog/spec.js';
import { choice } from '../validate.js';

/** TF.js's initializer type (the class itself is not exported by name from `@tensorflow/tfjs`). */
export type TfInitializer = ReturnType<typeof tf.initializers.ones>;

/** Where the values come from: an explicit key or an integer seed, and optionally a weight name folded in. */
export interface TfjsInitializerOptions {
  /** Root key (from `keyFromSeed` or `foldIn`); give this or `seed`. */
  key?: Key;
  /** Integer seed in [0, 2^53) for `keyFromSeed`; give this or `key`. */
  seed?: number;
  /** Weight name (e.g. `dense_Dense1/kernel`): the values are drawn from `foldIn(root, name)`. */
  name?: string;
  /** Where the channels of the kernel sit (initlab's own, layout-aware names only): `io` for Dense/Conv. */
  layout?: Layout;
}

/** The saved configuration: the spec's string form under `name` (kept verbatim by TF.js), and the key or seed. */
export interface TfjsInitializerConfig {
  name: string;
  seed?: number;
  key?: string;
  layout?: string;
}

/** TF.js's abstract `Initializer`, reached through an instance because TF.js does not export the class by name. */
const InitializerBase = Object.getPrototypeOf(tf.initializers.ones().constructor) as abstract new () => TfInitializer;

const HEX_KEY = /^0x[0-9a-f]{16}$/;

function keyFromHex(hex: unknown): Key {
  if (typeof hex !== 'string' || !HEX_KEY.test(hex)) fail('key', hex, 'a key written as 0x followed by 16 lowercase hex digits');
  return Object.freeze({ k0: Number.parseInt(hex.slice(10), 16), k1: Number.parseInt(hex.slice(2, 10), 16) });
}

/**
 * An initlab initializer inside TF.js. Build one with {@link tfjsInitializer}; TF.js itself builds
 * one from a saved configuration when it loads a model.
 */
export class InitlabInitializer extends InitializerBase {
  static readonly className = 'InitlabInitializer';
  readonly init: Initializer;
  readonly key: Key;
  private readonly config: tf.serialization.ConfigDict;

  constructor(config: TfjsInitializerConfig) {
    super();
    if (typeof config !== 'object' || config === null) fail('config', config, 'an object { name: spec, seed | key }');
    const { name, seed, key, layout } = config;
    if (typeof name !== 'string') fail('name', name, 'the spec in its string form, e.g. "torch:kaiming_uniform(a=sqrt(5))"');
    if ((seed === undefined) === (key === undefined)) fail('seed', seed, `a seed or a key, not both and not neither (key=${formatValue(key)})`);
    this.key = key === undefined ? keyFromSeed(seed as number) : keyFromHex(key);
    if (layout !== undefined) choice('layout', layout, LAYOUTS);
    this.init = initializer(name);
    this.config = seed === undefined ? { name, key: key as string } : { name, seed };
    if (layout !== undefined) this.config.layout = layout;
    // Fails now, not at the first apply, for a layout the spec cannot take.
    if (layout !== undefined && this.init.framework !== 'initlab') {
      fail('layout', layout, `nothing for ${name}: only initlab's own names read a layout (the ${this.init.framework}: names read fans by their framework's rule)`);
    }
  }

  override apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
    if (dtype !== undefined && dtype !== 'float32') fail('dtype', dtype, `"float32" (initlab draws float32 weights for TF.js; ${this.config.name})`);
    const layout = this.config.layout as Layout | undefined;
    const t = this.init(this.key, shape, layout === undefined ? {} : { layout });
    return tf.tensor(t.data, shape, 'float32');
  }

  /** `{ name: spec, seed }` or `{ name: spec, key }`, and `layout` if given: what a saved model holds. */
  override getConfig(): tf.serialization.ConfigDict {
    return { ...this.config };
  }
}
tf.serialization.registerClass(InitlabInitializer as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);

/**
 * A TF.js initializer for an initlab spec (any namespace). Its values equal
 * `initializer(spec)(key, shape, { layout })` byte for byte, with `key = foldIn(root, options.name)`
 * when a weight name is given. Throws {@link ArgumentError} for an invalid spec, a missing or
 * doubled key/seed, a layout given to a spec that reads fans by its framework's own rule, and (at
 * `apply`) a dtype other than float32. Every valid spec serializes: its string form (`formatSpec`)
 * reads back as the same spec, and TF.js keeps it verbatim under `name`.
 */
export function tfjsInitializer(spec: InitSpec | string, options: TfjsInitializerOptions): InitlabInitializer {
  if (typeof options !== 'object' || options === null) fail('options', options, 'an object { seed } or { key }, with optional name and layout');
  const { key, seed, name, layout } = options;
  if ((key === undefined) === (seed === undefined)) fail('seed', seed, `a seed or a key, not both and not neither (key=${formatValue(key)})`);
  if (key !== undefined && !isKey(key)) fail('key', key, 'a key from keyFromSeed(seed) or foldIn(key, data)');
  if (name !== undefined && (typeof name !== 'string' || name === '')) fail('name', name, 'a weight name such as "dense_Dense1/kernel"');
  const text = formatSpec(spec);
  const root = key ?? keyFromSeed(seed as number);
  const config: TfjsInitializerConfig = name === undefined && seed !== undefined
    ? { name: text, seed }
    : { name: text, key: keyToString(name === undefined ? root : foldIn(root, name)) };
  if (layout !== undefined) config.layout = layout;
  return new InitlabInitializer(config);
}

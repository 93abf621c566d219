/**
 * Initializers as pure functions of an explicit key, in the manner of JAX:
 *
 *   const init = initializer('kaiming_normal(mode=fan_out)');
 *   const w = init(keyFromSeed(0), [64, 32, 3, 3]);          // { shape, dtype, data }
 *   init.plan([64, 32, 3, 3]);                              // fans, law, expected moments
 *   init.fill(key, [64, 32, 3, 3], slice, { offset: 4096 }); // elements 4096.. of the same tensor
 *
 * Element i of an elementwise initializer depends only on (key, i), so `fill` over any split of
 * [0, numel) gives exactly the bytes of one whole call.
 */
import { fail } from '../errors.js';
import type { Key } from '../random/key.js';
import { isKey } from '../random/key.js';
import type { Context, Framework, TensorLayout } from '../catalog/definition.js';
import { resolveSpec, type InitSpec } from '../catalog/spec.js';
import { allocate, checkDType, checkShape, type DType, type FloatArray, type Tensor } from '../tensor.js';
import type { Fans } from './fans.js';
import { formatLaw, lawMoments, sampleLaw, type Expected, type Law } from './law.js';

export interface CallOptions extends TensorLayout {
  dtype?: DType;
}

export interface Plan {
  /** `torch:kaimingNormal`. */
  readonly name: string;
  readonly spec: InitSpec;
  readonly summary: string;
  readonly shape: number[];
  readonly dtype: DType;
  readonly fans?: Fans;
  readonly law?: Law;
  /** The law in words, e.g. `N(0, 0.0833333²)`, or the structured initializer's summary. */
  readonly lawText: string;
  readonly expected?: Expected;
  readonly details: Record<string, number | string>;
  /**
   * What the user should know (the CLI prints these on stderr): a degenerate input the framework
   * answers with a well-defined tensor, a value the framework would read differently, an empty
   * shape.
   */
  readonly notes: readonly string[];
}

export interface Initializer {
  (key: Key, shape: readonly number[], options?: CallOptions): Tensor;
  readonly spec: InitSpec;
  readonly name: string;
  readonly framework: Framework;
  plan(shape: readonly number[], options?: CallOptions): Plan;
  /** Fills `out` with elements [offset, offset + out.length) of the tensor `init(key, shape)`. */
  fill(key: Key, shape: readonly number[], out: FloatArray, options?: CallOptions & { offset?: number }): FloatArray;
}

const LAYOUT_KEYS = ['layout', 'groups', 'inAxes', 'outAxes', 'batchAxes'] as const;

export function initializer(spec: InitSpec | string, framework?: Framework): Initializer {
  const { entry, params, spec: normalized } = resolveSpec(spec, framework);
  const { namespace, definition } = entry;
  const qualified = `${namespace.framework}:${definition.name}`;
  const [minRank, maxRank] = definition.rank ?? [0, 32];

  function context(shape: readonly number[], options: CallOptions = {}): { c: Context; n: number; dtype: DType } {
    const n = checkShape(shape, 'shape', minRank, maxRank, namespace.emptyTensors === undefined ? 1 : 0);
    const dtype = checkDType(options.dtype ?? 'float32');
    const layout: TensorLayout = {};
    for (const k of LAYOUT_KEYS) {
      if (options[k] === undefined) continue;
      if (!namespace.layoutAware) {
        fail(k, options[k], `no ${k} for ${qualified}: ${namespace.title} reads fans by its own rule; use initlab's own names (e.g. "${definition.name}") for layout-aware fans`);
      }
      (layout as Record<string, unknown>)[k] = options[k];
    }
    let fans: Fans | undefined;
    const c: Context = { shape, params, layout, fans: () => (fans ??= namespace.fans(shape, params, layout)) };
    return { c, n, dtype };
  }

  function plan(shape: readonly number[], options?: CallOptions): Plan {
    const { c, n, dtype } = context(shape, options);
    // An empty tensor has no law: the frameworks that allow one return it before reading any fan.
    if (n === 0) {
      const notes = [`shape [${shape.join(',')}] has no elements: ${namespace.emptyTensors}`];
      return { name: qualified, spec: normalized, summary: definition.summary, shape: [...shape], dtype, lawText: 'no elements', details: {}, notes };
    }
    const law = definition.law?.(c);
    return {
      name: qualified,
      spec: normalized,
      summary: definition.summary,
      shape: [...shape],
      dtype,
      fans: definition.usesFans ? c.fans() : undefined,
      law,
      lawText: law ? formatLaw(law) : definition.summary,
      expected: law ? lawMoments(law) : definition.expected?.(c),
      details: definition.details?.(c) ?? {},
      notes: definition.notes?.(c) ?? [],
    };
  }

  function generate(key: Key, c: Context, out: FloatArray, offset: number): FloatArray {
    const n = c.shape.reduce((a, b) => a * b, 1);
    if (n === 0) return out;
    const law = definition.law?.(c);
    if (law) return sampleLaw(law, key, out, offset);
    if (offset === 0 && out.length === n) {
      definition.generate!(key, c, out);
      return out;
    }
    const whole = out instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
    definition.generate!(key, c, whole);
    out.set(whole.subarray(offset, offset + out.length));
    return out;
  }

  const call = (key: Key, shape: readonly number[], options?: CallOptions): Tensor => {
    if (!isKey(key)) fail('key', key, 'a key from keyFromSeed(seed) or foldIn(key, data)');
    const { c, n, dtype } = context(shape, options);
    return { shape: [...shape], dtype, data: generate(key, c, allocate(dtype, n), 0) };
  };

  const fill = (key: Key, shape: readonly number[], out: FloatArray, options: CallOptions & { offset?: number } = {}): FloatArray => {
    if (!isKey(key)) fail('key', key, 'a key from keyFromSeed(seed) or foldIn(key, data)');
    const { offset = 0, ...rest } = options;
    const { c, n } = context(shape, { ...rest, dtype: out instanceof Float64Array ? 'float64' : 'float32' });
    if (!Number.isInteger(offset) || offset < 0 || offset + out.length > n) {
      fail('offset', offset, `an integer with 0 <= offset and offset + out.length <= ${n} (out.length=${out.length})`);
    }
    return generate(key, c, out, offset);
  };

  // A function's own `name` is read-only, so it is redefined rather than assigned.
  Object.defineProperty(call, 'name', { value: definition.name });
  return Object.assign(call, { spec: normalized, framework: namespace.framework, plan, fill }) as Initializer;
}

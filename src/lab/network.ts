/**
 * A deep fully connected network as the lab builds it: layer l (1-based) computes
 *
 *   z^l = x^{l-1} · W^l + b^l,   x^l = φ(z^l),   x^0 = the input batch (rows are examples),
 *
 * with W^l stored row-major as [in, out] (Keras/JAX orientation; initlab's layout-aware names are
 * called with `layout: 'io'`). Framework names whose fan rule reads [out, in] (PyTorch, Caffe)
 * are drawn in their own shape [out, in], as that framework would, and transposed once, so every
 * framework's initializer sees the shape it expects and the lab's products have one orientation.
 *
 * Weights and biases are pure functions of the root key: layer l's weight is drawn with
 * `foldIn(root, 'layer<l>/weight')` and its bias with `foldIn(root, 'layer<l>/bias')`, so they can be
 * regenerated rather than stored, and a change of depth never moves another layer's values.
 */
import { activation, type Activation } from '../activations/index.js';
import { ArgumentError, fail } from '../errors.js';
import { initializer, type CallOptions, type Initializer, type Plan } from '../init/initializer.js';
import { LSUV_PRE_INIT, parseLsuv, type LsuvOptions } from '../init/lsuv.js';
import { foldIn, type Key } from '../random/key.js';
import type { FloatArray } from '../tensor.js';
import type { ResolvedConfig } from './config.js';
import type { LayerLaw } from './theory/layers.js';

/** Frameworks whose dense weights are [out, in]. */
const OUT_IN = new Set(['torch', 'caffe']);

export interface Network {
  readonly config: ResolvedConfig;
  readonly phi: Activation;
  readonly weightInit: Initializer;
  readonly biasInit: Initializer;
  /** With `init: 'lsuv(...)'`: orthogonal weights, each layer rescaled on the input batch by the forward pass. */
  readonly lsuv?: LsuvOptions;
  /** Layer sizes [inputSize, widths...]. */
  readonly sizes: readonly number[];
  /** What the theory needs per layer (fans, weight and bias moments). */
  readonly laws: readonly LayerLaw[];
  /** The weight's law in words per layer, e.g. `N(0, 0.0441942²)`. */
  readonly weightLaw: readonly string[];
  /** Layer l's weight (1-based) as [in, out], row-major, drawn into `out` when given. */
  weight(root: Key, l: number, out?: FloatArray): FloatArray;
  /** Layer l's bias, [out]. */
  bias(root: Key, l: number): FloatArray;
}

/** Runs `f` and rethrows an argument error with the role it was checked for. */
function within<T>(argument: string, value: unknown, role: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ArgumentError) fail(argument, value, `${role} (${e.message})`);
    throw e;
  }
}

/** Moments of an initializer's elements from its plan (mean, variance). */
function moments(plan: Plan, argument: string, spec: unknown): { mean: number; variance: number } {
  const e = plan.expected;
  if (e === undefined) fail(argument, spec, 'an initializer with known moments (its plan has no expected mean and std)');
  return { mean: e.mean, variance: e.std * e.std };
}

export function buildNetwork(config: ResolvedConfig): Network {
  const phi = activation(config.activation, config.activationParam);
  const lsuv = parseLsuv(config.init);
  const weightInit = within('init', config.init, 'an initializer spec (or lsuv)', () => initializer(lsuv === undefined ? config.init : LSUV_PRE_INIT));
  const biasInit = within('bias', config.bias, 'an initializer spec', () => initializer(config.bias));
  const outIn = OUT_IN.has(weightInit.framework);
  const options: CallOptions = { dtype: config.dtype, ...(weightInit.framework === 'initlab' ? { layout: 'io' as const } : {}) };
  const biasOptions: CallOptions = { dtype: config.dtype };
  const sizes = [config.inputSize, ...config.widths];
  const shape = (l: number): [number, number] => (outIn ? [sizes[l], sizes[l - 1]] : [sizes[l - 1], sizes[l]]);

  const laws: LayerLaw[] = [];
  const weightLaw: string[] = [];
  const plans = new Map<string, { law: LayerLaw; text: string }>();
  for (let l = 1; l <= config.depth; l++) {
    const key = `${sizes[l - 1]}x${sizes[l]}`;
    let entry = plans.get(key);
    if (entry === undefined) {
      const s = shape(l);
      const wPlan = within('init', config.init, `an initializer for a dense weight of shape [${s.join(', ')}]`, () => weightInit.plan(s, options));
      const bPlan = within('bias', config.bias, `an initializer for a bias of shape [${sizes[l]}]`, () => biasInit.plan([sizes[l]], biasOptions));
      const w = moments(wPlan, 'init', config.init);
      const b = moments(bPlan, 'bias', config.bias);
      entry = {
        law: { nIn: sizes[l - 1], nOut: sizes[l], weightMean: w.mean, weightVariance: w.variance, biasMean: b.mean, biasVariance: b.variance },
        text: wPlan.lawText,
      };
      plans.set(key, entry);
    }
    laws.push(entry.law);
    weightLaw.push(entry.text);
  }

  return {
    config,
    phi,
    weightInit,
    biasInit,
    ...(lsuv === undefined ? {} : { lsuv }),
    sizes,
    laws,
    weightLaw,
    weight(root, l, out) {
      const s = shape(l);
      const key = foldIn(root, `layer${l}/weight`);
      if (!outIn) return out === undefined ? weightInit(key, s, options).data : weightInit.fill(key, s, out, options);
      return transpose(weightInit(key, s, options).data, s[0], s[1], out);
    },
    bias(root, l) {
      return biasInit(foldIn(root, `layer${l}/bias`), [sizes[l]], biasOptions).data;
    },
  };
}

/** The transpose of a rows x cols row-major matrix (into `t` when given). */
export function transpose(a: FloatArray, rows: number, cols: number, t: FloatArray = a instanceof Float64Array ? new Float64Array(a.length) : new Float32Array(a.length)): FloatArray {
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) t[j * rows + i] = a[r + j];
  }
  return t;
}

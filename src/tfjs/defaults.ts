/**
 * Each framework's own layer defaults, written as initlab specs for the weights of TF.js layers.
 * TF.js stores kernels as Dense [in, out], Conv [...k, in, out], DepthwiseConv2D [...k, in, mult],
 * Conv*Transpose [...k, out, in], recurrent [in, gates·units] and [units, gates·units].
 *
 * - `torch`: Linear/Conv weight kaiming_uniform(a = √5) = U(±1/√fan_in) and bias U(±1/√fan_in),
 *   with fan_in as PyTorch reads it from its own layout of the same layer: in·r for Dense and Conv,
 *   r for a depthwise kernel ([in·mult, 1, ...k] in PyTorch), and out·r for a transposed
 *   convolution (PyTorch reads shape[1] of [in, out, ...k], pytorch/pytorch#7865); Embedding
 *   N(0, 1); every LSTM/GRU/RNN weight U(±1/√units) (TF.js has one bias where PyTorch has b_ih
 *   and b_hh: it is drawn as one of them); norms ones/zeros, moving mean 0, moving variance 1.
 *   (`torch/nn/modules/linear.py`, `conv.py`, `sparse.py`, `rnn.py`, `normalization.py`)
 * - `keras`: kernels glorot_uniform, recurrent kernels orthogonal, biases zeros with LSTM's unit
 *   forget bias (ones on the forget gate), Embedding U(±0.05), norms ones/zeros (Keras 3 layers).
 * - `flax`: kernels lecun_normal (truncated normal, variance 1/fan_in, fan_in from the kernel's
 *   semantic layout: flax's depthwise kernel is [...k, 1, in·mult], its ConvTranspose kernel
 *   [...k, in, out]), biases zeros, Embed variance_scaling(1, fan_in, normal, out_axis=0)
 *   = N(0, 1/features), norms ones/zeros. Flax's recurrent cells draw one matrix per gate, which a
 *   TF.js LSTM's fused [units, 4·units] kernel cannot hold, so they have no default here.
 * - `tfjs`: TF.js's own (`tfjs-layers` core.ts, convolutional.ts, embeddings.ts, recurrent.ts,
 *   normalization.ts): Dense/Conv kernels glorotNormal, depthwise and pointwise glorotUniform,
 *   Embedding randomUniform, RNN kernels glorotNormal and recurrent orthogonal (no unit forget
 *   bias unless asked), biases zeros, norms ones/zeros.
 */
import { computeFans, type Fans, type Layout } from '../init/fans.js';

export type DefaultsName = 'torch' | 'keras' | 'flax' | 'tfjs';
export const DEFAULTS: readonly DefaultsName[] = ['torch', 'keras', 'flax', 'tfjs'];

/** One weight of a TF.js layer, as the defaults read it. */
export interface WeightSite {
  readonly className: string;
  /** Short name: `kernel`, `bias`, `recurrent_kernel`, `gamma`, ... */
  readonly weight: string;
  readonly shape: readonly number[];
  /** The shapes of the layer's weights by short name (a bias reads its kernel's fans). */
  readonly siblings: ReadonlyMap<string, readonly number[]>;
}

/** What to draw for one weight. */
export interface WeightPlan {
  readonly spec: string;
  /** Passed to the initializer (initlab's layout-aware names only). */
  readonly layout?: Layout;
  /** Fans shown in the report when the spec itself reads none (PyTorch's bound from its fan_in). */
  readonly fans?: Fans;
  /** LSTM unit forget bias: elements [units, 2·units) set to 1 after the draw. */
  readonly unitForgetBias?: number;
  /** Short words for the report, e.g. `kaiming_uniform(a=√5)`. */
  readonly note?: string;
}

type Kind = 'dense' | 'conv' | 'depthwise' | 'separable' | 'transposed' | 'embedding' | 'recurrent' | 'norm';

/** The TF.js layer classes initlab knows the weights of. */
export const LAYER_KINDS: Readonly<Record<string, Kind>> = {
  Dense: 'dense',
  Conv1D: 'conv',
  Conv2D: 'conv',
  Conv3D: 'conv',
  DepthwiseConv2D: 'depthwise',
  SeparableConv2D: 'separable',
  Conv2DTranspose: 'transposed',
  Conv3DTranspose: 'transposed',
  Embedding: 'embedding',
  LSTM: 'recurrent',
  GRU: 'recurrent',
  SimpleRNN: 'recurrent',
  BatchNormalization: 'norm',
  LayerNormalization: 'norm',
};

/**
 * Semantic layout of a TF.js kernel (where its input and output channels sit), or undefined for a
 * weight with no fans (bias, embedding table, norm parameter) or a layer class initlab does not know.
 */
export function weightLayout(className: string, weight: string): Layout | undefined {
  const kind = LAYER_KINDS[className];
  if (kind === undefined) return undefined;
  if (weight === 'depthwise_kernel') return 'io-depthwise';
  if (weight === 'pointwise_kernel' || weight === 'recurrent_kernel') return 'io';
  if (weight !== 'kernel') return undefined;
  return kind === 'transposed' ? 'io-transposed' : kind === 'embedding' || kind === 'norm' ? undefined : 'io';
}

const KERNELS = ['kernel', 'depthwise_kernel', 'pointwise_kernel'];
const NORM: Record<string, 'ones' | 'zeros'> = { gamma: 'ones', beta: 'zeros', moving_mean: 'zeros', moving_variance: 'ones' };

/** The kernel whose fans a bias follows: the pointwise kernel of a separable convolution, else the kernel. */
function biasKernel(site: WeightSite): { weight: string; shape: readonly number[] } | undefined {
  for (const weight of ['pointwise_kernel', 'kernel', 'depthwise_kernel']) {
    const shape = site.siblings.get(weight);
    if (shape !== undefined) return { weight, shape };
  }
  return undefined;
}

/** U(±1/√fan_in) with PyTorch's fan_in for this kernel (see the module comment). */
function torchBound(weight: string, shape: readonly number[], note: string): WeightPlan {
  const fans = computeFans(shape, { layout: weight === 'depthwise_kernel' ? 'io-depthwise' : 'io' });
  const b = 1 / Math.sqrt(fans.fanIn);
  return { spec: `torch:uniform(a=${-b}, b=${b})`, fans, note };
}

function torchPlan(site: WeightSite, kind: Kind): WeightPlan | undefined {
  const { weight, shape } = site;
  if (kind === 'embedding') return weight === 'embeddings' ? { spec: 'torch:normal' } : undefined;
  if (kind === 'norm') return NORM[weight] === undefined ? undefined : { spec: `torch:${NORM[weight]}` };
  if (kind === 'recurrent') {
    const units = site.siblings.get('recurrent_kernel')?.[0];
    return units === undefined ? undefined : { spec: `torch:rnn_default(hidden_size=${units})`, note: 'U(±1/√units)' };
  }
  if (KERNELS.includes(weight)) return torchBound(weight, shape, 'kaiming_uniform(a=√5)');
  if (weight === 'bias') {
    const k = biasKernel(site);
    return k === undefined ? undefined : torchBound(k.weight, k.shape, 'U(±1/√fan_in)');
  }
  return undefined;
}

function kerasPlan(site: WeightSite, kind: Kind): WeightPlan | undefined {
  const { weight, className } = site;
  if (kind === 'embedding') return weight === 'embeddings' ? { spec: 'keras:random_uniform' } : undefined;
  if (kind === 'norm') return NORM[weight] === undefined ? undefined : { spec: `keras:${NORM[weight]}` };
  if (weight === 'recurrent_kernel') return { spec: 'keras:orthogonal' };
  if (KERNELS.includes(weight)) return { spec: 'keras:glorot_uniform' };
  if (weight !== 'bias') return undefined;
  const units = site.siblings.get('recurrent_kernel')?.[0];
  return className === 'LSTM' && units !== undefined
    ? { spec: 'keras:zeros', unitForgetBias: units, note: `unit forget bias: ones on [${units}, ${2 * units})` }
    : { spec: 'keras:zeros' };
}

function flaxPlan(site: WeightSite, kind: Kind): WeightPlan | undefined {
  const { weight, className } = site;
  if (kind === 'recurrent') return undefined;
  if (kind === 'embedding') return weight === 'embeddings' ? { spec: 'jax:variance_scaling(scale=1, mode=fan_in, distribution=normal, out_axis=0)' } : undefined;
  if (kind === 'norm') return NORM[weight] === undefined ? undefined : { spec: `jax:${NORM[weight]}` };
  if (weight === 'bias') return { spec: 'jax:zeros' };
  const layout = KERNELS.includes(weight) ? weightLayout(className, weight) : undefined;
  return layout === undefined ? undefined : { spec: 'variance_scaling(scale=1, mode=fan_in, distribution=truncated_normal)', layout, note: 'lecun_normal' };
}

function tfjsPlan(site: WeightSite, kind: Kind): WeightPlan | undefined {
  const { weight } = site;
  if (kind === 'embedding') return weight === 'embeddings' ? { spec: 'tfjs:random_uniform' } : undefined;
  if (kind === 'norm') return NORM[weight] === undefined ? undefined : { spec: `tfjs:${NORM[weight]}` };
  if (weight === 'recurrent_kernel') return { spec: 'tfjs:orthogonal' };
  if (weight === 'depthwise_kernel' || weight === 'pointwise_kernel') return { spec: 'tfjs:glorot_uniform' };
  if (weight === 'kernel') return { spec: 'tfjs:glorot_normal' };
  return weight === 'bias' ? { spec: 'tfjs:zeros' } : undefined;
}

const PLANS: Record<DefaultsName, (site: WeightSite, kind: Kind) => WeightPlan | undefined> = {
  torch: torchPlan,
  keras: kerasPlan,
  flax: flaxPlan,
  tfjs: tfjsPlan,
};

/** What `defaults` draws for this weight, or undefined where that framework has no default for it. */
export function defaultPlan(defaults: DefaultsName, site: WeightSite): WeightPlan | undefined {
  const kind = LAYER_KINDS[site.className];
  return kind === undefined ? undefined : PLANS[defaults](site, kind);
}

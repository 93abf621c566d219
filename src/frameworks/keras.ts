/**
 * Keras 3 (`keras.initializers`): fans from [...kernel, in, out] (or explicit `input_axes` /
 * `output_axes`), n = max(1, fan), "normal" means truncated normal at ±2σ with the
 * 0.87962566103423978 variance correction, `untruncated_normal` for the plain normal, and the
 * plain `TruncatedNormal` uncorrected.
 */
import { kerasFans } from '../init/fans.js';
import type { Definition, Namespace } from '../catalog/definition.js';
import { axes, num, oneOf, otherwise, type Params } from '../catalog/params.js';
import type { Distribution, Mode } from '../init/varianceScaling.js';
import { constants, scaled, uniformLaw } from './common.js';
import { identityDef, orthogonalDef } from './structured.js';

const axisParams = {
  inputAxes: axes('axes whose product is fan_in (with outputAxes; for EinsumDense-style kernels)', null),
  outputAxes: axes('axes whose product is fan_out (with inputAxes)', null),
};
/** Keras multiplies a standard sample by stddev without checking its sign. */
const stddev = (doc: string) =>
  otherwise(num(doc, 0.05, 'nonNegative'), 'Keras itself accepts a negative stddev and returns mean + stddev·(a standard sample): the spread of |stddev| with the sign of every draw flipped');
const DIST: Record<string, Distribution> = { truncated_normal: 'truncated_normal', untruncated_normal: 'normal', uniform: 'uniform' };

const preset = (name: string, scale: number, mode: Mode, distribution: 'uniform' | 'truncated_normal', formula: string): Definition =>
  scaled({ name, summary: formula, params: axisParams, scale: () => scale, mode: () => mode, distribution: () => distribution, guard: true });

export const keras: Namespace = {
  framework: 'keras',
  title: 'Keras 3 keras.initializers',
  layoutAware: false,
  emptyTensors: 'Keras returns an empty tensor',
  fans: (shape, p: Params) => kerasFans(shape, (p.inputAxes ?? undefined) as number[] | undefined, (p.outputAxes ?? undefined) as number[] | undefined),
  definitions: [
    ...constants({ zeros: ['zero'], ones: ['one'], constant: { param: 'value', default: 0 } }),
    { name: 'randomUniform', aliases: ['uniform'], summary: 'U[minval, maxval)', params: { minval: num('lower bound', -0.05), maxval: num('upper bound', 0.05) }, law: (c) => uniformLaw(c, 'minval', 'maxval') },
    { name: 'randomNormal', aliases: ['normal'], summary: 'N(mean, stddev²)', params: { mean: num('mean', 0), stddev: stddev('standard deviation') }, law: (c) => ({ kind: 'normal', mean: c.params.mean as number, std: c.params.stddev as number }) },
    {
      name: 'truncatedNormal',
      summary: 'N(mean, stddev²) cut at mean ± 2·stddev, NOT variance-corrected (sample std ≈ 0.88·stddev); stddev = 0: every element mean',
      params: { mean: num('mean', 0), stddev: stddev('standard deviation before truncation') },
      law: (c) => {
        const m = c.params.mean as number;
        const s = c.params.stddev as number;
        return s === 0 ? { kind: 'constant', value: m } : { kind: 'truncatedNormal', mean: m, std: s, low: m - 2 * s, high: m + 2 * s };
      },
      notes: (c) => (c.params.stddev === 0 ? [`stddev = 0: Keras returns mean + 0·(a truncated normal), every element ${c.params.mean}`] : []),
    },
    scaled({
      name: 'varianceScaling',
      summary: 'Var = scale / max(1, n), n by mode; truncated_normal (corrected, ±2σ), untruncated_normal or uniform; "normal" means truncated_normal',
      params: {
        scale: num('scaling factor (> 0)', 1, 'positive'),
        mode: otherwise(oneOf(['fan_in', 'fan_out', 'fan_avg'], 'fan_in', 'which fan n is (exactly as written: Keras lower-cases distribution, not mode)'), 'Keras raises "Invalid `mode` argument" for any other spelling'),
        distribution: oneOf(['truncated_normal', 'untruncated_normal', 'uniform'], 'truncated_normal', 'the law ("normal" is read as truncated_normal, as Keras does)', { ignoreCase: true, aliases: { normal: 'truncated_normal' } }),
        ...axisParams,
      },
      scale: (p) => p.scale as number,
      mode: (p) => p.mode as Mode,
      distribution: (p) => DIST[p.distribution as string],
      guard: true,
    }),
    preset('glorotUniform', 1, 'fan_avg', 'uniform', 'U(-l, l), l = √(6 / (fan_in + fan_out))'),
    preset('glorotNormal', 1, 'fan_avg', 'truncated_normal', 'TN at ±2σ, σ = √(2 / (fan_in + fan_out)) / 0.8796'),
    preset('heUniform', 2, 'fan_in', 'uniform', 'U(-l, l), l = √(6 / fan_in)'),
    preset('heNormal', 2, 'fan_in', 'truncated_normal', 'TN at ±2σ, σ = √(2 / fan_in) / 0.8796'),
    preset('lecunUniform', 1, 'fan_in', 'uniform', 'U(-l, l), l = √(3 / fan_in)'),
    preset('lecunNormal', 1, 'fan_in', 'truncated_normal', 'TN at ±2σ, σ = √(1 / fan_in) / 0.8796'),
    orthogonalDef({ gain: 'gain', params: { gain: num('multiplicative factor', 1) }, axis: () => -1, aliases: ['orthogonal_initializer'], summary: 'Haar-random orthogonal x gain; columns (last axis) orthonormal when ∏shape[:-1] >= shape[-1]' }),
    identityDef({ gain: 'gain', params: { gain: num('multiplicative factor', 1) }, aliases: ['identity_initializer'] }),
  ],
};

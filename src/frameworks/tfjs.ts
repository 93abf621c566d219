/**
 * TensorFlow.js (`tf.initializers`), reproduced as it behaves, so a model ported from TF.js gets
 * the same distributions: fans by its rule (ranks 0, 1 and >= 6 use √∏shape), VarianceScaling
 * "normal" is a truncated normal at ±2σ WITHOUT the variance correction (sample variance ≈ 0.774
 * of the target, tensorflow/tfjs#8594), and Identity is square-only. The `||`-defaults and the
 * ignored `seed: 0` of TF.js are not reproduced: explicit values are always honoured, with a note
 * saying what TF.js would have used.
 */
import { tfjsFans } from '../init/fans.js';
import type { Mode } from '../init/varianceScaling.js';
import type { Definition, Namespace } from '../catalog/definition.js';
import { num, oneOf, otherwise, type Params } from '../catalog/params.js';
import { snakeCase } from '../catalog/names.js';
import { constants, scaled, uniformLaw } from './common.js';
import { identityDef, orthogonalDef } from './structured.js';

const MODE: Record<string, Mode> = { fanIn: 'fan_in', fanOut: 'fan_out', fanAvg: 'fan_avg' };

/**
 * TF.js samples a truncated normal only for distribution 'normal'; every other valid value,
 * 'truncatedNormal' included, samples uniform (tfjs initializers.ts; reference §3.6).
 */
/**
 * TF.js reads its parameters as `args.x || DEFAULT`, so an explicit 0 becomes the default:
 * what it would use instead of the zeros in `p` (initlab honours the 0 and says so).
 */
function zeroAsUnset(p: Params, defaults: Record<string, number>): string | undefined {
  const swapped = Object.entries(defaults).filter(([k, v]) => p[k] === 0 && v !== 0).map(([k, v]) => `${snakeCase(k)}=${v}`);
  return swapped.length === 0 ? undefined : `TF.js itself reads an explicit 0 as unset (\`||\` defaults) and would use ${swapped.join(', ')}`;
}
const zeroNotes = (p: Params, defaults: Record<string, number>): string[] => {
  const would = zeroAsUnset(p, defaults);
  return would === undefined ? [] : [`${would}; initlab uses the 0 given`];
};
const UNIFORM_DEFAULTS = { minval: -0.05, maxval: 0.05 };
const NORMAL_DEFAULTS = { mean: 0, stddev: 0.05 };

const tfjsDistribution = (p: Params) => (p.distribution === 'normal' ? 'truncated_normal' : 'uniform');

const preset = (name: string, scale: number, mode: Mode, distribution: 'uniform' | 'truncated_normal', formula: string, aliases: string[] = []): Definition =>
  scaled({ name, aliases, summary: formula, params: {}, scale: () => scale, mode: () => mode, distribution: () => distribution, correct: false, guard: true });

export const tfjs: Namespace = {
  framework: 'tfjs',
  title: 'TensorFlow.js tf.initializers',
  layoutAware: false,
  fans: (shape) => tfjsFans(shape),
  definitions: [
    ...constants({ constant: { param: 'value' } }),
    {
      name: 'randomUniform',
      summary: 'U[minval, maxval)',
      params: { minval: num('lower bound', -0.05), maxval: num('upper bound', 0.05) },
      law: (c) => uniformLaw(c, 'minval', 'maxval', { otherwise: zeroAsUnset(c.params, UNIFORM_DEFAULTS) }),
      notes: (c) => zeroNotes(c.params, UNIFORM_DEFAULTS),
    },
    {
      name: 'randomNormal',
      summary: 'N(mean, stddev²)',
      params: { mean: num('mean', 0), stddev: num('standard deviation', 0.05, 'nonNegative') },
      law: (c) => ({ kind: 'normal', mean: c.params.mean as number, std: c.params.stddev as number }),
      notes: (c) => zeroNotes(c.params, NORMAL_DEFAULTS),
    },
    {
      name: 'truncatedNormal',
      summary: 'N(mean, stddev²) cut at mean ± 2·stddev, not variance-corrected',
      params: {
        mean: num('mean', 0),
        stddev: otherwise(num('standard deviation before truncation', 0.05, 'positive'), (v) => (v === 0 ? 'TF.js itself turns an explicit 0 into the default 0.05 through `||`' : 'TF.js itself never returns: its rejection loop keeps values in [mean + 2·stddev, mean - 2·stddev], empty for a negative stddev')),
      },
      law: (c) => {
        const m = c.params.mean as number;
        const s = c.params.stddev as number;
        return { kind: 'truncatedNormal', mean: m, std: s, low: m - 2 * s, high: m + 2 * s };
      },
    },
    scaled({
      name: 'varianceScaling',
      summary: "Var target scale / max(1, n); 'normal' = TN at ±2σ uncorrected (actual variance 0.774·target); other distributions sample uniform",
      params: {
        scale: num('scaling factor (>= 0)', 1, 'nonNegative'),
        mode: oneOf(['fanIn', 'fanOut', 'fanAvg'], 'fanIn', 'which fan n is'),
        distribution: oneOf(['normal', 'uniform', 'truncatedNormal'], 'normal', "the law; TF.js samples uniform for 'truncatedNormal' (reproduced)"),
      },
      scale: (p) => p.scale as number,
      mode: (p) => MODE[p.mode as string],
      distribution: tfjsDistribution,
      correct: false,
      guard: true,
    }),
    preset('glorotUniform', 1, 'fan_avg', 'uniform', 'U(-l, l), l = √(6 / (fan_in + fan_out))'),
    preset('glorotNormal', 1, 'fan_avg', 'truncated_normal', 'TN at ±2σ, σ = √(2 / (fan_in + fan_out)), uncorrected'),
    preset('heUniform', 2, 'fan_in', 'uniform', 'U(-l, l), l = √(6 / fan_in)'),
    preset('heNormal', 2, 'fan_in', 'truncated_normal', 'TN at ±2σ, σ = √(2 / fan_in), uncorrected'),
    preset('leCunUniform', 1, 'fan_in', 'uniform', 'U(-l, l), l = √(3 / fan_in)'),
    preset('leCunNormal', 1, 'fan_in', 'truncated_normal', 'TN at ±2σ, σ = √(1 / fan_in), uncorrected'),
    orthogonalDef({ gain: 'gain', params: { gain: num('multiplicative factor', 1) }, axis: () => -1 }),
    identityDef({ gain: 'gain', square: true, params: { gain: num('multiplicative factor', 1) } }),
  ],
};

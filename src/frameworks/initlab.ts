/**
 * initlab's own names: the formulas of the papers with explicit, layout-aware fans
 * (`computeFans`, default layout [out, in, ...kernel]; pass `layout`, `groups` or axes for other
 * tensors), computed gains for any activation (second-moment criterion, see ../init/gain.ts),
 * untruncated normals unless a truncated law is asked for, and truncation bounds in σ units.
 * Glorot & Bengio (2010), He et al. (2015), LeCun et al. (1998), Saxe et al. (2014),
 * Xiao et al. (2018), Martens (2010).
 */
import { computeFans } from '../init/fans.js';
import { gain } from '../init/gain.js';
import type { Layout } from '../init/fans.js';
import { truncationFactor, DISTRIBUTIONS, MODES, type Distribution, type Mode } from '../init/varianceScaling.js';
import type { Context, Definition, Namespace } from '../catalog/definition.js';
import { bool, num, oneOf, type Params } from '../catalog/params.js';
import { ACTIVATION_NAMES } from '../activations/index.js';
import { constants, scaled, uniformLaw } from './common.js';
import { bilinearDef, deltaOrthogonalDef, diracDef, identityDef, orthogonalDef, positiveUnitballDef, sparseDef } from './structured.js';
import { fail } from '../errors.js';

const modeParam = (dflt: Mode) => oneOf(MODES, dflt, 'which fan the variance is divided by');
const gainParams = {
  nonlinearity: oneOf([...ACTIVATION_NAMES, 'linear', 'swish'], 'relu', 'activation after this layer; its gain is computed (1/√E[φ(z)²], z ~ N(0,1))'),
  param: num('activation parameter (leaky_relu slope, elu alpha)', null),
  gain: num('explicit gain, overriding nonlinearity', null),
};
/** An explicit gain, or the computed second-moment gain of the named activation. */
const gainOf = (p: Params) => (p.gain as number | null) ?? gain(p.nonlinearity as string, (p.param as number | null) ?? undefined);

const he = (name: string, aliases: string[], distribution: Distribution, formula: string): Definition =>
  scaled({ name, aliases, summary: formula, params: { ...gainParams, mode: modeParam('fan_in') }, rank: [1, 32], scale: (p) => gainOf(p) ** 2, mode: (p) => p.mode as Mode, distribution: () => distribution, extra: (p) => ({ gain: gainOf(p) }) });

const glorot = (name: string, aliases: string[], distribution: Distribution, formula: string): Definition =>
  scaled({ name, aliases, summary: formula, params: { gain: num('scaling factor', 1) }, rank: [1, 32], scale: (p) => (p.gain as number) ** 2, mode: () => 'fan_avg', distribution: () => distribution });

const lecun = (name: string, distribution: Distribution, formula: string): Definition =>
  scaled({ name, summary: formula, params: { mode: modeParam('fan_in') }, rank: [1, 32], scale: () => 1, mode: (p) => p.mode as Mode, distribution: () => distribution });

/** The unit axis of a layout: output units are dim 0 in [out, in, ...k], the last dim in [...k, in, out]. */
const unitAxis = (c: Context) => ((c.layout.layout ?? 'oi').startsWith('oi') ? 0 : -1);
const tapLayout = (dflt: 'oi' | 'io') => (c: Context) => {
  const l: Layout = c.layout.layout ?? dflt;
  if (l !== 'oi' && l !== 'io') fail('layout', l, '"oi" ([out, in, ...k]) or "io" ([...k, in, out]) for a convolution kernel');
  return l;
};

export const initlab: Namespace = {
  framework: 'initlab',
  title: 'initlab (paper formulas, layout-aware fans)',
  layoutAware: true,
  fans: (shape, _p, layout) => computeFans(shape, layout),
  definitions: [
    ...constants({ constant: { param: 'value' } }),
    { name: 'uniform', summary: 'U[low, high)', params: { low: num('lower bound', 0), high: num('upper bound', 1) }, law: (c) => uniformLaw(c, 'low', 'high') },
    { name: 'normal', summary: 'N(mean, std²)', params: { mean: num('mean', 0), std: num('standard deviation', 1, 'nonNegative') }, law: (c) => ({ kind: 'normal', mean: c.params.mean as number, std: c.params.std as number }) },
    {
      name: 'truncatedNormal',
      summary: 'N(mean, σ²) cut at [mean + low·σ, mean + high·σ] (σ units); with correct=true, σ = std / s so the samples have std `std`',
      params: {
        mean: num('mean', 0),
        std: num('standard deviation (of the samples if correct, else before truncation)', 1, 'positive'),
        low: num('lower bound in σ units (may be -Infinity)', -2, 'bound'),
        high: num('upper bound in σ units (may be Infinity)', 2, 'bound'),
        correct: bool('divide σ by the std of the truncated standard normal', false),
      },
      law: (c) => {
        const { mean, std, low, high, correct } = c.params as { mean: number; std: number; low: number; high: number; correct: boolean };
        if (!(low < high)) fail('high', high, `a bound above low=${low}`);
        const sigma = correct ? std / truncationFactor(low, high) : std;
        return { kind: 'truncatedNormal', mean, std: sigma, low: mean + low * sigma, high: mean + high * sigma };
      },
    },
    scaled({
      name: 'varianceScaling',
      summary: 'Var = scale / n, n by mode (fan_in, fan_out, fan_avg, fan_geo_avg); uniform, normal, or truncated_normal (σ units, variance-corrected unless correct=false)',
      params: {
        scale: num('scaling factor', 1, 'nonNegative'),
        mode: modeParam('fan_in'),
        distribution: oneOf(DISTRIBUTIONS, 'truncated_normal', 'the law'),
        low: num('truncation lower bound in σ units', -2, 'bound'),
        high: num('truncation upper bound in σ units', 2, 'bound'),
        correct: bool('correct σ so the truncated samples have variance scale / n', true),
      },
      rank: [1, 32],
      scale: (p) => p.scale as number,
      mode: (p) => p.mode as Mode,
      distribution: (p) => p.distribution as Distribution,
      truncation: (p) => [p.low as number, p.high as number],
    }),
    glorot('glorotUniform', ['xavier_uniform'], 'uniform', 'U(-a, a), a = gain·√(6 / (fan_in + fan_out))  [Glorot & Bengio 2010, Eq. 16]'),
    glorot('glorotNormal', ['xavier_normal'], 'normal', 'N(0, std²), std = gain·√(2 / (fan_in + fan_out))'),
    he('heUniform', ['kaiming_uniform'], 'uniform', 'U(-b, b), b = gain·√(3 / fan), gain computed for the nonlinearity  [He et al. 2015]'),
    he('heNormal', ['kaiming_normal'], 'normal', 'N(0, std²), std = gain / √fan, gain computed for the nonlinearity  [He et al. 2015]'),
    lecun('lecunUniform', 'uniform', 'U(-b, b), b = √(3 / fan_in)  [LeCun et al. 1998]'),
    lecun('lecunNormal', 'normal', 'N(0, 1 / fan_in)  [LeCun et al. 1998]'),
    orthogonalDef({ gain: 'gain', params: { gain: num('scaling factor', 1) }, axis: unitAxis, summary: 'Haar-random orthogonal x gain; each output unit\'s weight vector orthonormal (rows for layout oi, last axis for io)  [Saxe et al. 2014]' }),
    identityDef({ gain: 'gain', params: { gain: num('scaling factor', 1) }, aliases: ['eye'] }),
    diracDef({ layout: tapLayout('oi') }),
    deltaOrthogonalDef({ gain: 'gain', params: { gain: num('scaling factor (√σ_w²)', 1) }, layout: tapLayout('oi') }),
    sparseDef({ sparsity: num('fraction of each column set to zero', undefined, 'probability') }),
    positiveUnitballDef,
    bilinearDef,
  ],
};

/**
 * JAX (`jax.nn.initializers`): explicit axes (`in_axis`, `out_axis`, `batch_axis`), no max(1, fan)
 * guard, `fan_geo_avg`, truncation in σ units with the 0.87962566103423978 correction inside
 * variance_scaling, an uncorrected `truncated_normal(stddev)`, a one-sided `uniform(scale)` on
 * [0, scale), and `orthogonal` / `delta_orthogonal` with `column_axis`.
 */
import { jaxFans, type Axes } from '../init/fans.js';
import { DISTRIBUTIONS, MODES, type Distribution, type Mode } from '../init/varianceScaling.js';
import type { Definition, Namespace } from '../catalog/definition.js';
import { axes, int, num, oneOf, otherwise, type Params } from '../catalog/params.js';
import { constants, scaled } from './common.js';
import { deltaOrthogonalDef, orthogonalDef } from './structured.js';

const axisParams = {
  inAxis: axes('input axis or axes', -2),
  outAxis: axes('output axis or axes', -1),
  batchAxis: axes('batch axis or axes, excluded from the fans', []),
};

const preset = (name: string, aliases: string[], scale: number, mode: Mode, distribution: Distribution, formula: string): Definition =>
  scaled({ name, aliases, summary: formula, params: axisParams, scale: () => scale, mode: () => mode, distribution: () => distribution });

const columnAxis = (p: Params) => p.columnAxis as number;

export const jax: Namespace = {
  framework: 'jax',
  title: 'JAX jax.nn.initializers',
  layoutAware: false,
  fans: (shape, p) => jaxFans(shape, (p.inAxis ?? -2) as Axes, (p.outAxis ?? -1) as Axes, (p.batchAxis ?? []) as Axes),
  definitions: [
    ...constants({ constant: { param: 'value' } }),
    { name: 'uniform', summary: 'U[0, scale) (one-sided)', params: { scale: num('upper bound', 0.01, 'positive') }, law: (c) => ({ kind: 'uniform', low: 0, high: c.params.scale as number }) },
    { name: 'normal', summary: 'N(0, stddev²)', params: { stddev: num('standard deviation', 0.01, 'nonNegative') }, law: (c) => ({ kind: 'normal', mean: 0, std: c.params.stddev as number }) },
    {
      name: 'truncatedNormal',
      summary: 'stddev · N(0,1) truncated to (lower, upper) in σ units, no variance correction',
      params: { stddev: num('standard deviation before truncation', 0.01, 'positive'), lower: num('lower bound in σ units', -2, 'bound'), upper: num('upper bound in σ units', 2, 'bound') },
      law: (c) => {
        const s = c.params.stddev as number;
        return { kind: 'truncatedNormal', mean: 0, std: s, low: (c.params.lower as number) * s, high: (c.params.upper as number) * s };
      },
    },
    scaled({
      name: 'varianceScaling',
      summary: 'Var = scale / n, n by mode (fan_in, fan_out, fan_avg, fan_geo_avg = √(in·out)); truncated_normal (corrected), normal (untruncated) or uniform',
      params: {
        scale: num('scaling factor', undefined, 'nonNegative'),
        mode: oneOf(MODES, undefined, 'which fan n is'),
        distribution: oneOf(DISTRIBUTIONS, undefined, 'the law'),
        ...axisParams,
      },
      scale: (p) => p.scale as number,
      mode: (p) => p.mode as Mode,
      distribution: (p) => p.distribution as Distribution,
    }),
    preset('glorotUniform', ['xavier_uniform'], 1, 'fan_avg', 'uniform', 'U(-l, l), l = √(6 / (fan_in + fan_out))'),
    preset('glorotNormal', ['xavier_normal'], 1, 'fan_avg', 'truncated_normal', 'TN at ±2σ, σ = √(2 / (fan_in + fan_out)) / 0.8796'),
    preset('heUniform', ['kaiming_uniform'], 2, 'fan_in', 'uniform', 'U(-l, l), l = √(6 / fan_in)'),
    preset('heNormal', ['kaiming_normal'], 2, 'fan_in', 'truncated_normal', 'TN at ±2σ, σ = √(2 / fan_in) / 0.8796'),
    preset('lecunUniform', [], 1, 'fan_in', 'uniform', 'U(-l, l), l = √(3 / fan_in)'),
    preset('lecunNormal', [], 1, 'fan_in', 'truncated_normal', 'TN at ±2σ, σ = √(1 / fan_in) / 0.8796'),
    orthogonalDef({
      gain: 'scale',
      params: { scale: num('multiplicative factor', 1), columnAxis: axes('the axis holding the columns', -1) },
      axis: (c) => columnAxis(c.params),
      summary: 'Haar-random orthogonal x scale; vectors indexed by column_axis orthonormal',
    }),
    deltaOrthogonalDef({
      gain: 'scale',
      params: {
        scale: num('multiplicative factor', 1),
        // JAX builds the in×out matrix with orthogonal(column_axis)(key, shape[-2:]); for in <= out
        // every valid axis gives a Haar-random matrix with orthonormal rows, so only its range matters.
        columnAxis: otherwise(
          int('the axis of the in×out centre matrix holding the columns: -2, -1, 0 or 1 (all give the same law)', -1, -2, 1),
          'JAX indexes the shape of the in×out matrix with it and raises IndexError',
        ),
      },
      layout: () => 'io',
    }),
  ],
};

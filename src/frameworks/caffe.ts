/**
 * Caffe fillers (`include/caffe/filler.hpp`): fan_in = count / shape[0], fan_out = count / shape[1],
 * `variance_norm` FAN_IN (default) / FAN_OUT / AVERAGE. `xavier` is U(±√(3/n)) (so its default is
 * LeCun-uniform; AVERAGE gives Glorot), `msra` is N(0, 2/n) untruncated.
 */
import { caffeFans } from '../init/fans.js';
import type { Mode } from '../init/varianceScaling.js';
import type { Definition, Namespace } from '../catalog/definition.js';
import { num, oneOf, otherwise } from '../catalog/params.js';
import { constantDef, scaled } from './common.js';
import { bilinearDef, caffeGaussianDef, positiveUnitballDef } from './structured.js';
import { fail } from '../errors.js';

const NORM: Record<string, Mode> = { FAN_IN: 'fan_in', FAN_OUT: 'fan_out', AVERAGE: 'fan_avg' };
/** A protobuf enum: the prototxt parser looks names up exactly (FindValueByName), so case matters. */
const varianceNorm = otherwise(
  oneOf(['FAN_IN', 'FAN_OUT', 'AVERAGE'], 'FAN_IN', 'which fan n is (upper case, as in a prototxt)'),
  'Caffe reads variance_norm as a protobuf enum, whose names are case-sensitive: a prototxt with any other spelling fails to parse',
);

const filler = (name: string, scale: number, distribution: 'uniform' | 'normal', summary: string): Definition =>
  scaled({ name, summary, params: { varianceNorm }, rank: [1, 32], scale: () => scale, mode: (p) => NORM[p.varianceNorm as string], distribution: () => distribution });

export const caffe: Namespace = {
  framework: 'caffe',
  title: 'Caffe fillers',
  layoutAware: false,
  fans: (shape) => caffeFans(shape),
  definitions: [
    constantDef('constant', (p) => p.value as number, [], { value: num('the fill value', 0) }),
    {
      name: 'uniform',
      summary: 'U[min, max] (Caffe includes max; a measure-zero difference from [min, max))',
      params: { min: num('lower bound', 0), max: num('upper bound', 1) },
      law: (c) => {
        const lo = c.params.min as number;
        const hi = c.params.max as number;
        if (lo > hi) fail('max', hi, `a number >= min=${lo}`);
        return lo === hi ? { kind: 'constant', value: lo } : { kind: 'uniform', low: lo, high: hi };
      },
    },
    caffeGaussianDef,
    positiveUnitballDef,
    filler('xavier', 1, 'uniform', 'U(-s, s), s = √(3 / n), n by variance_norm (FAN_IN: LeCun; AVERAGE: Glorot)'),
    filler('msra', 2, 'normal', 'N(0, 2 / n), n by variance_norm (He et al. 2015)'),
    bilinearDef,
  ],
};

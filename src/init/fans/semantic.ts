/**
 * Fans from what a layer is rather than how its weight is stored (reference §7.2): convolutions
 * described by channels, kernel, groups and stride, and batched (mixture-of-experts) weights.
 * Both build a shape and hand it to {@link computeFans}, the one home of the arithmetic.
 */
import { fail } from '../../errors.js';
import { checkShape } from '../../tensor.js';
import { boolean, integer } from '../../validate.js';
import type { Axes, Fans } from './axes.js';
import { computeFans } from './compute.js';
import type { Layout } from './layouts.js';

export interface ConvSpec {
  inChannels: number;
  /** Output channels; may be left out with `depthwiseMultiplier` (it is then in·multiplier). */
  outChannels?: number;
  /** Kernel size per spatial axis; `[]` is a dense layer. */
  kernel: readonly number[];
  /** Channel groups, dividing both channel counts (default 1). */
  groups?: number;
  /** A transposed convolution (deconvolution) mapping inChannels to outChannels. */
  transposed?: boolean;
  /** Depthwise convolution: groups = inChannels, outChannels = inChannels·depthwiseMultiplier. */
  depthwiseMultiplier?: number;
  /** Stride per kernel axis, or one for all; see {@link computeFans} for its effect. */
  stride?: number | readonly number[];
}

/**
 * True fans of a (grouped, depthwise, transposed, strided) convolution, whatever framework stores
 * it: fanIn = (in/groups)·r and fanOut = (out/groups)·r with r = ∏kernel, before stride.
 *
 * Example: `convFans({ inChannels: 32, depthwiseMultiplier: 1, kernel: [3, 3] })` is (9, 9);
 * `convFans({ inChannels: 16, outChannels: 32, kernel: [4, 4], transposed: true })` is (256, 512).
 */
export function convFans(spec: ConvSpec): Fans {
  const inChannels = integer('inChannels', spec.inChannels, 1);
  checkShape(spec.kernel, 'kernel');
  const multiplier = spec.depthwiseMultiplier === undefined ? undefined : integer('depthwiseMultiplier', spec.depthwiseMultiplier, 1);
  if (multiplier !== undefined) {
    if (spec.groups !== undefined && spec.groups !== inChannels) {
      fail('groups', spec.groups, `${inChannels} (inChannels) or nothing with depthwiseMultiplier`);
    }
    if (spec.outChannels !== undefined && spec.outChannels !== inChannels * multiplier) {
      fail('outChannels', spec.outChannels, `${inChannels * multiplier} (inChannels·depthwiseMultiplier) or nothing`);
    }
  }
  const outChannels = integer('outChannels', spec.outChannels ?? (multiplier === undefined ? undefined : inChannels * multiplier), 1);
  const groups = integer('groups', spec.groups ?? (multiplier === undefined ? 1 : inChannels), 1);
  if (inChannels % groups !== 0 || outChannels % groups !== 0) {
    fail('groups', groups, `a divisor of both inChannels=${inChannels} and outChannels=${outChannels}`);
  }
  const transposed = boolean('transposed', spec.transposed ?? false);
  const shape = transposed
    ? [inChannels, outChannels / groups, ...spec.kernel]
    : [outChannels, inChannels / groups, ...spec.kernel];
  return computeFans(shape, { layout: transposed ? 'oi-transposed' : 'oi', groups, stride: spec.stride });
}

/**
 * Fans of a stack of independent weights, such as mixture-of-experts `[E, in, out]`: the expert
 * axes (`batchAxes`, default 0) are left out and `layout` (default `'io'`, the `x @ w` storage of
 * JAX/Flax and most MoE code) reads the rest. JAX's `batch_axis`; PyTorch has no equivalent and
 * folds E into the fans.
 *
 * Example: `expertFans([8, 512, 2048])` is (512, 2048); PyTorch's rule on `[8, 2048, 512]` gives
 * (1048576, 4096).
 */
export function expertFans(shape: readonly number[], options: { layout?: Layout; batchAxes?: Axes } = {}): Fans {
  return computeFans(shape, { layout: options.layout ?? 'io', batchAxes: options.batchAxes ?? 0 });
}

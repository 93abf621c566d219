/**
 * `computeFans`: fans of a weight shape from a named layout or from explicit axes.
 * Fan vocabulary as in the reference (§0): fan_in = inputs feeding one output unit, fan_out =
 * outputs one input unit feeds, receptive = product of the kernel axes.
 */
import { fail, formatValue } from '../../errors.js';
import { checkShape } from '../../tensor.js';
import { choice, integer } from '../../validate.js';
import { type Axes, type Fans, axisFans, normalizeAxes } from './axes.js';
import { LAYOUTS, LAYOUT_RULES, type Layout, type LayoutRule } from './layouts.js';

export interface FanOptions {
  /** Where the channels sit (default `'oi'`, PyTorch's); see {@link Layout}. */
  layout?: Layout;
  /** Channel groups of a grouped convolution (default 1); they divide the fan of the full axis. */
  groups?: number;
  /** Convolution stride, one number for every kernel axis or one per kernel axis. */
  stride?: number | readonly number[];
  /** Explicit input axes; with `outAxes`, replaces the layout (as JAX's `in_axis`). */
  inAxes?: Axes;
  /** Explicit output axes; with `inAxes`, replaces the layout (as JAX's `out_axis`). */
  outAxes?: Axes;
  /** Axes of independent copies (experts, heads), left out of every fan (as JAX's `batch_axis`). */
  batchAxes?: Axes;
}

/**
 * Semantic fans of a weight of shape `shape`.
 *
 * With a layout, the non-batch axes are read as that layout says and the rest are the kernel:
 * `fanIn = in·r`, `fanOut = out·r` with `r` the product of the kernel axes and the full channel
 * axis divided by `groups` (see {@link Layout}). With `inAxes` and `outAxes` (negative allowed),
 * `fanIn = ∏shape[inAxes]·r`, `fanOut = ∏shape[outAxes]·r`, and `r` is the product of the axes in
 * no role. `batchAxes` are left out either way.
 *
 * `stride` thins out the side that lands on the strided grid. In a transposed convolution with
 * stride s each output position receives on average r/∏s of the kernel taps of each input channel
 * (the others land on neighbouring outputs), so fanIn is divided by ∏s, while every input still
 * feeds out·r outputs. Dually, in a strided convolution each input feeds on average out·r/∏s
 * outputs, so fanOut is divided. The divided fan is never taken below 1 (a kernel smaller than its
 * stride leaves gaps, not fractional taps).
 *
 * Example: `computeFans([32, 1, 3, 3], { groups: 32 })` is `{ fanIn: 9, fanOut: 9, receptive: 9 }`
 * (PyTorch reports (9, 288)); `computeFans([8, 512, 2048], { layout: 'io', batchAxes: 0 })` is
 * `{ fanIn: 512, fanOut: 2048, receptive: 1 }`.
 */
export function computeFans(shape: readonly number[], options: FanOptions = {}): Fans {
  checkShape(shape);
  const batch = normalizeAxes('batchAxes', options.batchAxes ?? [], shape.length);
  return options.inAxes !== undefined || options.outAxes !== undefined
    ? explicitFans(shape, batch, options)
    : layoutFans(shape, batch, options);
}

function explicitFans(shape: readonly number[], batch: number[], options: FanOptions): Fans {
  if (options.inAxes === undefined) fail('inAxes', undefined, 'input axes too when outAxes is given');
  if (options.outAxes === undefined) fail('outAxes', undefined, 'output axes too when inAxes is given');
  for (const name of ['layout', 'groups', 'stride'] as const) {
    if (options[name] !== undefined) {
      fail(name, options[name], 'nothing when inAxes/outAxes are given (explicit axes replace the layout, and only a layout says where groups and strides apply)');
    }
  }
  const ins = normalizeAxes('inAxes', options.inAxes, shape.length);
  const outs = normalizeAxes('outAxes', options.outAxes, shape.length);
  disjoint('inAxes', options.inAxes, ins, 'batchAxes', batch);
  disjoint('outAxes', options.outAxes, outs, 'batchAxes', batch);
  disjoint('outAxes', options.outAxes, outs, 'inAxes', ins);
  return axisFans(shape, ins, outs, batch);
}

function disjoint(name: string, given: Axes, axes: number[], otherName: string, other: number[]): void {
  const shared = axes.find((a) => other.includes(a));
  if (shared !== undefined) fail(name, given, `axes not already in ${otherName} (axis ${shared} is in both)`);
}

function layoutFans(shape: readonly number[], batch: number[], options: FanOptions): Fans {
  const layout = choice('layout', options.layout ?? 'oi', LAYOUTS);
  const rule = LAYOUT_RULES[layout];
  const free = shape.map((_, i) => i).filter((i) => !batch.includes(i));
  if (free.length < 2) {
    const why = batch.length > 0
      ? ` besides batchAxes=${formatValue(options.batchAxes)} to compute fans`
      : ' to compute fans (a bias has no fan; fill it with a constant or use the fans of its weight)';
    fail('shape', shape, `at least 2 dimensions${why}`);
  }
  const at = (p: number): number => free[p < 0 ? p + free.length : p];
  const inAxis = at(rule.in);
  const outAxis = at(rule.out);
  const fans = axisFans(shape, [inAxis], [outAxis], batch);
  const fullAxis = rule.full === 'in' ? inAxis : outAxis;
  fans[rule.full === 'in' ? 'fanIn' : 'fanOut'] /= checkGroups(options.groups, shape[fullAxis], fullAxis, layout, rule);
  if (options.stride !== undefined) {
    const kernelAxes = free.length - 2;
    fans[rule.strided] = Math.max(1, fans[rule.strided] / strideProduct(options.stride, kernelAxes));
  }
  return fans;
}

function checkGroups(groups: number | undefined, channels: number, axis: number, layout: Layout, rule: LayoutRule): number {
  if (rule.depthwise) {
    if (groups !== undefined && groups !== channels) {
      fail('groups', groups, `${channels} or nothing (${layout} has one group per input channel, shape[${axis}] = ${channels})`);
    }
    return channels;
  }
  const g = integer('groups', groups ?? 1, 1);
  if (channels % g !== 0) {
    fail('groups', groups, `a divisor of ${channels}, the ${rule.full}put channels at shape[${axis}] under layout "${layout}"`);
  }
  return g;
}

function strideProduct(stride: number | readonly number[], kernelAxes: number): number {
  const isStride = (s: unknown): boolean => typeof s === 'number' && Number.isInteger(s) && s >= 1;
  if (typeof stride === 'number' && isStride(stride)) return stride ** kernelAxes;
  if (Array.isArray(stride) && stride.length === kernelAxes && stride.every(isStride)) {
    return stride.reduce((p: number, s: number) => p * s, 1);
  }
  return fail('stride', stride, `a positive integer, or an array of ${kernelAxes} (one per kernel axis)`);
}

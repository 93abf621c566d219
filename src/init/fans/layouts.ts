/**
 * Named weight layouts: where the input and output channels of a kernel sit, and which side of
 * the layer groups and strides thin out. Facts from each framework's layer code (PyTorch
 * `torch/nn/modules/conv.py`, Keras `keras/src/layers/convolutional/*.py`, Caffe
 * `base_conv_layer.cpp`); the fans are semantic (fan_in = inputs feeding one output unit, fan_out
 * = outputs one input unit feeds), not each framework's axis heuristic.
 */
import { choice } from '../../validate.js';

/**
 * A kernel layout. `r` is the receptive field, the product of the kernel (spatial) axes.
 *
 * - `oi`: `[out, in/groups, ...kernel]`: PyTorch Linear/Conv, Caffe InnerProduct/Convolution,
 *   ONNX. fanIn = shape[1]·r, fanOut = (shape[0]/groups)·r. PyTorch ignores groups and reports
 *   shape[0]·r (pytorch/pytorch#23854: depthwise [32,1,3,3] gets (9, 288), not (9, 9)).
 * - `io`: `[...kernel, in/groups, out]`: Keras, TF, TF.js, JAX/Flax.
 *   fanIn = shape[-2]·r, fanOut = (shape[-1]/groups)·r.
 * - `oi-transposed`: `[in, out/groups, ...kernel]`: PyTorch ConvTranspose, Caffe Deconvolution.
 *   fanIn = (shape[0]/groups)·r, fanOut = shape[1]·r: at stride 1 a transposed convolution is a
 *   convolution with in and out swapped (PyTorch reads the axes the other way round,
 *   pytorch/pytorch#7865).
 * - `io-transposed`: `[...kernel, out/groups, in]`: Keras Conv*Transpose (`kernel_size + (filters,
 *   in)`). fanIn = (shape[-1]/groups)·r, fanOut = shape[-2]·r (Keras swaps them).
 * - `io-depthwise`: `[...kernel, in, multiplier]`: Keras DepthwiseConv, one group per input
 *   channel. fanIn = r, fanOut = multiplier·r (Keras counts fanIn as r·in).
 */
export type Layout = 'oi' | 'io' | 'oi-transposed' | 'io-transposed' | 'io-depthwise';

/** Every layout, in the order the CLI lists them. */
export const LAYOUTS: readonly Layout[] = ['oi', 'io', 'oi-transposed', 'io-transposed', 'io-depthwise'];

/**
 * How a layout reads a shape. Positions count among the non-batch axes, negative from the end.
 * `full` is the channel axis holding the whole channel count (the other holds a per-group count):
 * groups divide it and the fan read from it. `strided` is the fan a stride thins out: the side
 * that lands on the strided grid (fanOut for a convolution, fanIn for a transposed one).
 */
export interface LayoutRule {
  readonly pattern: string;
  readonly usedBy: string;
  readonly in: number;
  readonly out: number;
  readonly full: 'in' | 'out';
  readonly strided: 'fanIn' | 'fanOut';
  /** Depthwise: groups are fixed to the full channel count instead of defaulting to 1. */
  readonly depthwise: boolean;
}

export const LAYOUT_RULES: Readonly<Record<Layout, LayoutRule>> = {
  oi: {
    pattern: '[out, in/groups, ...kernel]',
    usedBy: 'PyTorch Linear/Conv, Caffe InnerProduct/Convolution, ONNX',
    in: 1, out: 0, full: 'out', strided: 'fanOut', depthwise: false,
  },
  io: {
    pattern: '[...kernel, in/groups, out]',
    usedBy: 'Keras, TensorFlow, TF.js, JAX/Flax',
    in: -2, out: -1, full: 'out', strided: 'fanOut', depthwise: false,
  },
  'oi-transposed': {
    pattern: '[in, out/groups, ...kernel]',
    usedBy: 'PyTorch ConvTranspose, Caffe Deconvolution',
    in: 0, out: 1, full: 'in', strided: 'fanIn', depthwise: false,
  },
  'io-transposed': {
    pattern: '[...kernel, out/groups, in]',
    usedBy: 'Keras Conv*Transpose',
    in: -1, out: -2, full: 'in', strided: 'fanIn', depthwise: false,
  },
  'io-depthwise': {
    pattern: '[...kernel, in, multiplier]',
    usedBy: 'Keras DepthwiseConv, groups = in',
    in: -2, out: -1, full: 'in', strided: 'fanOut', depthwise: true,
  },
};

/** One line per layout for `initlab fans` and `initlab list`: pattern, users, and the fan rule. */
export function describeLayout(layout: Layout): string {
  const rule = LAYOUT_RULES[choice('layout', layout, LAYOUTS)];
  const axis = (p: number): string => `shape[${p}]`;
  const fan = (side: 'in' | 'out'): string => {
    if (rule.depthwise && side === 'in') return 'r';
    const size = axis(side === 'in' ? rule.in : rule.out);
    return rule.full === side ? `(${size}/groups)·r` : `${size}·r`;
  };
  return `${layout}: ${rule.pattern} (${rule.usedBy}); fanIn = ${fan('in')}, fanOut = ${fan('out')}, r = product of the kernel axes`;
}

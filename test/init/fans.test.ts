import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import {
  type Fans,
  LAYOUTS,
  type Layout,
  caffeFans,
  computeFans,
  convFans,
  describeLayout,
  expertFans,
  jaxFans,
  kerasFans,
  tfjsFans,
  torchFans,
} from '../../src/init/fans.js';

const pair = (f: Fans): [number, number] => [f.fanIn, f.fanOut];

// Reference §8.1, one row per (case, rule). `null` means the rule raises.
const frameworkRows: { case: string; rule: string; fans: () => Fans; want: [number, number] | null }[] = [
  { case: 'Conv 3×3 32→64 [64,32,3,3]', rule: 'PyTorch', fans: () => torchFans([64, 32, 3, 3]), want: [288, 576] },
  { case: 'Conv 3×3 32→64 [64,32,3,3]', rule: 'Caffe', fans: () => caffeFans([64, 32, 3, 3]), want: [288, 576] },
  { case: 'Conv 3×3 32→64 [3,3,32,64]', rule: 'Keras', fans: () => kerasFans([3, 3, 32, 64]), want: [288, 576] },
  { case: 'Conv 3×3 32→64 [3,3,32,64]', rule: 'TF.js', fans: () => tfjsFans([3, 3, 32, 64]), want: [288, 576] },
  { case: 'Conv 3×3 32→64 [3,3,32,64]', rule: 'JAX', fans: () => jaxFans([3, 3, 32, 64]), want: [288, 576] },
  { case: 'PT layout via JAX in=1 out=0', rule: 'JAX', fans: () => jaxFans([64, 32, 3, 3], 1, 0), want: [288, 576] },
  { case: 'Linear 784→256 PT [256,784]', rule: 'PyTorch', fans: () => torchFans([256, 784]), want: [784, 256] },
  { case: 'Linear 784→256 PT [256,784]', rule: 'Caffe', fans: () => caffeFans([256, 784]), want: [784, 256] },
  { case: 'Linear 784→256 Keras [784,256]', rule: 'Keras', fans: () => kerasFans([784, 256]), want: [784, 256] },
  { case: 'Linear 784→256 Keras [784,256]', rule: 'TF.js', fans: () => tfjsFans([784, 256]), want: [784, 256] },
  { case: 'Linear 784→256 Keras [784,256]', rule: 'JAX', fans: () => jaxFans([784, 256]), want: [784, 256] },
  { case: 'Depthwise PT [32,1,3,3]', rule: 'PyTorch', fans: () => torchFans([32, 1, 3, 3]), want: [9, 288] },
  { case: 'Depthwise Keras [3,3,32,1]', rule: 'Keras', fans: () => kerasFans([3, 3, 32, 1]), want: [288, 9] },
  { case: 'ConvTranspose PT [16,32,4,4]', rule: 'PyTorch', fans: () => torchFans([16, 32, 4, 4]), want: [512, 256] },
  { case: 'ConvTranspose PT [16,32,4,4]', rule: 'Caffe Deconv', fans: () => caffeFans([16, 32, 4, 4]), want: [512, 256] },
  { case: 'ConvTranspose Keras [4,4,32,16]', rule: 'Keras', fans: () => kerasFans([4, 4, 32, 16]), want: [512, 256] },
  { case: 'Einsum (768,12,64) default', rule: 'Keras', fans: () => kerasFans([768, 12, 64]), want: [9216, 49152] },
  { case: 'Einsum (768,12,64) default', rule: 'JAX', fans: () => jaxFans([768, 12, 64]), want: [9216, 49152] },
  { case: 'Einsum (768,12,64) in=[0] out=[1,2]', rule: 'Keras', fans: () => kerasFans([768, 12, 64], [0], [1, 2]), want: [768, 768] },
  { case: 'Einsum (768,12,64) in=0 out=(1,2)', rule: 'JAX', fans: () => jaxFans([768, 12, 64], 0, [1, 2]), want: [768, 768] },
  { case: 'Keras unit test (512,8,64)', rule: 'Keras', fans: () => kerasFans([512, 8, 64], [0], [1, 2]), want: [512, 512] },
  { case: 'Experts (8,512,2048) batch_axis=0', rule: 'JAX', fans: () => jaxFans([8, 512, 2048], -2, -1, 0), want: [512, 2048] },
  { case: 'Experts [8,2048,512]', rule: 'PyTorch', fans: () => torchFans([8, 2048, 512]), want: [1_048_576, 4096] },
  { case: 'Bias [5]', rule: 'PyTorch', fans: () => torchFans([5]), want: null },
  { case: 'Bias [5]', rule: 'Keras', fans: () => kerasFans([5]), want: [5, 5] },
  { case: 'Bias [5]', rule: 'TF.js', fans: () => tfjsFans([5]), want: [Math.sqrt(5), Math.sqrt(5)] },
  { case: 'Bias [5]', rule: 'JAX', fans: () => jaxFans([5]), want: null },
  { case: 'Bias [5]', rule: 'Caffe', fans: () => caffeFans([5]), want: [1, 5] },
  { case: 'Scalar []', rule: 'Keras', fans: () => kerasFans([]), want: [1, 1] },
  { case: 'Scalar []', rule: 'TF.js', fans: () => tfjsFans([]), want: [1, 1] },
  { case: 'Scalar []', rule: 'PyTorch', fans: () => torchFans([]), want: null },
  { case: 'Scalar []', rule: 'JAX', fans: () => jaxFans([]), want: null },
  { case: 'Scalar []', rule: 'Caffe', fans: () => caffeFans([]), want: null },
];

describe('framework fan rules (reference §8.1)', () => {
  it.each(frameworkRows)('$case under $rule', ({ fans, want }) => {
    if (want === null) expect(fans).toThrow(ArgumentError);
    else expect(pair(fans())).toEqual(want);
  });

  it('TF.js falls back to √∏shape at rank 6 while Keras keeps [...kernel, in, out]', () => {
    expect(pair(tfjsFans([2, 2, 2, 2, 2, 2]))).toEqual([8, 8]);
    expect(pair(kerasFans([2, 2, 2, 2, 2, 2]))).toEqual([32, 32]);
  });

  it('JAX allows explicit axes on rank 1 and reproduces its arithmetic: (n,) with in=out=0 → (1, 1)', () => {
    expect(pair(jaxFans([7], 0, 0))).toEqual([1, 1]);
    expect(jaxFans([7], 0, 0).receptive).toBe(7 / 7 / 7);
    expect(pair(jaxFans([], [], []))).toEqual([1, 1]);
  });

  it('Keras ignores one axes list without the other, as compute_fans does', () => {
    expect(pair(kerasFans([768, 12, 64], [0]))).toEqual([9216, 49152]);
  });

  it('framework rules still reject malformed shapes and axes', () => {
    expect(() => torchFans([64, 0, 3, 3])).toThrow('shape=[64,0,3,3], expected positive integer sizes');
    expect(() => kerasFans([3, 4], [2], [0])).toThrow('inputAxes=[2], expected integers in [-2, 1]');
    expect(() => jaxFans([3, 4], 0, 1.5)).toThrow('outAxis=1.5, expected integers in [-2, 1]');
    expect(() => jaxFans([5])).toThrow('shape=[5], expected at least 2 dimensions with the default inAxis=-2');
    expect(() => torchFans([5])).toThrow('shape=[5], expected at least 2 dimensions (PyTorch');
    expect(() => caffeFans([])).toThrow('shape=[], expected at least 1 dimension');
  });
});

// Semantic layouts on the same kernels: the answer a user means, next to what frameworks report.
const layoutRows: { case: string; shape: number[]; options: Parameters<typeof computeFans>[1]; want: [number, number] }[] = [
  { case: 'Conv 3×3 32→64, PT storage', shape: [64, 32, 3, 3], options: {}, want: [288, 576] },
  { case: 'Conv 3×3 32→64, Keras storage', shape: [3, 3, 32, 64], options: { layout: 'io' }, want: [288, 576] },
  { case: 'Linear 784→256, PT storage', shape: [256, 784], options: { layout: 'oi' }, want: [784, 256] },
  { case: 'Linear 784→256, Keras storage', shape: [784, 256], options: { layout: 'io' }, want: [784, 256] },
  { case: 'Depthwise PT [32,1,3,3], groups 32', shape: [32, 1, 3, 3], options: { groups: 32 }, want: [9, 9] },
  { case: 'Depthwise Keras [3,3,32,1]', shape: [3, 3, 32, 1], options: { layout: 'io-depthwise' }, want: [9, 9] },
  { case: 'Depthwise Keras [3,3,32,2], multiplier 2', shape: [3, 3, 32, 2], options: { layout: 'io-depthwise', groups: 32 }, want: [9, 18] },
  { case: 'Grouped Keras [3,3,8,64], groups 4', shape: [3, 3, 8, 64], options: { layout: 'io', groups: 4 }, want: [72, 144] },
  { case: 'ConvTranspose PT [16,32,4,4]', shape: [16, 32, 4, 4], options: { layout: 'oi-transposed' }, want: [256, 512] },
  { case: 'ConvTranspose Keras [4,4,32,16]', shape: [4, 4, 32, 16], options: { layout: 'io-transposed' }, want: [256, 512] },
  { case: 'ConvTranspose PT grouped [16,8,4,4], groups 4', shape: [16, 8, 4, 4], options: { layout: 'oi-transposed', groups: 4 }, want: [64, 128] },
  { case: 'ConvTranspose PT stride 2', shape: [16, 32, 4, 4], options: { layout: 'oi-transposed', stride: 2 }, want: [64, 512] },
  { case: 'ConvTranspose Keras stride [2,1]', shape: [4, 4, 32, 16], options: { layout: 'io-transposed', stride: [2, 1] }, want: [128, 512] },
  { case: 'Conv PT stride 2', shape: [64, 32, 3, 3], options: { stride: 2 }, want: [288, 144] },
  { case: 'Kernel smaller than stride stays ≥ 1', shape: [1, 1, 1], options: { layout: 'oi-transposed', stride: 4 }, want: [1, 1] },
  { case: 'Stride on a dense weight changes nothing', shape: [256, 784], options: { stride: 3 }, want: [784, 256] },
  { case: 'Experts (8,512,2048) batchAxes 0, io', shape: [8, 512, 2048], options: { layout: 'io', batchAxes: 0 }, want: [512, 2048] },
  { case: 'Experts [8,2048,512] batchAxes 0, oi', shape: [8, 2048, 512], options: { batchAxes: [0] }, want: [512, 2048] },
  { case: 'Einsum (768,12,64) in [0] out [1,2]', shape: [768, 12, 64], options: { inAxes: [0], outAxes: [1, 2] }, want: [768, 768] },
  { case: 'Einsum with negative axes', shape: [768, 12, 64], options: { inAxes: -3, outAxes: [-2, -1] }, want: [768, 768] },
  { case: 'Explicit axes keep the receptive field', shape: [64, 32, 3, 3], options: { inAxes: 1, outAxes: 0 }, want: [288, 576] },
  { case: 'Explicit axes with batch', shape: [4, 3, 3, 16, 32], options: { inAxes: 3, outAxes: 4, batchAxes: 0 }, want: [144, 288] },
  { case: 'Empty in axes', shape: [5], options: { inAxes: [], outAxes: [0] }, want: [1, 5] },
];

describe('computeFans', () => {
  it.each(layoutRows)('$case', ({ shape, options, want }) => {
    expect(pair(computeFans(shape, options))).toEqual(want);
  });

  it('reports the receptive field', () => {
    expect(computeFans([64, 32, 3, 3])).toEqual({ fanIn: 288, fanOut: 576, receptive: 9 });
    expect(computeFans([8, 512, 2048], { layout: 'io', batchAxes: 0 })).toEqual({ fanIn: 512, fanOut: 2048, receptive: 1 });
  });

  const errors: { case: string; call: () => unknown; message: string }[] = [
    { case: 'rank 1 under a layout', call: () => computeFans([5]), message: 'shape=[5], expected at least 2 dimensions to compute fans (a bias has no fan;' },
    { case: 'rank 0 under a layout', call: () => computeFans([], { layout: 'io' }), message: 'shape=[], expected at least 2 dimensions to compute fans' },
    { case: 'rank 2 with a batch axis', call: () => computeFans([8, 5], { batchAxes: 0 }), message: 'shape=[8,5], expected at least 2 dimensions besides batchAxes=0' },
    { case: 'zero dimension', call: () => computeFans([64, 0, 3, 3]), message: 'shape=[64,0,3,3], expected positive integer sizes (dimension 1 is 0)' },
    { case: 'not a shape', call: () => computeFans('3x3' as never), message: 'shape="3x3", expected an array of positive integers' },
    { case: 'unknown layout', call: () => computeFans([3, 3], { layout: 'oihw' as Layout }), message: 'layout="oihw", expected one of "oi", "io"' },
    { case: 'groups not dividing', call: () => computeFans([64, 32, 3, 3], { groups: 3 }), message: 'groups=3, expected a divisor of 64, the output channels at shape[0] under layout "oi"' },
    { case: 'groups not dividing (transposed)', call: () => computeFans([16, 32, 4, 4], { layout: 'oi-transposed', groups: 5 }), message: 'groups=5, expected a divisor of 16, the input channels at shape[0]' },
    { case: 'groups zero', call: () => computeFans([64, 32, 3, 3], { groups: 0 }), message: 'groups=0, expected an integer >= 1' },
    { case: 'groups fractional', call: () => computeFans([64, 32, 3, 3], { groups: 2.5 }), message: 'groups=2.5, expected an integer >= 1' },
    { case: 'depthwise groups mismatch', call: () => computeFans([3, 3, 32, 1], { layout: 'io-depthwise', groups: 4 }), message: 'groups=4, expected 32 or nothing' },
    { case: 'stride zero', call: () => computeFans([16, 32, 4, 4], { layout: 'oi-transposed', stride: 0 }), message: 'stride=0, expected a positive integer, or an array of 2' },
    { case: 'stride of wrong length', call: () => computeFans([16, 32, 4, 4], { stride: [2, 2, 2] }), message: 'stride=[2,2,2], expected a positive integer, or an array of 2' },
    { case: 'axis out of range', call: () => computeFans([3, 4], { inAxes: 2, outAxes: 0 }), message: 'inAxes=2, expected integers in [-2, 1] for a rank-2 shape' },
    { case: 'axis not an integer', call: () => computeFans([3, 4], { inAxes: [0.5], outAxes: 1 }), message: 'inAxes=[0.5], expected integers in [-2, 1]' },
    { case: 'axes not an array', call: () => computeFans([3, 4], { inAxes: '0' as never, outAxes: 1 }), message: 'inAxes="0", expected an axis or an array of axes' },
    { case: 'axis repeated in one role', call: () => computeFans([3, 4, 5], { inAxes: [0, -3], outAxes: 1 }), message: 'inAxes=[0,-3], expected distinct axes (axis 0 appears twice)' },
    { case: 'axis in and out', call: () => computeFans([3, 4, 5], { inAxes: [0, 1], outAxes: [1, 2] }), message: 'outAxes=[1,2], expected axes not already in inAxes (axis 1 is in both)' },
    { case: 'axis in and batch', call: () => computeFans([3, 4, 5], { inAxes: 0, outAxes: 1, batchAxes: [-3] }), message: 'inAxes=0, expected axes not already in batchAxes (axis 0 is in both)' },
    { case: 'batch axis out of range', call: () => computeFans([3, 4, 5], { batchAxes: 3 }), message: 'batchAxes=3, expected integers in [-3, 2]' },
    { case: 'inAxes without outAxes', call: () => computeFans([3, 4], { inAxes: 0 }), message: 'outAxes=undefined, expected output axes too when inAxes is given' },
    { case: 'outAxes without inAxes', call: () => computeFans([3, 4], { outAxes: 0 }), message: 'inAxes=undefined, expected input axes too when outAxes is given' },
    { case: 'layout with explicit axes', call: () => computeFans([3, 4], { layout: 'io', inAxes: 0, outAxes: 1 }), message: 'layout="io", expected nothing when inAxes/outAxes are given' },
    { case: 'groups with explicit axes', call: () => computeFans([3, 4], { groups: 1, inAxes: 0, outAxes: 1 }), message: 'groups=1, expected nothing when inAxes/outAxes are given' },
    { case: 'stride with explicit axes', call: () => computeFans([3, 4, 3], { stride: 2, inAxes: 0, outAxes: 1 }), message: 'stride=2, expected nothing when inAxes/outAxes are given' },
  ];
  it.each(errors)('rejects $case', ({ call, message }) => {
    expect(call).toThrow(ArgumentError);
    expect(call).toThrow(message);
  });
});

describe('convFans and expertFans', () => {
  it.each([
    { case: 'Conv 3×3 32→64', spec: { inChannels: 32, outChannels: 64, kernel: [3, 3] }, want: [288, 576] },
    { case: 'Linear as a kernel-less conv', spec: { inChannels: 784, outChannels: 256, kernel: [] }, want: [784, 256] },
    { case: 'Depthwise by multiplier', spec: { inChannels: 32, depthwiseMultiplier: 1, kernel: [3, 3] }, want: [9, 9] },
    { case: 'Depthwise by groups', spec: { inChannels: 32, outChannels: 32, groups: 32, kernel: [3, 3] }, want: [9, 9] },
    { case: 'Depthwise multiplier 2, outChannels matching', spec: { inChannels: 32, outChannels: 64, depthwiseMultiplier: 2, kernel: [3, 3] }, want: [9, 18] },
    { case: 'Grouped 8→64, 4 groups', spec: { inChannels: 8, outChannels: 64, groups: 4, kernel: [3, 3] }, want: [18, 144] },
    { case: 'ConvTranspose 16→32, k=4', spec: { inChannels: 16, outChannels: 32, kernel: [4, 4], transposed: true }, want: [256, 512] },
    { case: 'ConvTranspose 16→32, k=4, stride 2', spec: { inChannels: 16, outChannels: 32, kernel: [4, 4], transposed: true, stride: 2 }, want: [64, 512] },
    { case: 'Conv 3×3 32→64, stride 2', spec: { inChannels: 32, outChannels: 64, kernel: [3, 3], stride: [2, 2] }, want: [288, 144] },
  ])('$case', ({ spec, want }) => {
    expect(pair(convFans(spec))).toEqual(want);
  });

  it('agrees with the layouts it stands for', () => {
    expect(convFans({ inChannels: 16, outChannels: 32, kernel: [4, 4], transposed: true })).toEqual(
      computeFans([4, 4, 32, 16], { layout: 'io-transposed' }),
    );
    expect(convFans({ inChannels: 32, depthwiseMultiplier: 3, kernel: [5] })).toEqual(computeFans([5, 32, 3], { layout: 'io-depthwise' }));
  });

  it.each([
    { case: 'groups not dividing inChannels', spec: { inChannels: 6, outChannels: 8, groups: 4, kernel: [3] }, message: 'groups=4, expected a divisor of both inChannels=6 and outChannels=8' },
    { case: 'missing outChannels', spec: { inChannels: 6, kernel: [3] }, message: 'outChannels=undefined, expected an integer >= 1' },
    { case: 'zero inChannels', spec: { inChannels: 0, outChannels: 8, kernel: [3] }, message: 'inChannels=0, expected an integer >= 1' },
    { case: 'zero kernel size', spec: { inChannels: 4, outChannels: 8, kernel: [3, 0] }, message: 'kernel=[3,0], expected positive integer sizes' },
    { case: 'depthwise with other groups', spec: { inChannels: 4, depthwiseMultiplier: 1, groups: 2, kernel: [3] }, message: 'groups=2, expected 4 (inChannels) or nothing' },
    { case: 'depthwise with other outChannels', spec: { inChannels: 4, outChannels: 6, depthwiseMultiplier: 2, kernel: [3] }, message: 'outChannels=6, expected 8 (inChannels·depthwiseMultiplier)' },
    { case: 'bad multiplier', spec: { inChannels: 4, depthwiseMultiplier: 0, kernel: [3] }, message: 'depthwiseMultiplier=0, expected an integer >= 1' },
    { case: 'transposed not boolean', spec: { inChannels: 4, outChannels: 4, kernel: [3], transposed: 1 as never }, message: 'transposed=1, expected true or false' },
  ])('convFans rejects $case', ({ spec, message }) => {
    expect(() => convFans(spec)).toThrow(message);
  });

  it('expertFans leaves the expert axis out', () => {
    expect(pair(expertFans([8, 512, 2048]))).toEqual([512, 2048]);
    expect(pair(expertFans([8, 2048, 512], { layout: 'oi' }))).toEqual([512, 2048]);
    expect(pair(expertFans([512, 2048, 8], { batchAxes: -1 }))).toEqual([512, 2048]);
    expect(() => expertFans([8, 512])).toThrow('shape=[8,512], expected at least 2 dimensions besides batchAxes=0');
  });
});

describe('layout descriptions', () => {
  it('lists every layout once and describes each rule', () => {
    expect(new Set(LAYOUTS).size).toBe(5);
    expect(describeLayout('oi')).toBe(
      'oi: [out, in/groups, ...kernel] (PyTorch Linear/Conv, Caffe InnerProduct/Convolution, ONNX); fanIn = shape[1]·r, fanOut = (shape[0]/groups)·r, r = product of the kernel axes',
    );
    expect(describeLayout('io-depthwise')).toContain('fanIn = r, fanOut = shape[-1]·r');
    expect(describeLayout('oi-transposed')).toContain('fanIn = (shape[0]/groups)·r, fanOut = shape[1]·r');
    expect(() => describeLayout('io-transpose' as Layout)).toThrow('(did you mean "io-transposed"');
  });
});

// Per-group input and output channel counts under each layout, written out independently of the
// implementation: the property below checks fanIn·fanOut / receptive² against them.
const channelSizes: Record<Layout, (s: number[]) => [number, number]> = {
  oi: (s) => [s[1], s[0]],
  io: (s) => [s.at(-2)!, s.at(-1)!],
  'oi-transposed': (s) => [s[0], s[1]],
  'io-transposed': (s) => [s.at(-1)!, s.at(-2)!],
  'io-depthwise': (s) => [1, s.at(-1)!],
};

const shapeArb = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 5 });

describe('properties', () => {
  it('fanIn·fanOut / receptive² is the product of the in and out sizes, and receptive is the kernel product', () => {
    fc.assert(
      fc.property(shapeArb, fc.constantFrom(...LAYOUTS), (shape, layout) => {
        const f = computeFans(shape, { layout });
        const [inSize, outSize] = channelSizes[layout](shape);
        const kernel = shape.reduce((p, d) => p * d, 1) / (shape[0] * shape[1]);
        expect(f.receptive).toBe(layout.startsWith('io') ? shape.slice(0, -2).reduce((p, d) => p * d, 1) : kernel);
        expect((f.fanIn * f.fanOut) / f.receptive ** 2).toBe(inSize * outSize);
      }),
    );
  });

  it('explicit axes: fanIn·fanOut / receptive² = ∏in·∏out and receptive = ∏ of the axes in no role', () => {
    const roleArb = shapeArb.chain((shape) =>
      fc.tuple(fc.constant(shape), fc.array(fc.constantFrom('in', 'out', 'batch', 'kernel'), { minLength: shape.length, maxLength: shape.length })),
    );
    fc.assert(
      fc.property(roleArb, ([shape, roles]) => {
        const axes = (role: string): number[] => roles.flatMap((r, i) => (r === role ? [i] : []));
        const prod = (role: string): number => axes(role).reduce((p, a) => p * shape[a], 1);
        const f = computeFans(shape, { inAxes: axes('in'), outAxes: axes('out'), batchAxes: axes('batch') });
        expect(f.receptive).toBe(prod('kernel'));
        expect(f.fanIn).toBe(prod('in') * prod('kernel'));
        expect(f.fanOut).toBe(prod('out') * prod('kernel'));
      }),
    );
  });

  it('permutation invariance: moving the kernel axes turns oi into io and oi-transposed into io-transposed', () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 1, max: 4 }), ([a, b, ...kernel], groups) => {
        const g = a % groups === 0 ? groups : 1;
        expect(computeFans([...kernel, b, a], { layout: 'io', groups: g })).toEqual(computeFans([a, b, ...kernel], { layout: 'oi', groups: g }));
        expect(computeFans([...kernel, b, a], { layout: 'io-transposed', groups: g })).toEqual(
          computeFans([a, b, ...kernel], { layout: 'oi-transposed', groups: g }),
        );
      }),
    );
  });

  it('permutation invariance: any reordering of axes with the roles carried along gives the same fans', () => {
    fc.assert(
      fc.property(
        shapeArb.chain((shape) => fc.tuple(fc.constant(shape), fc.shuffledSubarray(shape.map((_, i) => i), { minLength: shape.length }))),
        ([shape, perm]) => {
          const permuted = perm.map((i) => shape[i]);
          const where = (axis: number): number => perm.indexOf(axis);
          expect(computeFans(permuted, { inAxes: where(1), outAxes: where(0) })).toEqual(computeFans(shape, { layout: 'oi' }));
        },
      ),
    );
  });

  it('the transposed layout is the forward one with in and out swapped (stride 1)', () => {
    fc.assert(
      fc.property(shapeArb, ([a, b, ...kernel]) => {
        const t = computeFans([a, b, ...kernel], { layout: 'oi-transposed' });
        const f = computeFans([b, a, ...kernel], { layout: 'oi' });
        expect([t.fanIn, t.fanOut]).toEqual([f.fanIn, f.fanOut]);
      }),
    );
  });

  it('framework rules agree with the semantic layouts wherever the framework reads the axes right', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        const oi = computeFans(shape, { layout: 'oi' });
        const io = computeFans(shape, { layout: 'io' });
        expect(torchFans(shape)).toEqual(oi);
        expect(caffeFans(shape)).toEqual(oi);
        expect(jaxFans(shape)).toEqual(io);
        expect(kerasFans(shape)).toEqual(io);
        if (shape.length <= 5) expect(tfjsFans(shape)).toEqual(io);
      }),
    );
  });
});

/**
 * torchvision's `resnet50` (He et al. 2016, "Deep Residual Learning for Image Recognition", with
 * the stride on the 3×3 convolution, "ResNet v1.5") as its state dict: conv1, bn1, layer1..layer4
 * of Bottleneck blocks (conv1 1×1, conv2 3×3, conv3 1×1 with 4× the width, each followed by batch
 * norm; block 0 of each stage has `downsample.0` conv 1×1 and `downsample.1` batch norm), fc.
 *
 * Initialization as torchvision's `ResNet.__init__`: every convolution kaiming_normal_(mode=fan_out,
 * nonlinearity=relu), i.e. N(0, 2/(out·k·k)); batch norm weight 1, bias 0 and its buffers
 * running_mean 0, running_var 1, num_batches_tracked 0 (int64); fc keeps nn.Linear's default,
 * U(±1/√fan_in) for weight and bias; `zero_init_residual=true` zeroes every bn3.weight (Goyal et al.
 * 2017, "Accurate, Large Minibatch SGD", §5.1).
 */
import { fail } from '../errors.js';
import { count, ONES, ZEROS, type Architecture, type Config, type TensorDef } from './architecture.js';

const KAIMING = 'torch:kaiming_normal(mode=fan_out,nonlinearity=relu)';

function conv(name: string, out: number, inC: number, k: number): TensorDef {
  return { name: `${name}.weight`, shape: [out, inC, k, k], spec: KAIMING };
}

function batchNorm(prefix: string, size: number, weight = ONES): TensorDef[] {
  return [
    { name: `${prefix}.weight`, shape: [size], spec: weight },
    { name: `${prefix}.bias`, shape: [size], spec: ZEROS },
    { name: `${prefix}.running_mean`, shape: [size], spec: ZEROS },
    { name: `${prefix}.running_var`, shape: [size], spec: ONES },
    { name: `${prefix}.num_batches_tracked`, shape: [], spec: ZEROS, dtype: 'int64' },
  ];
}

/** `3,4,6,3`: blocks per stage. */
function stages(c: Config): number[] {
  const text = String(c.layers);
  const blocks = text.split(',').map((p) => (/^\d+$/.test(p.trim()) && Number(p) >= 1 ? Number(p) : NaN));
  if (blocks.length !== 4 || blocks.some(Number.isNaN)) fail('--set layers', text, 'four positive block counts separated by commas, e.g. 3,4,6,3');
  return blocks;
}

export const RESNET50: Architecture = {
  name: 'resnet50',
  reference: 'torchvision resnet50',
  defaults: { num_classes: 1000, zero_init_residual: false, width_per_group: 64, layers: '3,4,6,3' },
  tensors(c) {
    const classes = count(c, 'num_classes');
    const baseWidth = count(c, 'width_per_group');
    const bn3 = c.zero_init_residual === true ? ZEROS : ONES;
    const out: TensorDef[] = [conv('conv1', 64, 3, 7), ...batchNorm('bn1', 64)];
    let inplanes = 64;
    stages(c).forEach((blocks, s) => {
      const planes = 64 * 2 ** s;
      const width = Math.floor(planes * (baseWidth / 64));
      for (let b = 0; b < blocks; b++) {
        const p = `layer${s + 1}.${b}`;
        out.push(
          conv(`${p}.conv1`, width, inplanes, 1),
          ...batchNorm(`${p}.bn1`, width),
          conv(`${p}.conv2`, width, width, 3),
          ...batchNorm(`${p}.bn2`, width),
          conv(`${p}.conv3`, planes * 4, width, 1),
          ...batchNorm(`${p}.bn3`, planes * 4, bn3),
        );
        // Block 0 changes the stride (stages 2-4) or the width (stage 1, 64 -> 256).
        if (b === 0) out.push(conv(`${p}.downsample.0`, planes * 4, inplanes, 1), ...batchNorm(`${p}.downsample.1`, planes * 4));
        inplanes = planes * 4;
      }
    });
    out.push(
      { name: 'fc.weight', shape: [classes, inplanes], spec: 'torch:default_weight' },
      { name: 'fc.bias', shape: [classes], spec: `torch:default_bias(fan_in=${inplanes})` },
    );
    return out;
  },
};

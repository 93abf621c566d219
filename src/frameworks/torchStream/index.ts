/**
 * `torch:` initializers drawn from PyTorch's own CPU stream: each function below is the
 * `torch.nn.init` function (torch/nn/init.py) of the same name, computing its bound or standard
 * deviation with PyTorch's formula in float64 and then calling the `uniform_`/`normal_` kernel
 * PyTorch's CPU backend runs, on a {@link TorchGenerator} that carries the state from call to call.
 *
 *   const g = torchGenerator(0);                     // torch.manual_seed(0)
 *   const w = torchInit('torch:kaiming_uniform(a=sqrt(5))', [128, 784], g);
 *   const b = torchInit('torch:linear_bias(fan_in=784)', [128], g);
 *
 * gives the tensors `torch.nn.init.kaiming_uniform_(torch.empty(128, 784), a=math.sqrt(5))`
 * followed by `nn.init.uniform_(torch.empty(128), -1/28, 1/28)` give: the uniform family
 * (uniform, kaiming_uniform, xavier_uniform and the layer defaults) bit for bit; the normal family
 * through the same Box-Muller kernels, whose log/sin/cos may round differently from the libm or
 * SIMD code PyTorch was built with (see ../../random/torch/kernels.ts).
 */
import { fail } from '../../errors.js';
import { torchFans } from '../../init/fans.js';
import { torchGain } from '../../init/gain.js';
import { initializer, type Plan } from '../../init/initializer.js';
import { haarOrthogonal } from '../../linalg/qr.js';
import { erf, erfinv } from '../../math/special.js';
import { erfinvF32 } from '../../random/torch/erfinvF32.js';
import { keyFromSeed } from '../../random/key.js';
import type { TorchGenerator } from '../../random/torch/generator.js';
import { torchNormal, torchUniform, type TorchArray, type TorchKernelOptions } from '../../random/torch/kernels.js';
import type { InitSpec } from '../../catalog/spec.js';
import type { DType, Tensor } from '../../tensor.js';

export interface TorchInitOptions extends TorchKernelOptions {
  /** float32 (torch's default dtype) or float64. */
  readonly dtype?: DType;
}

type Draw = (out: TorchArray, plan: Plan, g: TorchGenerator, o: TorchKernelOptions) => void;

const num = (plan: Plan, name: string): number => plan.spec[name] as number;

/** kaiming_*: gain = calculate_gain(nonlinearity, a), std = gain / √fan. */
function kaimingStd(plan: Plan): number {
  const { fanIn, fanOut } = torchFans(plan.shape);
  const fan = plan.spec.mode === 'fan_out' ? fanOut : fanIn;
  return torchGain(plan.spec.nonlinearity as string, num(plan, 'a')) / Math.sqrt(fan);
}

/** xavier_*: std = gain·√(2 / (fan_in + fan_out)). */
function xavierStd(plan: Plan): number {
  const { fanIn, fanOut } = torchFans(plan.shape);
  return num(plan, 'gain') * Math.sqrt(2 / (fanIn + fanOut));
}

/** nn.Linear/Conv/RNN/Bilinear defaults: uniform_(-bound, bound), bound = 1/√n, 0 when n = 0. */
const inverseSqrt = (param: string): Draw => (out, plan, g, o) => {
  const n = num(plan, param);
  const bound = n > 0 ? 1 / Math.sqrt(n) : 0;
  torchUniform(g, out, -bound, bound, o);
};

/** The normal CDF as trunc_normal_ writes it: (1 + erf(x/√2)) / 2. */
const normCdf = (x: number): number => (1 + erf(x / Math.SQRT2)) / 2;

/**
 * trunc_normal_ (`_no_grad_trunc_normal_`): uniform_(2l - 1, 2u - 1) with l, u the normal CDF at
 * the standardized bounds, then erfinv_, mul_(std·√2), add_(mean), clamp_(a, b), each in the
 * tensor's dtype. float32's erfinv is PyTorch's own algorithm; float64 uses initlab's erfinv
 * (full double accuracy, where PyTorch's double calc_erfinv may differ by an ulp or two).
 */
const truncNormal: Draw = (out, plan, g, o) => {
  const [mean, std, a, b] = ['mean', 'std', 'a', 'b'].map((k) => num(plan, k));
  const l = normCdf((a - mean) / std);
  const u = normCdf((b - mean) / std);
  torchUniform(g, out, 2 * l - 1, 2 * u - 1, o);
  const single = out instanceof Float32Array;
  const round = single ? Math.fround : (x: number) => x;
  const inverse = single ? erfinvF32 : erfinv;
  const scale = round(std * Math.sqrt(2));
  const [m, lo, hi] = [round(mean), round(a), round(b)];
  for (let i = 0; i < out.length; i++) {
    const x = round(round(inverse(out[i]) * scale) + m);
    out[i] = Math.min(Math.max(x, lo), hi);
  }
};

/**
 * orthogonal_: normal_(0, 1) on a rows×(numel/rows) matrix, QR (of the transpose when rows < cols),
 * Q's columns multiplied by sign(diag R), times gain. The draw is PyTorch's; Q comes from initlab's
 * Householder QR in float64, so it matches PyTorch's LAPACK Q to within float32 rounding amplified
 * by the matrix's conditioning, not bit for bit.
 */
const orthogonal: Draw = (out, plan, g, o) => {
  const rows = plan.shape[0];
  const cols = out.length / rows;
  torchNormal(g, out, 0, 1, o);
  const q = haarOrthogonal(Float64Array.from(out), rows, cols);
  const round = out instanceof Float32Array ? Math.fround : (x: number) => x;
  const gain = round(num(plan, 'gain'));
  for (let i = 0; i < out.length; i++) out[i] = round(round(q[i]) * gain);
};

const DRAWS: Record<string, Draw> = {
  'torch:uniform': (out, plan, g, o) => torchUniform(g, out, num(plan, 'a'), num(plan, 'b'), o),
  'torch:normal': (out, plan, g, o) => torchNormal(g, out, num(plan, 'mean'), num(plan, 'std'), o),
  'torch:truncNormal': truncNormal,
  'torch:xavierUniform': (out, plan, g, o) => {
    const bound = Math.sqrt(3) * xavierStd(plan);
    torchUniform(g, out, -bound, bound, o);
  },
  'torch:xavierNormal': (out, plan, g, o) => torchNormal(g, out, 0, xavierStd(plan), o),
  'torch:kaimingUniform': (out, plan, g, o) => {
    const bound = Math.sqrt(3) * kaimingStd(plan);
    torchUniform(g, out, -bound, bound, o);
  },
  'torch:kaimingNormal': (out, plan, g, o) => torchNormal(g, out, 0, kaimingStd(plan), o),
  'torch:orthogonal': orthogonal,
  // kaiming_uniform_(a=√5) on the weight: bound = √3·√(2/(1+5))/√fan_in, computed as PyTorch does.
  'torch:defaultWeight': (out, plan, g, o) => {
    const bound = Math.sqrt(3) * (torchGain('leaky_relu', Math.sqrt(5)) / Math.sqrt(torchFans(plan.shape).fanIn));
    torchUniform(g, out, -bound, bound, o);
  },
  'torch:defaultBias': inverseSqrt('fanIn'),
  'torch:convBias': inverseSqrt('fanIn'),
  'torch:rnnDefault': inverseSqrt('hiddenSize'),
  'torch:bilinearDefault': inverseSqrt('in1Features'),
};

/** Initializers that draw nothing: the generator is left as it is, as PyTorch leaves it. */
const DETERMINISTIC = new Set(['torch:zeros', 'torch:ones', 'torch:constant', 'torch:identity', 'torch:dirac']);

/** Every `torch:` initializer {@link torchInit} reproduces. */
export const TORCH_STREAM_INITIALIZERS: readonly string[] = [...Object.keys(DRAWS), ...DETERMINISTIC].map((n) => n.slice('torch:'.length)).sort();

/**
 * Draws `spec` (a `torch:` initializer) on `shape` from `generator`, advancing it as the same
 * torch.nn.init call advances PyTorch's CPU generator. A spec from another namespace, or one that
 * draws through torch.randperm (sparse), is an error, never a silently different tensor.
 */
export function torchInit(spec: InitSpec | string, shape: readonly number[], generator: TorchGenerator, options: TorchInitOptions = {}): Tensor {
  const init = initializer(spec);
  if (init.framework !== 'torch') {
    fail('spec', typeof spec === 'string' ? spec : init.name, `a torch: initializer (PyTorch's stream reproduces torch.nn.init only), e.g. "torch:kaiming_uniform(a=sqrt(5))"`);
  }
  const { kernel, dtype = 'float32' } = options;
  const plan = init.plan(shape, { dtype });
  const n = plan.shape.reduce((a, b) => a * b, 1);
  const out: TorchArray = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  if (n === 0) return { shape: [...plan.shape], dtype, data: out };
  if (DETERMINISTIC.has(plan.name)) return init(keyFromSeed(0), shape, { dtype });
  const draw = DRAWS[plan.name];
  if (draw === undefined) {
    fail('spec', plan.name, `one of ${TORCH_STREAM_INITIALIZERS.join(', ')} with PyTorch's stream (sparse_ draws rows through torch.randperm, which is not reproduced)`);
  }
  draw(out, plan, generator, { kernel });
  return { shape: [...plan.shape], dtype, data: out };
}

/**
 * Gains: the factor an initializer multiplies its standard deviation by to make up for what the
 * activation does to the signal's scale. Two definitions live here:
 *
 * - `torchGain`: PyTorch's `torch.nn.init.calculate_gain` table, value for value;
 * - `gain`: a gain computed for any activation from one criterion (below), which agrees with
 *   PyTorch for linear, ReLU and leaky ReLU and differs where PyTorch's values are conventions
 *   (tanh 5/3, sigmoid 1, SELU 3/4).
 */
import { ACTIVATION_NAMES, activation as lookup, type Activation } from '../activations/index.js';
import { ArgumentError, fail } from '../errors.js';
import { expectNormalAdaptive } from '../math/normalExpectation.js';
import { choice, finite } from '../validate.js';

const TORCH_NAMES = [
  'linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d',
  'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu',
] as const;

function torchName(nonlinearity: string): (typeof TORCH_NAMES)[number] {
  try {
    return choice('nonlinearity', nonlinearity, TORCH_NAMES);
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    const hint = 'PyTorch has no gain for other activations, gain() computes one for any';
    return fail(e.argument, e.value, `${e.expected}; ${hint}`);
  }
}

/** PyTorch's leaky_relu slope: 0.01 when absent; a number, but not a boolean. */
function torchSlope(param: number | boolean | null | undefined): number {
  if (param === undefined || param === null) return 0.01;
  if (typeof param === 'boolean') fail('param', param, 'a number (the negative slope), not a boolean');
  return finite('param', param);
}

/**
 * PyTorch's `calculate_gain(nonlinearity, param)` (torch/nn/init.py):
 * linear, conv*, conv_transpose*, sigmoid: 1; tanh: 5/3; relu: √2; selu: 3/4;
 * leaky_relu: √(2 / (1 + slope²)) with slope = param, 0.01 when param is null or undefined.
 * As in PyTorch, `param` is ignored by every other nonlinearity (kaiming passes its `a` to all).
 *
 * @example
 * torchGain('leaky_relu', 0.2); // 1.3867504905630728
 */
export function torchGain(nonlinearity: string, param?: number | boolean | null): number {
  switch (torchName(nonlinearity)) {
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu': {
      const slope = torchSlope(param);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      return 1;
  }
}

/**
 * The gain that preserves the second moment through the activation: for z ~ N(0, 1),
 *
 *   gain = 1 / √(E[φ(z)²]),
 *
 * so that weights with variance gain²/fan_in keep E[h²] = 1 from layer to layer when the
 * pre-activations are standard normal (He et al. 2015 §2.2 for ReLU; the same argument for any φ).
 * It gives √2 for ReLU, √(2/(1 + a²)) for leaky ReLU, 1 for identity and SELU, 1.5925 for tanh
 * (PyTorch: 5/3) and 1.8462 for sigmoid (PyTorch: 1). The expectation is integrated to ~1e-15
 * (adaptive Gauss-Legendre, ../math/normalExpectation.ts). `param` is passed to `activation()` with a name; an Activation object
 * already carries its own.
 *
 * @example
 * gain('leaky_relu', 0.2); // 1.38675049056307, i.e. √(2 / 1.04)
 */
export function gain(activation: string | Activation, param?: number): number {
  if (typeof activation !== 'string' && param !== undefined) {
    fail('param', param, 'undefined when an Activation object is given (it carries its own parameter)');
  }
  const act = typeof activation === 'string' ? lookup(activation, param) : activation;
  const moment = expectNormalAdaptive((z, out) => {
    out[0] = act.f(z) ** 2;
  }, 1)[0];
  if (!(moment > 0 && moment < Infinity)) fail('activation', act.name, 'an activation with 0 < E[φ(z)²] < ∞');
  return 1 / Math.sqrt(moment);
}

export interface GainRow {
  /** Canonical activation name. */
  readonly activation: string;
  /** The default parameter used, for activations that take one. */
  readonly param?: number;
  /** gain() for this activation. */
  readonly computed: number;
  /** torchGain() where PyTorch's calculate_gain knows the activation. */
  readonly torch?: number;
}

/** Names calculate_gain uses for registry activations it knows. */
const TORCH_EQUIVALENT: Readonly<Record<string, string>> = {
  identity: 'linear', tanh: 'tanh', sigmoid: 'sigmoid', relu: 'relu', leaky_relu: 'leaky_relu', selu: 'selu',
};

/**
 * One row per registered activation (default parameters): the computed gain beside PyTorch's,
 * where PyTorch has one (tanh 5/3 vs 1.5925, sigmoid 1 vs 1.8462, selu 0.75 vs 1).
 */
export function gainTable(): GainRow[] {
  return ACTIVATION_NAMES.map((name) => {
    const act = lookup(name);
    const torch = TORCH_EQUIVALENT[name];
    return {
      activation: name,
      ...(act.param !== undefined && { param: act.param }),
      computed: gain(act),
      ...(torch !== undefined && { torch: torchGain(torch, act.param) }),
    };
  });
}

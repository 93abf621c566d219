/**
 * PyTorch `torch.nn.init` with its exact semantics and defaults: fans from [out, in, ...kernel]
 * (no groups notion), gains from `calculate_gain`, `trunc_normal_` bounds in absolute units,
 * untruncated `xavier_normal_`/`kaiming_normal_`, and the default initialization of
 * `nn.Linear`/`nn.Conv*` (kaiming_uniform with a = √5, i.e. U(±1/√fan_in), and its bias rule).
 */
import { torchFans } from '../init/fans.js';
import { torchGain } from '../init/gain.js';
import type { Law } from '../init/law.js';
import type { Definition, Namespace } from '../catalog/definition.js';
import { int, num, oneOf, otherwise, text, type Params } from '../catalog/params.js';
import { constants, equalBoundsNote, scaled, uniformLaw } from './common.js';
import { diracDef, identityDef, orthogonalDef, sparseDef } from './structured.js';

const mode = oneOf(['fan_in', 'fan_out'], 'fan_in', "fan_in preserves the forward variance, fan_out the backward one (case-insensitive, as PyTorch lower-cases it)", { ignoreCase: true });
const gainOf = (p: Params) => torchGain(p.nonlinearity as string, p.a as number);

const kaiming = (name: string, distribution: 'uniform' | 'normal', summary: string): Definition =>
  scaled({
    name,
    summary,
    params: {
      a: num('negative slope of the rectifier after this layer (only used with leaky_relu)', 0),
      mode,
      nonlinearity: text("name passed to calculate_gain ('relu', 'leaky_relu', 'tanh', 'linear', 'selu', ...)", 'leaky_relu'),
    },
    rank: [2, 32],
    scale: (p) => gainOf(p) ** 2,
    mode: (p) => p.mode as 'fan_in' | 'fan_out',
    distribution: () => distribution,
    extra: (p) => ({ gain: gainOf(p) }),
  });

const xavier = (name: string, distribution: 'uniform' | 'normal', summary: string): Definition =>
  scaled({
    name,
    summary,
    params: { gain: num('scaling factor', 1) },
    rank: [2, 32],
    scale: (p) => (p.gain as number) ** 2,
    mode: () => 'fan_avg',
    distribution: () => distribution,
    extra: (p) => ({ gain: p.gain as number }),
  });

/** U(±bound) with bound = 1/√n, n from a parameter (0 gives bound 0, as PyTorch's bias rule). */
const inverseSqrtBound = (n: number): Law => (n === 0 ? { kind: 'constant', value: 0 } : { kind: 'uniform', low: -1 / Math.sqrt(n), high: 1 / Math.sqrt(n) });

export const torch: Namespace = {
  framework: 'torch',
  title: 'PyTorch torch.nn.init',
  layoutAware: false,
  emptyTensors: 'PyTorch returns it unchanged (kaiming_uniform_ and kaiming_normal_ warn "Initializing zero-element tensors is a no-op")',
  fans: (shape) => torchFans(shape),
  definitions: [
    ...constants({ constant: { param: 'val' } }),
    {
      name: 'uniform',
      summary: 'U(a, b) (a = b: every element a, as tensor.uniform_ gives)',
      params: { a: num('lower bound', 0), b: num('upper bound', 1) },
      law: (c) => uniformLaw(c, 'a', 'b', { equal: true }),
      notes: (c) => equalBoundsNote(c, 'a', 'b', 'PyTorch'),
    },
    { name: 'normal', summary: 'N(mean, std²)', params: { mean: num('mean', 0), std: num('standard deviation', 1, 'nonNegative') }, law: (c) => ({ kind: 'normal', mean: c.params.mean as number, std: c.params.std as number }) },
    {
      name: 'truncNormal',
      aliases: ['truncated_normal'],
      summary: 'N(mean, std²) restricted to [a, b] in ABSOLUTE units (default ±2, i.e. ±2σ only when std = 1)',
      params: { mean: num('mean', 0), std: num('standard deviation before truncation', 1, 'positive'), a: num('absolute lower bound', -2, 'bound'), b: num('absolute upper bound', 2, 'bound') },
      law: (c) => {
        const { mean, std, a, b } = c.params as { mean: number; std: number; a: number; b: number };
        // a = b: PyTorch clamps (inverse-CDF version) or proposes U(a, a) (rejection version): every element is a.
        return a === b ? { kind: 'constant', value: a } : { kind: 'truncatedNormal', mean, std, low: a, high: b };
      },
      notes: (c) => equalBoundsNote(c, 'a', 'b', 'PyTorch'),
    },
    xavier('xavierUniform', 'uniform', 'U(-a, a), a = gain·√(6 / (fan_in + fan_out))'),
    xavier('xavierNormal', 'normal', 'N(0, std²), std = gain·√(2 / (fan_in + fan_out)), untruncated'),
    kaiming('kaimingUniform', 'uniform', 'U(-b, b), b = gain·√(3 / fan), gain = calculate_gain(nonlinearity, a)'),
    kaiming('kaimingNormal', 'normal', 'N(0, std²), std = gain / √fan, gain = calculate_gain(nonlinearity, a), untruncated'),
    orthogonalDef({ gain: 'gain', params: { gain: num('scaling factor', 1) }, axis: () => 0, summary: 'Haar-random orthogonal x gain; rows (dim 0) orthonormal when dim 0 <= numel/dim 0' }),
    identityDef({ aliases: ['eye'] }),
    diracDef({ layout: () => 'oi' }),
    sparseDef({
      sparsity: otherwise(
        num('fraction of each column set to zero (above 1: every element, as PyTorch zeros them all)', undefined, 'nonNegative'),
        'PyTorch zeros randperm(rows)[:ceil(sparsity·rows)], so a negative sparsity would zero all but that many rows of each column',
      ),
      notes: (c) => ((c.params.sparsity as number) > 1 ? [`sparsity=${c.params.sparsity} > 1: PyTorch zeros ceil(sparsity·rows) >= rows entries of each column, i.e. every element is 0`] : []),
    }),
    {
      name: 'defaultWeight',
      aliases: ['linear_default', 'conv_default', 'linear_weight', 'conv_weight'],
      summary: 'nn.Linear / nn.Conv*d default: kaiming_uniform_(a=√5) = U(±1/√fan_in)',
      params: {},
      rank: [2, 32],
      usesFans: true,
      law: (c) => inverseSqrtBound(c.fans().fanIn),
      details: (c) => ({ a: Math.sqrt(5), gain: torchGain('leaky_relu', Math.sqrt(5)), bound: 1 / Math.sqrt(c.fans().fanIn) }),
    },
    {
      name: 'defaultBias',
      aliases: ['linear_bias'],
      summary: 'nn.Linear bias default: U(±1/√fan_in) with the weight\'s fan_in (bound 0, i.e. zeros, when fan_in = 0)',
      params: { fanIn: int("fan_in of the layer's weight (in_features)", undefined, 0) },
      law: (c) => inverseSqrtBound(c.params.fanIn as number),
      notes: (c) => (c.params.fanIn === 0 ? ['fan_in = 0: nn.Linear uses bound 0, so the bias is all zeros'] : []),
    },
    {
      name: 'convBias',
      summary: 'nn.Conv*d bias default: U(±1/√fan_in) with the weight\'s fan_in = in/groups·∏kernel',
      params: {
        fanIn: otherwise(
          int("fan_in of the layer's weight (in/groups·∏kernel)", undefined, 1),
          'with fan_in = 0, nn.Conv*d skips the bias and leaves whatever torch.empty held, which no initializer can reproduce; nn.Linear (linear_bias) gives zeros',
        ),
      },
      law: (c) => inverseSqrtBound(c.params.fanIn as number),
    },
    {
      name: 'rnnDefault',
      aliases: ['lstm_default', 'gru_default'],
      summary: 'nn.RNN/LSTM/GRU default for every parameter: U(±1/√hidden_size)',
      params: { hiddenSize: int('hidden_size of the recurrent layer', undefined, 0) },
      law: (c) => inverseSqrtBound(c.params.hiddenSize as number),
    },
    {
      name: 'bilinearDefault',
      summary: 'nn.Bilinear default for weight [out, in1, in2] and bias: U(±1/√in1_features)',
      params: { in1Features: int('in1_features', undefined, 1) },
      law: (c) => inverseSqrtBound(c.params.in1Features as number),
    },
  ],
};

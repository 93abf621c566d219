/**
 * Training one update at a time, for the explorer's playground: a session holds a model of the
 * trainer (./model.ts) on a 2-D toy set and takes SGD steps on request, each followed by a
 * snapshot of what Glorot & Bengio (2010) watch during learning (training loss, test error, every
 * layer's activation mean and std and weight-gradient std, ./monitor.ts), the distinct units per
 * hidden layer (./symmetry.ts), and the decision boundary: the softmax class probabilities
 * softmax(z^L) on an n×n grid over the data's range.
 *
 * The updates are the trainer's own (`sgdUpdater`, which `train()` runs too) and the data the
 * trainer's splits, so a session stepped N times holds the weights `train()` ends with after N
 * updates of the same configuration, byte for byte. Browser-safe: only the toy sets, no file
 * system (the MNIST loader of ../data/index.ts is not imported).
 *
 * @example
 * const s = createSession({ data: 'circles', depth: 3, width: 16, activation: 'tanh', init: 'zeros', lr: 0.1 });
 * s.step(100).distinctUnits; // [1, 1, 1]: zero init's symmetry is never broken
 */
import { size, subset, type Dataset, type Splits } from '../data/dataset.js';
import { TOY_SETS, toySet, type ToySet } from '../data/toy.js';
import { fail } from '../errors.js';
import { foldIn, keyFromSeed } from '../random/key.js';
import { permutation } from '../random/permutation.js';
import { checkDType, type DType } from '../tensor.js';
import { choice, finite, integer, positive } from '../validate.js';
import type { NetworkTrainingConfig, ResolvedTrainConfig } from './config.js';
import { curveSets, evaluate } from './evaluate.js';
import { lossGradient, TRAIN_LOSSES, type LossValue, type TrainLoss } from './loss.js';
import { lsuv, LSUV_DEFAULTS, parseLsuv, type LsuvLayer } from './lsuv.js';
import { createModel, type Model } from './model.js';
import { monitorLayers, type LayerMonitor } from './monitor.js';
import { backward, forward, zeroGradients } from './pass.js';
import { sgd } from './sgd.js';
import { distinctUnits } from './symmetry.js';

/** The model a configuration starts from: its initializer, or orthonormal weights calibrated by LSUV. */
export function initialModel(
  config: Pick<ResolvedTrainConfig, 'widths' | 'activation' | 'activationParam' | 'init' | 'bias' | 'seed' | 'dtype' | 'lsuv'>,
  data: Pick<Splits, 'train'>,
): { model: Model; lsuv?: LsuvLayer[] } {
  const train = data.train;
  const model = createModel({
    inputSize: train.inputSize,
    widths: config.widths,
    classes: train.classes,
    activation: config.activation,
    ...(config.activationParam === undefined ? {} : { activationParam: config.activationParam }),
    init: config.lsuv === undefined ? config.init : 'orthogonal',
    bias: config.bias,
    seed: config.seed,
    dtype: config.dtype,
  });
  if (config.lsuv === undefined) return { model };
  const n = Math.min(config.lsuv.batch ?? LSUV_DEFAULTS.batch, size(train));
  const calibration = subset(train, permutation(foldIn(keyFromSeed(config.seed), 'lsuv'), size(train)).subarray(0, n));
  return { model, lsuv: lsuv(model, calibration.inputs, n, config.lsuv) };
}

export interface UpdaterOptions {
  readonly seed: number;
  readonly batch: number;
  readonly lr: number;
  readonly momentum: number;
  readonly loss: TrainLoss;
}

/** SGD updates of a model on a training split, one per call. */
export interface Updater {
  /** Updates done. */
  readonly done: number;
  /**
   * Takes update `done + 1` and returns its batch loss; a non-finite loss leaves the parameters
   * as they were (the trainer stops there).
   */
  update(): LossValue;
}

/**
 * The trainer's update sequence: epoch e visits the training examples in the order
 * `permutation(foldIn(keyFromSeed(seed), 'shuffle/<e>'), n)`, in ⌊n/batch⌋ batches; each update is
 * a forward pass, the loss gradient, a backward pass and an SGD step (./sgd.ts).
 */
export function sgdUpdater(model: Model, trainSet: Dataset, options: UpdaterOptions): Updater {
  const root = keyFromSeed(options.seed);
  const n = size(trainSet);
  const { batch } = options;
  if (n < batch) fail('batch', batch, `at most the ${n} training examples`);
  const k = trainSet.inputSize;
  const perEpoch = Math.floor(n / batch);
  const optimizer = sgd(model, options.lr, options.momentum);
  const grads = zeroGradients(model);
  const x = new Float32Array(batch * k);
  const y = new Int32Array(batch);
  let order: Uint32Array = new Uint32Array(0);
  let done = 0;
  return {
    get done() {
      return done;
    },
    update() {
      const e = Math.floor(done / perEpoch);
      const first = (done % perEpoch) * batch;
      if (first === 0) order = permutation(foldIn(root, `shuffle/${e}`), n);
      for (let b = 0; b < batch; b++) {
        const j = order[first + b];
        x.set(trainSet.inputs.subarray(j * k, (j + 1) * k), b * k);
        y[b] = trainSet.labels[j];
      }
      done++;
      const trace = forward(model, x, batch);
      const value = lossGradient(options.loss, trace.post[trace.post.length - 1], y, batch, trainSet.classes, model.dtype);
      if (Number.isFinite(value.loss)) {
        backward(model, trace, value.grad, grads);
        optimizer.step(grads);
      }
      return value;
    },
  };
}

/** Split sizes of the toy sets, as `loadData` draws them (../data/index.ts). */
export const TOY_SIZES = { train: 1_000, validation: 200, test: 500 } as const;

/**
 * A toy set's splits exactly as `loadData(name, { seed, ...sizes })` draws them: split s from
 * `foldIn(foldIn(keyFromSeed(seed), 'data/<name>'), s)`.
 */
export function toySplits(name: ToySet, seed: number, sizes: { readonly train?: number; readonly validation?: number; readonly test?: number } = {}): Splits {
  const root = foldIn(keyFromSeed(seed), `data/${name}`);
  const make = (split: keyof typeof TOY_SIZES) => {
    const n = integer(`${split}Size`, sizes[split] ?? TOY_SIZES[split], 1, 10_000_000);
    return { ...toySet(name, foldIn(root, split), n), name: `${name}/${split}` };
  };
  const train = make('train');
  const validation = make('validation');
  const test = make('test');
  return { train, validation, test, description: `${name} (2-D, generated), ${size(train)}/${size(validation)}/${size(test)} train/validation/test examples` };
}

export interface SessionConfig extends NetworkTrainingConfig {
  readonly data: ToySet;
  /** Learning rate (default 0.03). */
  readonly lr?: number;
  /** Test examples for the test error, class-balanced (default: the whole test split). */
  readonly evalSize?: number;
  /** Test examples for the per-layer statistics, class-balanced (default 300). */
  readonly monitorSize?: number;
  readonly trainSize?: number;
  readonly testSize?: number;
  /** Decision-boundary grid points per side (default 48). */
  readonly grid?: number;
  readonly dtype?: DType;
}

export const SESSION_DEFAULTS = { loss: 'xent', batch: 10, lr: 0.03, momentum: 0, seed: 0, monitorSize: 300, grid: 48, dtype: 'float32' } as const;

/** The decision boundary: softmax class probabilities on an n×n grid of points. */
export interface Boundary {
  readonly n: number;
  /** The grid's range: cell centres run from min to max on each axis. */
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly classes: number;
  /** n·n·classes values, row-major, row 0 at the top (y max), column 0 at the left (x min). */
  readonly probs: Float32Array;
}

export interface Snapshot {
  /** Updates done. */
  readonly update: number;
  /** Training examples seen. */
  readonly examples: number;
  /**
   * Mean batch loss over the updates since the previous snapshot (at update 0: the loss on
   * evalSize class-balanced training examples), as in the trainer's learning curve.
   */
  readonly loss: number;
  /** Error on evalSize class-balanced test examples (the trainer's `curveSets`). */
  readonly testError: number;
  /** Per layer on the monitoring batch; the last entry is the output layer. */
  readonly layers: readonly LayerMonitor[];
  /** Distinct units per hidden layer. */
  readonly distinctUnits: readonly number[];
  readonly boundary: Boundary;
  /** The update whose loss was not finite, when one was (the session takes no further updates). */
  readonly divergedAt?: number;
}

export interface Session {
  readonly data: Splits;
  readonly model: Model;
  /** LSUV's iterations and variances per layer, when init is lsuv. */
  readonly lsuv?: readonly LsuvLayer[];
  /** Updates done. */
  readonly updates: number;
  /** Takes `n` updates (fewer once the loss has diverged); returns how many it took. */
  train(n: number): number;
  /** Takes `n` updates (default 1; fewer once the loss has diverged) and returns a snapshot. */
  step(n?: number): Snapshot;
  /** The current state, without training. */
  snapshot(): Snapshot;
}

/** Softmax probabilities of the model on an n×n grid spanning the training inputs (plus a 10% margin). */
export function decisionBoundary(model: Model, points: Dataset, n: number): Boundary {
  integer('grid', n, 2, 1024);
  if (points.inputSize !== 2) fail('data', points.name, 'a data set of 2-D points');
  const range = (axis: number): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = axis; i < points.inputs.length; i += 2) {
      lo = Math.min(lo, points.inputs[i]);
      hi = Math.max(hi, points.inputs[i]);
    }
    const pad = 0.1 * (hi - lo || 1);
    return [lo - pad, hi + pad];
  };
  const x = range(0);
  const y = range(1);
  const grid = new Float32Array(2 * n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      grid[2 * (r * n + c)] = x[0] + ((x[1] - x[0]) * c) / (n - 1);
      grid[2 * (r * n + c) + 1] = y[1] - ((y[1] - y[0]) * r) / (n - 1);
    }
  }
  const classes = model.sizes[model.sizes.length - 1];
  const z = forward(model, grid, n * n).post[model.sizes.length - 1];
  const probs = new Float32Array(n * n * classes);
  for (let p = 0; p < n * n; p++) {
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, z[p * classes + j]);
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += Math.exp(z[p * classes + j] - max);
    for (let j = 0; j < classes; j++) probs[p * classes + j] = Math.exp(z[p * classes + j] - max) / sum;
  }
  return { n, x, y, classes, probs };
}

interface ResolvedSession extends Pick<ResolvedTrainConfig, 'widths' | 'activation' | 'activationParam' | 'init' | 'bias' | 'seed' | 'dtype' | 'lsuv'> {
  readonly data: ToySet;
  readonly loss: TrainLoss;
  readonly batch: number;
  readonly lr: number;
  readonly momentum: number;
  readonly monitorSize: number;
  readonly grid: number;
}

function resolveSession(config: SessionConfig): ResolvedSession {
  if (typeof config !== 'object' || config === null) fail('config', config, 'an object with data, depth, width, activation and init');
  const depth = integer('depth', config.depth, 1, 10_000);
  const widths = typeof config.width === 'number' || !Array.isArray(config.width)
    ? Array.from({ length: depth }, () => integer('width', config.width, 1, 1_000_000))
    : config.width.map((w, i) => integer(`width[${i}]`, w, 1, 1_000_000));
  if (widths.length !== depth) fail('width', config.width, `one width, or ${depth} widths (one per hidden layer)`);
  const momentum = finite('momentum', config.momentum ?? SESSION_DEFAULTS.momentum);
  if (momentum < 0 || momentum >= 1) fail('momentum', momentum, 'a number in [0, 1)');
  const lsuvOptions = parseLsuv(config.init);
  return {
    data: choice('data', config.data, TOY_SETS),
    widths,
    activation: typeof config.activation === 'string' ? config.activation : fail('activation', config.activation, 'an activation name such as "tanh"'),
    ...(config.activationParam === undefined ? {} : { activationParam: finite('activationParam', config.activationParam) }),
    init: config.init,
    bias: config.bias ?? 'zeros',
    seed: integer('seed', config.seed ?? SESSION_DEFAULTS.seed, 0),
    dtype: checkDType(config.dtype ?? SESSION_DEFAULTS.dtype),
    ...(lsuvOptions === undefined ? {} : { lsuv: lsuvOptions }),
    loss: choice('loss', config.loss ?? SESSION_DEFAULTS.loss, TRAIN_LOSSES),
    batch: integer('batch', config.batch ?? SESSION_DEFAULTS.batch, 1, 1_000_000),
    lr: positive('lr', config.lr ?? SESSION_DEFAULTS.lr),
    momentum,
    monitorSize: integer('monitorSize', config.monitorSize ?? SESSION_DEFAULTS.monitorSize, 1),
    grid: integer('grid', config.grid ?? SESSION_DEFAULTS.grid, 2, 1024),
  };
}

export function createSession(config: SessionConfig): Session {
  const c = resolveSession(config);
  const data = toySplits(c.data, c.seed, {
    ...(config.trainSize === undefined ? {} : { train: config.trainSize }),
    ...(config.testSize === undefined ? {} : { test: config.testSize }),
  });
  const { model, lsuv: calibration } = initialModel(c, data);
  const updater = sgdUpdater(model, data.train, c);
  const sets = curveSets(data, c.seed, integer('evalSize', config.evalSize ?? size(data.test), 1), c.monitorSize);
  const monitorBatch = sets.monitor ?? data.test;
  let windowLoss = evaluate(model, sets.train, c.loss).loss;
  let windowCount = 1;
  /** Whether updates were taken since the last snapshot (their losses are in the window). */
  let pending = false;
  let divergedAt: number | undefined;
  const snapshot = (): Snapshot => {
    pending = false;
    return {
      update: updater.done,
      examples: updater.done * c.batch,
      loss: windowLoss / windowCount,
      testError: evaluate(model, sets.test, c.loss).error,
      layers: monitorLayers(model, monitorBatch, c.loss),
      distinctUnits: distinctUnits(model),
      boundary: decisionBoundary(model, data.train, c.grid),
      ...(divergedAt === undefined ? {} : { divergedAt }),
    };
  };
  const train = (n: number): number => {
    integer('n', n, 0);
    let done = 0;
    for (; done < n && divergedAt === undefined; done++) {
      if (!pending) {
        windowLoss = 0;
        windowCount = 0;
        pending = true;
      }
      const value = updater.update();
      if (!Number.isFinite(value.loss)) divergedAt = updater.done;
      windowLoss += value.loss;
      windowCount++;
    }
    return done;
  };
  return {
    data,
    model,
    ...(calibration === undefined ? {} : { lsuv: calibration }),
    get updates() {
      return updater.done;
    },
    train,
    step(n = 1) {
      train(n);
      return snapshot();
    },
    snapshot,
  };
}

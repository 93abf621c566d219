/**
 * The configuration of a training run, as data (the same in the CLI, the experiment presets and
 * the JSON output's `config`), checked before any work with `name=value, expected ...` errors.
 *
 * @example
 * resolveTrainConfig({ data: 'spirals', depth: 3, width: 32, activation: 'tanh', init: 'glorot_uniform', updates: 500, lr: 0.1 });
 */
import { DATA_SETS, type DataName } from '../data/index.js';
import { fail } from '../errors.js';
import type { InitSpec } from '../catalog/spec.js';
import { checkDType, type DType } from '../tensor.js';
import { choice, finite, integer, positive } from '../validate.js';
import { TRAIN_LOSSES, type TrainLoss } from './loss.js';
import { parseLsuv, type LsuvOptions } from './lsuv.js';

/** The network and its optimizer's settings: what a training run and a stepwise session share. */
export interface NetworkTrainingConfig {
  /** Hidden layers. */
  readonly depth: number;
  /** Units per hidden layer: one number, or one per layer. */
  readonly width: number | readonly number[];
  readonly activation: string;
  readonly activationParam?: number;
  /** Weight initializer spec (as in the lab), or `lsuv` / `lsuv(tol=0.1, max_iter=10, batch=256)`. */
  readonly init: string | InitSpec;
  /** Bias initializer spec (default zeros). */
  readonly bias?: string | InitSpec;
  /** `xent` (softmax cross-entropy, default) or `mse` (squared error on one-hot targets). */
  readonly loss?: TrainLoss;
  /** Examples per update (default 10, as in Glorot & Bengio). */
  readonly batch?: number;
  /** Heavy-ball momentum μ in [0, 1) (default 0). */
  readonly momentum?: number;
  readonly seed?: number;
}

export interface TrainConfig extends NetworkTrainingConfig {
  readonly data: DataName;
  /** Number of updates; or give `epochs` (passes over the training split), not both. Default 1000 updates. */
  readonly updates?: number;
  readonly epochs?: number;
  /** Learning rate, or several: each is trained and the one with the lowest validation error kept. */
  readonly lr?: number | readonly number[];
  /** Updates between points of the learning curve (default: updates / 20). */
  readonly evalEvery?: number;
  /** Test examples for the curve's test error, a fixed class-balanced subset (default: the whole test split). */
  readonly evalSize?: number;
  /** Test examples for the per-layer monitoring, a fixed class-balanced subset (default 300, as in the paper). */
  readonly monitorSize?: number;
  /** Sizes of generated splits (shapeset, spirals, circles, blobs; MNIST's are fixed). */
  readonly trainSize?: number;
  readonly validationSize?: number;
  readonly testSize?: number;
  readonly dtype?: DType;
}

export interface ResolvedTrainConfig {
  readonly data: DataName;
  readonly depth: number;
  readonly widths: readonly number[];
  readonly activation: string;
  readonly activationParam?: number;
  readonly init: string | InitSpec;
  readonly bias: string | InitSpec;
  readonly loss: TrainLoss;
  readonly batch: number;
  readonly updates?: number;
  readonly epochs?: number;
  readonly lr: readonly number[];
  readonly momentum: number;
  readonly seed: number;
  readonly evalEvery?: number;
  readonly evalSize?: number;
  readonly monitorSize: number;
  readonly trainSize?: number;
  readonly validationSize?: number;
  readonly testSize?: number;
  readonly dtype: DType;
  /** LSUV's options when `init` is an lsuv spec. */
  readonly lsuv?: LsuvOptions;
}

export const TRAIN_DEFAULTS = { data: 'spirals', depth: 3, width: 64, activation: 'tanh', init: 'glorot_uniform', loss: 'xent', batch: 10, updates: 1000, lr: 0.01, momentum: 0, seed: 0, monitorSize: 300, dtype: 'float32' } as const;

const KEYS = new Set([
  'data', 'depth', 'width', 'activation', 'activationParam', 'init', 'bias', 'loss', 'batch', 'updates', 'epochs', 'lr', 'momentum',
  'seed', 'evalEvery', 'evalSize', 'monitorSize', 'trainSize', 'validationSize', 'testSize', 'dtype',
]);

const optional = <T>(name: string, value: T | undefined, check: (name: string, v: unknown) => T) => (value === undefined ? {} : { [name]: check(name, value) });
const atLeastOne = (name: string, v: unknown) => integer(name, v, 1);

export function resolveTrainConfig(config: TrainConfig): ResolvedTrainConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) fail('config', config, 'an object with data, depth, width, activation and init');
  for (const k of Object.keys(config)) if (!KEYS.has(k)) fail('config', k, `only the keys ${[...KEYS].join(', ')}`);
  const depth = integer('depth', config.depth ?? TRAIN_DEFAULTS.depth, 1, 10_000);
  const width = config.width ?? TRAIN_DEFAULTS.width;
  const widths = typeof width === 'number' || !Array.isArray(width)
    ? Array.from({ length: depth }, () => integer('width', width, 1, 1_000_000))
    : width.map((w, i) => integer(`width[${i}]`, w, 1, 1_000_000));
  if (widths.length !== depth) fail('width', width, `one width, or ${depth} widths (one per hidden layer)`);
  if (config.updates !== undefined && config.epochs !== undefined) fail('epochs', config.epochs, 'not with updates (give one of them)');
  const lrs = config.lr ?? TRAIN_DEFAULTS.lr;
  const lr = (typeof lrs === 'number' ? [lrs] : Array.isArray(lrs) && lrs.length > 0 ? lrs : fail('lr', lrs, 'a learning rate or a non-empty list of them')).map((v, i, all) => positive(all.length === 1 ? 'lr' : `lr[${i}]`, v));
  const momentum = finite('momentum', config.momentum ?? TRAIN_DEFAULTS.momentum);
  if (momentum < 0 || momentum >= 1) fail('momentum', momentum, 'a number in [0, 1)');
  const init = config.init ?? TRAIN_DEFAULTS.init;
  if (typeof init !== 'string' && (typeof init !== 'object' || init === null || typeof init.name !== 'string')) fail('init', init, 'an initializer spec such as "glorot_uniform", or "lsuv"');
  const lsuv = parseLsuv(init);
  return {
    data: choice('data', config.data ?? TRAIN_DEFAULTS.data, DATA_SETS),
    depth,
    widths,
    activation: typeof config.activation === 'string' ? config.activation : config.activation === undefined ? TRAIN_DEFAULTS.activation : fail('activation', config.activation, 'an activation name such as "tanh"'),
    ...optional('activationParam', config.activationParam, finite),
    init,
    bias: config.bias ?? 'zeros',
    loss: choice('loss', config.loss ?? TRAIN_DEFAULTS.loss, TRAIN_LOSSES),
    batch: integer('batch', config.batch ?? TRAIN_DEFAULTS.batch, 1, 1_000_000),
    ...(config.epochs === undefined ? { updates: integer('updates', config.updates ?? TRAIN_DEFAULTS.updates, 1) } : { epochs: integer('epochs', config.epochs, 1) }),
    lr,
    momentum,
    seed: integer('seed', config.seed ?? TRAIN_DEFAULTS.seed, 0),
    ...optional('evalEvery', config.evalEvery, atLeastOne),
    ...optional('evalSize', config.evalSize, atLeastOne),
    monitorSize: integer('monitorSize', config.monitorSize ?? TRAIN_DEFAULTS.monitorSize, 0),
    ...optional('trainSize', config.trainSize, atLeastOne),
    ...optional('validationSize', config.validationSize, atLeastOne),
    ...optional('testSize', config.testSize, atLeastOne),
    dtype: checkDType(config.dtype ?? TRAIN_DEFAULTS.dtype),
    ...(lsuv === undefined ? {} : { lsuv }),
  };
}

/**
 * Training a fully connected network by mini-batch SGD (Glorot & Bengio 2010, §2.3: batches of
 * 10, θ ← θ - ε g), with a learning curve and per-layer monitoring every `evalEvery` updates, and
 * a held-out evaluation at the end. Deterministic for a seed: the parameters come from the lab's
 * streams (./model.ts), the data from `foldIn(root, 'data/<name>')`, the order of epoch e from
 * `permutation(foldIn(root, 'shuffle/<e>'), n)` (each epoch visits every training example once,
 * in ⌊n/batch⌋ batches), LSUV's calibration examples from `foldIn(root, 'lsuv')`, and the curve's
 * and the monitor's examples are fixed class-balanced subsets (./evaluate.ts `curveSets`).
 *
 * With several learning rates, each is trained on the same data and initialization and the one
 * with the lowest validation error is kept (`lrSearch` lists them all).
 *
 * @example
 * const { result } = train({ data: 'spirals', depth: 2, width: 32, activation: 'tanh', init: 'glorot_uniform', updates: 2000, lr: 0.1 });
 * result.final.testError;
 */
import { loadData, size, type Splits } from '../data/index.js';
import { fail } from '../errors.js';
import { resolveTrainConfig, type ResolvedTrainConfig, type TrainConfig } from './config.js';
import { curveSets, evaluate } from './evaluate.js';
import type { LsuvLayer } from './lsuv.js';
import type { Model } from './model.js';
import { monitorLayers, type LayerMonitor } from './monitor.js';
import { initialModel, sgdUpdater } from './session.js';
import { distinctUnits } from './symmetry.js';

export { initialModel } from './session.js';

export interface CurvePoint {
  readonly update: number;
  /** Training examples seen. */
  readonly examples: number;
  /** Mean mini-batch loss over the updates since the previous point (at update 0: the loss on evalSize class-balanced training examples, ./evaluate.ts `curveSets`). */
  readonly loss: number;
  /** Error on evalSize class-balanced test examples (the whole test split by default). */
  readonly testError: number;
  /** Per layer, on the monitoring batch of monitorSize class-balanced test examples (absent with monitorSize 0). */
  readonly layers?: readonly LayerMonitor[];
}

export interface TrainFinal {
  readonly update: number;
  /** The last curve point's training loss. */
  readonly loss: number;
  /** On the whole test split. */
  readonly testError: number;
  readonly testLoss: number;
  readonly validationError: number;
  /** Distinct units per hidden layer (./symmetry.ts). */
  readonly distinctUnits: readonly number[];
  /** The update where the loss stopped being finite, when it did (training stops there). */
  readonly divergedAt?: number;
}

export interface TrainResult {
  /** The configuration with `lr` the rate used. */
  readonly config: Omit<ResolvedTrainConfig, 'lr'> & { readonly lr: number; readonly updates: number };
  readonly data: string;
  readonly network: { readonly sizes: readonly number[]; readonly weightLaw: readonly string[] };
  /** LSUV's iterations and variances per layer, when init is lsuv. */
  readonly lsuv?: readonly LsuvLayer[];
  /** Every learning rate tried and its validation error, when several were given. */
  readonly lrSearch?: readonly { readonly lr: number; readonly validationError: number }[];
  readonly curve: readonly CurvePoint[];
  readonly final: TrainFinal;
  /** Wall time of the whole run and training throughput (updates only, evaluation excluded). */
  readonly seconds: number;
  readonly examplesPerSecond: number;
}

export interface TrainOptions {
  /** Splits to use instead of loading `config.data` (tests, experiments that share them). */
  readonly data?: Splits;
  /** After every update: updates done and in all (over every learning rate), and the batch loss. */
  readonly onProgress?: (done: number, total: number, loss: number) => void;
}

export interface TrainOutcome {
  readonly result: TrainResult;
  /** The trained model (the chosen learning rate's). */
  readonly model: Model;
}

/**
 * Trains the configured network by mini-batch SGD and returns `{ result, model }`: `result` the
 * JSON-able {@link TrainResult} (`config`, `curve`, `final`, ...; what `initlab train --json`
 * prints), `model` the trained weights and biases (`modelTensors(model)` names them).
 *
 *   const { result, model } = train({ data: 'circles', depth: 3, width: 32, activation: 'tanh', init: 'glorot_uniform' });
 *   result.final.testError;
 */
export function train(config: TrainConfig, options: TrainOptions = {}): TrainOutcome {
  const resolved = resolveTrainConfig(config);
  const data = options.data ?? loadData(resolved.data, {
    seed: resolved.seed,
    ...(resolved.trainSize === undefined ? {} : { train: resolved.trainSize }),
    ...(resolved.validationSize === undefined ? {} : { validation: resolved.validationSize }),
    ...(resolved.testSize === undefined ? {} : { test: resolved.testSize }),
  });
  const n = size(data.train);
  if (n < resolved.batch) fail('batch', resolved.batch, `at most the ${n} training examples`);
  const perEpoch = Math.floor(n / resolved.batch);
  const updates = resolved.updates ?? (resolved.epochs as number) * perEpoch;
  const total = updates * resolved.lr.length;
  const runs = resolved.lr.map((lr, i) => trainOnce(resolved, lr, updates, data, (d, loss) => options.onProgress?.(i * updates + d, total, loss)));
  if (runs.length === 1) return runs[0];
  let best = runs[0];
  for (const r of runs) if (r.result.final.validationError < best.result.final.validationError) best = r;
  return { ...best, result: { ...best.result, lrSearch: runs.map((r) => ({ lr: r.result.config.lr, validationError: r.result.final.validationError })) } };
}

function trainOnce(config: ResolvedTrainConfig, lr: number, updates: number, data: Splits, progress: (done: number, loss: number) => void): TrainOutcome {
  const start = performance.now();
  const { model, lsuv: calibration } = initialModel(config, data);
  const { train: trainSet, test } = data;
  const batch = config.batch;
  const evalEvery = config.evalEvery ?? Math.max(1, Math.round(updates / 20));
  const sets = curveSets(data, config.seed, config.evalSize, config.monitorSize);
  const updater = sgdUpdater(model, trainSet, { seed: config.seed, batch, lr, momentum: config.momentum, loss: config.loss });
  const curve: CurvePoint[] = [];
  const point = (update: number, loss: number) => curve.push({
    update,
    examples: update * batch,
    loss,
    testError: evaluate(model, sets.test, config.loss).error,
    ...(sets.monitor === undefined ? {} : { layers: monitorLayers(model, sets.monitor, config.loss) }),
  });
  point(0, evaluate(model, sets.train, config.loss).loss);
  let windowLoss = 0;
  let windowCount = 0;
  let trainMs = 0;
  let divergedAt: number | undefined;
  for (let u = 1; u <= updates; u++) {
    const t0 = performance.now();
    const value = updater.update();
    if (!Number.isFinite(value.loss)) divergedAt = u;
    trainMs += performance.now() - t0;
    windowLoss += value.loss;
    windowCount++;
    progress(u, value.loss);
    if (divergedAt !== undefined || u % evalEvery === 0 || u === updates) {
      point(u, windowLoss / windowCount);
      windowLoss = 0;
      windowCount = 0;
    }
    if (divergedAt !== undefined) break;
  }
  const last = curve[curve.length - 1];
  const testEval = evaluate(model, test, config.loss);
  const done = last.update;
  const result: TrainResult = {
    config: { ...config, lr, updates },
    data: data.description,
    network: { sizes: model.sizes, weightLaw: config.lsuv === undefined ? model.weightLaw : model.weightLaw.map((w) => `LSUV from orthogonal ${w}`) },
    ...(calibration === undefined ? {} : { lsuv: calibration }),
    curve,
    final: {
      update: done,
      loss: last.loss,
      testError: testEval.error,
      testLoss: testEval.loss,
      validationError: evaluate(model, data.validation, config.loss).error,
      distinctUnits: distinctUnits(model),
      ...(divergedAt === undefined ? {} : { divergedAt }),
    },
    seconds: (performance.now() - start) / 1000,
    examplesPerSecond: (done * batch) / Math.max(trainMs / 1000, 1e-9),
  };
  return { result, model };
}

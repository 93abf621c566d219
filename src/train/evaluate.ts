/**
 * Loss and classification error of a model over a whole data set, forward only, in chunks of
 * 500 examples (so memory does not grow with the set), and the fixed examples a run measures on
 * between updates.
 */
import { balancedSubset } from '../data/balanced.js';
import { size, type Dataset, type Splits } from '../data/dataset.js';
import { foldIn, keyFromSeed } from '../random/key.js';
import { lossGradient, type TrainLoss } from './loss.js';
import type { Model } from './model.js';
import { forward } from './pass.js';

export interface Evaluation {
  /** Mean loss per example. */
  readonly loss: number;
  /** Fraction misclassified. */
  readonly error: number;
}

const CHUNK = 500;

/** Evaluates on every example of `data`. */
export function evaluate(model: Model, data: Dataset, loss: TrainLoss): Evaluation {
  const n = size(data);
  const k = data.inputSize;
  let total = 0;
  let errors = 0;
  for (let from = 0; from < n; from += CHUNK) {
    const m = Math.min(CHUNK, n - from);
    const trace = forward(model, data.inputs.subarray(from * k, (from + m) * k), m);
    const v = lossGradient(loss, trace.post[trace.post.length - 1], data.labels.subarray(from, from + m), m, data.classes, model.dtype);
    total += v.loss * m;
    errors += v.errors;
  }
  return { loss: total / n, error: errors / n };
}

/** The examples of a learning curve's points. */
export interface CurveSets {
  /** `evalSize` test examples, for the curve's test error. */
  readonly test: Dataset;
  /** As many training examples, for the loss at update 0. */
  readonly train: Dataset;
  /** `monitorSize` test examples, for the per-layer monitoring (absent when 0). */
  readonly monitor?: Dataset;
}

/**
 * The fixed examples a run measures its curve on: class-balanced subsets (../data/balanced.ts)
 * of the splits, under the keys `foldIn(keyFromSeed(seed), 'curve/test' | 'curve/train' |
 * 'monitor')`, so the same for every run of a seed. Each holds every class in its split's
 * proportion within ½ + C·N_c/(2N) examples, so a model that always answers class c scores
 * 1 − N_c/N on the curve as on the whole split, up to that rounding; a prefix of a split would
 * show whatever classes come first (the error of a constant answer is then anything from 0 to 1).
 * A size at least the split's takes the whole split.
 */
export function curveSets(data: Splits, seed: number, evalSize: number | undefined, monitorSize: number): CurveSets {
  const root = keyFromSeed(seed);
  const n = evalSize ?? size(data.test);
  return {
    test: balancedSubset(data.test, n, foldIn(root, 'curve/test')),
    train: balancedSubset(data.train, Math.min(n, size(data.test)), foldIn(root, 'curve/train')),
    ...(monitorSize > 0 ? { monitor: balancedSubset(data.test, monitorSize, foldIn(root, 'monitor')) } : {}),
  };
}

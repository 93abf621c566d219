/**
 * Loss and classification error of a model over a whole data set, forward only, in chunks of
 * 500 examples (so memory does not grow with the set).
 */
import { head, size, type Dataset } from '../data/dataset.js';
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

/** Evaluates on the first `limit` examples of `data` (all by default). */
export function evaluate(model: Model, data: Dataset, loss: TrainLoss, limit = size(data)): Evaluation {
  const part = head(data, limit);
  const n = size(part);
  const k = data.inputSize;
  let total = 0;
  let errors = 0;
  for (let from = 0; from < n; from += CHUNK) {
    const m = Math.min(CHUNK, n - from);
    const trace = forward(model, part.inputs.subarray(from * k, (from + m) * k), m);
    const v = lossGradient(loss, trace.post[trace.post.length - 1], part.labels.subarray(from, from + m), m, data.classes, model.dtype);
    total += v.loss * m;
    errors += v.errors;
  }
  return { loss: total / n, error: errors / n };
}

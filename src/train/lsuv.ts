/**
 * LSUV for the trainer's models (the algorithm and its options: ../init/lsuv.ts): every layer,
 * the output layer included (as the authors' PyTorch port does), is calibrated on a batch of
 * training examples, first to last.
 */
import { calibrateLayer, type LsuvLayer, type LsuvOptions } from '../init/lsuv.js';
import { summarize } from '../stats/moments.js';
import type { FloatArray } from '../tensor.js';
import { layerCount, type Model } from './model.js';
import { activate, asModelType, preactivation } from './pass.js';

export { LSUV_DEFAULTS, parseLsuv, type LsuvLayer, type LsuvOptions } from '../init/lsuv.js';

/** Calibrates `model` (built with orthogonal weights) in place on `n` examples; returns what each layer took. */
export function lsuv(model: Model, calibration: FloatArray, n: number, options: LsuvOptions = {}): LsuvLayer[] {
  let x = asModelType(model, calibration);
  const report: LsuvLayer[] = [];
  for (let l = 1; l <= layerCount(model); l++) {
    let z: FloatArray | undefined;
    report.push(calibrateLayer(l, model.weights[l - 1], () => summarize((z = preactivation(model, l, x, n))).variance, options));
    x = activate(model, z!);
  }
  return report;
}

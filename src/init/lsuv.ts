/**
 * Layer-sequential unit-variance initialization (LSUV; Mishkin & Matas, "All you need is a good
 * init", ICLR 2016, Algorithm 1): start from orthonormal weights (Saxe et al. 2014), then for each
 * layer L, first to last, on a calibration batch:
 *
 *   while |Var(z^L) - 1| ≥ tol and T < T_max:  W^L ← W^L / √Var(z^L)
 *
 * where Var is taken over every element of the layer's output z^L = x^{L-1} W^L + b^L (before
 * the activation, as the authors' Caffe script measures it) and the batch is the same at each
 * iteration. With zero biases one rescaling lands exactly on 1 (up to rounding); biases make it
 * iterate. Defaults tol = 0.1, T_max = 10 as in the Torch and PyTorch ports.
 *
 * It needs data, so it is not an `initializer()`: the trainer (../train/lsuv.ts) calibrates on
 * training examples and the lab (../lab/forward.ts) on its input batch, both through
 * `calibrateLayer`. As a spec: `lsuv` or `lsuv(tol=0.05, max_iter=20, batch=256)` (batch:
 * calibration examples, for the trainer).
 */
import { fail } from '../errors.js';
import type { FloatArray } from '../tensor.js';
import { integer, positive } from '../validate.js';

export interface LsuvOptions {
  /** Tolerance on |Var - 1| (default 0.1). */
  readonly tol?: number;
  /** Rescalings per layer at most (default 10). */
  readonly maxIter?: number;
  /** Calibration examples (default 256). */
  readonly batch?: number;
}

export const LSUV_DEFAULTS = { tol: 0.1, maxIter: 10, batch: 256 } as const;

/** The weight initializer LSUV starts from. */
export const LSUV_PRE_INIT = 'orthogonal';

export interface LsuvLayer {
  readonly layer: number;
  /** Rescalings done. */
  readonly iterations: number;
  /** Var(z^L) on the calibration batch before and after. */
  readonly initialVariance: number;
  readonly variance: number;
  /** Product of the factors W^L was multiplied by. */
  readonly scale: number;
}

/**
 * Rescales one layer's weight `w` in place until `variance()` (the variance of the layer's output
 * on the calibration batch, recomputed with the current `w`) is within `tol` of 1.
 */
export function calibrateLayer(layer: number, w: FloatArray, variance: () => number, options: LsuvOptions = {}): LsuvLayer {
  const tol = positive('tol', options.tol ?? LSUV_DEFAULTS.tol);
  const maxIter = integer('max_iter', options.maxIter ?? LSUV_DEFAULTS.maxIter, 0, 1000);
  const initialVariance = variance();
  let v = initialVariance;
  let iterations = 0;
  let scale = 1;
  while (Math.abs(v - 1) >= tol && iterations < maxIter && v > 0 && Number.isFinite(v)) {
    const s = 1 / Math.sqrt(v);
    for (let i = 0; i < w.length; i++) w[i] *= s;
    scale *= s;
    iterations++;
    v = variance();
  }
  return { layer, iterations, initialVariance, variance: v, scale };
}

/** `lsuv` or `lsuv(tol=..., max_iter=..., batch=...)` as options; undefined for any other spec. */
export function parseLsuv(spec: unknown): LsuvOptions | undefined {
  if (typeof spec !== 'string') return undefined;
  const m = /^\s*lsuv\s*(?:\((.*)\))?\s*$/i.exec(spec);
  if (m === null) return undefined;
  const options: { tol?: number; maxIter?: number; batch?: number } = {};
  const expected = 'lsuv or lsuv(tol=0.1, max_iter=10, batch=256)';
  for (const part of (m[1] ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    const v = Number(value);
    if (extra !== undefined || value === undefined || value === '' || !Number.isFinite(v)) fail('init', spec, `${expected} (${JSON.stringify(part)} is not key=number)`);
    if (key === 'tol') options.tol = positive('tol', v);
    else if (key === 'max_iter') options.maxIter = integer('max_iter', v, 0, 1000);
    else if (key === 'batch') options.batch = integer('batch', v, 2);
    else fail('init', spec, `${expected} (unknown parameter ${JSON.stringify(key)})`);
  }
  return options;
}

/**
 * The JavaScript side of the fused activation and statistics kernels (../../assembly/stats.ts):
 * activation codes, the kernel calls on arrays in the kernels' memory, and the merge of the
 * per-task statistics.
 *
 * Tasks are fixed chunks of the array; each reports (n, Σx, M2 about its own mean, min, max,
 * non-finite, zeros, saturated) and the chunks are merged in task order by the update of Chan,
 * Golub & LeVeque (The American Statistician 37, 1983): with δ = x̄_B − x̄_A,
 * x̄ = x̄_A + δ·n_B/n and M2 = M2_A + M2_B + δ²·n_A·n_B/n. Σ and M2 run in float64 on float32 data,
 * so mean and variance agree with the float64 reference (../stats/moments.ts) to about 1e-12
 * relative, and are identical for every thread count.
 *
 * Activations are float32 evaluations of the formulas of ../activations/functions.ts:
 * |φ₃₂(x) − φ(x)| ≤ 8u·(|φ(x)| + |x·φ'(x)| + ½), u = 2⁻²⁴ (tested; u·|x·φ'| is the error of
 * rounding the argument itself, ½ covers cancellation in sums such as silu' = σ + x·σ' and exp
 * underflowing to 0 below e⁻⁸⁷), and φ' likewise with φ''. Measured: within 5 ulp relative
 * wherever the value is not near a zero crossing. The exact GELU has no kernel (`activationCode`
 * returns undefined and the lab evaluates it in JavaScript).
 */
import type { Activation } from '../activations/index.js';
import type { Wasm } from './backend.js';

/** Codes of the activations with a kernel (assembly/statsActivations.ts). */
const ACTIVATION_CODES: Readonly<Record<string, number>> = {
  identity: 0, tanh: 1, sigmoid: 2, softsign: 3, relu: 4, leaky_relu: 5, elu: 6, selu: 7,
  silu: 8, softplus: 9, hardtanh: 10, gelu_tanh: 11, mish: 12,
};

/** The kernel code of a built-in activation, or undefined (GELU, custom functions). */
export function activationCode(phi: Activation): number | undefined {
  return ACTIVATION_CODES[phi.name];
}

/** Merged statistics of one tensor's finite values. */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  /** M2 = Σ(x − mean)²; the population variance is M2 / n. */
  readonly m2: number;
  readonly min: number;
  readonly max: number;
  readonly nonFinite: number;
  readonly zeros: number;
  readonly saturated: number;
}

/** Task slots: how many tasks the kernels cut `n` elements into, and floats per slot. */
export function statsTasks(w: Wasm, n: number): number {
  return Math.ceil(n / w.kernels.exports.statsChunk());
}

/** Merges `tasks` slots starting at slot `first` of the float64 array at `slots`. */
export function mergeMoments(w: Wasm, slots: number, first: number, tasks: number): Moments {
  const width = w.kernels.exports.statsSlot();
  const s = w.kernels.f64(slots + 8 * width * first, width * tasks);
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  let zeros = 0;
  let saturated = 0;
  for (let t = 0; t < tasks; t++) {
    const o = t * width;
    const nb = s[o];
    nonFinite += s[o + 5];
    zeros += s[o + 6];
    saturated += s[o + 7];
    if (nb === 0) continue;
    const meanB = s[o + 1] / nb;
    const total = n + nb;
    const delta = meanB - mean;
    mean += (delta * nb) / total;
    m2 += s[o + 2] + (delta * delta * n * nb) / total;
    n = total;
    min = Math.min(min, s[o + 3]);
    max = Math.max(max, s[o + 4]);
  }
  return { n, mean, m2, min, max, nonFinite, zeros, saturated };
}

/** Saturation bounds passed to the kernels: none is (−∞, ∞), which nothing finite reaches. */
export interface Bounds {
  readonly lo: number;
  readonly hi: number;
}
export const NO_BOUNDS: Bounds = { lo: -Infinity, hi: Infinity };

/**
 * h = φ(z) for n float32 elements (pointers); with statistics, returns those of z and of h (h's
 * counting values ≤ bounds.lo or ≥ bounds.hi as saturated).
 */
export function activate(w: Wasm, code: number, param: number, z: number, h: number, n: number, bounds: Bounds | null): [Moments, Moments] | null {
  const { kernels, pool } = w;
  const tasks = statsTasks(w, n);
  if (bounds === null) {
    pool.run('activate', [z, h, n, code, param, 0, tasks, 0, 0], tasks);
    return null;
  }
  return kernels.scoped(() => {
    const slots = kernels.alloc(2 * tasks * 8 * kernels.exports.statsSlot());
    pool.run('activate', [z, h, n, code, param, slots, tasks, bounds.lo, bounds.hi], tasks);
    return [mergeMoments(w, slots, 0, tasks), mergeMoments(w, slots, tasks, tasks)];
  });
}

/** d = g ⊙ φ'(z) for n float32 elements; returns the statistics of g and of d. */
export function activateSlope(w: Wasm, code: number, param: number, g: number, z: number, d: number, n: number): [Moments, Moments] {
  const { kernels, pool } = w;
  const tasks = statsTasks(w, n);
  return kernels.scoped(() => {
    const slots = kernels.alloc(2 * tasks * 8 * kernels.exports.statsSlot());
    pool.run('activateSlope', [g, z, d, n, code, param, slots, tasks], tasks);
    return [mergeMoments(w, slots, 0, tasks), mergeMoments(w, slots, tasks, tasks)];
  });
}

/** Statistics of n float32 elements at x. */
export function moments(w: Wasm, x: number, n: number, bounds: Bounds = NO_BOUNDS): Moments {
  const { kernels, pool } = w;
  const tasks = statsTasks(w, n);
  return kernels.scoped(() => {
    const slots = kernels.alloc(tasks * 8 * kernels.exports.statsSlot());
    pool.run('tensorStats', [x, n, bounds.lo, bounds.hi, slots], tasks);
    return mergeMoments(w, slots, 0, tasks);
  });
}

/**
 * Histogram counts of the n float32 values at x in the bins cut by `edges` (float64, ascending,
 * bins + 1 of them), as `histogram` (../stats/histogram.ts) counts them: [underflow, bins...,
 * overflow]. Comparisons are exact: the kernel gets the float32 edges that order float32 values
 * as the float64 edges do.
 */
export function histogramCounts(w: Wasm, x: number, n: number, edges: readonly number[]): number[] {
  const { kernels, pool } = w;
  const bins = edges.length - 1;
  const tasks = statsTasks(w, n);
  const regions = bins + 2;
  return kernels.scoped(() => {
    const e = kernels.alloc(4 * bins);
    const c = kernels.alloc(16 * tasks * regions);
    const e32 = kernels.f32(e, bins);
    for (let i = 0; i < bins; i++) e32[i] = ceil32(edges[i]);
    const lo = e32[0];
    const top = floor32(edges[bins]);
    pool.run('histogramCounts', [x, n, e, bins, top, Math.fround(bins / (top - lo)), c], tasks);
    return sumTasks(kernels.u32(c, 4 * tasks * regions), tasks, regions, 4 * regions);
  });
}

/** Σ over tasks of counts[t·stride + r], r < regions. */
function sumTasks(counts: Uint32Array, tasks: number, regions: number, stride: number): number[] {
  const total = new Array<number>(regions).fill(0);
  for (let t = 0; t < tasks; t++) {
    for (let r = 0; r < regions; r++) total[r] += counts[t * stride + r];
  }
  return total;
}

/** Bins of the quantile search over [min, max]. */
const QUANTILE_BINS = 2048;

/**
 * The regions of the quantile search (`quantileRegions` in assembly/stats.ts) of the n float32
 * values at x: 0 below min, 1 + ⌊(x − min)·scale⌋ up to bins + 1, counted per task.
 */
export class QuantileRegions {
  readonly lo: number;
  readonly scale: number;
  readonly bins = QUANTILE_BINS;
  readonly regions = QUANTILE_BINS + 3;
  readonly tasks: number;
  /** counts[t·stride + r] for each task t (the kernel's totals; its sub-histograms follow). */
  readonly counts: Uint32Array;
  private readonly stride: number;
  /** Σ over tasks. */
  readonly totals: number[];

  constructor(private readonly w: Wasm, private readonly x: number, private readonly n: number, min: number, max: number) {
    const { kernels, pool } = w;
    this.lo = Math.fround(min);
    this.scale = max > min ? Math.fround(this.bins / (max - min)) : 0;
    this.tasks = statsTasks(w, n);
    const { tasks, regions } = this;
    this.stride = 4 * regions;
    this.counts = kernels.scoped(() => {
      const c = kernels.alloc(4 * tasks * this.stride);
      pool.run('quantileCounts', [x, n, this.lo, this.scale, this.bins, c], tasks);
      return kernels.u32(c, tasks * this.stride).slice();
    });
    this.totals = sumTasks(this.counts, tasks, regions, this.stride);
  }

  /** The values in regions r1..r2, in index order. */
  gather(r1: number, r2: number): Float32Array {
    const { kernels, pool } = this.w;
    const { tasks } = this;
    return kernels.scoped(() => {
      const offsets = kernels.alloc(4 * tasks);
      const o = kernels.u32(offsets, tasks);
      let total = 0;
      for (let t = 0; t < tasks; t++) {
        o[t] = total;
        for (let r = r1; r <= r2; r++) total += this.counts[t * this.stride + r];
      }
      const out = kernels.alloc(4 * total);
      pool.run('gatherRegions', [this.x, this.n, this.lo, this.scale, this.bins, r1, r2, out, offsets], tasks);
      return kernels.f32(out, total).slice();
    });
  }
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** The smallest float32 ≥ x (x finite). */
export function ceil32(x: number): number {
  const f = Math.fround(x);
  return f >= x ? f : next32(f, 1);
}

/** The largest float32 ≤ x (x finite). */
export function floor32(x: number): number {
  const f = Math.fround(x);
  return f <= x ? f : next32(f, -1);
}

/** The float32 next to f towards +∞ (dir 1) or −∞ (dir −1). */
function next32(f: number, dir: 1 | -1): number {
  if (f === 0) return dir * 2 ** -149;
  F32[0] = f;
  U32[0] += (f > 0) === (dir > 0) ? 1 : -1;
  return F32[0];
}

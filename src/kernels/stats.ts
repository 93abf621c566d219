/**
 * The JavaScript side of the fused activation and statistics kernels (../../assembly/stats.ts):
 * activation codes, the kernel calls on arrays in the kernels' memory, and the merge of the
 * per-task statistics.
 *
 * Tasks are fixed chunks of the array. The first pass (fused with φ or φ') reports per task
 * (n, Σx, min, max, non-finite, zeros, saturated, negatives); the second (TensorCounts, one call
 * for several tensors) Σ(x − mean)² about the merged mean, the histogram, ties at min and max and
 * the quantile regions; the third copies out the values of a few quantile regions. Per-task
 * results are added in task order, in float64 for Σ and M2 (the classic two-pass variance), so
 * mean and variance agree with the float64 reference (../stats/moments.ts) to about 1e-12
 * relative and everything is identical for every thread count.
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

/** Merged first-pass statistics of one tensor's finite values. */
export interface Moments {
  readonly n: number;
  /** Σx in float64 (task sums added in task order), and Σx / n. */
  readonly sum: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly nonFinite: number;
  readonly zeros: number;
  readonly saturated: number;
  /** Finite values below 0. */
  readonly negatives: number;
}

/** Task slots: how many tasks the kernels cut `n` elements into. */
export function statsTasks(w: Wasm, n: number): number {
  return Math.ceil(n / w.kernels.exports.statsChunk());
}

/** Adds `tasks` slots starting at slot `first` of the float64 array at `slots`, in task order. */
export function mergeMoments(w: Wasm, slots: number, first: number, tasks: number): Moments {
  const width = w.kernels.exports.statsSlot();
  const s = w.kernels.f64(slots + 8 * width * first, width * tasks);
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  let zeros = 0;
  let saturated = 0;
  let negatives = 0;
  for (let t = 0; t < tasks; t++) {
    const o = t * width;
    n += s[o];
    sum += s[o + 1];
    if (s[o] > 0) {
      min = Math.min(min, s[o + 2]);
      max = Math.max(max, s[o + 3]);
    }
    nonFinite += s[o + 4];
    zeros += s[o + 5];
    saturated += s[o + 6];
    negatives += s[o + 7];
  }
  return { n, sum, mean: n > 0 ? sum / n : NaN, min, max, nonFinite, zeros, saturated, negatives };
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
    pool.run(`activate${code}`, [z, h, n, param, 0, tasks, 0, 0], tasks);
    return null;
  }
  return kernels.scoped(() => {
    const slots = kernels.alloc(2 * tasks * 8 * kernels.exports.statsSlot());
    pool.run(`activate${code}`, [z, h, n, param, slots, tasks, bounds.lo, bounds.hi], tasks);
    return [mergeMoments(w, slots, 0, tasks), mergeMoments(w, slots, tasks, tasks)];
  });
}

/** d = g ⊙ φ'(z) for n float32 elements; returns the statistics of g and of d. */
export function activateSlope(w: Wasm, code: number, param: number, g: number, z: number, d: number, n: number): [Moments, Moments] {
  const { kernels, pool } = w;
  const tasks = statsTasks(w, n);
  return kernels.scoped(() => {
    const slots = kernels.alloc(2 * tasks * 8 * kernels.exports.statsSlot());
    pool.run(`activateSlope${code}`, [g, z, d, n, param, slots, tasks], tasks);
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

/** z[r, :] += b for a rows×cols float32 matrix at z (b copied into the kernels' memory). */
export function addBias(w: Wasm, z: number, b: ArrayLike<number>, rows: number, cols: number): void {
  const { kernels, pool } = w;
  kernels.scoped(() => {
    const ptr = kernels.alloc(4 * cols);
    kernels.f32(ptr, cols).set(b);
    pool.run('addBias', [z, ptr, rows, cols], Math.ceil(rows / kernels.exports.biasRows()));
  });
}

/** Bins of the quantile search over [min, max]. */
export const QUANTILE_BINS = 2048;

/** A tensor for the second pass: n float32 values at x, their first-pass moments and histogram edges. */
export interface CountItem {
  readonly x: number;
  readonly n: number;
  readonly m: Moments;
  /** bins + 1 float64 edges, ascending (../stats/histogram.ts). */
  readonly edges: readonly number[];
}

/**
 * What the second pass found: M2 = Σ(x − mean)², the histogram counts [underflow, bins...,
 * overflow] as `histogram` counts them, how many values equal min, equal max, lie below 0, and the
 * quantile regions (0 below min, 1 + ⌊(x − min)·scale⌋ up to bins + 1).
 */
export interface Counts {
  readonly m2: number;
  readonly histogram: number[];
  readonly atMin: number;
  readonly atMax: number;
  readonly negatives: number;
  readonly regions: { readonly lo: number; readonly scale: number; readonly totals: Uint32Array; perTask(t: number, r1: number, r2: number): number };
}

/** Byte offsets of a job's fields (assembly/statsCounts.ts): i32 and u32 pointers, f32, the mean in f64. */
const JOB = { x: 0, n: 4, clean: 8, bins: 12, bounds: 16, hscale: 20, qlo: 24, qscale: 28, qbins: 32, min: 36, max: 40, out: 44, block: 48, mean: 56, ranges: 64 } as const;

/** A region range [r1, r2] (r1 > r2: none). */
export type RegionRange = readonly [number, number];

/**
 * The second and third passes over several tensors at once (assembly/statsCounts.ts): `count`
 * runs statsCount for all of them in one call; `gather` copies out the values of up to two
 * quantile region ranges per tensor in one call. Use inside `kernels.scoped`: the per-task blocks
 * and the gathered values live on the arena.
 */
export class TensorCounts {
  readonly counts: Counts[];
  private readonly jobs: number;
  private readonly tasksPer: number;

  constructor(private readonly w: Wasm, private readonly items: readonly CountItem[]) {
    const { kernels, pool } = w;
    const x = kernels.exports;
    const jobBytes = x.statsJobBytes();
    this.tasksPer = Math.max(...items.map((it) => statsTasks(w, it.n)));
    const tasksPer = this.tasksPer;
    this.jobs = kernels.alloc(jobBytes * items.length);
    const layouts = items.map((it) => {
      const bins = it.edges.length - 1;
      const blockBytes = x.statsBlockBytes(bins, QUANTILE_BINS);
      const bounds = kernels.alloc(4 * (bins + 1));
      const blocks = kernels.alloc(blockBytes * tasksPer);
      const totals = kernels.alloc(blockBytes);
      return { bins, blockBytes, bounds, blocks, totals };
    });
    const qlos: number[] = [];
    const qscales: number[] = [];
    items.forEach((it, i) => {
      const { bins, blockBytes, bounds, blocks } = layouts[i];
      // Float32 bounds ordering float32 values as the float64 edges do (x < edge ⟺ x < ceil32(edge),
      // x ≤ last ⟺ x < the float32 above floor32(last)).
      const b32 = kernels.f32(bounds, bins + 1);
      for (let j = 0; j < bins; j++) b32[j] = ceil32(it.edges[j]);
      b32[bins] = next32(floor32(it.edges[bins]), 1);
      const width = b32[bins] - b32[0];
      qlos.push(Math.fround(it.m.min));
      // A scale beyond float32 (a spread of subnormals) is 0: one region holds everything, still exact.
      const finite32 = (v: number) => (Number.isFinite(Math.fround(v)) ? Math.fround(v) : 0);
      qscales.push(it.m.max > it.m.min ? finite32(QUANTILE_BINS / (it.m.max - it.m.min)) : 0);
      const at = this.jobs + jobBytes * i;
      const int = new Int32Array(kernels.memory.buffer, at, jobBytes / 4);
      const float = kernels.f32(at, jobBytes / 4);
      int.fill(0);
      int[JOB.x / 4] = it.x;
      int[JOB.n / 4] = it.n;
      int[JOB.clean / 4] = it.m.nonFinite === 0 ? 1 : 0;
      int[JOB.bins / 4] = bins;
      int[JOB.bounds / 4] = bounds;
      float[JOB.hscale / 4] = Number.isFinite(width) && width > 0 ? finite32(bins / width) : 0;
      float[JOB.qlo / 4] = qlos[i];
      float[JOB.qscale / 4] = qscales[i];
      int[JOB.qbins / 4] = QUANTILE_BINS;
      float[JOB.min / 4] = it.m.min;
      float[JOB.max / 4] = it.m.max;
      int[JOB.out / 4] = blocks;
      int[JOB.block / 4] = blockBytes;
      kernels.f64(at + JOB.mean, 1)[0] = it.m.mean;
    });
    pool.run('statsCount', [this.jobs, tasksPer], tasksPer * items.length);
    const hist = (x.statsHistOffset() - 8) / 4;
    this.counts = items.map((_, i) => {
      const { bins, blockBytes, blocks, totals } = layouts[i];
      x.statsSum(blocks, tasksPer, blockBytes, totals);
      const words = kernels.u32(totals, (blockBytes - 8) / 4);
      let m2 = 0;
      for (let t = 0; t < tasksPer; t++) m2 += kernels.f64(blocks + t * blockBytes, 1)[0];
      const qoff = x.statsQuantileOffset(bins);
      const perTask = (t: number, r1: number, r2: number) => {
        const c = kernels.u32(blocks + t * blockBytes + qoff, QUANTILE_BINS + 3);
        let s = 0;
        for (let r = r1; r <= r2; r++) s += c[r];
        return s;
      };
      return {
        m2,
        histogram: Array.from(words.subarray(hist, hist + bins + 2)),
        atMin: words[0],
        atMax: words[1],
        negatives: words[2],
        regions: { lo: qlos[i], scale: qscales[i], totals: words.slice((qoff - 8) / 4, (qoff - 8) / 4 + QUANTILE_BINS + 3), perTask },
      };
    });
  }

  /**
   * The values of each tensor whose quantile region lies in each of its (at most two) ranges, in
   * index order: result[i][j] for item i, range j (views on the arena).
   */
  gather(ranges: readonly (readonly RegionRange[])[]): Float32Array[][] {
    const { kernels, pool } = this.w;
    const jobBytes = kernels.exports.statsJobBytes();
    const { tasksPer } = this;
    const outs = this.items.map((it, i) => {
      const tasks = statsTasks(this.w, it.n);
      return [0, 1].map((j) => {
        const [r1, r2] = ranges[i][j] ?? [1, 0];
        const offsets = kernels.alloc(4 * tasksPer);
        const o = kernels.u32(offsets, tasksPer);
        let total = 0;
        for (let t = 0; t < tasks; t++) {
          o[t] = total;
          if (r1 <= r2) total += this.counts[i].regions.perTask(t, r1, r2);
        }
        const out = kernels.alloc(4 * total);
        new Int32Array(kernels.memory.buffer, this.jobs + jobBytes * i + JOB.ranges + 16 * j, 4).set([r1, r2, out, offsets]);
        return { out, total };
      });
    });
    pool.run('statsGather', [this.jobs, tasksPer], tasksPer * this.items.length);
    return outs.map((pair) => pair.map(({ out, total }) => kernels.f32(out, total)));
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
export function next32(f: number, dir: 1 | -1): number {
  if (f === 0) return dir * 2 ** -149;
  F32[0] = f;
  U32[0] += (f > 0) === (dir > 0) ? 1 : -1;
  return F32[0];
}

/**
 * What the lab's passes compute with: arrays, matrix products, the activation and its slope with
 * their statistics. Two engines implement it: the JavaScript reference (this file; float64 runs,
 * `backend: 'js'`) and the WebAssembly kernels for float32 (./wasmEngine.ts), which keep every
 * array of a run in the kernels' memory. ./forward.ts and ./backward.ts are written once against
 * this interface.
 */
import { matmul, matmulTransA, matmulTransB } from '../linalg/matmul.js';
import type { GemmOp } from '../kernels/gemm.js';
import { wasm } from '../kernels/backend.js';
import type { Key } from '../random/key.js';
import { allocate, type FloatArray } from '../tensor.js';
import { arrayStats, type ArrayStats, type StatsOptions } from './arrayStats.js';
import type { Network } from './network.js';
import { wasmEngine } from './wasmEngine.js';

/** An elementwise result with the statistics of its input and its output. */
export interface Fused {
  readonly out: FloatArray;
  readonly inStats?: ArrayStats;
  readonly outStats?: ArrayStats;
}

export interface Engine {
  /** A new array of n elements (contents unspecified). */
  alloc(n: number): FloatArray;
  /** The array as the engine keeps it (a copy into its memory, or the array itself). */
  adopt(a: FloatArray): FloatArray;
  /** Layer l's weight [in, out] (into `out` when given). */
  weight(net: Network, root: Key, l: number, out?: FloatArray): FloatArray;
  /**
   * op(A)·op(B)/divisor, m×n (into `out` when given): `nn` A·B (A m×k, B k×n), `nt` A·Bᵀ (B n×k),
   * `tn` Aᵀ·B (A k×m). The JS engine accumulates in float64 and rounds once; the wasm engine in
   * float32 (../kernels/gemm.ts states the bound).
   */
  product(op: GemmOp, a: FloatArray, b: FloatArray, m: number, k: number, n: number, divisor?: number, out?: FloatArray): FloatArray;
  /** z[r, :] += b for z rows×cols. */
  addBias(z: FloatArray, b: FloatArray, rows: number, cols: number): void;
  /** h = φ(z) (into `out` when given), and with options the statistics of z (`inStats`) and of h (`outStats`). */
  activate(net: Network, z: FloatArray, stats: { z: StatsOptions; h: StatsOptions } | null, out?: FloatArray): Fused;
  /** δ = g ⊙ φ'(z) (into `out` when given) with the statistics of g (`inStats`) and of δ (`outStats`). */
  activateSlope(net: Network, g: FloatArray, z: FloatArray, options: StatsOptions, out?: FloatArray): Required<Fused>;
  stats(a: FloatArray, options: StatsOptions): ArrayStats;
  /** Runs a whole pass; arrays the engine made inside are released afterwards. */
  session<T>(body: () => T): T;
}

/** The engine for a network: the wasm kernels for float32 when they are in use, else the reference. */
export function engineFor(net: Network): Engine {
  const w = net.config.dtype === 'float32' ? wasm() : null;
  return w === null ? jsEngine(net) : wasmEngine(w, net);
}

/** The JavaScript reference engine, in the configured dtype. */
export function jsEngine(net: Network): Engine {
  const dtype = net.config.dtype;
  const products = { nn: matmul, nt: matmulTransB, tn: matmulTransA } as const;
  return {
    alloc: (n) => allocate(dtype, n),
    adopt: (a) => a,
    weight: (n, root, l, out) => n.weight(root, l, out),
    product(op, a, b, m, k, n, divisor = 1, out) {
      const c = products[op](a, b, m, k, n);
      if (divisor !== 1) for (let i = 0; i < c.length; i++) c[i] /= divisor;
      if (out === undefined) return c;
      out.set(c);
      return out;
    },
    addBias(z, b, rows, cols) {
      for (let r = 0; r < rows * cols; r += cols) {
        for (let j = 0; j < cols; j++) z[r + j] += b[j];
      }
    },
    activate(n, z, stats, out) {
      const f = n.phi.f;
      const h = out ?? allocate(dtype, z.length);
      for (let i = 0; i < z.length; i++) h[i] = f(z[i]);
      if (stats === null) return { out: h };
      return { out: h, inStats: arrayStats(z, stats.z), outStats: arrayStats(h, stats.h) };
    },
    activateSlope(n, g, z, options, out) {
      const df = n.phi.df;
      const delta = out ?? allocate(dtype, g.length);
      for (let i = 0; i < g.length; i++) delta[i] = g[i] * df(z[i]);
      return { out: delta, inStats: arrayStats(g, options), outStats: arrayStats(delta, options) };
    },
    stats: arrayStats,
    session: (body) => body(),
  };
}

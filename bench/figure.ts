/**
 * A benchmark figure: one piece of work (`name`) done by one system, timed as the median of
 * several repetitions after an untimed warm-up. Work is either elements produced (fills) or
 * floating-point operations (matrix products), which gives the rate printed beside the time.
 */

export const SYSTEMS = ['initlab-js', 'initlab-wasm-1t', 'initlab-wasm', 'tfjs-cpu', 'tfjs-wasm'] as const;
export type System = (typeof SYSTEMS)[number];

export interface Figure {
  readonly name: string;
  readonly system: System;
  /**
   * Per call: elements produced (fills, orthogonal), floating-point operations (gemm, lab) or
   * training examples.
   */
  readonly work: { readonly elements: number } | { readonly flops: number } | { readonly examples: number };
  readonly reps: number;
  /** Whether an untimed call precedes the timed ones (default true; off for runs of many seconds). */
  readonly warmup?: boolean;
  /** Runs once before timing (switches backends, allocates); optional. */
  readonly setup?: () => Promise<void> | void;
  /**
   * One timed call. A call that times its own inner part (training, whose set-up is not
   * throughput) returns those seconds, which replace the wall time.
   */
  readonly run: () => Promise<number | void> | number | void;
  /** Why this figure is not measured (too slow to be worth the minutes), printed instead. */
  readonly skip?: string;
}

export interface Result {
  readonly name: string;
  readonly system: System;
  readonly median_s: number;
  readonly elements_per_s?: number;
  readonly gflops?: number;
  readonly examples_per_s?: number;
  readonly reps: number;
}

const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function measure(f: Figure): Promise<Result> {
  await f.setup?.();
  collect();
  if (f.warmup !== false) await f.run(); // compiles, touches memory, starts worker threads
  const times: number[] = [];
  for (let r = 0; r < f.reps; r++) {
    collect();
    const start = process.hrtime.bigint();
    const inner = await f.run();
    times.push(typeof inner === 'number' ? inner : Number(process.hrtime.bigint() - start) / 1e9);
  }
  const median_s = median(times);
  const w = f.work;
  const rate = 'elements' in w ? { elements_per_s: w.elements / median_s }
    : 'flops' in w ? { gflops: w.flops / median_s / 1e9 } : { examples_per_s: w.examples / median_s };
  return { name: f.name, system: f.system, median_s, ...rate, reps: f.reps };
}

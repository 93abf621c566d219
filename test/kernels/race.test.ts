import { Worker, type WorkerOptions } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { sgemm, type GemmOp } from '../../src/kernels/gemm.js';
import { Pool } from '../../src/kernels/pool.js';
import { WasmKernels } from '../../src/kernels/wasm.js';
import { matmul, matmulTransA, matmulTransB } from '../../src/linalg/matmul.js';

/**
 * A worker must act on the jobs the calling thread opens, never on a wake-up alone: a wake-up can
 * come late (the caller's notify for a job the worker already saw open and finished without
 * sleeping) or from anywhere else that notifies the control block. A worker that took such a
 * wake-up for a new job used to lose step with the caller: it then read the control block while
 * the caller wrote the next job into it (a kernel name of one job with the arguments of another:
 * "sgemmRowsLd failed on a worker thread: memory access out of bounds" in 3 of 40 runs of a
 * 300-update training preset on 2 threads) and let the caller return before its tasks were done.
 *
 * Here the wake-ups are delivered on purpose, between jobs, to a worker known to be asleep (a
 * notify reports how many sleepers it woke), on every word of the control block; then products of
 * many shapes, with memory growth and new crews in between, must all be exact.
 */

const ops: GemmOp[] = ['nn', 'nt', 'tn'];
const reference = { nn: matmul, nt: matmulTransB, tn: matmulTransA };

/** A deterministic stream of small integers, so float32 sums are exact and the reference is exact. */
function integers(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 16) % 9 - 4;
  };
}

describe('spurious wake-ups of the workers', () => {
  it('leave every product exact, across memory growth and new crews', async () => {
    const controls: SharedArrayBuffer[] = [];
    /** Node's Worker, keeping each crew's control block (its shared buffer) so the test can notify on it. */
    class Watched extends Worker {
      constructor(code: string, options: WorkerOptions) {
        super(code, options);
        controls.push(...Object.values(options.workerData as object).filter((v) => v instanceof SharedArrayBuffer));
      }
    }
    const kernels = new WasmKernels(true);
    const warnings: string[] = [];
    const pool = new Pool(kernels.exports, kernels.module, kernels.memory, 2, { Worker: Watched, warn: (line) => warnings.push(line) });
    kernels.onGrow = () => pool.restart();
    const w = { kernels, pool };
    const next = integers(2015);

    /** One product of shape m×k×n on the pool, checked element by element against the reference. */
    const product = (op: GemmOp, m: number, k: number, n: number): void => {
      const a = Float32Array.from({ length: m * k }, next);
      const b = Float32Array.from({ length: k * n }, next);
      const expected = reference[op](a, b, m, k, n);
      const got = kernels.scoped(() => {
        const pa = kernels.alloc(4 * a.length);
        const pb = kernels.alloc(4 * b.length);
        const pc = kernels.alloc(4 * m * n);
        kernels.f32(pa, a.length).set(a);
        kernels.f32(pb, b.length).set(b);
        kernels.f32(pc, m * n).fill(Number.NaN);
        sgemm(w, op, pa, pb, pc, m, k, n);
        return kernels.f32(pc, m * n).slice();
      });
      expect(got, `${op} ${m}×${k}×${n}`).toEqual(expected);
    };

    /**
     * Notifies every word of the current crew's control block until a notify wakes a sleeping
     * worker (workers start in the background, so the first tries may find none), between jobs.
     */
    const wakeSpuriously = async (): Promise<number> => {
      for (let attempt = 0; attempt < 3000; attempt++) {
        product('nn', 130, 3, 17);
        const ctrl = new Int32Array(controls[controls.length - 1]);
        let woken = 0;
        for (let i = 0; i < ctrl.length; i++) woken += Atomics.notify(ctrl, i);
        if (woken > 0) return woken;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return 0;
    };

    let crews = 0;
    for (let round = 0; round < 6; round++) {
      // Rounds 2 and 4 grow the memory first: the pool replaces its crew.
      if (round === 2 || round === 4) kernels.scoped(() => kernels.alloc(kernels.memory.buffer.byteLength));
      expect(await wakeSpuriously(), 'a sleeping worker was woken').toBeGreaterThan(0);
      crews = controls.length;
      // Two or more row blocks (tasks) each; every tenth product is two k-blocks deep.
      for (let j = 0; j < 40; j++) {
        const m = 65 + ((j * 37) % 140);
        const k = j % 10 === 9 ? 520 : 1 + ((j * 13) % 40);
        const n = 1 + ((j * 29) % 48);
        product(ops[j % 3], m, k, n);
      }
    }
    expect(crews).toBeGreaterThanOrEqual(3);
    expect(warnings).toEqual([]);
    pool.close();
  });
});

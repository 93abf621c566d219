/**
 * A pool of worker threads over the kernels' shared memory, driven synchronously: `run(name,
 * args, tasks)` calls the kernel `name(...args, task)` for task = 0 .. tasks-1, spread over the
 * calling thread and the workers, and returns when all are done.
 *
 * Tasks are handed out from an atomic counter, so which thread runs a task varies from call to
 * call; kernels are written so a task's output depends only on its index (each task writes its
 * own part of the output, and partial sums go to per-task slots reduced in task order by the
 * caller). Results are therefore identical for 1 and N threads.
 *
 * Protocol (one Int32Array on a SharedArrayBuffer): the caller writes the kernel, its arguments
 * and the task count, bumps GEN and wakes the workers; every thread takes tasks until none are
 * left; each worker then bumps DONE, and the caller waits until DONE counts every worker. Node
 * only (worker_threads; the caller blocks in Atomics.wait, which browsers forbid on their main
 * thread).
 */

const GEN = 0;
const NEXT = 1;
const TASKS = 2;
const DONE = 3;
const FN = 4;
const NARGS = 5;
const FAILED = 6;
const ARGS_BYTES = 64;
const MAX_ARGS = 24;
/** How long the caller waits for the workers before it reports them stuck. */
const WAIT_MS = 60_000;

/** The worker's whole program (a CommonJS script, so it runs from source and from dist alike). */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, names } = workerData;
const exp = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctrl = new Int32Array(control);
const args = new Float64Array(control, ${ARGS_BYTES}, ${MAX_ARGS});
for (let gen = 0; ; gen++) {
  Atomics.wait(ctrl, ${GEN}, gen);
  const fn = exp[names[ctrl[${FN}]]];
  const a = Array.from(args.subarray(0, ctrl[${NARGS}]));
  const tasks = ctrl[${TASKS}];
  try {
    for (let t; (t = Atomics.add(ctrl, ${NEXT}, 1)) < tasks; ) fn(...a, t);
  } catch (e) {
    Atomics.store(ctrl, ${FAILED}, 1);
  }
  Atomics.add(ctrl, ${DONE}, 1);
  Atomics.notify(ctrl, ${DONE});
}
`;

interface WorkerLike {
  unref(): void;
  terminate(): unknown;
}
type WorkerConstructor = new (code: string, options: { eval: true; workerData: unknown }) => WorkerLike;

/** Node's Worker, or undefined outside Node (or on a Node without process.getBuiltinModule). */
function nodeWorker(): WorkerConstructor | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:worker_threads') as { Worker?: WorkerConstructor } | undefined;
  return mod?.Worker;
}

/** The most threads a pool can use here: 1 where there are no worker threads. */
export function canUseWorkers(): boolean {
  return nodeWorker() !== undefined;
}

export class Pool {
  private readonly ctrl: Int32Array;
  private readonly args: Float64Array;
  private readonly names: string[];
  private readonly index: Map<string, number>;
  private readonly threadsHeld: WorkerLike[] = [];
  /** Workers besides the calling thread. */
  readonly workers: number;

  constructor(
    private readonly exports: Record<string, (...args: number[]) => number>,
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    threads: number,
  ) {
    const control = new SharedArrayBuffer(ARGS_BYTES + 8 * MAX_ARGS);
    this.ctrl = new Int32Array(control);
    this.args = new Float64Array(control, ARGS_BYTES, MAX_ARGS);
    this.names = Object.keys(exports).filter((k) => typeof exports[k] === 'function');
    this.index = new Map(this.names.map((n, i) => [n, i]));
    const Worker = nodeWorker();
    this.workers = Worker === undefined ? 0 : threads - 1;
    for (let w = 0; w < this.workers; w++) {
      const worker = new Worker!(WORKER, { eval: true, workerData: { module, memory, control, names: this.names } });
      worker.unref();
      this.threadsHeld.push(worker);
    }
  }

  /** Stops the workers (the pool must not be used afterwards). */
  close(): void {
    for (const w of this.threadsHeld) void w.terminate();
    this.threadsHeld.length = 0;
  }

  /** Threads that run a job: the caller and the workers. */
  get threads(): number {
    return this.workers + 1;
  }

  /** Calls `name(...args, task)` for every task in [0, tasks) and returns when all are done. */
  run(name: string, args: readonly number[], tasks: number): void {
    const fn = this.exports[name];
    if (this.workers === 0 || tasks <= 1) {
      for (let t = 0; t < tasks; t++) fn(...args, t);
      return;
    }
    if (args.length > MAX_ARGS) throw new RangeError(`initlab kernels: ${name} takes at most ${MAX_ARGS} arguments`);
    const c = this.ctrl;
    this.args.set(args);
    c[FN] = this.index.get(name)!;
    c[NARGS] = args.length;
    c[TASKS] = tasks;
    Atomics.store(c, NEXT, 0);
    Atomics.store(c, DONE, 0);
    Atomics.store(c, FAILED, 0);
    Atomics.add(c, GEN, 1);
    Atomics.notify(c, GEN);
    let error: unknown;
    try {
      for (let t; (t = Atomics.add(c, NEXT, 1)) < tasks; ) fn(...args, t);
    } catch (e) {
      error = e;
    }
    for (let d; (d = Atomics.load(c, DONE)) < this.workers; ) {
      if (Atomics.wait(c, DONE, d, WAIT_MS) === 'timed-out') {
        throw new Error(`initlab kernels: worker threads did not finish ${name} within ${WAIT_MS / 1000} s`);
      }
    }
    if (error !== undefined) throw error;
    if (Atomics.load(c, FAILED) !== 0) throw new Error(`initlab kernels: ${name} failed on a worker thread`);
  }
}

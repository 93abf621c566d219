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
 * Protocol (one Int32Array on a SharedArrayBuffer per crew of workers): the caller writes the
 * kernel, its arguments and the task count, bumps GEN and wakes the workers; every thread takes
 * tasks until none are left; each worker then bumps DONE, and the caller waits until DONE counts
 * every worker. A worker that fails records its message for the caller to throw.
 *
 * The memory grows only between jobs, on the calling thread; the crew is then replaced by one
 * instantiated on the grown memory (`restart`), so no worker ever runs a kernel against a stale
 * view of the memory's size. Node only (worker_threads; the caller blocks in Atomics.wait, which
 * browsers forbid on their main thread).
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
const MESSAGE_BYTES = 512;
const CONTROL_BYTES = ARGS_BYTES + 8 * MAX_ARGS + MESSAGE_BYTES;
/** How long the caller waits for the workers before it reports them stuck. */
const WAIT_MS = 60_000;

/** The worker's whole program (a CommonJS script, so it runs from source and from dist alike). */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, names } = workerData;
const exp = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctrl = new Int32Array(control);
const args = new Float64Array(control, ${ARGS_BYTES}, ${MAX_ARGS});
const message = new Uint8Array(control, ${ARGS_BYTES + 8 * MAX_ARGS}, ${MESSAGE_BYTES});
for (let gen = 0; ; gen++) {
  Atomics.wait(ctrl, ${GEN}, gen);
  const name = names[ctrl[${FN}]];
  const a = Array.from(args.subarray(0, ctrl[${NARGS}]));
  const tasks = ctrl[${TASKS}];
  try {
    for (let t; (t = Atomics.add(ctrl, ${NEXT}, 1)) < tasks; ) exp[name](...a, t);
  } catch (e) {
    if (Atomics.compareExchange(ctrl, ${FAILED}, 0, 1) === 0) {
      message.set(new TextEncoder().encode(String(e && e.message || e)).subarray(0, ${MESSAGE_BYTES}));
    }
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

/** Whether this engine can run a pool of more than one thread. */
export function canUseWorkers(): boolean {
  return nodeWorker() !== undefined;
}

/** The workers of one generation of the pool and the control block they listen to. */
interface Crew {
  readonly ctrl: Int32Array;
  readonly args: Float64Array;
  readonly message: Uint8Array;
  readonly workers: WorkerLike[];
}

export class Pool {
  private readonly names: string[];
  private readonly index: Map<string, number>;
  private crew: Crew;
  /** Workers besides the calling thread. */
  readonly workers: number;

  constructor(
    private readonly exports: Record<string, (...args: number[]) => number>,
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
    threads: number,
  ) {
    this.names = Object.keys(exports).filter((k) => typeof exports[k] === 'function');
    this.index = new Map(this.names.map((n, i) => [n, i]));
    this.workers = nodeWorker() === undefined ? 0 : threads - 1;
    this.crew = this.hire();
  }

  private hire(): Crew {
    // A pool of the calling thread alone needs no shared control block (nor may it have one
    // where SharedArrayBuffer does not exist).
    const control = this.workers > 0 ? new SharedArrayBuffer(CONTROL_BYTES) : new ArrayBuffer(CONTROL_BYTES);
    const Worker = nodeWorker();
    const workers: WorkerLike[] = [];
    for (let w = 0; w < this.workers; w++) {
      const worker = new Worker!(WORKER, { eval: true, workerData: { module: this.module, memory: this.memory, control, names: this.names } });
      worker.unref();
      workers.push(worker);
    }
    return {
      ctrl: new Int32Array(control),
      args: new Float64Array(control, ARGS_BYTES, MAX_ARGS),
      message: new Uint8Array(control, ARGS_BYTES + 8 * MAX_ARGS, MESSAGE_BYTES),
      workers,
    };
  }

  /** Replaces the workers by new ones instantiated on the memory as it is now (after it grew). */
  restart(): void {
    if (this.workers === 0) return;
    this.close();
    this.crew = this.hire();
  }

  /** Stops the workers (the pool must not be used afterwards, unless restarted). */
  close(): void {
    for (const w of this.crew.workers) void w.terminate();
    this.crew.workers.length = 0;
  }

  /** Threads that run a job: the caller and the workers. */
  get threads(): number {
    return this.workers + 1;
  }

  /**
   * Calls `name(...args, task)` for every task in [0, tasks) and returns when all are done. The
   * calling thread first runs `meanwhile` (work of its own, e.g. copying out the previous batch,
   * which then overlaps the workers' tasks), then takes tasks too.
   */
  run(name: string, args: readonly number[], tasks: number, meanwhile?: () => void): void {
    const fn = this.exports[name];
    if (this.workers === 0 || tasks <= 1) {
      meanwhile?.();
      for (let t = 0; t < tasks; t++) fn(...args, t);
      return;
    }
    if (args.length > MAX_ARGS) throw new RangeError(`initlab kernels: ${name} takes at most ${MAX_ARGS} arguments`);
    const { ctrl: c, args: slots, message } = this.crew;
    slots.set(args);
    c[FN] = this.index.get(name)!;
    c[NARGS] = args.length;
    c[TASKS] = tasks;
    Atomics.store(c, NEXT, 0);
    Atomics.store(c, DONE, 0);
    Atomics.store(c, FAILED, 0);
    message.fill(0);
    Atomics.add(c, GEN, 1);
    Atomics.notify(c, GEN);
    let error: unknown;
    try {
      meanwhile?.();
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
    if (Atomics.load(c, FAILED) !== 0) {
      const end = message.indexOf(0);
      const text = new TextDecoder().decode(message.slice(0, end < 0 ? MESSAGE_BYTES : end));
      throw new Error(`initlab kernels: ${name} failed on a worker thread: ${text}`);
    }
  }
}

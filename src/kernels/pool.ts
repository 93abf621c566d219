/**
 * A pool of worker threads over the kernels' shared memory, driven synchronously: `run(name,
 * args, tasks)` calls the kernel `name(...args, task)` for task = 0 .. tasks-1, spread over the
 * calling thread and the workers, and returns when all are done.
 *
 * Tasks are handed out from an atomic counter, so which thread runs a task varies from call to
 * call; kernels are written so a task's output depends only on its index (each task writes its
 * own part of the output, and partial sums go to per-task slots reduced in task order by the
 * caller). Results are therefore identical for 1 and N threads, and for workers that join late.
 *
 * Protocol (one Int32Array on a SharedArrayBuffer per crew of workers). The caller writes the
 * kernel, its arguments and the task count, opens job g (JOB = GEN = g) and wakes the workers;
 * every thread takes tasks until none are left and counts each one in FINISHED. A worker joins a
 * job by counting itself in BUSY and then checking that job g is still open, so the caller waits
 * only for tasks taken and for workers that joined: when FINISHED reaches the task count it closes
 * the job (JOB = 0) and waits until BUSY is 0. A worker that has not started yet, or never will,
 * therefore costs nothing: it joins whichever job is open once it is up. A task that fails
 * records its message for the caller to throw.
 *
 * A worker that fails to start is noticed either at the next job (it reports failures of its own
 * start-up code in STARTUP) or as soon as the calling thread's event loop hears of its death
 * (which covers a worker that cannot even run its program); the pool then stops its workers, runs
 * on the calling thread alone (same results) and warns once, naming the cause. Workers start with
 * no command-line flags of the host process (`node --input-type=module -e ...` would otherwise
 * pass on to them), from a program that runs as a script or a module alike.
 *
 * The memory grows only between jobs, on the calling thread; the crew of Node workers is then
 * replaced by one instantiated on the grown memory (`restart`), so no worker ever runs a kernel
 * against a stale view of the memory's size (Web Workers stay: see `restart`).
 *
 * Workers are Node's worker threads, or in a browser nested Web Workers (./browserWorkers.ts)
 * where the caller is a dedicated worker of a cross-origin isolated page (the caller blocks in
 * Atomics.wait, which browsers forbid on their main thread); elsewhere the pool is the calling
 * thread alone. The worker program takes its start-up data from Node's
 * `workerData` or, in a browser, from its first message.
 */
import { WebWorker, whyNoWebWorkers } from './browserWorkers.js';

const GEN = 0;
const JOB = 1;
const NEXT = 2;
const TASKS = 3;
const FINISHED = 4;
const BUSY = 5;
const FN = 6;
const NARGS = 7;
const FAILED = 8;
const STARTUP = 9;
/** Workers that have instantiated the module and wait for jobs. */
const STARTED = 10;
const ARGS_BYTES = 64;
const MAX_ARGS = 24;
const MESSAGE_BYTES = 512;
/** Where a task's failure message goes, then a worker's start-up failure message. */
const MESSAGE_AT = ARGS_BYTES + 8 * MAX_ARGS;
const STARTUP_MESSAGE_AT = MESSAGE_AT + MESSAGE_BYTES;
const CONTROL_BYTES = STARTUP_MESSAGE_AT + MESSAGE_BYTES;
/** How long the caller waits for a task a worker has taken before it reports the worker stuck. */
const WAIT_MS = 60_000;
/** How long `started()` waits for the workers (the pool works without them meanwhile), and how often it looks. */
const START_MS = 10_000;
const START_POLL_MS = 10;

/**
 * The worker's whole program. It uses only what a script and an ES module share (no `require`,
 * no `import`), so it runs whatever module type the host defaults to.
 */
const WORKER = `
const record = (ctrl, slot, at, e) => {
  if (Atomics.compareExchange(ctrl, slot, 0, 1) === 0) {
    new Uint8Array(ctrl.buffer, at, ${MESSAGE_BYTES}).set(new TextEncoder().encode(String(e)).subarray(0, ${MESSAGE_BYTES}));
  }
};
const serve = ({ wasmModule, memory, control, names }) => {
  const ctrl = new Int32Array(control);
  let exp;
  try {
    exp = new WebAssembly.Instance(wasmModule, { env: { memory } }).exports;
  } catch (e) {
    record(ctrl, ${STARTUP}, ${STARTUP_MESSAGE_AT}, e);
    throw e;
  }
  Atomics.add(ctrl, ${STARTED}, 1);
  const args = new Float64Array(control, ${ARGS_BYTES}, ${MAX_ARGS});
  for (let seen = 0; ; ) {
    Atomics.wait(ctrl, ${GEN}, seen);
    const job = Atomics.load(ctrl, ${GEN});
    seen = job;
    Atomics.add(ctrl, ${BUSY}, 1);
    if (Atomics.load(ctrl, ${JOB}) === job) {
      const fn = exp[names[ctrl[${FN}]]];
      const a = Array.from(args.subarray(0, ctrl[${NARGS}]));
      const tasks = ctrl[${TASKS}];
      for (let t; (t = Atomics.add(ctrl, ${NEXT}, 1)) < tasks; ) {
        try {
          fn(...a, t);
        } catch (e) {
          record(ctrl, ${FAILED}, ${MESSAGE_AT}, e);
        }
        if (Atomics.add(ctrl, ${FINISHED}, 1) === tasks - 1) Atomics.notify(ctrl, ${FINISHED});
      }
    }
    Atomics.sub(ctrl, ${BUSY}, 1);
    Atomics.notify(ctrl, ${BUSY});
  }
};
if (typeof process === 'object' && typeof process.getBuiltinModule === 'function') {
  serve(process.getBuiltinModule('node:worker_threads').workerData);
} else {
  self.onmessage = (event) => {
    self.onmessage = null;
    serve(event.data);
  };
}
`;

/** What the pool uses of a Node worker. */
export interface WorkerLike {
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  unref(): void;
  terminate(): unknown;
}
export type WorkerConstructor = new (
  code: string,
  options: { eval: true; execArgv: string[]; workerData: unknown },
) => WorkerLike;

/** Node's Worker, or undefined outside Node (or on a Node without process.getBuiltinModule). */
function nodeWorker(): WorkerConstructor | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:worker_threads') as { Worker?: WorkerConstructor } | undefined;
  return mod?.Worker;
}

/** The workers this engine offers: Node's worker threads, else nested Web Workers where allowed. */
function defaultWorker(): WorkerConstructor | undefined {
  return nodeWorker() ?? (whyNoWebWorkers() === undefined ? WebWorker : undefined);
}

/**
 * Why this engine cannot run a pool of more than one thread, or undefined when it can (Node's
 * worker threads, or Web Workers nested in a dedicated worker of a cross-origin isolated page).
 */
export function whyNoWorkers(): string | undefined {
  return nodeWorker() === undefined ? whyNoWebWorkers() : undefined;
}

/** The workers of one generation of the pool and the control block they listen to. */
interface Crew {
  readonly ctrl: Int32Array;
  readonly args: Float64Array;
  readonly message: Uint8Array;
  readonly startupMessage: Uint8Array;
  readonly workers: WorkerLike[];
}

export interface PoolOptions {
  /** Where the one-line warning goes when the workers cannot start (default: console.warn). */
  readonly warn?: (line: string) => void;
  /**
   * The worker constructor (default: Node's, or in a browser ./browserWorkers.ts's; tests pass
   * one whose workers fail to start).
   */
  readonly Worker?: WorkerConstructor;
}

export class Pool {
  private readonly names: string[];
  private readonly index: Map<string, number>;
  private readonly Worker: WorkerConstructor | undefined;
  private readonly warn: (line: string) => void;
  private crew: Crew;
  private hired: number;
  /** Why the pool runs on the calling thread alone although more threads were asked for. */
  private cause: string | undefined;

  constructor(
    private readonly exports: Record<string, (...args: number[]) => number>,
    private readonly module: WebAssembly.Module,
    private readonly memory: WebAssembly.Memory,
    threads: number,
    options: PoolOptions = {},
  ) {
    this.names = Object.keys(exports).filter((k) => typeof exports[k] === 'function');
    this.index = new Map(this.names.map((n, i) => [n, i]));
    this.Worker = options.Worker ?? defaultWorker();
    this.warn = options.warn ?? ((line) => console.warn(line));
    this.hired = this.Worker === undefined ? 0 : threads - 1;
    this.crew = this.hire();
  }

  /** Workers besides the calling thread. */
  get workers(): number {
    return this.hired;
  }

  /** Threads that run a job: the caller and the workers. */
  get threads(): number {
    return this.hired + 1;
  }

  /** Why the pool fell back to the calling thread alone, if it did. */
  get fallback(): string | undefined {
    return this.cause;
  }

  private hire(): Crew {
    // A pool of the calling thread alone needs no shared control block (nor may it have one
    // where SharedArrayBuffer does not exist).
    const control = this.hired > 0 ? new SharedArrayBuffer(CONTROL_BYTES) : new ArrayBuffer(CONTROL_BYTES);
    const crew: Crew = {
      ctrl: new Int32Array(control),
      args: new Float64Array(control, ARGS_BYTES, MAX_ARGS),
      message: new Uint8Array(control, MESSAGE_AT, MESSAGE_BYTES),
      startupMessage: new Uint8Array(control, STARTUP_MESSAGE_AT, MESSAGE_BYTES),
      workers: [],
    };
    const workerData = { wasmModule: this.module, memory: this.memory, control, names: this.names };
    try {
      for (let w = 0; w < this.hired; w++) {
        const worker = new this.Worker!(WORKER, { eval: true, execArgv: [], workerData });
        // Heard only when the calling thread's event loop runs; stale crews are ignored.
        worker.on('error', (e) => this.crew === crew && this.giveUp(`a worker thread failed: ${String(e)}`));
        worker.on('exit', (code) => this.crew === crew && this.giveUp(`a worker thread exited with code ${code}`));
        worker.unref();
        crew.workers.push(worker);
      }
    } catch (e) {
      this.crew = crew;
      this.giveUp(`a worker thread could not be started: ${String(e)}`);
    }
    return crew;
  }

  /** Stops the workers for good and warns, once, why the pool now runs on one thread. */
  private giveUp(cause: string): void {
    if (this.hired === 0) return;
    this.close();
    this.hired = 0;
    this.cause = cause.split('\n')[0];
    this.warn(`initlab kernels: ${this.cause}; running on 1 thread from now on (same results, slower)`);
  }

  /**
   * Replaces the workers by new ones instantiated on the memory as it is now (after it grew).
   * Web Workers are kept instead: a browser starts a worker only once its creator's event loop
   * runs, so new ones would sit out the blocked caller's whole job; they need no new instance,
   * since a shared memory has one size for every thread (WebAssembly threads: growing is atomic,
   * and the job's open-and-join on the control block orders it before their accesses).
   */
  restart(): void {
    if (this.hired === 0 || this.Worker === WebWorker) return;
    this.close();
    this.crew = this.hire();
  }

  /**
   * Resolves once every worker has started (at once for the calling thread alone), or after
   * START_MS. Jobs never wait for workers, but in a browser workers start only while the
   * calling thread is idle: a Web Worker that awaits this before taking work gets every thread.
   */
  async started(): Promise<void> {
    for (let waited = 0; this.hired > 0 && waited < START_MS; waited += START_POLL_MS) {
      const { ctrl } = this.crew;
      if (Atomics.load(ctrl, STARTED) >= this.hired || Atomics.load(ctrl, STARTUP) !== 0) return;
      await new Promise((resolve) => setTimeout(resolve, START_POLL_MS));
    }
  }

  /** Stops the workers (the pool must not be used afterwards, unless restarted). */
  close(): void {
    const { workers } = this.crew;
    this.crew = { ...this.crew, workers: [] };
    for (const w of workers) void w.terminate();
  }

  /**
   * Calls `name(...args, task)` for every task in [0, tasks) and returns when all are done. The
   * calling thread first runs `meanwhile` (work of its own, e.g. copying out the previous batch,
   * which then overlaps the workers' tasks), then takes tasks too.
   */
  run(name: string, args: readonly number[], tasks: number, meanwhile?: () => void): void {
    const fn = this.exports[name];
    if (this.hired > 0 && Atomics.load(this.crew.ctrl, STARTUP) !== 0) {
      this.giveUp(`a worker thread failed to start: ${this.text(this.crew.startupMessage)}`);
    }
    if (this.hired === 0 || tasks <= 1) {
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
    Atomics.store(c, FINISHED, 0);
    Atomics.store(c, FAILED, 0);
    message.fill(0);
    const job = (c[GEN] + 1) | 0 || 1;
    Atomics.store(c, JOB, job);
    Atomics.store(c, GEN, job);
    Atomics.notify(c, GEN);
    let error: unknown;
    try {
      meanwhile?.();
    } catch (e) {
      error = e;
    }
    // The caller takes tasks until none are left, even after a failure (it then only counts
    // them), so FINISHED always reaches the task count.
    for (let t; (t = Atomics.add(c, NEXT, 1)) < tasks; ) {
      if (error === undefined) {
        try {
          fn(...args, t);
        } catch (e) {
          error = e;
        }
      }
      Atomics.add(c, FINISHED, 1);
    }
    this.await(c, FINISHED, (f) => f < tasks, name);
    Atomics.store(c, JOB, 0);
    this.await(c, BUSY, (b) => b !== 0, name);
    if (error !== undefined) throw error;
    if (Atomics.load(c, FAILED) !== 0) {
      throw new Error(`initlab kernels: ${name} failed on a worker thread: ${this.text(message)}`);
    }
  }

  /** Blocks while `pending(ctrl[slot])`; a worker that holds a task for WAIT_MS is reported. */
  private await(c: Int32Array, slot: number, pending: (value: number) => boolean, name: string): void {
    for (let v; pending((v = Atomics.load(c, slot))); ) {
      if (Atomics.wait(c, slot, v, WAIT_MS) === 'timed-out') {
        throw new Error(`initlab kernels: worker threads did not finish ${name} within ${WAIT_MS / 1000} s`);
      }
    }
  }

  private text(message: Uint8Array): string {
    const end = message.indexOf(0);
    return new TextDecoder().decode(message.slice(0, end < 0 ? MESSAGE_BYTES : end));
  }
}

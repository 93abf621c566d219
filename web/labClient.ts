/**
 * The page's side of the lab worker. Runs go to one worker, kept between runs: its kernels are
 * loaded and warm, so only the page's first run is a cold one. `start(run)` supersedes the run in
 * flight, if any: on a cross-origin isolated page through shared memory (the worker stops after
 * its current layer, answers 'cancelled' and takes the new run; a worker that does not answer
 * within `CANCEL_MS` is terminated and a fresh one takes the run); elsewhere by terminating the
 * worker, and a spare started ahead of time takes the run. The root element's `data-lab-worker`
 * names the worker (1, 2, ... in order of starting) that took the latest run.
 */
import type { KernelInfo } from '../src/kernels/backend.js';
import type { RunRequest, WorkerMessage } from './protocol.js';
import type { Run } from './state.js';

export interface LabEvents {
  /** The kernels of the worker that ran the latest message (threads, shared memory). */
  onKernels(kernels: KernelInfo, isolated: boolean): void;
  onMessage(message: WorkerMessage): void;
}

interface Slot {
  readonly worker: Worker;
  /** 1, 2, ... in order of starting. */
  readonly number: number;
  /** Resolves once the worker has loaded its kernels. */
  readonly ready: Promise<void>;
}

/** How long a cancelled run may take to answer before its worker is terminated. */
const CANCEL_MS = 2000;

export class LabClient {
  /** Element 0: the id of the run the page wants (shared with the worker; isolated pages only). */
  private readonly wanted = globalThis.crossOriginIsolated === true ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  private started = 0;
  private slot: Slot;
  /** Started ahead of time to replace a terminated worker (pages without shared memory only). */
  private spare: Slot | undefined;
  private id = 0;
  /** The latest request. */
  private request: RunRequest | undefined;
  /** The last run posted to `slot` that has not ended (undefined: the worker is idle). */
  private inFlight: number | undefined;
  /** The cancelled run whose answer the watchdog waits for. */
  private awaited: number | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly url: URL, private readonly events: LabEvents) {
    this.slot = this.spawn();
    this.spare = this.wanted === undefined ? this.spawn() : undefined;
  }

  private spawn(): Slot {
    const worker = new Worker(this.url, { type: 'module', name: 'initlab-lab' });
    let ready!: () => void;
    const slot: Slot = { worker, number: ++this.started, ready: new Promise<void>((ok) => (ready = ok)) };
    worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
      if (data.type === 'ready') {
        this.events.onKernels(data.kernels, data.isolated);
        ready();
        return;
      }
      if (data.type !== 'layers' && slot === this.slot) this.ended(data.id);
      if (data.id === this.id) this.events.onMessage(data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.events.onMessage({ type: 'error', id: this.id, message: `the lab's worker failed: ${e.message}` });
      if (slot === this.slot) this.replace();
    };
    return slot;
  }

  /** Cancels the run in flight, if any, and starts `run`; returns its id. */
  start(run: Run): number {
    const id = this.supersede();
    this.request = { type: 'run', id, config: run.config, seeds: run.seeds, ...(this.wanted === undefined ? {} : { cancel: this.wanted }) };
    this.post(this.request);
    return id;
  }

  /** Stops the run in flight, if any. */
  cancel(): void {
    this.supersede();
  }

  /** A new id, which the run in flight is not: it is cancelled, or its worker replaced. */
  private supersede(): number {
    const id = ++this.id;
    if (this.wanted !== undefined) Atomics.store(this.wanted, 0, id);
    if (this.inFlight === undefined) return id;
    if (this.wanted === undefined) this.replace();
    else if (this.awaited === undefined) {
      this.awaited = this.inFlight;
      this.watchdog = setTimeout(() => {
        const request = this.request;
        this.replace();
        if (request?.id === this.id) this.post(request);
      }, CANCEL_MS);
    }
    return id;
  }

  private post(request: RunRequest): void {
    const slot = this.slot;
    void slot.ready.then(() => {
      if (this.slot !== slot || this.id !== request.id) return;
      this.inFlight = request.id;
      document.documentElement.dataset.labWorker = String(slot.number);
      slot.worker.postMessage(request);
    });
  }

  /** The current worker has answered run `id` (done, error or cancelled). */
  private ended(id: number): void {
    if (id === this.inFlight) this.inFlight = undefined;
    if (id === this.awaited) {
      clearTimeout(this.watchdog);
      this.awaited = undefined;
    }
  }

  /** Terminates the current worker; the spare, or a fresh worker, takes the next run. */
  private replace(): void {
    this.slot.worker.terminate();
    clearTimeout(this.watchdog);
    this.inFlight = this.awaited = undefined;
    this.slot = this.spare ?? this.spawn();
    this.spare = this.wanted === undefined ? this.spawn() : undefined;
  }
}

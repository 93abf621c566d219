/**
 * The page's side of the lab worker: `start(run)` cancels the run in flight (by terminating its
 * worker) and starts the new one on a worker started ahead of time, so a change of control never
 * waits on a stale run and the next run does not wait for the kernels to load.
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
  /** Resolves once the worker has loaded its kernels. */
  readonly ready: Promise<void>;
}

export class LabClient {
  private spare: Slot;
  private busy: Slot | undefined;
  private id = 0;

  constructor(private readonly url: URL, private readonly events: LabEvents) {
    this.spare = this.spawn();
  }

  private spawn(): Slot {
    const worker = new Worker(this.url, { type: 'module', name: 'initlab-lab' });
    let ready!: () => void;
    const slot: Slot = { worker, ready: new Promise<void>((ok) => (ready = ok)) };
    worker.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
      if (data.type === 'ready') {
        this.events.onKernels(data.kernels, data.isolated);
        ready();
      } else if (data.id === this.id) {
        this.events.onMessage(data);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      this.events.onMessage({ type: 'error', id: this.id, message: `the lab's worker failed: ${e.message}` });
    };
    return slot;
  }

  /** Cancels the run in flight, if any, and starts `run`; returns its id. */
  start(run: Run): number {
    this.cancel();
    const id = ++this.id;
    const slot = this.spare;
    this.busy = slot;
    this.spare = this.spawn();
    const request: RunRequest = { type: 'run', id, config: run.config, seeds: run.seeds };
    void slot.ready.then(() => {
      if (this.busy === slot) slot.worker.postMessage(request);
    });
    return id;
  }

  /** Stops the run in flight (its worker is terminated; the spare takes the next run). */
  cancel(): void {
    this.id++;
    this.busy?.worker.terminate();
    this.busy = undefined;
  }

  /** Frees the finished run's worker and its memory (the spare, already loaded, takes the next run). */
  finished(): void {
    this.busy?.worker.terminate();
    this.busy = undefined;
  }
}

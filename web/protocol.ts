/**
 * Messages between the page and the lab's worker (web/worker.ts). The page starts one run at a
 * time on a worker it keeps for the next runs. A run is one synchronous computation, so no
 * message reaches it before its end: on a cross-origin isolated page the page cancels it through
 * shared memory (`cancel`, checked after each layer); elsewhere it terminates the worker and
 * uses a fresh one.
 */
import type { KernelInfo } from '../src/kernels/backend.js';
import type { LabConfig } from '../src/lab/config.js';
import type { LabResult } from '../src/lab/propagate.js';
import type { LayerRecord } from '../src/lab/types.js';

export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly config: LabConfig;
  readonly seeds: number;
  /**
   * Shared memory (cross-origin isolated pages only): element 0 holds the id of the run the page
   * wants; the run stops, answering 'cancelled', once it holds another.
   */
  readonly cancel?: Int32Array;
}

export type WorkerMessage =
  /** The worker has loaded its kernels. */
  | { readonly type: 'ready'; readonly kernels: KernelInfo; readonly isolated: boolean }
  /** Layers measured so far for one seed (streamed while the run goes). */
  | { readonly type: 'layers'; readonly id: number; readonly seed: number; readonly seedIndex: number; readonly layers: readonly LayerRecord[]; readonly done: number; readonly total: number }
  /** The finished run, and its JSON text as `initlab propagate --json` prints it. */
  | { readonly type: 'done'; readonly id: number; readonly result: LabResult; readonly json: string; readonly ms: number }
  /** A configuration the lab refused (`argument` names the option), or a failure. */
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly argument?: string }
  /** The run stopped because the page asked for another (see `RunRequest.cancel`). */
  | { readonly type: 'cancelled'; readonly id: number };

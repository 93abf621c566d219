/**
 * Messages between the page and the lab's worker (web/worker.ts). The page starts one run at a
 * time; to cancel one it terminates the worker (a run is one synchronous computation, so a
 * message could not reach it before the end), and uses a fresh worker for the next run.
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
}

export type WorkerMessage =
  /** The worker has loaded its kernels. */
  | { readonly type: 'ready'; readonly kernels: KernelInfo; readonly isolated: boolean }
  /** Layers measured so far for one seed (streamed while the run goes). */
  | { readonly type: 'layers'; readonly id: number; readonly seed: number; readonly seedIndex: number; readonly layers: readonly LayerRecord[]; readonly done: number; readonly total: number }
  /** The finished run, and its JSON text as `initlab propagate --json` prints it. */
  | { readonly type: 'done'; readonly id: number; readonly result: LabResult; readonly json: string; readonly ms: number }
  /** A configuration the lab refused (`argument` names the option), or a failure. */
  | { readonly type: 'error'; readonly id: number; readonly message: string; readonly argument?: string };

/**
 * The lab in a Web Worker: runs `propagate` on the kernels (WebAssembly, loaded from the bundle)
 * and streams each seed's layers to the page as they are measured, at most every 200 ms, then the
 * result and its JSON text (`labJsonText`, the bytes `initlab propagate --json` prints). The worker
 * stays for the page's next runs; a run the page cancels through shared memory stops after its
 * current layer (the kernels' scratch memory is released as the run unwinds).
 */
import { ArgumentError } from '../src/errors.js';
import { configureKernels, kernelsStarted } from '../src/kernels/backend.js';
import { propagate } from '../src/lab/propagate.js';
import { labJsonText } from '../src/report/json.js';
import type { RunRequest, WorkerMessage } from './protocol.js';

/** The worker's global scope, as far as this file uses it. */
const scope = self as unknown as {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<RunRequest>) => void) | null;
  crossOriginIsolated?: boolean;
};

const STREAM_MS = 200;

/** Thrown from `onLayer` when the page wants another run: unwinds the run, answered 'cancelled'. */
class RunCancelled extends Error {}

// Ready once the kernels' workers (nested Web Workers, on a cross-origin isolated page) have
// started: they start only while this worker is idle, and a run blocks it.
configureKernels();
void kernelsStarted().then((kernels) => scope.postMessage({ type: 'ready', kernels, isolated: scope.crossOriginIsolated === true }));

scope.onmessage = ({ data: request }) => {
  const { id, config, seeds, cancel } = request;
  const cancelled = () => cancel !== undefined && Atomics.load(cancel, 0) !== id;
  if (cancelled()) return scope.postMessage({ type: 'cancelled', id });
  const started = performance.now();
  let last = 0;
  let done = 0;
  let seedIndex = -1;
  let seedSeen: number | undefined;
  try {
    const result = propagate(config, {
      seeds,
      onProgress: (d) => {
        done = d;
      },
      onLayer: (seed, layers) => {
        if (cancelled()) throw new RunCancelled();
        if (seed !== seedSeen) {
          seedSeen = seed;
          seedIndex++;
        }
        const now = performance.now();
        if (now - last < STREAM_MS) return;
        last = now;
        const total = seeds * layers.length * (config.backward === true || (config.loss ?? 'none') !== 'none' ? 2 : 1);
        scope.postMessage({ type: 'layers', id, seed, seedIndex, layers, done, total });
      },
    });
    scope.postMessage({ type: 'done', id, result, json: labJsonText(result), ms: performance.now() - started });
  } catch (e) {
    scope.postMessage(e instanceof RunCancelled
      ? { type: 'cancelled', id }
      : e instanceof ArgumentError
      ? { type: 'error', id, message: e.message, argument: e.argument }
      : { type: 'error', id, message: `internal error (a bug in initlab): ${e instanceof Error ? e.message : String(e)}` });
  }
};

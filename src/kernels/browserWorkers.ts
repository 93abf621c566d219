/**
 * The pool's workers in a browser (./pool.ts): nested dedicated Web Workers, each running the
 * pool's worker program from a Blob URL (so no extra file is served and bundlers need to know
 * nothing), and receiving the compiled module, the shared memory and the control block in one
 * message (WebAssembly.Module and a shared WebAssembly.Memory are structured-cloneable between
 * threads of a cross-origin isolated agent cluster). A blob: URL inherits its creator's
 * cross-origin embedder policy, so the workers are allowed under `require-corp`.
 *
 * Threads need a dedicated worker as the calling thread: the pool's caller blocks in
 * `Atomics.wait`, which a page's main thread may not do (HTML standard, "agent cluster" and
 * [[CanBlock]]), and only a cross-origin isolated context has SharedArrayBuffer.
 */
import type { WorkerConstructor, WorkerLike } from './pool.js';

/** What this file uses of a browser's global scope. */
interface BrowserScope {
  crossOriginIsolated?: boolean;
  DedicatedWorkerGlobalScope?: unknown;
  Worker?: new (url: string, options?: { name?: string }) => BrowserWorker;
  Blob?: new (parts: string[], options: { type: string }) => unknown;
  URL?: { createObjectURL?(blob: unknown): string };
}

interface BrowserWorker {
  postMessage(message: unknown): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

const scope = globalThis as unknown as BrowserScope;

/**
 * Why this browser context cannot run the pool's Web Workers, or undefined when it can (outside
 * a browser: why too, since there is no Web Worker here).
 */
export function whyNoWebWorkers(): string | undefined {
  if (typeof scope.Worker !== 'function' || typeof scope.Blob !== 'function' || typeof scope.URL?.createObjectURL !== 'function') {
    return 'no Web Workers here';
  }
  if (scope.crossOriginIsolated !== true) {
    return 'the page is not cross-origin isolated (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)';
  }
  if (scope.DedicatedWorkerGlobalScope === undefined) {
    return "a page's main thread may not block, so threads need the kernels to run in a dedicated Web Worker";
  }
  return undefined;
}

/** One Blob URL per worker program, made on first use and kept for the page's lifetime. */
const urls = new Map<string, string>();

function programUrl(code: string): string {
  let url = urls.get(code);
  if (url === undefined) {
    url = scope.URL!.createObjectURL!(new scope.Blob!([code], { type: 'text/javascript' }));
    urls.set(code, url);
  }
  return url;
}

const NOT_LOADED = 'a Web Worker could not load its program from a blob: URL (does a content security policy leave blob: out of worker-src?)';

/**
 * A Web Worker behind the interface the pool uses of Node's Worker: `code` runs as a classic
 * script and gets `workerData` as its first message. Browsers have no exit event; a worker that
 * cannot load its program, or throws at start-up, fires `error`.
 */
export const WebWorker: WorkerConstructor = class implements WorkerLike {
  private readonly worker: BrowserWorker;

  constructor(code: string, options: { workerData: unknown }) {
    this.worker = new scope.Worker!(programUrl(code), { name: 'initlab-kernels' });
    this.worker.postMessage(options.workerData);
  }

  on(event: 'error' | 'exit', listener: (value: never) => void): this {
    if (event === 'error') {
      const fail = listener as (error: unknown) => void;
      // A worker whose program could not load (a content security policy without blob:, say)
      // fires an error with no message.
      this.worker.addEventListener('error', (e) => fail(e.message === undefined || e.message === '' ? NOT_LOADED : e.message));
      this.worker.addEventListener('messageerror', () => fail("a Web Worker could not receive the kernels' memory"));
    }
    return this;
  }

  unref(): void {}

  terminate(): void {
    this.worker.terminate();
  }
};

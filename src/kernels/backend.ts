/**
 * Which kernels run: the WebAssembly SIMD kernels (default, where the engine has WebAssembly
 * SIMD) or the JavaScript reference, and on how many threads.
 *
 * Chosen by `configureKernels({ backend, threads })`, or before the first kernel call by the
 * environment variables `INITLAB_BACKEND` (`auto` | `wasm` | `js`) and `INITLAB_THREADS` (a
 * positive integer; default: every core). `auto` takes wasm where WebAssembly SIMD exists and
 * falls back to js otherwise; threads beyond 1 need shared memory and workers (Node's worker
 * threads; in a browser, a dedicated Web Worker of a cross-origin isolated page, which starts
 * nested workers), and fall back to 1 without them, saying why in `kernelInfo().note`. Random bits never depend on the choice; matrix products and sums
 * agree within float tolerances between js and wasm, and exactly between thread counts.
 */
import { fail } from '../errors.js';
import { choice, integer } from '../validate.js';
import { hasSharedMemory, hasWasmSimd } from './features.js';
import { Pool, whyNoWorkers } from './pool.js';
import { WasmKernels } from './wasm.js';

export const BACKENDS = ['auto', 'wasm', 'js'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

export interface KernelOptions {
  backend?: BackendChoice;
  threads?: number;
}

export interface KernelInfo {
  /** What runs: 'wasm' or 'js'. */
  readonly backend: 'wasm' | 'js';
  readonly threads: number;
  readonly simd: boolean;
  readonly sharedMemory: boolean;
  /** Why the choice fell back, when it did. */
  readonly note?: string;
}

/** The wasm kernels with their thread pool. */
export interface Wasm {
  readonly kernels: WasmKernels;
  readonly pool: Pool;
}

let active: { info: KernelInfo; wasm: Wasm | null } | undefined;

function env(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const v = proc?.env?.[name];
  return v === undefined || v === '' ? undefined : v;
}

function cores(): number {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = proc?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return os?.availableParallelism?.() ?? nav?.hardwareConcurrency ?? 1;
}

/** What the engine offers (./features.ts, ./pool.ts). */
export interface Features {
  readonly simd: boolean;
  readonly sharedMemory: boolean;
  readonly workers: boolean;
  /** Why there are no workers, when there are none (e.g. a page's main thread). */
  readonly whyNoWorkers?: string;
}

/**
 * The decision alone: which backend and how many threads a choice gets on an engine with
 * `features` (a pure function, so the fallbacks are testable on any engine).
 */
export function chooseBackend(backend: BackendChoice, threads: number, features: Features): KernelInfo {
  const { simd, sharedMemory } = features;
  if (backend === 'wasm' && !simd) fail('backend', backend, '"js" or "auto": this engine has no WebAssembly SIMD');
  if (backend === 'js') return { backend: 'js', threads: 1, simd, sharedMemory };
  if (!simd) return { backend: 'js', threads: 1, simd, sharedMemory, note: 'no WebAssembly SIMD: JavaScript reference' };
  const usable = sharedMemory && features.workers ? threads : 1;
  const why = !sharedMemory
    ? 'no shared memory here (a browser page has it only when cross-origin isolated)'
    : features.whyNoWorkers ?? 'no worker threads here';
  const note = usable < threads ? `${threads} threads asked, 1 used: ${why}` : undefined;
  return { backend: 'wasm', threads: usable, simd, sharedMemory, ...(note ? { note } : {}) };
}

/**
 * Sets the backend and thread count for every later kernel call (unset fields come from the
 * environment, then the defaults). Returns what was chosen.
 */
export function configureKernels(options: KernelOptions = {}): KernelInfo {
  const backend = choice('backend', options.backend ?? env('INITLAB_BACKEND') ?? 'auto', BACKENDS);
  const fromEnv = env('INITLAB_THREADS');
  const threads = options.threads !== undefined
    ? integer('threads', options.threads, 1, 256)
    : fromEnv !== undefined ? integer('INITLAB_THREADS', /^\d+$/.test(fromEnv) ? Number(fromEnv) : fromEnv, 1, 256) : cores();
  const whyNot = whyNoWorkers();
  const features = { simd: hasWasmSimd(), sharedMemory: hasSharedMemory(), workers: whyNot === undefined, ...(whyNot === undefined ? {} : { whyNoWorkers: whyNot }) };
  const info = chooseBackend(backend, threads, features);
  active?.wasm?.pool.close();
  if (info.backend === 'js') {
    active = { info, wasm: null };
  } else {
    const kernels = new WasmKernels(info.sharedMemory);
    const pool = new Pool(kernels.exports, kernels.module, kernels.memory, info.threads);
    kernels.onGrow = () => pool.restart();
    active = { info, wasm: { kernels, pool } };
  }
  return active.info;
}

/**
 * The backend in use (configured from the environment on first use); after the worker threads
 * failed, one thread and why.
 */
export function kernelInfo(): KernelInfo {
  const { info, wasm: w } = active ?? (configureKernels(), active!);
  const fallback = w?.pool.fallback;
  return fallback === undefined ? info : { ...info, threads: w!.pool.threads, note: `${info.threads} threads asked, 1 used: ${fallback}` };
}

/**
 * Resolves, with `kernelInfo()`, once the pool's workers have started. Jobs never wait for
 * workers, but a browser starts a Web Worker only while its creator is idle: a worker that runs
 * the kernels awaits this before its first job, so that job gets every thread.
 */
export async function kernelsStarted(): Promise<KernelInfo> {
  await wasm()?.pool.started();
  return kernelInfo();
}

/** The wasm kernels, or null when the JavaScript reference is in use. */
export function wasm(): Wasm | null {
  if (active === undefined) configureKernels();
  return active!.wasm;
}

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { configureKernels } from '../../src/kernels/index.js';
import { Pool } from '../../src/kernels/pool.js';
import { WasmKernels } from '../../src/kernels/wasm.js';
import { fillUniform, fillUniformF32At, keyFromSeed } from '../../src/random/index.js';

const N = 100_003;
const key = keyFromSeed(5);

/** The bytes of a uniform fill of N float32 values on the JavaScript reference. */
function reference(): Float32Array {
  configureKernels({ backend: 'js' });
  const out = fillUniform(key, new Float32Array(N));
  configureKernels();
  return out;
}

const sha256 = (a: Float32Array) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

describe('workers start whatever flags the host process has', () => {
  let dir: string;
  let bundle: string;
  beforeAll(async () => {
    // The library as one ES module file, so a plain `node` child can import it (no TypeScript loader).
    dir = mkdtempSync(join(tmpdir(), 'initlab-pool-'));
    bundle = join(dir, 'random.mjs');
    await build({ entryPoints: ['src/random/index.ts'], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const program = () => [
    `import { createHash } from 'node:crypto';`,
    `import { fillUniform, keyFromSeed } from ${JSON.stringify(pathToFileURL(bundle).href)};`,
    `const a = fillUniform(keyFromSeed(5), new Float32Array(${N}));`,
    `console.log(createHash('sha256').update(new Uint8Array(a.buffer)).digest('hex'));`,
  ].join('\n');
  const env = { ...process.env, INITLAB_BACKEND: 'wasm', INITLAB_THREADS: '3' };

  it('node --input-type=module -e: the fill finishes with the reference bytes and no warning', () => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', program()], { env, encoding: 'utf8', timeout: 50_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(sha256(reference()));
  });
  it('a program piped into node --input-type=module: the same', () => {
    const run = spawnSync(process.execPath, ['--input-type=module'], { env, input: program(), encoding: 'utf8', timeout: 50_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(sha256(reference()));
  });
});

/** A pool of 3 threads whose workers are built by `Worker`, and the warnings it gives. */
function pool(WorkerClass: typeof Worker) {
  const kernels = new WasmKernels(true);
  const warnings: string[] = [];
  const p = new Pool(kernels.exports, kernels.module, kernels.memory, 3, { Worker: WorkerClass, warn: (line) => warnings.push(line) });
  const fill = () => kernels.scoped(() => {
    const ptr = kernels.alloc(4 * N);
    fillUniformF32At({ kernels, pool: p }, key, ptr, N);
    return kernels.f32(ptr, N).slice();
  });
  return { pool: p, warnings, fill };
}

describe('a worker that fails to start', () => {
  it('costs no wait; once heard of, the pool warns once, naming the cause, and runs on one thread', async () => {
    class Dying extends Worker {
      constructor(_code: string, options: WorkerOptions) {
        super('throw new Error("simulated start failure")', options);
      }
    }
    const expected = reference();
    const { pool: p, warnings, fill } = pool(Dying);
    expect(p.threads).toBe(3);
    // Before the calling thread hears of the failure, the fill runs on whoever is there.
    expect(fill()).toEqual(expected);
    await vi.waitFor(() => expect(warnings.length).toBeGreaterThan(0), { timeout: 30_000, interval: 20 });
    expect(warnings).toEqual(['initlab kernels: a worker thread failed: Error: simulated start failure; running on 1 thread from now on (same results, slower)']);
    expect(p.threads).toBe(1);
    expect(p.fallback).toBe('a worker thread failed: Error: simulated start failure');
    expect(fill()).toEqual(expected);
    p.restart();
    expect(p.threads).toBe(1);
    expect(warnings).toHaveLength(1);
  });
  it('a failure of its start-up code is noticed by the next job, without the event loop', () => {
    // (module (import "env" "f" (func))): the workers cannot instantiate it on { env: { memory } }.
    const unlinkable = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 9, 1, 3, 101, 110, 118, 1, 102, 0, 0]));
    class Unlinkable extends Worker {
      constructor(code: string, options: WorkerOptions) {
        super(code, { ...options, workerData: { ...(options.workerData as object), wasmModule: unlinkable } });
      }
    }
    const expected = reference();
    const { pool: p, warnings, fill } = pool(Unlinkable);
    // Synchronous polling: only the control block can tell the pool (no event is delivered here).
    const nap = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 3000 && p.threads > 1; i++) {
      expect(fill()).toEqual(expected);
      Atomics.wait(nap, 0, 0, 10);
    }
    expect(p.threads).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^initlab kernels: a worker thread failed to start: LinkError: .*; running on 1 thread from now on/);
    expect(fill()).toEqual(expected);
  });
});

describe('started()', () => {
  it('resolves once every worker has instantiated the module and waits for jobs', async () => {
    const controls: SharedArrayBuffer[] = [];
    class Watched extends Worker {
      constructor(code: string, options: WorkerOptions) {
        super(code, options);
        controls.push(...Object.values(options.workerData as object).filter((v) => v instanceof SharedArrayBuffer));
      }
    }
    const { pool: p, warnings, fill } = pool(Watched);
    await p.started();
    // Slot 10 of the control block counts the workers that are up: both of them.
    expect(Atomics.load(new Int32Array(controls[0]), 10)).toBe(2);
    expect(fill()).toEqual(reference());
    expect(warnings).toEqual([]);
    p.close();
  });
  it('resolves when the workers cannot start, and the pool runs on one thread', async () => {
    class Dying extends Worker {
      constructor(_code: string, options: WorkerOptions) {
        super('throw new Error("simulated start failure")', options);
      }
    }
    const { pool: p } = pool(Dying);
    await p.started();
    expect(p.threads).toBe(1);
  });
});

// `npm run check:browser`: runs the kernels in headless Chromium (Debian's `chromium` package, driven
// by playwright-core; not needed otherwise), on a plain page and on a cross-origin isolated one,
// each on the page's main thread and in a dedicated Web Worker. Everywhere, a normal fill on the
// wasm kernels must have the JavaScript reference's bytes, and a fill and a matrix product on the
// default thread count the bytes of one thread (the product also after the memory grew under the
// workers). Threads: 1 on a plain page and on any main thread (it may not block), more than 1 in
// the isolated page's worker (nested workers), where the machine has more than one core. `--time` also times the lab's 100 layers of 512, batch 128,
// forward and backward (tanh, glorot_normal), on one thread and on the default count, in the
// isolated page's worker, after a warm-up run. Not part of `npm test`: CI machines may have no
// browser (test/kernels/browser.test.ts runs the same check when they do).
//
// `browserCheck({ executablePath, time })` is what that test calls.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The first Chromium installed, or undefined. */
export function findChromium() {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((b) => spawnSync(b, ['--version']).status === 0);
}

/**
 * The page's program, bundled once for the page (a module script) and for its worker (a module
 * worker running the same file). `probe` runs in either and answers what it found.
 */
const PROGRAM = `
import { configureKernels, kernelInfo, kernelsStarted, wasm } from './src/kernels/backend.ts';
import { fillNormal, keyFromSeed } from './src/random/index.ts';
import { matmul } from './src/linalg/matmul.ts';
import { propagate } from './src/lab/propagate.ts';

const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
/** Lets the event loop run: nested workers start, and a failed start is heard of. */
const pause = () => new Promise((ok) => setTimeout(ok, 50));
const [M, K, N] = [301, 256, 203];

/**
 * A product whose operands lie beyond the memory's size when the job's workers started (the
 * memory grows first, by a block larger than all it had), so the workers read grown memory.
 */
function productInGrownMemory(product) {
  const kernels = wasm()?.kernels;
  if (kernels === undefined) return product();
  return kernels.scoped(() => {
    kernels.alloc(2 * kernels.memory.buffer.byteLength);
    return product();
  });
}

function probe(time) {
  return (async () => {
    const info = configureKernels();
    await kernelsStarted();
    const fill = () => fillNormal(keyFromSeed(7), new Float32Array(100003));
    const a = fillNormal(keyFromSeed(1), new Float32Array(M * K));
    const b = fillNormal(keyFromSeed(2), new Float32Array(K * N));
    const product = () => matmul(a, b, M, K, N);
    const many = { fill: fill(), product: product(), grown: productInGrownMemory(product) };
    await pause();
    const after = kernelInfo();
    configureKernels({ threads: 1 });
    const one = { fill: fill(), product: product() };
    configureKernels({ backend: 'js' });
    const js = fill();
    const result = {
      isolated: globalThis.crossOriginIsolated === true,
      backend: after.backend,
      sharedMemory: after.sharedMemory,
      threads: after.threads,
      // What configureKernels chose, before any worker failed.
      asked: info.threads,
      note: after.note ?? null,
      fillSameAsJs: same(many.fill, js),
      fillSameAsOneThread: same(many.fill, one.fill),
      productSameAsOneThread: same(many.product, one.product) && same(many.grown, one.product),
    };
    if (time) {
      const config = { depth: 100, width: 512, batch: 128, activation: 'tanh', init: 'glorot_normal', seed: 0, backward: true };
      result.ms = {};
      for (const threads of [1, info.threads]) {
        configureKernels({ threads });
        await kernelsStarted();
        propagate(config);
        await pause();
        const runs = [];
        for (let r = 0; r < 3; r++) {
          const t0 = performance.now();
          propagate(config);
          runs.push(performance.now() - t0);
          await pause();
        }
        result.ms[threads + (threads === 1 ? ' thread' : ' threads')] = runs.map((x) => Math.round(x));
      }
    }
    configureKernels();
    return result;
  })().catch((e) => ({ error: String(e && e.stack || e) }));
}

if (typeof document === 'undefined') {
  self.onmessage = async ({ data }) => self.postMessage(await probe(data.time));
} else {
  const time = new URL(location.href).searchParams.get('time') === '1';
  const main = await probe(false);
  const worker = await new Promise((ok) => {
    const w = new Worker(import.meta.url, { type: 'module' });
    w.onmessage = ({ data }) => ok(data);
    w.onerror = (e) => ok({ error: 'the worker failed: ' + e.message });
    w.postMessage({ time });
  });
  window.checkResults = { main, worker };
}
`;

const PAGE = '<!doctype html><title>initlab kernels check</title><script type="module" src="/check.js"></script>';

/**
 * The pages: plain, cross-origin isolated, and isolated with a content security policy that
 * forbids blob: workers (the kernels' workers then fail to start, and the pool falls back).
 */
const PAGES = {
  plain: {},
  isolated: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' },
};
PAGES.blocked = { ...PAGES.isolated, 'Content-Security-Policy': "worker-src 'self'" };

/** Serves the page and its bundle with `headers`. */
async function serve(bundle, headers) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/') return void res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(PAGE);
    if (path === '/check.js') return void res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(bundle);
    res.writeHead(404).end();
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * Runs the probe on each page (PAGES), on the main thread and in a worker; returns
 * `{ plain: { main, worker }, isolated: { main, worker }, blocked: { main, worker }, errors }`.
 */
export async function browserCheck({ executablePath, time = false }) {
  const dir = await mkdtemp(join(tmpdir(), 'initlab-browser-check-'));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: FLAGS });
  const errors = [];
  try {
    await esbuild.build({
      stdin: { contents: PROGRAM, resolveDir: root, loader: 'js', sourcefile: 'check.js' },
      outfile: join(dir, 'check.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: ['chrome114'],
      logLevel: 'warning',
    });
    const bundle = await readFile(join(dir, 'check.js'));
    const results = {};
    for (const [name, headers] of Object.entries(PAGES)) {
      const server = await serve(bundle, headers);
      const page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
      try {
        await page.goto(`${server.url}${time && name === 'isolated' ? '?time=1' : ''}`);
        await page.waitForFunction('window.checkResults !== undefined', null, { timeout: 600_000, polling: 200 });
        results[name] = await page.evaluate('window.checkResults');
      } finally {
        await page.close();
        await server.close();
      }
    }
    return { ...results, errors };
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** What must hold of a probe's result; returns the failures, as lines. */
export function failures(where, r, { threads }) {
  if (r.error !== undefined) return [`${where}: ${r.error}`];
  const out = [];
  if (r.backend !== 'wasm') out.push(`${where}: backend ${r.backend}, expected wasm`);
  for (const k of ['fillSameAsJs', 'fillSameAsOneThread', 'productSameAsOneThread']) if (r[k] !== true) out.push(`${where}: ${k} is false`);
  if (!threads(r.threads)) out.push(`${where}: ${r.threads} threads (${r.note ?? 'no note'})`);
  if (r.threads === 1 && r.asked > 1 && r.note === null) out.push(`${where}: one thread of ${r.asked} asked, and no note saying why`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    console.error('check:browser: no chromium found (Debian: apt-get install chromium)');
    process.exit(2);
  }
  const time = process.argv.includes('--time');
  const r = await browserCheck({ executablePath, time });
  const cores = r.isolated?.worker?.asked ?? 1;
  const one = (n) => n === 1;
  const bad = [
    ...failures('plain page, main thread', r.plain.main, { threads: one }),
    ...failures('plain page, worker', r.plain.worker, { threads: one }),
    ...failures('isolated page, main thread', r.isolated.main, { threads: one }),
    ...failures('isolated page, worker', r.isolated.worker, { threads: (n) => (cores > 1 ? n > 1 : n === 1) }),
    ...failures('isolated page without blob: workers, worker', r.blocked.worker, { threads: one }),
    ...r.errors,
  ];
  for (const [page, { main, worker }] of Object.entries({ plain: r.plain, isolated: r.isolated, 'isolated without blob: workers': r.blocked })) {
    console.log(`${page} page, main thread: ${JSON.stringify(main)}`);
    console.log(`${page} page, worker: ${JSON.stringify(worker)}`);
  }
  for (const line of bad) console.error(`check:browser: ${line}`);
  process.exit(bad.length === 0 ? 0 : 1);
}

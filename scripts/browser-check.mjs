// `npm run check:browser`: loads the built kernels in headless Chromium (Debian's `chromium`
// package; not needed otherwise) from a local server, on a plain page and on a cross-origin
// isolated one, and checks that a normal fill on the wasm kernels has the JavaScript reference's
// bytes. Not part of `npm test`: CI machines have no browser.
import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const browser = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync(b, ['--version']).status === 0);
if (browser === undefined) {
  console.error('check:browser: no chromium found (Debian: apt-get install chromium)');
  process.exit(2);
}

const PAGE = `<!doctype html><pre id="out">loading</pre><script type="module">
const out = document.getElementById('out');
try {
  const { configureKernels } = await import('/dist/kernels/index.js');
  const { fillNormal, keyFromSeed } = await import('/dist/random/index.js');
  const info = configureKernels();
  const a = fillNormal(keyFromSeed(7), new Float32Array(100003));
  configureKernels({ backend: 'js' });
  const b = fillNormal(keyFromSeed(7), new Float32Array(100003));
  const same = a.every((v, i) => Object.is(v, b[i]));
  out.textContent = 'RESULT ' + JSON.stringify({ backend: info.backend, threads: info.threads, sharedMemory: info.sharedMemory, same });
} catch (e) { out.textContent = 'ERROR ' + e; }
</script>`;

const TYPES = { '.js': 'text/javascript', '.html': 'text/html' };

async function check(isolated) {
  const server = createServer(async (req, res) => {
    const headers = isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {};
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path === '/') return void res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(PAGE);
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  // Asynchronous, so this process keeps serving the page while the browser loads it.
  const run = await new Promise((done) => {
    execFile(browser, ['--headless=new', '--no-sandbox', '--disable-gpu', '--virtual-time-budget=10000', '--dump-dom', url], { encoding: 'utf8', timeout: 60_000 },
      (_error, stdout, stderr) => done({ stdout, stderr }));
  });
  server.close();
  const line = /(RESULT|ERROR) [^<]*/.exec(run.stdout ?? '')?.[0] ?? `ERROR no result (${run.stderr?.trim().split('\n').pop()})`;
  const ok = line.startsWith('RESULT') && JSON.parse(line.slice(7)).same === true;
  console.log(`${isolated ? 'cross-origin isolated' : 'plain page'}: ${line}`);
  return ok;
}

const results = [await check(false), await check(true)];
process.exit(results.every(Boolean) ? 0 : 1);

// The training playground in a real browser (Debian's chromium driven by playwright-core; skipped
// where no chromium is installed): the page built by scripts/build-web.mjs, served locally. The
// numbers the playground shows must be the Node session's for the same settings (same kernels,
// same streams), training must run in its worker while the page stays responsive, a pause must
// hold, and a bad initializer must show the trainer's message next to its field.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createSession } from '../../src/train/session.js';
import { PLAYGROUND_DEFAULTS, sessionConfig, type PlaygroundConfig } from '../../web/playground/config.js';

const browserPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => spawnSync(p, ['--version']).status === 0);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2' };

describe.skipIf(browserPath === undefined)('training playground in the browser', () => {
  let dir: string;
  let server: Server;
  let browser: Browser;
  let origin: string;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'initlab-playground-'));
    const build = (await import(pathToFileURL(join(process.cwd(), 'scripts', 'build-web.mjs')).href)) as { buildWeb(o: { outdir: string }): Promise<string[]> };
    await build.buildWeb({ outdir: dir });
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+$/, '/index.html');
      try {
        res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(join(dir, path)));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox', '--disable-gpu'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** The page with its playground tab open (and a one-layer lab run, so the lab's worker idles). */
  async function playground(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A fresh training worker compiles the kernels first: on a 2-core machine busy with the rest of
    // the suite that has taken more than the default 30 s.
    page.setDefaultTimeout(90_000);
    await page.goto(`${origin}/?depth=1&width=8&backward=0`);
    await page.click('#tab-playground');
    await page.waitForSelector('.pg-status:has-text("update 0")');
    // From here on, errors are the playground's and the stories' (the lab tab has its own tests).
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  }

  const updateOf = async (page: Page) => Number(/update ([\d,]+)/.exec((await page.textContent('.pg-status')) ?? '')?.[1].replace(/,/g, '') ?? NaN);

  /** What the playground says after `n` updates of `config`, from the Node session. */
  function expected(config: PlaygroundConfig, n: number): { loss: string; error: string; units: string } {
    const s = createSession(sessionConfig(config)).step(n);
    return { loss: s.loss.toFixed(4), error: `${(100 * s.testError).toFixed(1)}%`, units: s.distinctUnits.join(', ') };
  }

  it("shows the Node session's numbers after 100 updates", async () => {
    const page = await playground();
    await page.click('.pg-buttons button:has-text("+100")');
    await page.waitForSelector('.pg-status:has-text("update 100 ")');
    const status = (await page.textContent('.pg-status')) ?? '';
    const want = expected(PLAYGROUND_DEFAULTS, 100);
    expect(status).toContain(`training loss ${want.loss}`);
    expect(status).toContain(`test error ${want.error}`);
    expect(await page.textContent('.pg-note')).toContain(`Distinct units per hidden layer: ${want.units} (of 16)`);
    // Two edits in a row, the second before the first's session is up: both apply.
    await page.fill('#pg-depth', '2');
    await page.press('#pg-depth', 'Tab');
    await page.fill('#pg-width', '4');
    await page.press('#pg-width', 'Tab');
    await page.waitForSelector('.pg-note:has-text("(of 4)")');
    expect(await page.locator('.pg-table tbody tr').count()).toBe(3);
    expect(await page.textContent('.pg-status')).toContain('update 0 ');
    await page.close();
  }, 300_000);

  it('zero initialization: plays in its worker while the page responds, keeps one unit per layer, and a pause holds', async () => {
    const page = await playground();
    await page.click('#tab-stories');
    await page.click('#story-zero-symmetry .st-apply');
    await page.waitForSelector('#pg-init');
    expect(await page.inputValue('#pg-init')).toBe('zeros');
    await page.click('.pg-primary:has-text("Play")');
    await page.waitForFunction("Number(/update ([\\d,]+)/.exec(document.querySelector('.pg-status')?.textContent ?? '')?.[1].replace(/,/g, '') ?? 0) >= 300");
    // The page's own thread is free while training runs: it evaluates script and keeps state.
    expect(await page.evaluate('6 * 7')).toBe(42);
    expect(await page.textContent('.pg-primary')).toBe('Pause');
    await page.click('.pg-primary:has-text("Pause")');
    await page.waitForTimeout(500);
    const paused = await updateOf(page);
    await page.waitForTimeout(1000);
    expect(await updateOf(page)).toBe(paused);
    expect(await page.textContent('.pg-note')).toContain('Distinct units per hidden layer: 1, 1, 1 (of 16).');
    expect(await page.textContent('.pg-status')).toContain('test error 50.0%');
    await page.close();
  });

  it("a misspelt initializer shows the trainer's message next to the field and the last session stays", async () => {
    const page = await playground();
    await page.fill('#pg-init', 'glorot_unifrom');
    await page.press('#pg-init', 'Tab');
    const message = await page.textContent('.pg-invalid .pg-error', { timeout: 30_000 });
    let thrown = '';
    try {
      createSession(sessionConfig({ ...PLAYGROUND_DEFAULTS, init: 'glorot_unifrom' }));
    } catch (e) {
      thrown = (e as Error).message;
    }
    expect(thrown).toMatch(/glorot_unifrom/);
    expect(message).toBe(thrown);
    expect(await page.textContent('.pg-status')).toContain('update 0');
    await page.close();
  });

  it('raised no error in the page while the playground and the stories ran', () => {
    expect(errors).toEqual([]);
  });
});

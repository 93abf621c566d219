// The explorer keeps its lab worker between runs (web/labClient.ts): consecutive runs go to one
// worker, and a control changed mid-run cancels the run in flight (through shared memory on a
// cross-origin isolated page, without a new worker; by a new worker elsewhere) and shows the
// result of the final settings, the numbers `initlab propagate` gives. Chromium and the page's
// build as in explorer.test.ts; the root element's `data-lab-worker` names the worker of the
// latest run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from '../../src/cli/commands/serve.js';
import { cli } from '../cli/cli.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => spawnSync(p, ['--version']).status === 0);
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SUITE = CHROMIUM === undefined ? "the explorer's lab worker in Chromium (skipped: no chromium at /usr/bin/chromium; Debian: apt-get install chromium)" : "the explorer's lab worker in Chromium";

/** 6 significant digits, as the page shows measured values. */
const six = (x: number) => String(Number(x.toPrecision(6)));

describe.skipIf(CHROMIUM === undefined)(SUITE, () => {
  let dir: string;
  let isolated: Server;
  let plain: Server;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'initlab-warm-'));
    const build = (await import(pathToFileURL(join(process.cwd(), 'scripts', 'build-web.mjs')).href)) as { buildWeb(o: { outdir: string }): Promise<string[]> };
    await build.buildWeb({ outdir: dir });
    isolated = await startServer({ root: dir, port: 0 });
    plain = await startServer({ root: dir, port: 0, isolated: false });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await isolated?.close();
    await plain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(query: string, server: Server): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
    await page.goto(`${server.url}?${query}`);
    return page;
  }

  // Page-side code is given as text: this file is type-checked without the DOM library.
  const finished = (page: Page) => page.waitForFunction("document.documentElement.dataset.runState === 'done'", null, { timeout: 300_000 });
  const worker = (page: Page) => page.evaluate('document.documentElement.dataset.labWorker') as Promise<string | undefined>;

  /** Waits for a new run, started by `act`, to finish. */
  async function rerun(page: Page, act: () => Promise<void>): Promise<void> {
    await page.evaluate("document.documentElement.dataset.runState = 'stale'");
    await act();
    await finished(page);
  }

  /** The page shows the numbers `initlab propagate` gives for these options. */
  async function expectNodeNumbers(page: Page, ...options: string[]): Promise<void> {
    const node = await cli('propagate', ...options, '--json');
    expect(node.code).toBe(0);
    const json = JSON.parse(node.stdout);
    expect(await page.textContent('[data-value=chi1]')).toBe(six(json.summary.chi1));
    const last = json.layers.length - 1;
    const row = page.locator('#layers tbody tr').nth(last);
    expect(await row.locator('td').first().textContent()).toContain(six(json.layers[last].preact.variance));
    expect(await row.locator('td').nth(2).textContent()).toContain(six(json.layers[last].grad.variance));
  }

  for (const [name, server] of [['cross-origin isolated', () => isolated], ['plain', () => plain]] as const) {
    it(`runs consecutive runs on one worker (${name} page)`, async () => {
      const page = await open('depth=4&width=32&activation=tanh&init=glorot_normal&seed=0&batch=16&backward=1', server());
      await finished(page);
      const first = await worker(page);
      expect(first).toMatch(/^\d+$/);
      for (const seed of ['1', '2']) {
        await rerun(page, () => page.fill('#f-seed', seed));
        expect(await worker(page)).toBe(first);
      }
      await expectNodeNumbers(page, '--depth', '4', '--width', '32', '--activation', 'tanh', '--init', 'glorot_normal', '--batch', '16', '--seed', '2', '--backward');
      await page.close();
    });
  }

  for (const [name, server, sameWorker] of [['cross-origin isolated', () => isolated, true], ['plain', () => plain, false]] as const) {
    it(`cancels the run in flight when a control changes, and shows the final settings' result (${name} page)`, async () => {
      // A run long enough to be in flight when the control changes: its progress shows.
      const page = await open('depth=400&width=512&activation=tanh&init=glorot_normal&seed=0&batch=128&backward=1', server());
      await page.waitForFunction("document.documentElement.dataset.labWorker !== undefined && document.querySelector('progress') !== null", null, { timeout: 120_000 });
      const busy = await worker(page);
      await rerun(page, () => page.fill('#f-depth', '6'));
      // Isolated: the same worker stopped its run and took the new one; plain: a new worker did.
      expect((await worker(page)) === busy).toBe(sameWorker);
      await expectNodeNumbers(page, '--depth', '6', '--width', '512', '--activation', 'tanh', '--init', 'glorot_normal', '--batch', '128', '--seed', '0', '--backward');
      // The kept worker runs the next run too.
      const kept = await worker(page);
      await rerun(page, () => page.fill('#f-seed', '5'));
      expect(await worker(page)).toBe(kept);
      await expectNodeNumbers(page, '--depth', '6', '--width', '512', '--activation', 'tanh', '--init', 'glorot_normal', '--batch', '128', '--seed', '5', '--backward');
      await page.close();
    });
  }

  it('logged no error', () => {
    expect(problems).toEqual([]);
  });
});

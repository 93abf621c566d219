// The explorer in a real browser: Debian's chromium driven by playwright-core (skipped, with the
// reason in the suite's name, where no chromium is installed). The page is built by
// scripts/build-web.mjs into a scratch folder and served by `initlab serve`'s server in-process,
// cross-origin isolated and not. Each test loads a URL with state and waits for
// <html data-run-state="done|error">.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from '../../src/cli/commands/serve.js';
import { cli } from '../cli/cli.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => spawnSync(p, ['--version']).status === 0);
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SUITE = CHROMIUM === undefined ? 'the explorer in Chromium (skipped: no chromium at /usr/bin/chromium; Debian: apt-get install chromium)' : 'the explorer in Chromium';

/** 6 significant digits, as the page shows measured values. */
const six = (x: number) => String(Number(x.toPrecision(6)));

/** The words of the page's command line (it quotes only with single quotes). */
function words(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] === undefined ? m[2] : m[1].replace(/'\\''/g, "'")));
}

/** Where two JSON documents differ: any difference, except 1e-12 relative in the theory's numbers. */
function differences(a: unknown, b: unknown, path = '', theory = false): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    const close = theory ? Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)) : Object.is(a, b);
    return close ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, theory || /theory|summary/i.test(k)));
}

describe.skipIf(CHROMIUM === undefined)(SUITE, () => {
  let dir: string;
  let isolated: Server;
  let plain: Server;
  let browser: Browser;
  /** Console errors, uncaught exceptions and requests to another origin, over every page opened. */
  const problems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'initlab-explorer-'));
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

  async function open(query: string, server = isolated): Promise<Page> {
    const page = await browser.newPage({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    const origin = new URL(server.url).origin;
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')) problems.push(`request to another origin: ${u}`);
    });
    await page.goto(`${server.url}?${query}`);
    return page;
  }

  // Page-side code is given as text: this file is type-checked without the DOM library.
  const settled = (page: Page) => page.waitForFunction("document.documentElement.dataset.runState !== 'running'", null, { timeout: 120_000 });
  const runState = (page: Page) => page.evaluate('document.documentElement.dataset.runState');
  const finished = (page: Page, extra = 'true') => page.waitForFunction(`document.documentElement.dataset.runState === 'done' && ${extra}`, null, { timeout: 300_000 });

  /** Waits for a new run to start and finish. */
  async function rerun(page: Page, act: () => Promise<void>): Promise<void> {
    await page.evaluate("document.documentElement.dataset.runState = 'stale'");
    await act();
    await finished(page);
  }

  it('runs the run its URL names: the JSON it downloads is what `initlab propagate --json` prints, and the numbers shown are its numbers', async () => {
    const page = await open('depth=12&width=64&activation=tanh&init=glorot_normal&seed=3&batch=32&backward=1');
    await settled(page);
    expect(await runState(page)).toBe('done');
    const command = await page.inputValue('#cli');
    expect(command).toBe('initlab propagate --depth 12 --width 64 --activation tanh --init glorot_normal --batch 32 --seed 3 --backward --memory-limit 2GiB');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).click()]);
    const downloaded = readFileSync((await download.path())!, 'utf8');
    const node = await cli(...words(command).slice(1), '--json');
    expect(node.code).toBe(0);
    // Measurements are the kernels' bytes, identical; the theory's numbers go through the
    // engines' Math functions (Node's and Chromium's V8 may differ in the last bit of exp or pow).
    expect(differences(JSON.parse(downloaded), JSON.parse(node.stdout))).toEqual([]);
    expect(downloaded.endsWith('}\n')).toBe(true);
    const json = JSON.parse(node.stdout);
    expect(await page.textContent('[data-value=chi1]')).toBe(six(json.summary.chi1));
    const row = page.locator('#layers tbody tr').nth(11);
    expect(await row.locator('td').first().textContent()).toContain(six(json.layers[11].preact.variance));
    expect(await row.locator('td').nth(2).textContent()).toContain(six(json.layers[11].grad.variance));
    await page.close();
  });

  it('shows the CLI\'s message next to a misspelt spec, runs nothing, and keeps the last good result', async () => {
    const page = await open('depth=4&width=16&batch=8&seed=0&backward=0');
    await settled(page);
    const before = await page.textContent('#summary');
    await page.fill('#f-init', 'glorot_nromal');
    await page.waitForFunction("document.documentElement.dataset.runState === 'error'");
    const node = await cli('propagate', '--depth', '4', '--width', '16', '--batch', '8', '--init', 'glorot_nromal');
    expect(node.code).toBe(2);
    expect(await page.textContent('[data-field=init]')).toBe(node.stderr.replace(/^initlab: error: /, '').trim());
    expect(await page.textContent('#summary')).toBe(before);
    await page.fill('#f-depth', '0');
    expect(await page.textContent('[data-field=depth]')).toBe('--depth="0", expected an integer in [1, 1000]');
    await page.close();
  });

  it('keeps its state in the URL: an edit changes the URL, and the URL reopened gives the same page', async () => {
    const page = await open('depth=5&width=32&activation=relu&init=he_normal&seed=1&batch=16&backward=1');
    await settled(page);
    await rerun(page, () => page.fill('#f-width', '24'));
    const url = page.url();
    expect(new URL(url).searchParams.get('width')).toBe('24');
    expect(new URL(url).searchParams.get('init')).toBe('he_normal');
    const command = await page.inputValue('#cli');
    const again = await browser.newPage();
    await again.goto(url);
    await settled(again);
    expect(await again.inputValue('#f-width')).toBe('24');
    expect(await again.inputValue('#f-activation')).toBe('relu');
    expect(await again.inputValue('#cli')).toBe(command);
    expect(await again.textContent('#layers')).toBe(await page.textContent('#layers'));
    await again.close();
    await page.close();
  });

  it('pins runs and overlays them on the charts', async () => {
    const page = await open('depth=6&width=32&activation=tanh&init=glorot_normal&seed=0&batch=16&backward=1');
    await settled(page);
    await page.getByRole('button', { name: 'Pin this run' }).click();
    await rerun(page, async () => {
      await page.selectOption('#f-activation', 'relu');
    });
    await page.getByRole('button', { name: 'Pin this run' }).click();
    const pins = await page.locator('[data-pinned]').evaluateAll((els) => els.map((e) => e.getAttribute('data-pinned')));
    expect(pins).toEqual(['tanh + glorot_normal, 6×32', 'relu + glorot_normal, 6×32']);
    await page.waitForFunction("['tanh + glorot_normal', 'relu + glorot_normal'].every((label) => document.querySelector('.chart-view svg')?.textContent.includes(label))");
    await page.close();
  });

  it("pins a comparison story's runs in turn", async () => {
    const page = await open('depth=3&width=16&batch=8&backward=0');
    await settled(page);
    await page.click('#tab-stories');
    const story = page.locator('#panel-stories').getByRole('button', { name: 'Compare the runs' }).first();
    await rerun(page, () => story.click());
    await finished(page, "document.querySelectorAll('[data-pinned]').length >= 2");
    expect(await page.locator('#panel-lab').isVisible()).toBe(true);
    expect(await page.locator('[data-pinned]').count()).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('runs a normal initialization where the phase diagram is clicked', async () => {
    const page = await open('depth=5&width=32&activation=tanh&init=glorot_normal&seed=0&batch=16&backward=0');
    await settled(page);
    const cell = page.locator('.chart-view.clickable svg .mark-rect path').nth(100);
    await cell.waitFor({ timeout: 120_000 });
    await rerun(page, () => cell.click());
    const params = new URL(page.url()).searchParams;
    expect(params.get('init')).toMatch(/^normal\(std=[\d.e-]+\)$/);
    const std = Number(/std=([\d.e-]+)/.exec(params.get('init')!)![1]);
    expect(std * std * 32).toBeGreaterThan(0.25 - 1e-9);
    expect(std * std * 32).toBeLessThan(4 + 1e-9);
    expect(await page.inputValue('#f-init')).toBe(params.get('init'));
    await page.close();
  });

  it('runs cross-origin isolated under `initlab serve` and on one thread on a plain page', async () => {
    const a = await open('depth=3&width=16&batch=8&backward=0');
    await settled(a);
    const k = await a.locator('#kernels').evaluate((e) => ({ threads: Number(e.getAttribute('data-threads')), isolated: e.getAttribute('data-isolated'), text: e.textContent }));
    expect(k.isolated).toBe('true');
    // More than one thread, or the kernels say why not.
    expect(k.threads > 1 || /1 used: /.test(k.text ?? '')).toBe(true);
    const b = await open('depth=3&width=16&batch=8&backward=0', plain);
    await settled(b);
    const p = await b.locator('#kernels').evaluate((e) => ({ threads: Number(e.getAttribute('data-threads')), isolated: e.getAttribute('data-isolated') }));
    expect(p).toEqual({ threads: 1, isolated: 'false' });
    expect(await b.locator('#layers tbody tr').count()).toBe(3);
    await a.close();
    await b.close();
  });

  it('requested nothing from another origin and logged no error', () => {
    expect(problems).toEqual([]);
  });
});

// The kernels' pool in a real browser: Debian's chromium driven by playwright-core (skipped, with
// the reason in the suite's name, where no chromium is installed), through the check that
// `npm run check:browser` runs (scripts/browser-check.mjs). On a cross-origin isolated page, a
// dedicated worker runs the kernels on nested Web Workers; a plain page and any page's main thread
// run on one thread and say why. The bytes never depend on where they ran.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

interface Probe {
  readonly error?: string;
  readonly isolated: boolean;
  readonly backend: string;
  readonly threads: number;
  readonly asked: number;
  readonly note: string | null;
  readonly fillSameAsJs: boolean;
  readonly fillSameAsOneThread: boolean;
  readonly productSameAsOneThread: boolean;
}
interface Check {
  findChromium(): string | undefined;
  browserCheck(o: { executablePath: string }): Promise<Record<'plain' | 'isolated' | 'blocked', Record<'main' | 'worker', Probe>> & { errors: string[] }>;
}

const check = (await import(pathToFileURL(join(process.cwd(), 'scripts', 'browser-check.mjs')).href)) as Check;
const CHROMIUM = check.findChromium();
const SUITE = CHROMIUM === undefined ? 'the kernels in Chromium (skipped: no chromium at /usr/bin/chromium; Debian: apt-get install chromium)' : 'the kernels in Chromium';

describe.skipIf(CHROMIUM === undefined)(SUITE, () => {
  let r: Awaited<ReturnType<Check['browserCheck']>>;
  beforeAll(async () => {
    r = await check.browserCheck({ executablePath: CHROMIUM! });
  }, 300_000);

  it('no page errors, and the wasm kernels everywhere', () => {
    expect(r.errors).toEqual([]);
    for (const probe of [r.plain.main, r.plain.worker, r.isolated.main, r.isolated.worker, r.blocked.main, r.blocked.worker]) {
      expect(probe.error).toBeUndefined();
      expect(probe.backend).toBe('wasm');
    }
  });
  it('the isolated page\'s worker runs on more than one thread, with the bytes of one thread and of the JavaScript reference', () => {
    const w = r.isolated.worker;
    expect(w.isolated).toBe(true);
    // Headless Chromium reports the machine's cores; the pool takes all of them.
    expect(w.asked).toBe(availableParallelism());
    if (availableParallelism() > 1) expect(w.threads).toBeGreaterThan(1);
    expect(w.threads).toBe(w.asked);
    expect(w.note).toBeNull();
    expect(w).toMatchObject({ fillSameAsJs: true, fillSameAsOneThread: true, productSameAsOneThread: true });
  });
  it('a plain page and any main thread run on one thread, say why, and give the same bytes', () => {
    expect(r.plain.main).toMatchObject({ isolated: false, threads: 1, note: expect.stringMatching(/1 used: no shared memory here/) });
    expect(r.plain.worker).toMatchObject({ isolated: false, threads: 1, note: expect.stringMatching(/1 used: no shared memory here/) });
    expect(r.isolated.main).toMatchObject({ isolated: true, threads: 1, note: expect.stringMatching(/main thread may not block/) });
    for (const probe of [r.plain.main, r.plain.worker, r.isolated.main]) {
      expect(probe).toMatchObject({ fillSameAsJs: true, fillSameAsOneThread: true, productSameAsOneThread: true });
    }
  });
  it('where a content security policy forbids blob: workers, the worker falls back to one thread, says why, and gives the same bytes', () => {
    const w = r.blocked.worker;
    expect(w.isolated).toBe(true);
    if (w.asked > 1) expect(w.note).toMatch(/threads asked, 1 used: a worker thread failed: a Web Worker could not load its program from a blob: URL/);
    expect(w).toMatchObject({ threads: 1, fillSameAsJs: true, fillSameAsOneThread: true, productSameAsOneThread: true });
  });
});

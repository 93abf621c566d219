import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the views and reports run in a browser', () => {
  it('bundle for the browser with no Node module (only src/report/html.ts writes files)', async () => {
    for (const entry of ['src/report/views/index.ts', 'src/report/lab.ts', 'src/report/experiment.ts', 'src/report/training.ts', 'src/report/theory.ts']) {
      const out = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent', metafile: true });
      expect(out.errors).toEqual([]);
      const inputs = Object.keys(out.metafile.inputs);
      expect(inputs.filter((p) => p.startsWith('node:') || p.endsWith('report/html.ts'))).toEqual([]);
    }
    await expect(build({ entryPoints: ['src/report/html.ts'], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' })).rejects.toThrow(/node:fs/);
  }, 60_000);
});

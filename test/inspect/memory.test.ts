/**
 * Bounded memory: a child process whose heap is capped at 48 MB inspects a 160 MB file (one
 * 40M-element float32 tensor), and its peak resident memory stays far below the file's size.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { safetensorsHeader } from '../../src/io/safetensors.js';
import { draw } from './fixtures.js';
import { scratch } from '../cli/cli.js';

const ROWS = 10_000;
const COLS = 4_000;
const dir = scratch('initlab-inspect-memory-');

describe('inspect reads a file larger than its heap', () => {
  let file: string;
  let bundle: string;
  beforeAll(async () => {
    const d = dir.fresh();
    bundle = join(d, 'inspect.mjs');
    await build({ entryPoints: ['src/inspect/inspect.ts'], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent' });
    // The tensor is written 100 rows at a time, each block a slice of one draw of U(±1/√fan_in):
    // not a sample of the law (blocks repeat), but its values come from it.
    file = join(d, 'big.safetensors');
    const { bytes: header } = safetensorsHeader([{ name: 'w', dtype: 'F32', shape: [ROWS, COLS], byteLength: ROWS * COLS * 4 }]);
    const block = draw('torch:default_weight', [100, COLS], 1).data as Float32Array;
    const fd = openSync(file, 'w');
    writeSync(fd, header);
    for (let r = 0; r < ROWS; r += 100) writeSync(fd, new Uint8Array(block.buffer));
    closeSync(fd);
  }, 60_000);

  it('peak RSS stays under 150 MB with a 48 MB heap, for a 160 MB tensor', () => {
    const program = [
      `import { inspect } from ${JSON.stringify(pathToFileURL(bundle).href)};`,
      `const r = inspect(${JSON.stringify(file)});`,
      `console.log(JSON.stringify({ rss: process.resourceUsage().maxRSS * 1024, std: r.tensors[0].std, n: r.summary.parameters }));`,
    ].join('\n');
    const run = spawnSync(process.execPath, ['--max-old-space-size=48', '--input-type=module'], { input: program, encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { rss: number; std: number; n: number };
    expect(out.n).toBe(ROWS * COLS);
    expect(out.std).toBeCloseTo(1 / Math.sqrt(3 * COLS), 3);
    expect(out.rss).toBeLessThan(150e6);
  }, 120_000);
});

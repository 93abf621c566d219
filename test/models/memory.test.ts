/**
 * Bounded memory: a child process with a 128 MB V8 heap writes a model of about 450 MB of
 * float32, whose embedding (131 MB) is larger than both the heap and the write buffer, and its
 * peak resident memory (typed arrays live outside the heap, so the heap cap alone proves little)
 * stays below the size of its largest tensor.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'initlab-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CHILD = `
import { modelOf, writeModel } from './index.js';
const model = modelOf('llama', ['num_hidden_layers=6', 'hidden_size=1024', 'intermediate_size=2816', 'num_attention_heads=8', 'num_key_value_heads=8', 'vocab_size=32000']);
const s = await writeModel(model.tensors, { out: process.argv[2] });
console.log(JSON.stringify({ totalSize: s.totalSize, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
`;

describe('bounded memory', () => {
  it('writes a 450 MB model under a 128 MB heap with peak RSS below the size of its largest tensor', async () => {
    const bundle = join(dir, 'child.mjs');
    await build({ stdin: { contents: CHILD, resolveDir: resolve('src/models'), loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error' });
    const out = join(dir, 'model');
    const r = spawnSync(process.execPath, ['--max-old-space-size=128', bundle, out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { totalSize, maxRssBytes } = JSON.parse(r.stdout) as { totalSize: number; maxRssBytes: number };
    expect(totalSize).toBeGreaterThan(440e6);
    expect(statSync(join(out, 'model.safetensors')).size).toBeGreaterThan(totalSize);
    // Node itself, the kernels and two 16 MiB buffers: well under 300 MB, whatever the model size.
    console.log(maxRssBytes);
    expect(maxRssBytes).toBeLessThan(300e6);
  }, 300_000);
});

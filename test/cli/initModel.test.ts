/**
 * `initlab init-model` end to end: the JSON summary, one-line errors with exit 2, and the files
 * loaded by PyTorch (read by hand with torch.frombuffer, as the safetensors package may be absent),
 * whose own float32 -> bfloat16/float16 conversion must give the bytes initlab wrote.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/commands/initModel.js';
import { cli, cliJson, scratch } from './cli.js';

const dirs = scratch('initlab-init-model-');
const SMALL = ['--set', 'n_layer=2', '--set', 'vocab_size=100', '--set', 'n_positions=32', '--set', 'n_embd=32', '--set', 'n_head=2'];

describe('initlab init-model', () => {
  it('writes the files and prints a JSON summary', async () => {
    const out = join(dirs.fresh(), 'gpt2');
    const s = await cliJson('init-model', '--arch', 'gpt2', ...SMALL, '--out', out, '--max-shard-size', '20KB');
    expect(s).toMatchObject({ arch: 'gpt2', dtype: 'float32', tensors: 28, totalSize: 4 * (100 * 32 + 32 * 32 + 2 * (4 * 32 + 32 * 96 + 96 + 32 * 32 + 32 + 32 * 128 + 128 + 128 * 32 + 32) + 2 * 32) });
    expect(s.config).toMatchObject({ n_layer: 2, n_embd: 32 });
    expect(s.files.length).toBe(readdirSync(out).length);
    expect(s.files.every((f: string) => existsSync(f))).toBe(true);
    expect(typeof s.seconds).toBe('number');
  });

  it.each([
    [['--arch', 'gtp2'], '--arch="gtp2", expected one of gpt2, gpt2-medium, llama, bert-base, vit-base, resnet50, or an arch.json file (did you mean gpt2?)'],
    [['--arch', 'gpt2', '--set', 'n_layers=2'], '--set="n_layers=2", expected a config key of gpt2 (did you mean n_layer?)'],
    [['--arch', 'gpt2', '--shard', '3/2'], '--shard="3/2", expected i/N with 1 <= i <= N'],
    [['--arch', 'gpt2', '--shard', '0/2'], '--shard="0/2", expected i/N with 1 <= i <= N'],
    [['--arch', 'gpt2', '--max-shard-size', '2XB'], '--max-shard-size="2XB", expected a size such as 2GB'],
    [['--arch', 'gpt2', '--dtype', 'float64'], '--dtype="float64", expected one of "float32", "bfloat16", "float16"'],
    [['--arch', 'missing.json'], '--arch="missing.json", expected an architecture name or a readable JSON file (ENOENT)'],
  ])('%j: one line, exit 2', async (args, message) => {
    const out = join(dirs.fresh(), 'm');
    const { code, stdout, stderr } = await cli('init-model', ...args, '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.startsWith(`initlab: error: ${message}`)).toBe(true);
    expect(stderr.split('\n').length).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an arch.json that does not parse, and a directory with other files', async () => {
    const dir = dirs.fresh();
    writeFileSync(join(dir, 'arch.json'), '[{"name": "w", ');
    const bad = await cli('init-model', '--arch', join(dir, 'arch.json'), '--out', join(dir, 'm'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^initlab: error: --arch=".*arch.json", expected a JSON file \(/);
    const busy = await cli('init-model', '--arch', 'gpt2', ...SMALL, '--out', dir);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain('expected an empty or new directory (it holds arch.json; pass --force to write there anyway)');
  });

  it('writes an arch.json model', async () => {
    const dir = dirs.fresh();
    writeFileSync(join(dir, 'arch.json'), JSON.stringify({ tensors: [{ name: 'dense.kernel', shape: [16, 8], layout: { layout: 'io' } }, { name: 'dense.bias', shape: [8] }], rules: [{ match: '*.bias', spec: 'keras:zeros' }, { match: '*', spec: 'glorot_uniform' }] }));
    const s = await cliJson('init-model', '--arch', join(dir, 'arch.json'), '--out', join(dir, 'm'));
    expect(s).toMatchObject({ tensors: 2, totalSize: 4 * (16 * 8 + 8) });
  });
});

const python = '/usr/bin/python3';
const hasTorch = existsSync(python) && spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;

/** Loads every tensor of each directory with torch; prints {dir: {name: [dtype, shape, sum as float64]}} and, with `conversions`, torch's own 16-bit conversions of F32 tensors. */
const LOAD = String.raw`
import json, os, struct, sys, torch
DT = {'F32': torch.float32, 'BF16': torch.bfloat16, 'F16': torch.float16, 'I64': torch.int64}
conversions = sys.argv[1] == 'conversions'
result = {}
for d in sys.argv[2:]:
    idx = os.path.join(d, 'model.safetensors.index.json')
    files = sorted(set(json.load(open(idx))['weight_map'].values())) if os.path.exists(idx) else ['model.safetensors']
    out = result[d] = {}
    for f in files:
        raw = open(os.path.join(d, f), 'rb').read()
        n = struct.unpack('<Q', raw[:8])[0]
        header = json.loads(raw[8:8 + n])
        assert header.pop('__metadata__') == {'format': 'pt'}
        for name, info in header.items():
            b, e = info['data_offsets']
            data = bytearray(raw[8 + n + b:8 + n + e])
            t = torch.frombuffer(data, dtype=DT[info['dtype']]).reshape(info['shape'])
            row = [info['dtype'], list(t.shape), float(t.double().sum())]
            if info['dtype'] == 'F32' and conversions:
                row.append(t.to(torch.bfloat16).flatten().view(torch.int16).numpy().astype('uint16').tolist())
                row.append(t.to(torch.float16).flatten().view(torch.int16).numpy().astype('uint16').tolist())
            out[name] = row
print(json.dumps(result))
`;

type Loaded = Record<string, [string, number[], number, number[]?, number[]?]>;

function torchLoadAll(dirs: string[], conversions = false): Record<string, Loaded> {
  const r = spawnSync(python, ['-c', LOAD, conversions ? 'conversions' : 'plain', ...dirs], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe.skipIf(!hasTorch)('PyTorch loads the files (skipped: /usr/bin/python3 with torch is absent)', () => {
  it('every tensor of every architecture, with the reference names and shapes', async () => {
    const base = dirs.fresh();
    const written: [string, string, number][] = [];
    for (const [arch, sets] of [
      ['gpt2', SMALL],
      ['llama', ['--set', 'num_hidden_layers=1', '--set', 'hidden_size=32', '--set', 'intermediate_size=64', '--set', 'vocab_size=50', '--set', 'num_attention_heads=4', '--set', 'num_key_value_heads=2']],
      ['bert-base', ['--set', 'num_hidden_layers=1', '--set', 'hidden_size=32', '--set', 'intermediate_size=64', '--set', 'vocab_size=50', '--set', 'num_attention_heads=4']],
      ['vit-base', ['--set', 'num_hidden_layers=1', '--set', 'hidden_size=32', '--set', 'intermediate_size=64', '--set', 'image_size=32', '--set', 'num_attention_heads=4']],
      ['resnet50', ['--set', 'layers=1,1,1,1', '--set', 'width_per_group=8', '--set', 'num_classes=10']],
    ] as const) {
      const out = join(base, arch);
      const s = await cliJson('init-model', '--arch', arch, ...sets, '--out', out, '--max-shard-size', '40KB', '--dtype', arch === 'llama' ? 'bfloat16' : 'float32');
      written.push([arch, out, s.tensors]);
    }
    // One python process for all (importing torch takes seconds).
    const all = torchLoadAll(written.map(([, out]) => out));
    for (const [arch, out, count] of written) {
      const loaded = all[out];
      expect(Object.keys(loaded).length).toBe(count);
      if (arch === 'resnet50') {
        expect(loaded['layer1.0.bn1.num_batches_tracked'].slice(0, 3)).toEqual(['I64', [], 0]);
        expect(loaded['layer1.0.bn1.running_var'].slice(0, 3)).toEqual(['F32', [8], 8]);
        expect(loaded['layer4.0.conv3.weight'].slice(0, 2)).toEqual(['F32', [2048, 64, 1, 1]]);
      }
      if (arch === 'llama') expect(loaded['model.layers.0.self_attn.k_proj.weight'].slice(0, 2)).toEqual(['BF16', [16, 32]]);
      if (arch === 'gpt2') expect(loaded['transformer.h.1.mlp.c_fc.weight'].slice(0, 2)).toEqual(['F32', [32, 128]]);
    }
  }, 120_000);

  it("torch's own float32 -> bfloat16 and float16 conversions give the bytes initlab wrote", async () => {
    const base = dirs.fresh();
    const args = ['--arch', 'gpt2', ...SMALL, '--seed', '11'];
    await cliJson('init-model', ...args, '--out', join(base, 'f32'));
    await cliJson('init-model', ...args, '--out', join(base, 'bf16'), '--dtype', 'bfloat16');
    await cliJson('init-model', ...args, '--out', join(base, 'f16'), '--dtype', 'float16');
    const f = torchLoadAll([join(base, 'f32')], true)[join(base, 'f32')];
    const bf = join(base, 'bf16', 'model.safetensors');
    const h = join(base, 'f16', 'model.safetensors');
    const { readRaw } = await import('../models/support.js');
    const bfRaw = readRaw(bf).tensors;
    const hRaw = readRaw(h).tensors;
    for (const name of ['transformer.wte.weight', 'transformer.h.0.attn.c_proj.weight', 'transformer.ln_f.weight']) {
      const words = (b: Uint8Array) => Array.from(new Uint16Array(b.slice().buffer));
      expect(words(bfRaw[name].bytes)).toEqual(f[name][3]);
      expect(words(hRaw[name].bytes)).toEqual(f[name][4]);
    }
  }, 120_000);
});

describe('progress on stderr', () => {
  const run = (tty: boolean) => {
    let err = '';
    let now = 0;
    const p = progressLine({ stdout: () => {}, stderr: (s) => (err += s) }, tty, 0, () => now);
    for (const [t, done] of [[50, 1e8], [5_000, 1e9], [12_000, 2e9], [20_000, 3e9], [25_000, 4e9]]) {
      now = t;
      p.update(done, 4e9);
    }
    p.done();
    return err;
  };

  it('prints a plain line every 10 s when stderr is not a terminal: bytes, GB/s and ETA', () => {
    expect(run(false)).toBe('init-model: 2.00/4.00 GB  50%  0.17 GB/s  ETA 12 s\ninit-model: 4.00/4.00 GB  100%  0.16 GB/s  ETA 0 s\n');
  });

  it('redraws a bar in place on a terminal and erases it when done', () => {
    const err = run(true);
    expect(err.split('\r').filter((s) => s !== '')).toHaveLength(5);
    expect(err).toContain('\r[###############···············] 2.00/4.00 GB  50%  0.17 GB/s  ETA 12 s\x1b[K');
    expect(err.endsWith('\r\x1b[K')).toBe(true);
  });
});

describe('an output directory that cannot be created', () => {
  it('says so in one line', async () => {
    const file = join(dirs.fresh(), 'file');
    writeFileSync(file, 'not a directory');
    const { code, stderr } = await cli('init-model', '--arch', 'gpt2', ...SMALL, '--out', join(file, 'm'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^initlab: error: --out=".*file\/m", expected a directory initlab can create \(ENOTDIR\)\n$/);
  });
});

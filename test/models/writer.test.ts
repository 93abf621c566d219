/**
 * The files init-model writes: the Hugging Face layout, moments per init rule, the same bytes
 * whatever the shard size, the shard split across processes, the thread count and the buffer
 * size; bfloat16/float16 rounding to nearest even.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import { toBfloat16, toFloat16 } from '../../src/io/safetensorsWriter.js';
import { configureKernels } from '../../src/kernels/index.js';
import { modelOf, planShards, writeModel } from '../../src/models/index.js';
import { f32, moments, readRaw } from './support.js';

const root = mkdtempSync(join(tmpdir(), 'initlab-models-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const fresh = () => join(root, String(counter++));

const gpt2 = modelOf('gpt2', ['n_layer=2', 'vocab_size=256', 'n_positions=64', 'n_embd=64', 'n_head=4']).tensors;
const files = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
/** Every tensor's raw bytes, from whichever files hold them. */
const allTensors = (dir: string) => Object.assign({}, ...readdirSync(dir).filter((f) => f.endsWith('.safetensors')).map((f) => readRaw(join(dir, f)).tensors));

describe('layout', () => {
  it('writes one model.safetensors with format=pt metadata when it fits', async () => {
    const dir = fresh();
    const s = await writeModel(gpt2, { out: dir, seed: 1 });
    expect(readdirSync(dir)).toEqual(['model.safetensors']);
    const { tensors, metadata } = readRaw(join(dir, 'model.safetensors'));
    expect(metadata).toEqual({ format: 'pt' });
    expect(Object.keys(tensors).sort()).toEqual(gpt2.map((t) => t.name).sort());
    expect(tensors['transformer.h.1.attn.c_attn.weight']).toMatchObject({ dtype: 'F32', shape: [64, 192] });
    expect(s).toMatchObject({ tensors: gpt2.length, totalSize: 4 * gpt2.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0) });
  });

  it('splits in state-dict order as save_pretrained does and writes the index json.dumps(indent=2, sort_keys=True) gives', async () => {
    // wte is 64 KiB; wpe 16 KiB; each layer 48 KiB of c_attn, 16 of c_proj, 64 + 64 of the MLP.
    const plan = planShards(gpt2, 'float32', 70_000);
    expect(plan.files.map((f) => f.tensors.map((t) => t.name.replace('transformer.', '')))).toEqual([
      ['wte.weight'],
      ['wpe.weight', 'h.0.ln_1.weight', 'h.0.ln_1.bias', 'h.0.attn.c_attn.weight', 'h.0.attn.c_attn.bias'],
      ['h.0.attn.c_proj.weight', 'h.0.attn.c_proj.bias', 'h.0.ln_2.weight', 'h.0.ln_2.bias'],
      ['h.0.mlp.c_fc.weight', 'h.0.mlp.c_fc.bias'],
      ['h.0.mlp.c_proj.weight', 'h.0.mlp.c_proj.bias', 'h.1.ln_1.weight', 'h.1.ln_1.bias'],
      ['h.1.attn.c_attn.weight', 'h.1.attn.c_attn.bias', 'h.1.attn.c_proj.weight', 'h.1.attn.c_proj.bias', 'h.1.ln_2.weight', 'h.1.ln_2.bias'],
      ['h.1.mlp.c_fc.weight', 'h.1.mlp.c_fc.bias'],
      ['h.1.mlp.c_proj.weight', 'h.1.mlp.c_proj.bias', 'ln_f.weight', 'ln_f.bias'],
    ]);
    // A tensor larger than the maximum gets a shard of its own.
    expect(planShards(gpt2, 'float32', 1000).files[0].tensors.map((t) => t.name)).toEqual(['transformer.wte.weight']);
    const dir = fresh();
    await writeModel(gpt2, { out: dir, maxShardSize: 70_000 });
    expect(readdirSync(dir).sort()).toEqual([...Array.from({ length: 8 }, (_, i) => `model-0000${i + 1}-of-00008.safetensors`), 'model.safetensors.index.json']);
    const text = readFileSync(join(dir, 'model.safetensors.index.json'), 'utf8');
    const index = JSON.parse(text);
    expect(index.metadata).toEqual({ total_size: plan.totalSize });
    expect(Object.keys(index.weight_map)).toEqual(gpt2.map((t) => t.name).sort());
    expect(index.weight_map['transformer.h.0.attn.c_proj.bias']).toBe('model-00003-of-00008.safetensors');
    expect(text.startsWith('{\n  "metadata": {\n    "total_size": ')).toBe(true);
    expect(text).toContain('\n  "weight_map": {\n    "transformer.h.0.attn.c_attn.bias": "model-00002-of-00008.safetensors",\n');
    expect(text.endsWith('"transformer.wte.weight": "model-00001-of-00008.safetensors"\n  }\n}\n')).toBe(true);
  });

  it('orders each file as safetensors does: by decreasing dtype (I64 before F32), then name', async () => {
    const dir = fresh();
    const t = modelOf('resnet50', ['layers=1,1,1,1']).tensors.filter((x) => x.name.startsWith('bn1.') || x.name === 'conv1.weight');
    await writeModel(t, { out: dir });
    expect(readRaw(join(dir, 'model.safetensors')).order).toEqual(['bn1.num_batches_tracked', 'bn1.bias', 'bn1.running_mean', 'bn1.running_var', 'bn1.weight', 'conv1.weight']);
    const nbt = readRaw(join(dir, 'model.safetensors')).tensors['bn1.num_batches_tracked'];
    expect(nbt).toMatchObject({ dtype: 'I64', shape: [] });
    expect(Array.from(nbt.bytes)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('moments per init rule', () => {
  it('gpt2: N(0, 0.02²) weights, N(0, (0.02/√(2·n_layer))²) c_proj, zero biases, LayerNorm ones', async () => {
    const dir = fresh();
    await writeModel(gpt2, { out: dir, seed: 7 });
    const t = allTensors(dir);
    // std of n normal samples has standard error std/√(2n); 6 standard errors of slack.
    const check = (name: string, std: number) => {
      const x = f32(t[name]);
      const m = moments(x);
      expect(Math.abs(m.std - std)).toBeLessThan((6 * std) / Math.sqrt(2 * x.length));
      expect(Math.abs(m.mean)).toBeLessThan((6 * std) / Math.sqrt(x.length));
    };
    check('transformer.h.0.attn.c_attn.weight', 0.02);
    check('transformer.wte.weight', 0.02);
    check('transformer.h.0.attn.c_proj.weight', 0.01);
    check('transformer.h.1.mlp.c_proj.weight', 0.01);
    expect(f32(t['transformer.h.1.mlp.c_fc.bias']).every((v) => v === 0)).toBe(true);
    expect(f32(t['transformer.ln_f.weight']).every((v) => v === 1)).toBe(true);
    // Distinct names draw distinct streams.
    expect(f32(t['transformer.h.0.attn.c_proj.weight'])[0]).not.toBe(f32(t['transformer.h.1.attn.c_proj.weight'])[0]);
  });

  it('resnet50: kaiming_normal(fan_out, relu) convs, U(±1/√2048) fc; bert: the padding row zeroed', async () => {
    const dir = fresh();
    const r = modelOf('resnet50', ['num_classes=100']).tensors.filter((x) => ['layer1.0.conv2.weight', 'layer4.0.conv1.weight', 'fc.weight', 'fc.bias'].includes(x.name));
    await writeModel(r, { out: dir, seed: 3 });
    const t = allTensors(dir);
    for (const [name, fanOut] of [['layer1.0.conv2.weight', 64 * 9], ['layer4.0.conv1.weight', 512]] as const) {
      const x = f32(t[name]);
      const std = Math.sqrt(2 / fanOut);
      expect(Math.abs(moments(x).std - std)).toBeLessThan((6 * std) / Math.sqrt(2 * x.length));
    }
    const bound = 1 / Math.sqrt(2048);
    const fc = f32(t['fc.weight']);
    expect(fc.every((v) => Math.abs(v) <= bound)).toBe(true);
    expect(Math.abs(moments(fc).std - bound / Math.sqrt(3))).toBeLessThan(0.02 * bound);
    expect(f32(t['fc.bias']).every((v) => Math.abs(v) <= bound)).toBe(true);

    const b = fresh();
    const bert = modelOf('bert-base', ['num_hidden_layers=1', 'vocab_size=40', 'hidden_size=16', 'num_attention_heads=2', 'intermediate_size=32', 'pad_token_id=3']).tensors;
    // A 40-byte buffer cuts the padding row across slices.
    await writeModel(bert, { out: b, bufferBytes: 40 });
    const w = f32(allTensors(b)['embeddings.word_embeddings.weight']);
    expect(Array.from(w.subarray(48, 64))).toEqual(Array(16).fill(0));
    expect(w.subarray(32, 48).every((v) => v !== 0) && w.subarray(64, 80).every((v) => v !== 0)).toBe(true);
  });
});

describe('the same bytes', () => {
  it('whatever the shard size or buffer size', async () => {
    const one = fresh();
    const many = fresh();
    await writeModel(gpt2, { out: one, seed: 5 });
    await writeModel(gpt2, { out: many, seed: 5, maxShardSize: 50_000, bufferBytes: 1024 });
    expect(readdirSync(many).length).toBeGreaterThan(5);
    expect(allTensors(many)).toEqual(allTensors(one));
  });

  it('whether one process writes every file or --shard i/N splits them', async () => {
    const one = fresh();
    const split = fresh();
    await writeModel(gpt2, { out: one, seed: 5, maxShardSize: 70_000 });
    for (const index of [3, 1, 2]) {
      const s = await writeModel(gpt2, { out: split, seed: 5, maxShardSize: 70_000, shard: { index, count: 3 } });
      expect(s.files.filter((f) => f.endsWith('.safetensors')).map((f) => Number(/model-(\d+)/.exec(f)![1]) % 3)).toEqual(s.files.filter((f) => f.endsWith('.safetensors')).map(() => index % 3));
    }
    expect(files(split)).toEqual(files(one));
  });

  it('on 1 thread and on 2', async () => {
    const a = fresh();
    const b = fresh();
    try {
      configureKernels({ threads: 1 });
      await writeModel(gpt2, { out: a, seed: 9, dtype: 'bfloat16' });
      configureKernels({ threads: 2 });
      await writeModel(gpt2, { out: b, seed: 9, dtype: 'bfloat16' });
    } finally {
      configureKernels({});
    }
    expect(files(b)).toEqual(files(a));
  });

  it('bfloat16 and float16 files are the float32 draw rounded', async () => {
    const f = fresh();
    const h = fresh();
    const bf = fresh();
    await writeModel(gpt2, { out: f, seed: 2 });
    await writeModel(gpt2, { out: h, seed: 2, dtype: 'float16', bufferBytes: 256 });
    await writeModel(gpt2, { out: bf, seed: 2, dtype: 'bfloat16' });
    const name = 'transformer.h.0.mlp.c_fc.weight';
    const x = f32(allTensors(f)[name]);
    const half = allTensors(h)[name];
    const brain = allTensors(bf)[name];
    expect(half.dtype).toBe('F16');
    expect(brain.dtype).toBe('BF16');
    expect(new Uint16Array(half.bytes.slice().buffer)).toEqual(toFloat16(x, new Uint16Array(x.length)));
    expect(new Uint16Array(brain.bytes.slice().buffer)).toEqual(toBfloat16(x, new Uint16Array(x.length)));
  });
});

describe('rounding to 16 bits', () => {
  const bits = (values: number[]) => new Float32Array(values);
  const fromBits = (words: number[]) => new Float32Array(new Uint32Array(words).buffer);

  it('bfloat16: nearest, ties to even, NaN quiet, overflow to Inf', () => {
    const x = fromBits([0x3f800000, 0x3f808000, 0x3f818000, 0x3f808001, 0xbf80ffff, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fa00001, 0x00000001, 0x80000000]);
    expect(Array.from(toBfloat16(x, new Uint16Array(x.length)))).toEqual([
      0x3f80, // 1
      0x3f80, // 1 + 2^-8: a tie, to the even 1
      0x3f82, // 1 + 3·2^-8: a tie, to the even 1 + 2^-6
      0x3f81, // just above the tie: up
      0xbf81, // -(1 + 2^-7 - 2^-23): nearest is -(1 + 2^-7)
      0x7f80, // FLT_MAX rounds past bfloat16's largest: +Inf
      0x7f80,
      0xff80,
      0x7fc0, // NaN
      0x0000, // the smallest float32 subnormal rounds to +0
      0x8000,
    ]);
  });

  it('float16: nearest, ties to even, subnormals, 65504 and 65520, NaN, Inf', () => {
    const x = bits([1, 1 + 2 ** -11, 1 + 3 * 2 ** -11, 65504, 65519.99, 65520, -1e6, Infinity, -Infinity, NaN, 2 ** -24, 2 ** -25, 3 * 2 ** -25, 2 ** -14, -0, 0.1]);
    expect(Array.from(toFloat16(x, new Uint16Array(x.length)))).toEqual([
      0x3c00,
      0x3c00, // tie to even
      0x3c02, // tie to even (up)
      0x7bff, // 65504, the largest half
      0x7bff,
      0x7c00, // 65520: halfway past 65504, ties to even = Inf
      0xfc00,
      0x7c00,
      0xfc00,
      0x7e00,
      0x0001, // 2^-24, the smallest subnormal
      0x0000, // 2^-25: a tie between 0 and 2^-24, to the even 0
      0x0002, // 3·2^-25: a tie, to the even 2·2^-24
      0x0400, // 2^-14, the smallest normal
      0x8000,
      0x2e66, // 0.1 as numpy.float16(0.1) stores it
    ]);
  });
});

describe('bad input', () => {
  it('refuses a directory that holds other files, unless forced', async () => {
    const dir = fresh();
    await writeModel(gpt2, { out: dir });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await expect(writeModel(gpt2, { out: dir })).rejects.toThrow(ArgumentError);
    await expect(writeModel(gpt2, { out: dir })).rejects.toThrow(/--out=".*", expected an empty or new directory \(it holds model.safetensors, notes.txt; pass --force/);
    await writeModel(gpt2, { out: dir, force: true, seed: 4 });
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a shard index out of range', async () => {
    await expect(writeModel(gpt2, { out: fresh(), shard: { index: 4, count: 3 } })).rejects.toThrow('--shard="4/3", expected i/N with 1 <= i <= N');
  });
});

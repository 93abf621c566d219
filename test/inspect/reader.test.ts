/**
 * The streaming reader: every dtype decoded to known values, sharded directories through their
 * index, .npy files, chunked reads equal to whole reads, and bad files refused in one line.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '../../src/io/npy.js';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { decodeElements, openCheckpoint, readTensorChunks } from '../../src/io/safetensorsReader.js';
import { radixSort, TensorAccumulator } from '../../src/inspect/accumulate.js';
import { inspect } from '../../src/inspect/inspect.js';
import { scratch } from '../cli/cli.js';
import { draw, rawSafetensors, toHalf, write } from './fixtures.js';

const dir = scratch('initlab-reader-');

/** The float64 values of `code` elements given as bytes. */
function decode(code: string, bytes: number[]): number[] {
  const b = new Uint8Array(bytes);
  const out = new Float64Array(bytes.length);
  return Array.from(out.subarray(0, decodeElements(code, b, out)));
}
const u16 = (...v: number[]) => Array.from(new Uint8Array(new Uint16Array(v).buffer));

describe('decodeElements: known bit patterns', () => {
  it('BF16: the upper half of a float32', () => {
    expect(decode('BF16', u16(0x3f80, 0xc000, 0x0000, 0x8000, 0x7f80, 0x3e4c))).toEqual([1, -2, 0, -0, Infinity, 0.19921875]);
    expect(decode('BF16', u16(0x7fc0))[0]).toBeNaN();
  });
  it('F16: normals, subnormals, infinities, NaN', () => {
    expect(decode('F16', u16(0x3c00, 0xc000, 0x0001, 0x0400, 0x7bff, 0xfc00, 0x3555))).toEqual([1, -2, 2 ** -24, 2 ** -14, 65504, -Infinity, 0.333251953125]);
    expect(decode('F16', u16(0x7e00))[0]).toBeNaN();
  });
  it('F8_E4M3 (fn) and F8_E5M2', () => {
    expect(decode('F8_E4M3', [0x38, 0xb8, 0x7e, 0x01, 0x40])).toEqual([1, -1, 448, 2 ** -9, 2]);
    expect(decode('F8_E4M3', [0x7f])[0]).toBeNaN();
    expect(decode('F8_E5M2', [0x3c, 0x7b, 0x7c, 0x01])).toEqual([1, 57344, Infinity, 2 ** -16]);
  });
  it('integers and booleans', () => {
    expect(decode('I8', [0xff, 0x7f])).toEqual([-1, 127]);
    expect(decode('U8', [0xff])).toEqual([255]);
    expect(decode('BOOL', [1, 0])).toEqual([1, 0]);
    expect(decode('I16', u16(0xffff))).toEqual([-1]);
    expect(decode('I32', Array.from(new Uint8Array(new Int32Array([-5, 7]).buffer)))).toEqual([-5, 7]);
    expect(decode('I64', Array.from(new Uint8Array(new BigInt64Array([-3n, 2n ** 40n]).buffer)))).toEqual([-3, 2 ** 40]);
    expect(decode('U64', Array.from(new Uint8Array(new BigUint64Array([9n]).buffer)))).toEqual([9]);
  });
});

describe('bfloat16 and float16 checkpoints', () => {
  const w = draw('torch:default_weight', [512, 256], 7);
  const e = draw('normal(std=0.02)', [1024, 256], 7);
  const ids = new Uint8Array(new BigInt64Array([1n, 2n, 3n, 0n]).buffer);
  const path = write(dir.fresh(), 'half.safetensors', rawSafetensors({
    w: { code: 'BF16', shape: [512, 256], bytes: toHalf(w.data as Float32Array, 'BF16') },
    e: { code: 'F16', shape: [1024, 256], bytes: toHalf(e.data as Float32Array, 'F16') },
    ids: { code: 'I64', shape: [4], bytes: ids },
  }));
  const r = Object.fromEntries(inspect(path).tensors.map((t) => [t.name, t]));

  it('the rounding to 8 or 11 significant bits does not hide the law', () => {
    expect(r.w.dtype).toBe('BF16');
    expect(r.w.matches[0].spec).toBe('torch:default_weight');
    expect(r.e.dtype).toBe('F16');
    expect(r.e.matches[0].spec).toBe('normal(std=0.02)');
  });
  it('integer tensors get statistics, no matches', () => {
    expect(r.ids).toMatchObject({ dtype: 'I64', mean: 1.5, min: 0, max: 3, zeroFraction: 0.25, matches: [], flags: [] });
  });
  it('the summary counts parameters and bytes by dtype', () => {
    const { summary } = inspect(path);
    expect(summary).toMatchObject({ tensors: 3, parameters: 512 * 256 + 1024 * 256 + 4, bytesByDtype: { BF16: 512 * 256 * 2, F16: 1024 * 256 * 2, I64: 32 }, freshlyInitialized: 2 });
  });
});

describe('sharded directories and npy files', () => {
  const a = draw('torch:default_weight', [128, 64], 8);
  const b = draw('zeros', [128]);
  const c = draw('keras:glorot_uniform', [64, 32], 8);

  it('a directory with model.safetensors.index.json reads every shard, in shard order', () => {
    const d = dir.fresh();
    write(d, 'model-00001-of-00002.safetensors', encodeSafetensors({ 'l.weight': a, 'l.bias': b }));
    write(d, 'model-00002-of-00002.safetensors', encodeSafetensors({ 'm.kernel': c }));
    const weightMap = { 'l.weight': 'model-00001-of-00002.safetensors', 'l.bias': 'model-00001-of-00002.safetensors', 'm.kernel': 'model-00002-of-00002.safetensors' };
    write(d, 'model.safetensors.index.json', JSON.stringify({ metadata: { total_size: 4 * (128 * 64 + 128 + 64 * 32) }, weight_map: weightMap }));
    const ck = openCheckpoint(d);
    expect(ck.files).toEqual([join(d, 'model-00001-of-00002.safetensors'), join(d, 'model-00002-of-00002.safetensors')]);
    expect(ck.tensors.map((t) => t.name)).toEqual(['l.bias', 'l.weight', 'm.kernel']);
    const r = inspect(d);
    expect(r.tensors.map((t) => t.matches[0]?.spec)).toEqual(['torch:zeros', 'torch:default_weight', 'torch:xavier_uniform']);
    expect(r.summary.parameters).toBe(128 * 64 + 128 + 64 * 32);
  });

  it('a directory with one model.safetensors', () => {
    const d = dir.fresh();
    write(d, 'model.safetensors', encodeSafetensors({ w: a }));
    expect(inspect(d).tensors[0].matches[0].spec).toBe('torch:default_weight');
  });

  it('a .npy file is one tensor named after the file', () => {
    const r = inspect(write(dir.fresh(), 'kernel.npy', encodeNpy(draw('keras:he_uniform', [3, 3, 16, 32], 8))));
    expect(r.tensors[0]).toMatchObject({ name: 'kernel', dtype: 'F32', shape: [3, 3, 16, 32] });
    expect([r.tensors[0].matches[0].spec, ...r.tensors[0].matches[0].same]).toContain('keras:he_uniform');
  });
});

describe('chunks', () => {
  it('reading in chunks of any size gives the same subsample and moments', () => {
    const t = draw('normal(std=0.5)', [1000, 37], 9);
    t.data[5] = NaN;
    const path = write(dir.fresh(), 'w.safetensors', encodeSafetensors({ t }));
    const stored = openCheckpoint(path).tensors[0];
    const results = [4, 4096, 1 << 20].map((chunk) => {
      const acc = new TensorAccumulator(37_000, 5000);
      const values = new Float64Array(chunk);
      readTensorChunks(stored, chunk, (bytes) => acc.add(values, decodeElements('F32', bytes, values)));
      return { m: acc.moments(), sample: acc.sortedSample() };
    });
    for (const r of results.slice(1)) {
      expect(r.sample).toEqual(results[0].sample);
      expect(r.m.mean).toBeCloseTo(results[0].m.mean, 14);
      expect(r.m.std).toBeCloseTo(results[0].m.std, 14);
      expect(r.m).toMatchObject({ nan: 1, inf: 0, count: 37_000 });
    }
    // Stride ⌈37000/5000⌉ = 8: elements 0, 8, ..., 36992, less element 5's NaN (not on the stride).
    expect(results[0].sample.length).toBe(4625);
  });
});

describe('bad files: one line naming the file and what was expected', () => {
  const good = encodeSafetensors({ w: draw('normal', [16, 16], 1) });
  const message = (path: string) => {
    try {
      inspect(path);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected an error');
  };

  it('a corrupt header', () => {
    const bad = good.slice();
    bad[12] = 0x7d; // '}' in the middle of the JSON
    const path = write(dir.fresh(), 'bad.safetensors', bad);
    expect(message(path)).toMatch(/^file=\{"path":".*bad\.safetensors","header":.*"error":.*\}, expected a header in JSON$/);
  });
  it('a header size beyond the file', () => {
    const path = write(dir.fresh(), 'short.safetensors', good.subarray(0, 40));
    expect(message(path)).toMatch(/^file=\{"path":".*short\.safetensors","header_size":\d+,"bytes":40\}, expected a complete \.safetensors file \(the header alone needs \d+ bytes\)$/);
  });
  it('a truncated file: the tensors reach past its end', () => {
    const path = write(dir.fresh(), 'cut.safetensors', good.subarray(0, good.length - 100));
    expect(message(path)).toMatch(/^file=\{"path":".*cut\.safetensors","buffer_bytes":924\}, expected data_offsets that cover the byte buffer exactly \(the tensors end at 1024\)$/);
  });
  it('fewer than 8 bytes', () => {
    expect(message(write(dir.fresh(), 'tiny.safetensors', new Uint8Array(3)))).toMatch(/^file=\{"path":".*","bytes":3\}, expected a complete \.safetensors file/);
  });
  it('an index naming a missing shard', () => {
    const d = dir.fresh();
    write(d, 'model-00001-of-00002.safetensors', good);
    write(d, 'model.safetensors.index.json', JSON.stringify({ weight_map: { w: 'model-00001-of-00002.safetensors', v: 'model-00002-of-00002.safetensors' } }));
    expect(message(d)).toBe(`file={"path":"${join(d, 'model.safetensors.index.json')}","shard":"model-00002-of-00002.safetensors","tensors":["v"]}, expected a shard file beside the index (${join(d, 'model-00002-of-00002.safetensors')} does not exist)`);
  });
  it('an index mapping a tensor to a shard that does not hold it', () => {
    const d = dir.fresh();
    write(d, 'a.safetensors', good);
    write(d, 'model.safetensors.index.json', JSON.stringify({ weight_map: { w: 'a.safetensors', x: 'a.safetensors' } }));
    expect(message(d)).toMatch(/"tensor":"x","shard":"a\.safetensors"\}, expected each tensor of weight_map inside the shard the index names/);
  });
  it('an index that is not JSON, or has no weight_map', () => {
    const d = dir.fresh();
    write(d, 'model.safetensors.index.json', '{"weight_map": ');
    expect(message(d)).toMatch(/^file=\{"path":".*index\.json","error":.*\}, expected an index in JSON/);
    write(d, 'model.safetensors.index.json', '{"metadata": {}}');
    expect(message(d)).toMatch(/expected "weight_map" mapping tensor names to shard file names$/);
  });
  it('a directory with no checkpoint, a missing path, another extension', () => {
    const d = dir.fresh();
    mkdirSync(join(d, 'empty'));
    expect(message(join(d, 'empty'))).toMatch(/^path=".*empty", expected a directory holding model\.safetensors or model\.safetensors\.index\.json \(found neither/);
    expect(message(join(d, 'nope.safetensors'))).toMatch(/^path=".*nope\.safetensors", expected an existing file or directory \(it does not exist\)$/);
    expect(message(write(d, 'w.txt', 'x'))).toMatch(/^path=".*w\.txt", expected a file ending in \.safetensors or \.npy/);
  });
  it('a truncated .npy file', () => {
    const npy = encodeNpy(draw('normal', [8, 8], 1));
    expect(message(write(dir.fresh(), 'w.npy', npy.subarray(0, npy.length - 4)))).toMatch(/^file=\{"path":".*w\.npy","data_bytes":252\}, expected exactly 256 data bytes for shape \[8, 8\] float32 \(it is truncated\)$/);
  });
});

describe('radixSort', () => {
  it('orders float32 values as Float32Array.prototype.sort does: signs, zeros, subnormals, infinities', () => {
    const values = draw('normal', [20_000], 12).data as Float32Array;
    values.set([0, -0, 1e-45, -1e-45, Infinity, -Infinity, 3.4e38, -3.4e38, 1, -1], 0);
    expect(Array.from(radixSort(values.slice()), (x) => Object.is(x, -0) ? '-0' : x)).toEqual(Array.from(values.slice().sort(), (x) => Object.is(x, -0) ? '-0' : x));
  });
});

import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import { readTensors, writeTensors } from '../../src/io/files.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import { encodeNpy } from '../../src/io/npy.js';
import type { Tensor } from '../../src/tensor.js';

const root = mkdtempSync(join(tmpdir(), 'initlab-io-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;
/** A fresh empty directory for one test. */
const fresh = (): string => {
  const dir = join(root, String(count++));
  mkdirSync(dir);
  return dir;
};

const w: Tensor = { shape: [2, 3], dtype: 'float32', data: new Float32Array([1, 2, 3, 4, 5, 6]) };
const b: Tensor = { shape: [3], dtype: 'float64', data: new Float64Array([0.5, -0.5, 0]) };

/** Catches the error `f` throws; fails when it throws nothing or something other than an ArgumentError. */
function thrown(f: () => unknown): ArgumentError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ArgumentError);
    return e as ArgumentError;
  }
  throw new Error('expected an ArgumentError');
}

describe('writeTensors and readTensors', () => {
  it('.npy: writes the encodeNpy bytes and reads the tensor back under the file name', () => {
    const dir = fresh();
    writeTensors(join(dir, 'conv1.weight.npy'), w);
    expect(new Uint8Array(readFileSync(join(dir, 'conv1.weight.npy')))).toEqual(encodeNpy(w));
    expect(readTensors(join(dir, 'conv1.weight.npy'))).toEqual({ 'conv1.weight': w });
  });

  it('.npy: takes a record holding exactly one tensor, and any case of the extension', () => {
    const dir = fresh();
    writeTensors(join(dir, 'b.NPY'), { bias: b });
    expect(readTensors(join(dir, 'b.NPY'))).toEqual({ b });
  });

  it('.safetensors: several tensors and metadata', () => {
    const dir = fresh();
    const path = join(dir, 'model.safetensors');
    writeTensors(path, { w, b }, { metadata: { seed: '42' } });
    expect(new Uint8Array(readFileSync(path))).toEqual(encodeSafetensors({ w, b }, { seed: '42' }));
    expect(readTensors(path)).toEqual({ w, b });
    expect(decodeSafetensors(readFileSync(path)).metadata).toEqual({ seed: '42' });
  });

  it('.safetensors: a lone tensor is stored as "weight"', () => {
    const dir = fresh();
    writeTensors(join(dir, 'x.safetensors'), w);
    expect(readTensors(join(dir, 'x.safetensors'))).toEqual({ weight: w });
  });

  it('replaces an existing file and leaves no temporary file behind', () => {
    const dir = fresh();
    const path = join(dir, 'x.npy');
    writeFileSync(path, 'old contents');
    writeTensors(path, w);
    expect(readTensors(path)).toEqual({ x: w });
    expect(readdirSync(dir)).toEqual(['x.npy']);
  });
});

describe('writeTensors errors', () => {
  it('refuses several tensors for .npy, pointing to .safetensors', () => {
    const path = join(fresh(), 'x.npy');
    expect(thrown(() => writeTensors(path, { w, b })).message).toBe(
      `tensors=["w","b"], expected one tensor for ${path} (.npy holds one array; use .safetensors for several)`,
    );
    expect(thrown(() => writeTensors(path, {})).message).toMatch(/^tensors=\[\], expected one tensor/);
  });

  it('refuses metadata for .npy', () => {
    expect(thrown(() => writeTensors(join(fresh(), 'x.npy'), w, { metadata: { a: 'b' } })).message).toBe(
      'metadata={"a":"b"}, expected no metadata for .npy, which has no place for it (use .safetensors)',
    );
  });

  it('refuses other extensions, listing .npy and .safetensors', () => {
    for (const name of ['x.bin', 'x.pt', 'x', 'x.npz']) {
      const path = join(fresh(), name);
      expect(thrown(() => writeTensors(path, w)).message).toBe(`out=${JSON.stringify(path)}, expected a file path ending in .npy, .safetensors`);
    }
    expect(thrown(() => writeTensors('', w)).message).toBe('out="", expected a file path ending in .npy, .safetensors');
  });

  it('refuses things that are not tensors', () => {
    expect(thrown(() => writeTensors(join(fresh(), 'x.npy'), null as unknown as Tensor)).message).toMatch(/^tensors=null, expected a tensor or an object/);
    expect(thrown(() => writeTensors(join(fresh(), 'x.npy'), { ...w, data: new Float32Array(5) })).message).toMatch(/^tensor\.data="Float32Array\(5\)"/);
  });

  it('says a directory does not exist', () => {
    const dir = join(fresh(), 'missing');
    const path = join(dir, 'x.npy');
    expect(thrown(() => writeTensors(path, w)).message).toBe(`out=${JSON.stringify(path)}, expected a writable file path (directory ${dir} does not exist)`);
  });

  it('says the path is a directory, and leaves no temporary file', () => {
    const dir = fresh();
    const path = join(dir, 'x.safetensors');
    mkdirSync(path);
    expect(thrown(() => writeTensors(path, w)).message).toBe(`out=${JSON.stringify(path)}, expected a writable file path (${path} is a directory)`);
    expect(readdirSync(dir)).toEqual(['x.safetensors']);
  });

  it('says a parent is not a directory', () => {
    const file = join(fresh(), 'file');
    writeFileSync(file, '');
    const path = join(file, 'x.npy');
    expect(thrown(() => writeTensors(path, w)).message).toBe(`out=${JSON.stringify(path)}, expected a writable file path (a parent of ${path} is not a directory)`);
  });

  // root ignores file modes; files.errno.test.ts covers EACCES with a mocked file system.
  it.skipIf(process.getuid?.() === 0)('says permission is denied', () => {
    const dir = fresh();
    chmodSync(dir, 0o500);
    try {
      const path = join(dir, 'x.npy');
      expect(thrown(() => writeTensors(path, w)).message).toBe(`out=${JSON.stringify(path)}, expected a writable file path (permission denied writing in ${dir})`);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});

describe('readTensors errors', () => {
  it('says a file does not exist', () => {
    const path = join(fresh(), 'x.safetensors');
    expect(thrown(() => readTensors(path)).message).toBe(`file=${JSON.stringify(path)}, expected a readable .safetensors file (${path} does not exist)`);
  });

  it('says the path is a directory', () => {
    const path = join(fresh(), 'x.npy');
    mkdirSync(path);
    expect(thrown(() => readTensors(path)).message).toBe(`file=${JSON.stringify(path)}, expected a readable .npy file (${path} is a directory)`);
  });

  it('refuses other extensions', () => {
    expect(thrown(() => readTensors('weights.h5')).message).toBe('file="weights.h5", expected a file path ending in .npy, .safetensors');
  });

  it('adds the path to what a decoder found', () => {
    const dir = fresh();
    const npy = join(dir, 'x.npy');
    writeFileSync(npy, encodeNpy(w).subarray(0, 140));
    expect(thrown(() => readTensors(npy)).message).toBe(
      `file={"path":${JSON.stringify(npy)},"data_bytes":12}, expected exactly 24 data bytes for shape (2, 3) descr '<f4' (it is truncated)`,
    );
    const safetensors = join(dir, 'x.safetensors');
    writeFileSync(safetensors, encodeNpy(w));
    expect(thrown(() => readTensors(safetensors)).message).toMatch(/^file=\{"path":".*x\.safetensors","header_size":"\d+"\}, expected a header size of at most/);
  });
});

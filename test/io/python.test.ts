// Interoperability with the reference readers and writers: NumPy for .npy, the `safetensors`
// Python package for .safetensors. Each test is skipped when its Python package is absent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy } from '../../src/io/npy.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import type { DType, Tensor } from '../../src/tensor.js';

const imports = (module: string): boolean => spawnSync('python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
const hasNumpy = imports('numpy');
const hasSafetensors = hasNumpy && imports('safetensors.numpy');

/** Runs a Python script with arguments and parses the JSON it prints. */
function python(script: string, ...args: string[]): unknown {
  const run = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const dir = mkdtempSync(join(tmpdir(), 'initlab-python-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Values exact in float32, so every summation order gives the same checksum. */
function tensor(shape: number[], dtype: DType): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (i % 97) * 0.25 - 3;
  return { shape, dtype, data };
}
const checksum = (t: Tensor): number => Array.from(t.data).reduce((a, b) => a + b, 0);

const CASES: [number[], DType][] = [
  [[], 'float32'],
  [[], 'float64'],
  [[5], 'float32'],
  [[2, 3], 'float32'],
  [[64, 32, 3, 3], 'float32'],
  [[3, 4, 5], 'float64'],
  [[2, 1, 3, 1, 2], 'float64'],
  [[2, ...Array<number>(14).fill(1)], 'float32'],
  [[100_000], 'float32'],
];

describe('NumPy', () => {
  it.skipIf(!hasNumpy)('loads encodeNpy files as the same arrays, and np.save writes the same bytes', () => {
    const paths = CASES.map(([shape, dtype], i) => {
      const path = join(dir, `case${i}.npy`);
      writeFileSync(path, encodeNpy(tensor(shape, dtype)));
      return path;
    });
    const script = `
import io, json, sys
import numpy as np
out = []
for path in sys.argv[1:]:
    raw = open(path, 'rb').read()
    a = np.load(path)
    again = io.BytesIO()
    np.save(again, a)
    out.append({'shape': list(a.shape), 'dtype': str(a.dtype), 'sum': float(a.astype(np.float64).sum()),
                'c_order': bool(a.flags.c_contiguous), 'same_bytes': again.getvalue() == raw})
print(json.dumps(out))`;
    expect(python(script, ...paths)).toEqual(
      CASES.map(([shape, dtype]) => ({ shape, dtype, sum: checksum(tensor(shape, dtype)), c_order: true, same_bytes: true })),
    );
  });

  it.skipIf(!hasNumpy)('decodeNpy reads what NumPy writes (versions 1.0 to 3.0) and names what it refuses', () => {
    const script = `
import json, sys
import numpy as np
from numpy.lib import format
d = sys.argv[1]
a = (np.arange(12, dtype=np.float64) * 0.5 - 1).reshape(3, 4)
np.save(d + '/v1.npy', a)
np.save(d + '/f32.npy', np.arange(5, dtype=np.float32))
np.save(d + '/scalar.npy', np.float32(2.5))
for version in [(2, 0), (3, 0)]:
    with open(d + '/v%d.npy' % version[0], 'wb') as f:
        format.write_array(f, a, version=version)
np.save(d + '/fortran.npy', np.asfortranarray(np.ones((2, 3), np.float32)))
np.save(d + '/big.npy', np.arange(3, dtype='>f4'))
np.save(d + '/int.npy', np.arange(3, dtype=np.int64))
print(json.dumps(a.ravel().tolist()))`;
    const values = python(script, dir) as number[];
    for (const name of ['v1', 'v2', 'v3']) {
      const t = decodeNpy(readFileSync(join(dir, `${name}.npy`)));
      expect(t.shape).toEqual([3, 4]);
      expect(t.dtype).toBe('float64');
      expect(Array.from(t.data)).toEqual(values);
    }
    expect(decodeNpy(readFileSync(join(dir, 'f32.npy')))).toEqual({ shape: [5], dtype: 'float32', data: new Float32Array([0, 1, 2, 3, 4]) });
    expect(decodeNpy(readFileSync(join(dir, 'scalar.npy')))).toEqual({ shape: [], dtype: 'float32', data: new Float32Array([2.5]) });
    expect(() => decodeNpy(readFileSync(join(dir, 'fortran.npy')))).toThrow(/^file=\{"fortran_order":true\}/);
    expect(() => decodeNpy(readFileSync(join(dir, 'big.npy')))).toThrow(/^file=\{"descr":">f4"\}/);
    expect(() => decodeNpy(readFileSync(join(dir, 'int.npy')))).toThrow(/^file=\{"descr":"<i8"\}/);
  });
});

describe('safetensors (Python package)', () => {
  it.skipIf(!hasSafetensors)('loads encodeSafetensors files, and save_file writes the same bytes', () => {
    const tensors = Object.fromEntries(CASES.slice(0, 7).map(([shape, dtype], i): [string, Tensor] => [`t${i}`, tensor(shape, dtype)]));
    const path = join(dir, 'ours.safetensors');
    writeFileSync(path, encodeSafetensors(tensors, { framework: 'initlab' }));
    const script = `
import json, sys
import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save_file
path, again = sys.argv[1], sys.argv[2]
loaded = load_file(path)
with safe_open(path, framework='numpy') as f:
    metadata = f.metadata()
save_file(loaded, again, metadata=metadata)
print(json.dumps({'tensors': {k: {'shape': list(v.shape), 'dtype': str(v.dtype), 'sum': float(v.astype(np.float64).sum())}
                              for k, v in sorted(loaded.items())},
                  'metadata': metadata, 'same_bytes': open(again, 'rb').read() == open(path, 'rb').read()}))`;
    expect(python(script, path, join(dir, 'theirs.safetensors'))).toEqual({
      tensors: Object.fromEntries(Object.entries(tensors).map(([k, t]) => [k, { shape: t.shape, dtype: t.dtype, sum: checksum(t) }])),
      metadata: { framework: 'initlab' },
      same_bytes: true,
    });
    expect(decodeSafetensors(readFileSync(join(dir, 'theirs.safetensors')))).toEqual({ tensors, metadata: { framework: 'initlab' } });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { configureKernels } from '../../src/kernels/backend.js';
import { F32_UNIT } from '../../src/kernels/gemm.js';
import { matmul, matmulTransA, matmulTransB } from '../../src/linalg/index.js';
import * as reference from '../../src/linalg/matmul.js';
import { keyFromSeed } from '../../src/random/key.js';
import { fillUniform } from '../../src/random/uniform.js';

const values = (count: number, seed: number) => fillUniform(keyFromSeed(seed), new Float32Array(count), { low: -1, high: 1 });

const CASES = [
  ['matmul', matmul, reference.matmul],
  ['matmulTransB', matmulTransB, reference.matmulTransB],
  ['matmulTransA', matmulTransA, reference.matmulTransA],
] as const;

afterAll(() => void configureKernels());

describe.each(CASES)('%s (public, dispatching)', (_, fast, slow) => {
  const [m, k, n] = [37, 130, 19];
  const a = values(m * k, 1);
  const b = values(k * n, 2);

  it('float32 on the wasm kernels: within γ_k·(|A|·|B|) of the float64 product', () => {
    configureKernels({ backend: 'wasm', threads: 2 });
    const c = fast(a, b, m, k, n);
    expect(c).toBeInstanceOf(Float32Array);
    const exact = slow(Float64Array.from(a), Float64Array.from(b), m, k, n);
    const abs = slow(Float64Array.from(a, Math.abs), Float64Array.from(b, Math.abs), m, k, n);
    const gamma = (k * F32_UNIT) / (1 - k * F32_UNIT);
    let worst = 0;
    for (let i = 0; i < c.length; i++) worst = Math.max(worst, Math.abs(c[i] - exact[i]) / (gamma * abs[i] + F32_UNIT * Math.abs(exact[i])));
    expect(worst).toBeLessThanOrEqual(1);
    // Into a caller's array: the same bytes.
    const out = new Float32Array(m * n);
    expect(fast(a, b, m, k, n, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(c));
  });

  it('the JavaScript backend and float64 operands give the reference, bit for bit', () => {
    configureKernels({ backend: 'js' });
    expect(Array.from(fast(a, b, m, k, n))).toEqual(Array.from(slow(a, b, m, k, n)));
    configureKernels({ backend: 'wasm' });
    const a64 = Float64Array.from(a);
    expect(Array.from(fast(a64, b, m, k, n))).toEqual(Array.from(slow(a64, b, m, k, n)));
  });

  it('bad operands get the reference\'s errors', () => {
    configureKernels({ backend: 'wasm' });
    expect(() => fast(a, b, m, k + 1, n)).toThrow(/a\.length=4810, expected 4847/);
    expect(() => fast(a, b, m, k, n, a)).toThrow(/out\.length/);
  });
});

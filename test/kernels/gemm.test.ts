import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { configureKernels, wasm, type Wasm } from '../../src/kernels/backend.js';
import { F32_UNIT, sgemm, type GemmOp } from '../../src/kernels/gemm.js';
import { matmul, matmulTransA, matmulTransB } from '../../src/linalg/matmul.js';
import { keyFromSeed } from '../../src/random/key.js';
import { fillUniform } from '../../src/random/uniform.js';

const REFERENCE = { nn: matmul, nt: matmulTransB, tn: matmulTransA } as const;

/** op(A)·op(B) of float32 operands in the kernels (threads as configured), copied out. */
function product(w: Wasm, op: GemmOp, a: Float32Array, b: Float32Array, m: number, k: number, n: number, alpha = 1): Float32Array {
  return w.kernels.scoped(() => {
    const pa = w.kernels.alloc(4 * a.length);
    const pb = w.kernels.alloc(4 * b.length);
    const pc = w.kernels.alloc(4 * m * n);
    w.kernels.f32(pa, a.length).set(a);
    w.kernels.f32(pb, b.length).set(b);
    sgemm(w, op, pa, pb, pc, m, k, n, alpha);
    return w.kernels.f32(pc, m * n).slice();
  });
}

function values(count: number, seed: number): Float32Array {
  return fillUniform(keyFromSeed(seed), new Float32Array(count), { low: -1, high: 1 });
}

/** |C − C₆₄| ≤ γ_k·(|A|·|B|)·|alpha| + u·|C₆₄| elementwise (../../src/kernels/gemm.ts). */
function expectWithinBound(op: GemmOp, c: Float32Array, a: Float32Array, b: Float32Array, m: number, k: number, n: number, alpha = 1): void {
  const exact = REFERENCE[op](Float64Array.from(a), Float64Array.from(b), m, k, n);
  const abs = REFERENCE[op](Float64Array.from(a, Math.abs), Float64Array.from(b, Math.abs), m, k, n);
  const gamma = (k * F32_UNIT) / (1 - k * F32_UNIT);
  for (let i = 0; i < c.length; i++) {
    const bound = gamma * abs[i] * Math.abs(alpha) + F32_UNIT * Math.abs(alpha * exact[i]) + 1e-45;
    if (!(Math.abs(c[i] - alpha * exact[i]) <= bound)) {
      throw new Error(`${op} ${m}x${k}x${n}: C[${i}] = ${c[i]}, float64 ${alpha * exact[i]}, bound ${bound}`);
    }
  }
}

const OPS: GemmOp[] = ['nn', 'nt', 'tn'];
/** Edge sizes: 1, 3, 17, around the 4×8 tile, the 64-row task and the 512-deep k-block. */
const SIZES: [number, number, number][] = [
  [1, 1, 1], [3, 3, 3], [1, 17, 1], [17, 1, 17], [4, 8, 8], [5, 9, 7], [17, 17, 17], [63, 33, 9],
  [64, 512, 8], [65, 513, 31], [130, 1030, 19], [3, 700, 41],
];

describe('sgemm (wasm)', () => {
  configureKernels({ backend: 'wasm', threads: 2 });
  afterAll(() => configureKernels());

  it.each(OPS)('%s: within the float32 bound of the float64 reference at edge sizes', (op) => {
    const w = wasm()!;
    SIZES.forEach(([m, k, n], s) => {
      const a = values(m * k, 10 * s);
      const b = values(k * n, 10 * s + 1);
      expectWithinBound(op, product(w, op, a, b, m, k, n), a, b, m, k, n);
    });
  });

  it('random shapes and scale factors (fast-check)', () => {
    const w = wasm()!;
    fc.assert(
      fc.property(fc.constantFrom(...OPS), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(1, 0.5, 1 / 3, -2), fc.nat(1000), (op, m, k, n, alpha, seed) => {
          const a = values(m * k, seed);
          const b = values(k * n, seed + 7919);
          expectWithinBound(op, product(w, op, a, b, m, k, n, alpha), a, b, m, k, n, alpha);
        }),
      { numRuns: 60 },
    );
  });

  it('gives identical bytes on 1 and 2 threads', () => {
    const [m, k, n] = [300, 600, 70];
    const a = values(m * k, 1);
    const b = values(k * n, 2);
    for (const op of OPS) {
      configureKernels({ backend: 'wasm', threads: 1 });
      const one = product(wasm()!, op, a, b, m, k, n);
      configureKernels({ backend: 'wasm', threads: 2 });
      const two = product(wasm()!, op, a, b, m, k, n);
      expect(Buffer.from(two.buffer).equals(Buffer.from(one.buffer))).toBe(true);
    }
  });

  it('propagates NaN and infinity as a product does', () => {
    const w = wasm()!;
    const a = new Float32Array([1, NaN, 2, 3]);
    const b = new Float32Array([1, 1, Infinity, 1]);
    const c = product(w, 'nn', a, b, 2, 2, 2);
    expect(Number.isNaN(c[0])).toBe(true);
    expect(c[2]).toBe(Infinity);
  });
});

describe('backend choice', () => {
  afterAll(() => configureKernels());

  it("selects the JavaScript reference with backend: 'js'", () => {
    expect(configureKernels({ backend: 'js' }).backend).toBe('js');
    expect(wasm()).toBeNull();
  });
});

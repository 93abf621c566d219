import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { configureKernels, wasm, type Wasm } from '../../src/kernels/backend.js';
import { F32_UNIT, sgemm, sgemmStrided, type GemmOp } from '../../src/kernels/gemm.js';
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

/**
 * C (m×n inside a wider array, row stride ldc) ← C + alpha·op(A)·op(B), A and B sub-matrices of
 * wider arrays (row strides lda, ldb): what the blocked Householder QR (../../src/kernels/qr.ts) needs.
 */
function stridedProduct(w: Wasm, op: GemmOp, m: number, k: number, n: number, alpha: number, accumulate: boolean, seed: number) {
  const [ar, ac] = op === 'tn' ? [k, m] : [m, k];
  const [br, bc] = op === 'nt' ? [n, k] : [k, n];
  const [lda, ldb, ldc] = [ac + 5, bc + 3, n + 7];
  const bigA = values(ar * lda, seed);
  const bigB = values(br * ldb, seed + 1);
  const bigC = values(m * ldc, seed + 2);
  const out = w.kernels.scoped(() => {
    const pa = w.kernels.alloc(4 * bigA.length);
    const pb = w.kernels.alloc(4 * bigB.length);
    const pc = w.kernels.alloc(4 * bigC.length);
    w.kernels.f32(pa, bigA.length).set(bigA);
    w.kernels.f32(pb, bigB.length).set(bigB);
    w.kernels.f32(pc, bigC.length).set(bigC);
    const [rsa, csa] = op === 'tn' ? [1, lda] : [lda, 1];
    const [rsb, csb] = op === 'nt' ? [1, ldb] : [ldb, 1];
    sgemmStrided(w, { m, k, n, a: pa + 4 * 2, rsa, csa, b: pb + 4 * 1, rsb, csb, c: pc + 4 * 3, ldc, alpha, accumulate });
    return w.kernels.f32(pc, bigC.length).slice();
  });
  const sub = (big: Float32Array, rows: number, cols: number, ld: number, off: number) =>
    Float32Array.from({ length: rows * cols }, (_, i) => big[Math.floor(i / cols) * ld + off + (i % cols)]);
  return { out, bigC, a: sub(bigA, ar, ac, lda, 2), b: sub(bigB, br, bc, ldb, 1), c0: sub(bigC, m, n, ldc, 3), c: sub(out, m, n, ldc, 3), ldc };
}

describe('sgemmStrided (wasm): sub-matrices and C += alpha·op(A)·op(B)', () => {
  configureKernels({ backend: 'wasm', threads: 2 });
  afterAll(() => configureKernels());

  it.each(OPS)('%s: within the float32 bound, elements outside C untouched', (op) => {
    const w = wasm()!;
    SIZES.forEach(([m, k, n], s) => {
      for (const [alpha, accumulate] of [[-1, true], [0.5, false]] as const) {
        const r = stridedProduct(w, op, m, k, n, alpha, accumulate, 100 * s);
        const exact = REFERENCE[op](Float64Array.from(r.a), Float64Array.from(r.b), m, k, n);
        const abs = REFERENCE[op](Float64Array.from(r.a, Math.abs), Float64Array.from(r.b, Math.abs), m, k, n);
        const blocks = Math.ceil(k / 512);
        const gamma = ((k + blocks) * F32_UNIT) / (1 - (k + blocks) * F32_UNIT);
        for (let i = 0; i < m * n; i++) {
          const base = accumulate ? r.c0[i] : 0;
          const want = base + alpha * exact[i];
          const bound = gamma * (Math.abs(alpha) * abs[i] + Math.abs(base)) + F32_UNIT * Math.abs(want) + 1e-45;
          expect(Math.abs(r.c[i] - want)).toBeLessThanOrEqual(bound);
        }
        for (let i = 0; i < r.out.length; i++) {
          const col = i % r.ldc;
          if (col < 3 || col >= 3 + n) expect(r.out[i]).toBe(r.bigC[i]);
        }
      }
    });
  });

  it('gives identical bytes on 1 and 2 threads', () => {
    for (const op of OPS) {
      configureKernels({ backend: 'wasm', threads: 1 });
      const one = stridedProduct(wasm()!, op, 300, 600, 70, -1, true, 9).out;
      configureKernels({ backend: 'wasm', threads: 2 });
      const two = stridedProduct(wasm()!, op, 300, 600, 70, -1, true, 9).out;
      expect(Buffer.from(two.buffer).equals(Buffer.from(one.buffer))).toBe(true);
    }
  });
});

describe('backend choice', () => {
  afterAll(() => configureKernels());

  it("selects the JavaScript reference with backend: 'js'", () => {
    expect(configureKernels({ backend: 'js' }).backend).toBe('js');
    expect(wasm()).toBeNull();
  });
});

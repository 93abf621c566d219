/**
 * The random-stream kernels against the JavaScript reference: the same bytes for every sampler
 * whatever the backend (js, wasm on 1 thread, wasm on 2 threads), the slice, the offset or the
 * chunking; Philox itself against the reference's blocks.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { configureKernels } from '../../src/kernels/index.js';
import { wasm, type Wasm } from '../../src/kernels/backend.js';
import { keyFromSeed, type Key } from '../../src/random/key.js';
import { fillNormal, fillNormalF32At, type NormalOptions } from '../../src/random/normal.js';
import { philoxBlocks } from '../../src/random/philox.js';
import { fillTruncatedNormal, fillTruncatedNormalF32At, type TruncatedNormalOptions } from '../../src/random/truncatedNormal.js';
import { fillUniform, fillUniformF32At, type UniformOptions } from '../../src/random/uniform.js';

afterAll(() => {
  configureKernels();
});

const BACKENDS = [
  { backend: 'js', threads: 1 },
  { backend: 'wasm', threads: 1 },
  { backend: 'wasm', threads: 2 },
] as const;

type Options = UniformOptions & NormalOptions & TruncatedNormalOptions;
interface Sampler {
  name: string;
  fill: (key: Key, out: Float32Array, options: Options) => Float32Array;
  fillAt: (w: Wasm, key: Key, ptr: number, n: number, options: Options) => void;
  options: fc.Arbitrary<Options>;
}

const SAMPLERS: Sampler[] = [
  {
    name: 'uniform',
    fill: fillUniform,
    fillAt: fillUniformF32At,
    options: fc.constantFrom<Options>({}, { low: -1, high: 3 }, { low: -0.05, high: 0.05 }, { low: 1e-30, high: 2e-30 }, { low: -1e30, high: 1e30 }),
  },
  {
    name: 'normal',
    fill: fillNormal,
    fillAt: fillNormalF32At,
    options: fc.constantFrom<Options>({}, { mean: 1, std: 2 }, { mean: 0, std: 0.02 }, { mean: -3, std: 0 }, { mean: 0.1, std: 1e-6 }),
  },
  {
    name: 'truncated normal',
    fill: fillTruncatedNormal,
    fillAt: fillTruncatedNormalF32At,
    options: fc.constantFrom<Options>(
      {}, { std: 0.02 }, { low: -0.5, high: 3 }, { low: 1.5, high: Infinity }, { low: -Infinity, high: -0.25 },
      { low: 8, high: 9 }, { low: -21, high: -20 }, { low: 0.3, high: 0.31 }, { mean: 0, std: 0.002, low: -2, high: 2 },
      { mean: 5, std: 3, low: 4, high: 4.001 }, { low: -Infinity, high: Infinity }, { low: 2.5, high: 30 }, { low: 40, high: 41 },
    ),
  },
];

/** The bytes `run` gives on one backend. */
function on<T>(choice: (typeof BACKENDS)[number], run: () => T): T {
  configureKernels(choice);
  return run();
}

function bytes(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

describe('philox on wasm', () => {
  it('equals philoxBlocks, across the 2^32 counter carry and over tasks', () => {
    const w = on(BACKENDS[2], () => wasm()!);
    for (const [k0, k1, first, groups] of [[0, 0, 0, 3], [7, 0xfffffff9, 2 ** 29 - 2, 5], [0xdeadbeef, 1, 2 ** 45 + 5, 2100]]) {
      const want = new Uint32Array(32 * groups);
      philoxBlocks(k0, k1, 8 * first, 8 * groups, want);
      const got = w.kernels.scoped(() => {
        const ptr = w.kernels.alloc(128 * groups);
        w.pool.run('philoxGroups', [k0, k1, ptr, groups, first, 1000], Math.ceil(groups / 1000));
        return w.kernels.u32(ptr, 32 * groups).slice();
      });
      expect(Buffer.from(got.buffer).equals(Buffer.from(want.buffer))).toBe(true);
    }
  });
});

describe.each(SAMPLERS)('$name float32: the same bytes on every backend', ({ fill, fillAt, options }) => {
  it('for random sizes, offsets, keys and parameters (arrays and fills into wasm memory)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(1, 3, 17, 31, 32, 33, 63, 64, 65, 255, 256, 257), fc.integer({ min: 1, max: 5000 })),
        fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2 ** 40 })),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        options,
        (n, offset, seed, opts) => {
          const key = keyFromSeed(seed);
          const o = { ...opts, offset };
          const want = bytes(on(BACKENDS[0], () => fill(key, new Float32Array(n), o)));
          for (const b of BACKENDS.slice(1)) {
            expect(bytes(on(b, () => fill(key, new Float32Array(n), o))).equals(want)).toBe(true);
            const w = wasm()!;
            const at = w.kernels.scoped(() => {
              const ptr = w.kernels.alloc(4 * n + 4) + 4;
              fillAt(w, key, ptr, n, o);
              return w.kernels.f32(ptr, n).slice();
            });
            expect(bytes(at).equals(want)).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('for a fill of several batches and tasks, and for that fill in chunks', () => {
    const key = keyFromSeed(99);
    const n = 600_011;
    const want = bytes(on(BACKENDS[0], () => fill(key, new Float32Array(n), { offset: 5 })));
    for (const b of BACKENDS.slice(1)) {
      expect(bytes(on(b, () => fill(key, new Float32Array(n), { offset: 5 }))).equals(want)).toBe(true);
      for (const chunk of [1000, 65_537, 262_147]) {
        const pieces = new Float32Array(n);
        for (let s = 0; s < n; s += chunk) pieces.set(fill(key, new Float32Array(Math.min(chunk, n - s)), { offset: 5 + s }), s);
        expect(bytes(pieces).equals(want)).toBe(true);
      }
    }
  });
});

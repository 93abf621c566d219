import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activation, ACTIVATION_NAMES } from '../../src/activations/index.js';
import { configureKernels, wasm, type Wasm } from '../../src/kernels/backend.js';
import { activate, activateSlope, activationCode, moments } from '../../src/kernels/stats.js';
import { arrayStats, type StatsOptions } from '../../src/lab/arrayStats.js';
import { kernelArrayStats } from '../../src/lab/kernelStats.js';
import { keyFromSeed } from '../../src/random/key.js';
import { fillNormal } from '../../src/random/normal.js';

const U = 2 ** -24;

/** A copy of `a` in the kernels' memory (valid until the arena is released). */
function inKernels(w: Wasm, a: Float32Array): Float32Array {
  const view = w.kernels.f32(w.kernels.alloc(4 * a.length), a.length);
  view.set(a);
  return view;
}

function grid(): Float32Array {
  const n = 100_003;
  const xs = new Float32Array(n);
  for (let i = 0; i < n; i++) xs[i] = -40 + (80 * i) / (n - 1);
  for (let i = 0; i < 2001; i++) xs[i] = (i - 1000) * 1e-4;
  return xs;
}

beforeAll(() => configureKernels({ backend: 'wasm', threads: 2 }));
afterAll(() => configureKernels());

describe('activation kernels', () => {
  // The error a float32 evaluation cannot avoid is that of rounding its argument, u·|x·φ'(x)|;
  // the kernels stay within 8u·(|φ| + |x·φ'| + ½) of the float64 formulas (likewise φ' with φ''),
  // the absolute 4u covering cancellation in sums such as silu' = σ + x·σ' and exp underflowing to 0.
  const names = ACTIVATION_NAMES.filter((n) => activationCode(activation(n)) !== undefined);

  it('has a kernel for every built-in activation but the exact GELU', () => {
    expect(ACTIVATION_NAMES.filter((n) => !names.includes(n))).toEqual(['gelu']);
  });

  it.each(names)('%s: φ and φ\' within 8u·(|value| + |x·slope| + ½) of float64', (name) => {
    const w = wasm()!;
    const phi = name === 'leaky_relu' ? activation(name, 0.2) : name === 'elu' ? activation(name, 1.5) : activation(name);
    const xs = grid();
    w.kernels.scoped(() => {
      const z = inKernels(w, xs);
      const ones = inKernels(w, new Float32Array(xs.length).fill(1));
      const h = inKernels(w, new Float32Array(xs.length));
      const d = inKernels(w, new Float32Array(xs.length));
      const code = activationCode(phi)!;
      activate(w, code, phi.param ?? 0, z.byteOffset, h.byteOffset, xs.length, null);
      activateSlope(w, code, phi.param ?? 0, ones.byteOffset, z.byteOffset, d.byteOffset, xs.length);
      for (let i = 0; i < xs.length; i++) {
        const x = xs[i];
        const bound = (value: number, slope: number) => 8 * U * (Math.abs(value) + Math.abs(x * slope) + 0.5);
        if (!(Math.abs(h[i] - phi.f(x)) <= bound(phi.f(x), phi.df(x)))) throw new Error(`${name}(${x}) = ${h[i]}, float64 ${phi.f(x)}`);
        if (!(Math.abs(d[i] - phi.df(x)) <= bound(phi.df(x), phi.d2f(x)))) throw new Error(`${name}'(${x}) = ${d[i]}, float64 ${phi.df(x)}`);
      }
    });
  });

  it('keeps NaN and ±∞ as the formulas do', () => {
    const w = wasm()!;
    w.kernels.scoped(() => {
      const z = inKernels(w, new Float32Array([NaN, Infinity, -Infinity, 0, -0]));
      const h = inKernels(w, new Float32Array(5));
      activate(w, activationCode(activation('tanh'))!, 0, z.byteOffset, h.byteOffset, 5, null);
      expect(Array.from(h)).toEqual([NaN, 1, -1, 0, -0]);
      activate(w, activationCode(activation('relu'))!, 0, z.byteOffset, h.byteOffset, 5, null);
      expect(Array.from(h).slice(0, 4)).toEqual([NaN, Infinity, 0, 0]);
    });
  });
});

/** Float32 test arrays: smooth, heavy with zeros, constant, with non-finite values, tiny. */
function cases(): [string, Float32Array, StatsOptions][] {
  const normal = (n: number, seed: number) => fillNormal(keyFromSeed(seed), new Float32Array(n));
  const relu = normal(64 * 300, 3).map((v, i) => (i % 300 < 7 ? 0 : Math.max(0, v)));
  const tanh = normal(70_001, 4).map(Math.tanh);
  const broken = normal(40_000, 5);
  broken[17] = NaN;
  broken[30_000] = Infinity;
  broken[39_999] = -Infinity;
  return [
    ['normal 1e5 (several tasks)', normal(100_000, 1).map((v) => 3e4 + v), { bins: 40 }],
    ['normal 17', normal(17, 2), { bins: 5 }],
    ['one value', new Float32Array([2.5]), { bins: 3 }],
    ['constant', new Float32Array(33).fill(-1.25), { bins: 4 }],
    ['relu-like with dead units', relu, { bins: 40, units: 300 }],
    ['tanh with saturation and a fixed range', tanh.map((v) => v * 3), { bins: 40, saturation: { low: -1, high: 1 }, range: [-1, 1] }],
    ['non-finite values', broken, { bins: 40 }],
    ['only non-finite', new Float32Array([NaN, Infinity]), { bins: 4 }],
    // Order statistics inside runs of ties: saturated units at ±1, ReLU's zeros.
    ['saturated: runs of exact ±1', normal(60_000, 6).map((v) => Math.tanh(12 * v)), { bins: 40, saturation: { low: -1, high: 1 }, range: [-1, 1] }],
    ['relu: p02 in the run of zeros', normal(50_001, 7).map((v) => Math.max(0, v)), { bins: 40 }],
    ['negative values with a run of zeros', normal(50_000, 8).map((v) => (v > -1.5 && v < 1 ? 0 : v)), { bins: 40 }],
    // Every value on a histogram edge: the vector guess is ambiguous everywhere.
    ['integers on the edges', Float32Array.from({ length: 41_000 }, (_, i) => (i * 7919) % 41), { bins: 40 }],
    // Bins narrower than the float32 spacing: the guess's margins are unusable, the exact search runs.
    // A spread of subnormals: scales beyond float32, every value in one region.
    ['subnormals', Float32Array.from({ length: 20_000 }, (_, i) => ((i * 31) % 23 - 5) * 2 ** -149), { bins: 10 }],
    ['bins finer than float32', normal(30_000, 9).map((v) => 1e6 + Math.round(v * 64) / 16), { bins: 1000 }],
  ];
}

describe('fused statistics', () => {
  it.each(cases())('%s: equal to arrayStats (mean and variance to 1e-12)', (_, data, options) => {
    const w = wasm()!;
    w.kernels.scoped(() => {
      const x = inKernels(w, data);
      const s = options.saturation;
      const bounds = s === undefined ? undefined : { lo: Math.fround(s.low + 0.02), hi: Math.fround(s.high - 0.02) };
      const fast = kernelArrayStats(w, [{ data: x, m: moments(w, x.byteOffset, x.length, bounds), options }])[0];
      const ref = arrayStats(data, options);
      const { mean, variance, std, ...exact } = fast;
      const { mean: m0, variance: v0, std: s0, ...exact0 } = ref;
      expect(exact).toEqual(exact0);
      for (const [a, b] of [[mean, m0], [variance, v0], [std, s0]]) {
        if (b === null) expect(a).toBeNull();
        else expect(Math.abs(a! - b)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(b), Math.abs(m0!)));
      }
    });
  });

  it('several tensors in one call: each as on its own', () => {
    const w = wasm()!;
    const list = cases().filter(([, d]) => d.length > 1000);
    w.kernels.scoped(() => {
      const tensors = list.map(([, data, options]) => {
        const x = inKernels(w, data);
        return { data: x, m: moments(w, x.byteOffset, x.length), options };
      });
      const together = kernelArrayStats(w, tensors);
      tensors.forEach((t, i) => expect(together[i]).toEqual(kernelArrayStats(w, [t])[0]));
    });
  });

  it('fuses φ with the statistics of its input and output', () => {
    const w = wasm()!;
    const data = fillNormal(keyFromSeed(9), new Float32Array(50_000));
    w.kernels.scoped(() => {
      const z = inKernels(w, data);
      const h = inKernels(w, new Float32Array(data.length));
      const [mz, mh] = activate(w, activationCode(activation('tanh'))!, 0, z.byteOffset, h.byteOffset, data.length, { lo: -0.98, hi: 0.98 })!;
      expect(mz).toEqual(moments(w, z.byteOffset, data.length));
      expect(mh).toEqual(moments(w, h.byteOffset, data.length, { lo: -0.98, hi: 0.98 }));
    });
  });

  it('gives identical statistics on 1 and 2 threads', () => {
    const data = fillNormal(keyFromSeed(11), new Float32Array(123_457)).map((v) => 1 + v * 1e-3);
    const run = (threads: number) => {
      configureKernels({ backend: 'wasm', threads });
      const w = wasm()!;
      return w.kernels.scoped(() => {
        const x = inKernels(w, data);
        return kernelArrayStats(w, [{ data: x, m: moments(w, x.byteOffset, x.length), options: { bins: 30 } }])[0];
      });
    };
    expect(run(2)).toEqual(run(1));
    configureKernels({ backend: 'wasm', threads: 2 });
  });
});

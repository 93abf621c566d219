import { afterAll, describe, expect, it } from 'vitest';
import { configureKernels } from '../../src/kernels/backend.js';
import { propagate } from '../../src/lab/propagate.js';
import type { LabConfig } from '../../src/lab/config.js';

const CONFIG: LabConfig = { depth: 6, width: [40, 70, 33, 70, 17, 50], inputSize: 23, batch: 45, activation: 'tanh', init: 'glorot_normal', bias: 'normal(std=0.1)', backward: true };
const TENSORS = ['preact', 'act', 'grad', 'preactGrad', 'weightGrad'] as const;

describe('the lab on the wasm kernels', () => {
  afterAll(() => configureKernels());

  it.each(['tanh', 'relu', 'gelu', 'selu'])('%s: float32 statistics within float32 tolerance of the JavaScript reference', (act) => {
    const config = { ...CONFIG, activation: act };
    configureKernels({ backend: 'js' });
    const ref = propagate(config);
    configureKernels({ backend: 'wasm', threads: 2 });
    const fast = propagate(config);
    // Six layers of float32 products (k ≤ 70) and activations: a few ulps per layer, 1e-4 relative is ample.
    fast.layers.forEach((layer, l) => {
      for (const t of TENSORS) {
        const a = layer[t]!;
        const b = ref.layers[l][t]!;
        expect(a.count).toBe(b.count);
        for (const key of ['mean', 'variance', 'min', 'max', 'p02', 'p98'] as const) {
          expect(Math.abs(a[key]! - b[key]!)).toBeLessThanOrEqual(1e-4 * (Math.abs(b[key]!) + Math.sqrt(b.variance!)));
        }
      }
    });
    expect(fast.inputGrad.measured!.variance!).toBeCloseTo(ref.inputGrad.measured!.variance!, 5);
  });

  it('gives identical results on 1 and 2 threads', () => {
    const config = { ...CONFIG, width: 96, inputSize: 96, batch: 200, depth: 3 };
    configureKernels({ backend: 'wasm', threads: 1 });
    const one = propagate(config);
    configureKernels({ backend: 'wasm', threads: 2 });
    expect(propagate(config)).toEqual(one);
  });

  it('reports the same overflow layer as the reference', () => {
    const config: LabConfig = { depth: 40, width: 128, batch: 16, activation: 'identity', init: 'normal(std=1)' };
    configureKernels({ backend: 'js' });
    const ref = propagate(config);
    configureKernels({ backend: 'wasm' });
    // Float32 partial sums overflow a little earlier than float64 ones: the layer agrees, the count of values need not.
    const pick = (e: { kind: string; layer: number; tensor: string }) => [e.kind, e.layer, e.tensor];
    expect(propagate(config).events.map(pick)).toEqual(ref.events.map(pick));
  });
});

// propagate's onLayer: every layer of every pass is reported once, in order, with that seed's
// records filled as far as the run has gone; the streamed records are the result's.
import { describe, expect, it } from 'vitest';
import { propagate } from '../../src/lab/propagate.js';
import type { LayerRecord } from '../../src/lab/types.js';

describe('propagate onLayer', () => {
  it('streams forward layers from the bottom and backward layers from the top, seed by seed', () => {
    const seen: { seed: number; forward: number; backward: number }[] = [];
    let last: readonly LayerRecord[] = [];
    const result = propagate({ depth: 4, width: 16, batch: 8, activation: 'tanh', init: 'glorot_normal', seed: 5, backward: true }, {
      seeds: 2,
      onLayer: (seed, layers) => {
        seen.push({ seed, forward: layers.filter((l) => l.act !== null).length, backward: layers.filter((l) => l.grad !== null).length });
        last = layers;
      },
    });
    expect(seen).toEqual([5, 6].flatMap((seed) => [
      ...[1, 2, 3, 4].map((f) => ({ seed, forward: f, backward: 0 })),
      ...[1, 2, 3, 4].map((b) => ({ seed, forward: 4, backward: b })),
    ]));
    // The records streamed for the last seed are that seed's run.
    expect(last.map((l) => l.grad!.variance)).toEqual(result.runs![1].layers.map((l) => l.grad!.variance));
    expect(last[3].grad).not.toBeNull();
    expect(last[0].grad).not.toBeNull();
  });

  it('stops where an overflow stops the run', () => {
    const calls: number[] = [];
    const r = propagate({ depth: 40, width: 512, batch: 16, activation: 'identity', init: 'normal(std=1)', backward: true }, { onLayer: (_s, layers) => calls.push(layers.filter((l) => l.preact !== null).length) });
    const overflow = r.events.find((e) => e.kind === 'overflow')!;
    expect(overflow.layer).toBeLessThan(40);
    expect(calls).toEqual(Array.from({ length: overflow.layer }, (_, i) => i + 1));
  });
});

import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/index.js';
import { resolveTrainConfig, type TrainConfig } from '../../src/train/config.js';
import { train } from '../../src/train/trainer.js';
import { trainingThroughput } from '../../src/train/throughput.js';

const circles = loadData('circles', { seed: 0, train: 400, validation: 100, test: 200 });
const base: TrainConfig = { data: 'circles', depth: 2, width: 16, activation: 'tanh', init: 'glorot_uniform', lr: 0.1, batch: 10, updates: 1500, evalEvery: 500, monitorSize: 50 };

describe('trainer', () => {
  it('fits a toy set to low loss and error', () => {
    const { result } = train(base, { data: circles });
    expect(result.curve.map((p) => p.update)).toEqual([0, 500, 1000, 1500]);
    expect(result.curve[0].loss).toBeGreaterThan(0.5);
    expect(result.final.loss).toBeLessThan(0.1);
    expect(result.final.testError).toBeLessThan(0.03);
    expect(result.examplesPerSecond).toBeGreaterThan(0);
  });
  it('momentum and squared error train too', () => {
    const { result } = train({ ...base, loss: 'mse', momentum: 0.9, lr: 0.02 }, { data: circles });
    expect(result.final.testError).toBeLessThan(0.05);
  });
  it('monitors every layer at every curve point', () => {
    const { result } = train({ ...base, updates: 100, evalEvery: 50 }, { data: circles });
    for (const p of result.curve) {
      expect(p.layers).toHaveLength(3);
      for (const l of p.layers!) {
        expect(l.actStd).toBeGreaterThan(0);
        expect(l.actP98).toBeGreaterThan(l.actMean);
        expect(l.weightGradNorm).toBeGreaterThan(0);
        expect(l.weightGradStd).toBeGreaterThan(0);
      }
    }
  });
  it('constant init keeps the units of each layer identical through training; random init does not', () => {
    for (const init of ['zeros', 'constant(value=0.2)']) {
      const { result, model } = train({ ...base, init, updates: 500 }, { data: circles });
      expect(result.final.distinctUnits, init).toEqual([1, 1]);
      // The hidden layers did learn (except from zeros, where no hidden gradient ever flows).
      if (init !== 'zeros') expect(model.weights[0][0]).not.toBeCloseTo(0.2, 3);
    }
    expect(train({ ...base, updates: 500 }, { data: circles }).result.final.distinctUnits).toEqual([16, 16]);
  });
  it('is deterministic for a seed (data, weights, shuffles) and changes with it', () => {
    const c: TrainConfig = { ...base, data: 'spirals', updates: 200, evalEvery: 100, trainSize: 200, testSize: 100 };
    const a = train(c).result;
    const b = train(c).result;
    expect(b.curve).toEqual(a.curve);
    expect(b.final).toEqual(a.final);
    const other = train({ ...c, seed: 1 }).result;
    expect(other.curve[1].loss).not.toBe(a.curve[1].loss);
  });
  it('epochs: every training example once per epoch, in floor(n / batch) updates', () => {
    const { result } = train({ ...base, updates: undefined, epochs: 2, batch: 30 }, { data: circles });
    expect(result.config.updates).toBe(2 * Math.floor(400 / 30));
  });
  it('several learning rates: the one with the lowest validation error is kept', () => {
    const { result } = train({ ...base, lr: [1e-4, 0.1], updates: 300 }, { data: circles });
    expect(result.lrSearch!.map((s) => s.lr)).toEqual([1e-4, 0.1]);
    const best = Math.min(...result.lrSearch!.map((s) => s.validationError));
    expect(result.final.validationError).toBe(best);
    expect(result.config.lr).toBe(0.1);
  });
  it('a diverging run stops and says where', () => {
    const { result } = train({ ...base, activation: 'identity', loss: 'mse', init: 'normal(std=3)', lr: 10, updates: 200, evalEvery: 100, monitorSize: 0 }, { data: circles });
    expect(result.final.divergedAt).toBeGreaterThan(0);
    expect(result.curve[result.curve.length - 1].update).toBe(result.final.divergedAt);
  });
  it('bad configurations are named', () => {
    expect(() => resolveTrainConfig({ ...base, epochs: 2 })).toThrow(/^epochs=2, expected not with updates \(give one of them\)$/);
    expect(() => resolveTrainConfig({ ...base, momentum: 1 })).toThrow(/^momentum=1, expected a number in \[0, 1\)$/);
    expect(() => resolveTrainConfig({ ...base, lr: [0.1, -1] })).toThrow(/^lr\[1\]=-1, expected a number > 0$/);
    expect(() => resolveTrainConfig({ ...base, data: 'cifar' as 'mnist' })).toThrow(/^data="cifar", expected one of "shapeset", "mnist", "spirals", "circles", "blobs"$/);
    expect(() => resolveTrainConfig({ ...base, width: [4, 4, 4] })).toThrow(/^width=\[4,4,4\], expected one width, or 2 widths/);
    expect(() => train({ ...base, batch: 1000 }, { data: circles })).toThrow(/^batch=1000, expected at most the 400 training examples$/);
    expect(() => train({ ...base, init: 'glorot_unifrom' }, { data: circles })).toThrow(/^init="glorot_unifrom", expected an initializer spec/);
  });
  it('throughput of the papers\' networks (narrowed for the test)', () => {
    const t = trainingThroughput('table1-shapeset', { updates: 3, width: 32 });
    expect(t.sizes).toEqual([1024, 32, 32, 32, 32, 32, 9]);
    expect(t.examplesPerSecond).toBeGreaterThan(0);
    expect(t.gflops).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/index.js';
import { createSession, decisionBoundary, toySplits, type SessionConfig } from '../../src/train/session.js';
import { train } from '../../src/train/trainer.js';
import { createModel } from '../../src/train/model.js';

const sizes = { trainSize: 300, testSize: 200 } as const;
const base: SessionConfig = { data: 'circles', depth: 2, width: 8, activation: 'tanh', init: 'glorot_uniform', lr: 0.1, batch: 10, monitorSize: 50, grid: 12, ...sizes };

/** The same settings as train() takes them (the grid is the session's own). */
const asTrain = ({ grid: _grid, ...config }: SessionConfig) => config;
const bytes = (a: ArrayLike<number>[]) => a.map((w) => Buffer.from(new Float32Array(Array.from(w)).buffer).toString('hex'));

describe('training session', () => {
  it('draws the splits loadData draws', () => {
    const ours = toySplits('spirals', 3, { train: 50, validation: 20, test: 30 });
    const theirs = loadData('spirals', { seed: 3, train: 50, validation: 20, test: 30 });
    for (const split of ['train', 'validation', 'test'] as const) {
      expect(ours[split].inputs).toEqual(theirs[split].inputs);
      expect(ours[split].labels).toEqual(theirs[split].labels);
      expect(ours[split].name).toBe(theirs[split].name);
    }
    expect(ours.description).toBe(theirs.description);
  });

  it('stepped N times (across epoch boundaries) has the weights of train() with N updates, byte for byte', () => {
    // 300 examples in batches of 10: 30 updates per epoch, so 75 updates cross two reshuffles.
    for (const extra of [{}, { momentum: 0.9, lr: 0.02, loss: 'mse' as const }, { init: 'lsuv', activation: 'relu', seed: 4 }]) {
      const config = { ...base, ...extra };
      const session = createSession(config);
      session.step(1);
      session.step(29);
      session.step(45);
      expect(session.updates).toBe(75);
      const { model } = train({ ...asTrain(config), updates: 75 });
      expect(bytes(session.model.weights)).toEqual(bytes(model.weights));
      expect(bytes(session.model.biases)).toEqual(bytes(model.biases));
    }
  });

  it("snapshots taken every evalEvery updates are train()'s learning curve", () => {
    const session = createSession(base);
    const snaps = [session.snapshot(), session.step(20), session.step(20), session.step(20)];
    const { result } = train({ ...asTrain(base), updates: 60, evalEvery: 20 });
    expect(snaps.map((s) => s.update)).toEqual(result.curve.map((p) => p.update));
    snaps.forEach((s, i) => {
      const p = result.curve[i];
      expect(s.loss).toBe(p.loss);
      expect(s.testError).toBe(p.testError);
      expect(s.layers).toEqual(p.layers);
      expect(s.examples).toBe(p.examples);
    });
  });

  it('train(n) then snapshot() is step(n); a second snapshot without updates repeats the window', () => {
    const a = createSession(base);
    const b = createSession(base);
    a.step(7);
    expect(b.train(4) + b.train(3)).toBe(7);
    const s = b.snapshot();
    expect(s).toEqual(a.snapshot());
    expect(b.snapshot()).toEqual(s);
    expect(b.step(5).loss).toBe(a.step(5).loss);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = createSession({ ...base, seed: 1 }).step(40);
    const b = createSession({ ...base, seed: 1 }).step(40);
    const c = createSession({ ...base, seed: 2 }).step(40);
    expect(a).toEqual(b);
    expect(a.loss).not.toBe(c.loss);
  });

  it('zero and constant init keep one distinct unit per layer while training; random init has all of them', () => {
    for (const init of ['zeros', 'constant(value=0.1)']) {
      const session = createSession({ ...base, data: 'spirals', depth: 3, width: 16, init, lr: 0.3 });
      expect(session.snapshot().distinctUnits, init).toEqual([1, 1, 1]);
      for (let i = 0; i < 4; i++) expect(session.step(50).distinctUnits, init).toEqual([1, 1, 1]);
    }
    expect(createSession({ ...base, data: 'spirals', depth: 3, width: 16 }).step(50).distinctUnits).toEqual([16, 16, 16]);
  });

  it('learns circles: test error falls from chance to under 5%', () => {
    const session = createSession(base);
    expect(session.snapshot().testError).toBeGreaterThan(0.3);
    const end = session.step(1500);
    expect(end.testError).toBeLessThan(0.05);
    expect(end.loss).toBeLessThan(session.snapshot().loss + 1e-12);
  });

  it('reports a divergence and stops updating there', () => {
    const session = createSession({ ...base, init: 'normal(std=30)', lr: 1e6, loss: 'mse' });
    const s = session.step(200);
    expect(s.divergedAt).toBeGreaterThan(0);
    expect(session.updates).toBe(s.divergedAt);
    expect(session.step(10).update).toBe(s.divergedAt);
    expect(session.train(10)).toBe(0);
  });

  it('decision boundary: an n×n grid of class probabilities summing to 1, row 0 at the top', () => {
    const session = createSession({ ...base, data: 'blobs' });
    const { boundary } = session.step(300);
    expect(boundary.classes).toBe(3);
    expect(boundary.probs).toHaveLength(12 * 12 * 3);
    for (let p = 0; p < 144; p++) {
      const sum = boundary.probs[3 * p] + boundary.probs[3 * p + 1] + boundary.probs[3 * p + 2];
      expect(sum).toBeCloseTo(1, 5);
    }
    // The range covers every training point.
    const xs = session.data.train.inputs;
    for (let i = 0; i < xs.length; i += 2) {
      expect(xs[i]).toBeGreaterThan(boundary.x[0]);
      expect(xs[i]).toBeLessThan(boundary.x[1]);
      expect(xs[i + 1]).toBeGreaterThan(boundary.y[0]);
      expect(xs[i + 1]).toBeLessThan(boundary.y[1]);
    }
    // A model that depends only on y (logit 0 = y, logit 1 = -y): class 0 wins at the top.
    const model = createModel({ inputSize: 2, widths: [1], classes: 2, activation: 'identity', init: 'zeros', seed: 0 });
    model.weights[0].set([0, 1]);
    model.weights[1].set([1, -1]);
    const b = decisionBoundary(model, session.data.train, 4);
    expect(b.probs[0]).toBeGreaterThan(0.5);
    expect(b.probs[2 * 12]).toBeLessThan(0.5);
  });

  it('rejects bad settings with the argument named', () => {
    expect(() => createSession({ ...base, data: 'mnist' as never })).toThrow(/data="mnist", expected one of "spirals", "circles", "blobs"/);
    expect(() => createSession({ ...base, lr: -1 })).toThrow(/lr=-1, expected a number > 0/);
    expect(() => createSession({ ...base, batch: 1000 })).toThrow(/batch=1000, expected at most the 300 training examples/);
    expect(() => createSession({ ...base, init: 'glorot_unifrom' })).toThrow(/glorot_unifrom/);
    expect(() => createSession(base).step(-1)).toThrow(/n=-1/);
  });
});

import { describe, expect, it } from 'vitest';
import { classCounts, loadData, size, subset, type Dataset, type Splits } from '../../src/data/index.js';
import { curveSets, evaluate } from '../../src/train/evaluate.js';
import { createModel } from '../../src/train/model.js';
import { train, type TrainResult } from '../../src/train/trainer.js';

/**
 * The bound of ../data/balanced.test.ts on the error of a model that always answers class c,
 * measured on n balanced examples instead of the whole split: |k_c − n·p_c| ≤ ½ + C·p_c/2 examples.
 */
const bound = (d: Dataset, c: number, n: number) => (0.5 + (d.classes * classCounts(d)[c]) / size(d) / 2) / n;

/** A model whose every output row is the one-hot of `c`: it answers c whatever the input. */
function constant(inputSize: number, classes: number, c: number) {
  const model = createModel({ inputSize, widths: [3], classes, activation: 'tanh', init: 'zeros', seed: 0 });
  model.biases[1][c] = 1;
  return model;
}

/** The same examples sorted by class (the order in which MNIST's package ships its digits). */
function sortedByClass(s: Splits): Splits {
  const sort = (d: Dataset) => subset(d, Array.from({ length: size(d) }, (_, i) => i).sort((a, b) => d.labels[a] - d.labels[b] || a - b));
  return { ...s, train: sort(s.train), validation: sort(s.validation), test: sort(s.test) };
}

/** The class a stalled run answers: its model's prediction is the same for every test example. */
function answer(result: TrainResult, test: Dataset): number {
  const full = classCounts(test);
  const c = full.findIndex((n) => Math.abs(1 - n / size(test) - result.final.testError) < 1e-12);
  expect(c, 'the run answers one class').toBeGreaterThanOrEqual(0);
  return c;
}

describe('learning curves on class-balanced examples', () => {
  const mnist = loadData('mnist');

  it('MNIST: the curve, its training loss and the monitor see every digit in the test split\'s proportion', () => {
    const sets = curveSets(mnist, 0, 500, 100);
    const full = classCounts(mnist.test);
    for (const [d, n] of [[sets.test, 500], [sets.monitor!, 100], [sets.train, 500]] as const) {
      expect(size(d)).toBe(n);
      const population = d === sets.train ? classCounts(mnist.train) : full;
      const total = population.reduce((s, v) => s + v, 0);
      classCounts(d).forEach((k, c) => expect(Math.abs(k - (n * population[c]) / total), `${d.name} digit ${c}`).toBeLessThanOrEqual(0.5 + (10 * population[c]) / total / 2));
    }
    // 100 monitoring examples: 10 of each digit, up to rounding (the split has 86 to 113 of each).
    for (const k of classCounts(sets.monitor!)) expect(k === 9 || k === 10 || k === 11).toBe(true);
  });

  it('a model that always answers one digit scores on the curve\'s examples what it scores on the whole test split', () => {
    const sets = curveSets(mnist, 0, 500, 100);
    for (let c = 0; c < 10; c++) {
      const model = constant(784, 10, c);
      const whole = evaluate(model, mnist.test, 'xent').error;
      expect(whole).toBeCloseTo(1 - classCounts(mnist.test)[c] / size(mnist.test), 12);
      expect(Math.abs(evaluate(model, sets.test, 'xent').error - whole), `digit ${c}`).toBeLessThanOrEqual(bound(mnist.test, c, 500));
      expect(Math.abs(evaluate(model, sets.monitor!, 'xent').error - whole), `digit ${c}`).toBeLessThanOrEqual(bound(mnist.test, c, 100));
    }
  });

  it('MNIST, a stalled run (He et al.\'s Xavier case): every curve point shows the error of the final table', () => {
    // Zero weights and a learning rate too small to move anything but the output biases: the
    // network answers one digit for every input (digit 0 at update 0, where all outputs tie).
    const { result } = train({ data: 'mnist', depth: 2, width: 8, activation: 'relu', init: 'zeros', lr: 1e-30, updates: 3, evalEvery: 1, evalSize: 500, monitorSize: 100 }, { data: mnist });
    const c = answer(result, mnist.test);
    const last = result.curve[result.curve.length - 1];
    expect(Math.abs(last.testError - result.final.testError)).toBeLessThanOrEqual(bound(mnist.test, c, 500));
    expect(Math.abs(result.curve[0].testError - (1 - 100 / 999))).toBeLessThanOrEqual(bound(mnist.test, 0, 500));
  });

  it('splits sorted by class: the curve still shows the stalled run\'s true error, about 1 − 1/classes', () => {
    for (const name of ['circles', 'blobs', 'shapeset'] as const) {
      const splits = sortedByClass(loadData(name, { seed: 0, train: name === 'shapeset' ? 90 : 300, validation: 30, test: 180 }));
      const { result } = train({ data: name, depth: 1, width: 4, activation: 'tanh', init: 'zeros', lr: 1e-30, updates: 2, evalEvery: 1, evalSize: 60, monitorSize: 30 }, { data: splits });
      const c = answer(result, splits.test);
      const chance = 1 - 1 / splits.test.classes;
      expect(result.final.testError, name).toBeCloseTo(chance, 12);
      for (const p of result.curve) expect(Math.abs(p.testError - chance), `${name} update ${p.update}`).toBeLessThanOrEqual(bound(splits.test, c, 60));
    }
  });

  it('the same seed gives the same examples; another seed other examples in the same proportions', () => {
    const a = curveSets(mnist, 3, 200, 50);
    const b = curveSets(mnist, 3, 200, 50);
    expect(b.test.inputs).toEqual(a.test.inputs);
    expect(b.monitor!.labels).toEqual(a.monitor!.labels);
    const other = curveSets(mnist, 4, 200, 50);
    expect(other.test.inputs).not.toEqual(a.test.inputs);
    expect(classCounts(other.test)).toEqual(classCounts(a.test));
  });

  it('sizes: the whole split by default and beyond it; no monitor at 0', () => {
    const sets = curveSets(mnist, 0, undefined, 0);
    expect(sets.test).toBe(mnist.test);
    expect(size(sets.train)).toBe(size(mnist.test));
    expect(sets.monitor).toBeUndefined();
    expect(curveSets(mnist, 0, 5000, 10_000).monitor).toBe(mnist.test);
  });
});

import { describe, expect, it } from 'vitest';
import { balancedOrder, balancedSubset, classCounts, DATA_SETS, loadData, size, subset, type Dataset } from '../../src/data/index.js';
import { foldIn, keyFromSeed } from '../../src/random/key.js';

const key = foldIn(keyFromSeed(0), 'test');

/**
 * The largest excess, over the prefixes of `labels` (every prefix when `every`, else the whole),
 * of |k_c − m·N_c/N| beyond the bound ½ + C·N_c/(2N), with N_c the counts of `population`:
 * ≤ 0 when every prefix holds each class in the population's proportion.
 */
function excess(labels: ArrayLike<number>, population: readonly number[], every = true): number {
  const classes = population.length;
  const total = population.reduce((s, v) => s + v, 0);
  const k = new Array<number>(classes).fill(0);
  let worst = -Infinity;
  for (let m = 1; m <= labels.length; m++) {
    k[labels[m - 1]]++;
    if (!every && m < labels.length) continue;
    for (let c = 0; c < classes; c++) {
      const p = population[c] / total;
      worst = Math.max(worst, Math.abs(k[c] - m * p) - (0.5 + (classes * p) / 2));
    }
  }
  return worst;
}

/** Small splits of every data set (MNIST's are fixed). */
const splitsOf = (name: (typeof DATA_SETS)[number]) => loadData(name, { seed: 1, train: name === 'shapeset' ? 200 : 600, validation: 90, test: 300 });

describe('balanced order and subsets', () => {
  it('known answer: Webster apportionment of classes of 6, 3 and 1 examples', () => {
    const labels = Int32Array.from([2, 0, 0, 1, 0, 1, 0, 0, 1, 0]);
    const order = balancedOrder(labels, 3, key);
    expect(Array.from(order, (i) => labels[i])).toEqual([0, 1, 0, 0, 1, 2, 0, 0, 1, 0]);
    expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(balancedOrder(labels, 3, key, 4)).toEqual(order.subarray(0, 4));
  });

  for (const name of DATA_SETS) {
    it(`${name}: every prefix of every split holds each class in the split's proportion`, () => {
      const splits = splitsOf(name);
      for (const split of [splits.train, splits.validation, splits.test]) {
        expect(excess(split.labels, classCounts(split)), split.name).toBeLessThanOrEqual(1e-9);
      }
    });
    it(`${name}: balanced subsets of every size hold each class in the split's proportion`, () => {
      const { test, train } = splitsOf(name);
      for (const d of [test, train]) {
        const full = classCounts(d);
        expect(excess(Array.from(balancedOrder(d.labels, d.classes, key), (i) => d.labels[i]), full), d.name).toBeLessThanOrEqual(1e-9);
        for (const n of [1, 7, 50, 100, Math.floor(size(d) / 2)]) {
          const s = balancedSubset(d, n, key);
          expect(size(s)).toBe(n);
          expect(excess(s.labels, full, false), `${d.name} n=${n}`).toBeLessThanOrEqual(1e-9);
        }
      }
    });
  }

  it('a class-sorted set gives balanced subsets too (the order of the set does not matter)', () => {
    const { test } = loadData('blobs', { seed: 0, test: 300 });
    const sorted = subset(test, Array.from({ length: size(test) }, (_, i) => i).sort((a, b) => test.labels[a] - test.labels[b] || a - b));
    expect(Array.from(sorted.labels.subarray(0, 100))).toEqual(new Array(100).fill(0));
    expect(classCounts(balancedSubset(sorted, 99, key))).toEqual([33, 33, 33]);
    expect(classCounts(balancedSubset(sorted, 100, key))).toEqual([34, 33, 33]);
  });

  it('deterministic by key: the same key gives the same examples, another key others', () => {
    const { test } = loadData('mnist');
    const a = balancedSubset(test, 100, key);
    const b = balancedSubset(test, 100, key);
    expect(b.labels).toEqual(a.labels);
    expect(b.inputs).toEqual(a.inputs);
    const other = balancedSubset(test, 100, foldIn(keyFromSeed(1), 'test'));
    expect(classCounts(other)).toEqual(classCounts(a));
    expect(other.inputs).not.toEqual(a.inputs);
  });

  it('uniform within each class: every example is drawn with probability n_c/N_c', () => {
    // Classes of 30 and 10 examples, subsets of 8: 6 and 2 of them, each example drawn with
    // probability 1/5. Over 2,000 keys each count is Binomial(2000, 0.2): 400 ± 17.9.
    const labels = Int32Array.from({ length: 40 }, (_, i) => (i % 4 === 3 ? 1 : 0));
    const d: Dataset = { name: 'two', inputSize: 1, classes: 2, inputs: Float32Array.from(labels.keys()), labels };
    const draws = new Array<number>(40).fill(0);
    const keys = 2000;
    for (let s = 0; s < keys; s++) {
      const sub = balancedSubset(d, 8, foldIn(keyFromSeed(s), 'uniform'));
      expect(classCounts(sub)).toEqual([6, 2]);
      for (const x of sub.inputs) draws[x]++;
    }
    const sd = Math.sqrt(keys * 0.2 * 0.8);
    for (const count of draws) expect(Math.abs(count - keys * 0.2)).toBeLessThan(5 * sd);
    const chi2 = draws.reduce((s, c) => s + (c - keys * 0.2) ** 2 / (keys * 0.2 * 0.8), 0);
    // χ² with about 40 degrees of freedom: mean 40, sd 9; 80 is beyond the 99.9th percentile.
    expect(chi2).toBeLessThan(80);
  });

  it('a subset at least as large as the set is the set; bad sizes and labels are named', () => {
    const { test } = loadData('circles', { test: 50 });
    expect(balancedSubset(test, 50, key)).toBe(test);
    expect(balancedSubset(test, 80, key)).toBe(test);
    expect(() => balancedSubset(test, 0, key)).toThrow(/^n=0, expected an integer >= 1$/);
    expect(() => balancedOrder(test.labels, 2, key, 51)).toThrow(/^n=51, expected an integer in \[0, 50\]$/);
    expect(() => balancedOrder(Int32Array.from([0, 3]), 2, key)).toThrow(/^labels\[1\]=3, expected a class in \[0, 1\]$/);
  });
});

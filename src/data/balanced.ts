/**
 * Class-balanced (stratified) orders and subsets: the one way to take part of a data set for the
 * learning curve, the monitoring batch or a calibration batch. A split's own order can say
 * nothing about its classes only when it is built so (MNIST's images come grouped by digit, so
 * its first 100 test images would all be zeros): a balanced order guarantees it.
 *
 * `balancedOrder(labels, classes, key)` puts the N_c examples of class c in the order of
 * `permutation(foldIn(key, c), N_c)` (uniform within the class) and merges the classes by the
 * priority π_c(j) = (j + ½)/N_c of their j-th example (0-based), smallest first, ties to the lower
 * class: Webster's (Sainte-Laguë) apportionment of m places among classes of sizes N_c, so a
 * prefix of any length m holds k_c examples of class c with
 *
 *   |k_c − m·N_c/N| ≤ ½ + C·N_c/(2N)   (C classes, N examples; 1 when the classes are equal),
 *
 * since with t the largest priority in the prefix, t·N_c − ½ ≤ k_c ≤ t·N_c + ½ for every class and,
 * summed, |m − t·N| ≤ C/2. `balancedSubset(d, n, key)` is the first n examples of that order: a
 * stratified sample without replacement, the same for the same key, and (as a sample of the
 * examples within each class) uniform.
 *
 * @example
 * const monitor = balancedSubset(test, 100, foldIn(keyFromSeed(0), 'monitor')); // 10 of each digit
 */
import { fail } from '../errors.js';
import { foldIn, type Key } from '../random/key.js';
import { permutation } from '../random/permutation.js';
import { integer } from '../validate.js';
import { size, subset, type Dataset } from './dataset.js';

/** The first `n` (default: all) indices of the balanced order of `labels` (classes in [0, classes)). */
export function balancedOrder(labels: ArrayLike<number>, classes: number, key: Key, n = labels.length): Uint32Array {
  integer('n', n, 0, labels.length);
  const members: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= classes) fail(`labels[${i}]`, y, `a class in [0, ${classes - 1}]`);
    members[y].push(i);
  }
  const byClass = members.map((idx, c) => (idx.length === 0 ? idx : Array.from(permutation(foldIn(key, c), idx.length), (j) => idx[j])));
  const taken = new Array<number>(classes).fill(0);
  const order = new Uint32Array(n);
  for (let m = 0; m < n; m++) {
    let best = -1;
    for (let c = 0; c < classes; c++) {
      const count = byClass[c].length;
      if (taken[c] === count) continue;
      // π_c < π_best, compared exactly: (2·taken_c + 1)·N_best < (2·taken_best + 1)·N_c.
      if (best < 0 || (2 * taken[c] + 1) * byClass[best].length < (2 * taken[best] + 1) * count) best = c;
    }
    order[m] = byClass[best][taken[best]++];
  }
  return order;
}

/** `n` examples of `d` in balanced order (all of `d`, as it is, when n ≥ its size). */
export function balancedSubset(d: Dataset, n: number, key: Key): Dataset {
  integer('n', n, 1);
  return n >= size(d) ? d : subset(d, balancedOrder(d.labels, d.classes, key, n));
}

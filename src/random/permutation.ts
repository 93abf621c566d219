/**
 * A uniformly random permutation of 0..n-1 as a pure function of (key, n): every index gets a
 * 53-bit uniform sort key from the stream (element i of a float64 uniform fill) and the indices
 * are sorted by it (ties, probability < n²·2^-54, broken by index). Unlike Fisher-Yates, index i's
 * key depends only on (key, i), so a permutation's prefix can be found from any slice.
 */
import { integer } from '../validate.js';
import type { Key } from './key.js';
import { fillUniform } from './uniform.js';

export function permutation(key: Key, n: number, offset = 0): Uint32Array {
  integer('n', n, 1, 2 ** 32 - 1);
  const keys = fillUniform(key, new Float64Array(n), { offset });
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => keys[a] - keys[b] || a - b);
  return order;
}

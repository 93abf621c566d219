/**
 * Bernoulli(p) draws: element e is 1 when word e of the stream is below p·2^32 (4 per block),
 * so P(1) = ceil(p·2^32)/2^32, exact for p a multiple of 2^-32.
 */
import { probability } from '../validate.js';
import type { FloatArray } from '../tensor.js';
import { forEachChunk } from './bits.js';
import { checkOffset } from './checks.js';
import type { Key } from './key.js';
import { fail } from '../errors.js';

export function fillBernoulli<T extends Uint8Array | FloatArray>(key: Key, out: T, p: number, offset = 0): T {
  if (!(out instanceof Uint8Array || out instanceof Float32Array || out instanceof Float64Array)) {
    fail('out', out, 'a Uint8Array, Float32Array or Float64Array');
  }
  const threshold = probability('p', p) * 4294967296;
  checkOffset(offset, out.length);
  forEachChunk(key, offset, out.length, 4, (w, start, begin, end) => {
    for (let e = begin; e < end; e++) out[e - offset] = w[e - start] < threshold ? 1 : 0;
  });
  return out;
}

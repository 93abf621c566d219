/** Seeded test data drawn from initlab's own streams (one helper for every test file). */
import { keyFromSeed } from '../../src/random/key.js';
import { fillNormal } from '../../src/random/normal.js';
import { fillUniform } from '../../src/random/uniform.js';

/** Consecutive N(0, 1) draws: each call returns the next `count` elements of the seed's stream. */
export function gaussians(seed: number): (count: number) => Float64Array {
  let offset = 0;
  return (count) => {
    const out = fillNormal(keyFromSeed(seed), new Float64Array(count), { offset });
    offset += count;
    return out;
  };
}

export function normals(count: number, seed: number, mean = 0, std = 1): Float64Array {
  return fillNormal(keyFromSeed(seed), new Float64Array(count), { mean, std });
}

/** Consecutive U[0, 1) draws, one per call. */
export function uniforms(seed: number): () => number {
  const block = 4096;
  let buf = new Float64Array(0);
  let i = 0;
  let offset = 0;
  return () => {
    if (i === buf.length) {
      buf = fillUniform(keyFromSeed(seed), new Float64Array(block), { offset });
      offset += block;
      i = 0;
    }
    return buf[i++];
  };
}

/**
 * Uniform fills U[low, high) with full mantissa resolution: float32 elements take the top 24 bits
 * of one Philox word (4 elements per block), float64 elements take 53 bits of two words
 * (2 elements per block). The value is low + (high - low)·u, held below `high` even where float
 * rounding would reach it, and never below `low`.
 */
import { fail } from '../errors.js';
import type { FloatArray } from '../tensor.js';
import { finite } from '../validate.js';
import { forEachChunk, unit53 } from './bits.js';
import { checkOffset, checkOut } from './checks.js';
import { f32AtLeast, f32Below, f64Below } from './float32.js';
import type { Key } from './key.js';

export interface UniformOptions {
  low?: number;
  high?: number;
  /** Stream index of out[0]; filling [offset, offset + out.length) of the stream. */
  offset?: number;
}

const TWO_M24 = 2 ** -24;

export function fillUniform<T extends FloatArray>(key: Key, out: T, options: UniformOptions = {}): T {
  checkOut(out);
  const low = finite('low', options.low ?? 0);
  const high = finite('high', options.high ?? 1);
  if (!(low < high)) fail('low', low, `a number below high=${high}`);
  const offset = checkOffset(options.offset ?? 0, out.length);
  const span = high - low;
  if (!Number.isFinite(span)) fail('high', high, `a range high - low that is finite (low=${low})`);
  if (out instanceof Float32Array) {
    const lo = f32AtLeast(low);
    const hi = f32Below(high);
    if (lo > hi) fail('high', high, `an interval [low, high) that contains a float32 value (low=${low})`);
    forEachChunk(key, offset, out.length, 4, (w, start, begin, end) => {
      for (let e = begin; e < end; e++) {
        const v = Math.fround(low + span * ((w[e - start] >>> 8) * TWO_M24));
        out[e - offset] = v > hi ? hi : v < lo ? lo : v;
      }
    });
  } else {
    const hi = f64Below(high);
    forEachChunk(key, offset, out.length, 2, (w, start, begin, end) => {
      for (let e = begin; e < end; e++) {
        const j = 2 * (e - start);
        const v = low + span * unit53(w[j], w[j + 1]);
        out[e - offset] = v > hi ? hi : v;
      }
    });
  }
  return out;
}

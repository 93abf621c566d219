/**
 * Truncated normal fills: N(mean, std²) restricted to [low, high] (absolute bounds; either may be
 * infinite), by inversion of the CDF in log space (see ../math/truncatedNormal.ts):
 *   x = Φ⁻¹( Φ(hi) · (r + u·(1 - r)) ),   r = Φ(lo)/Φ(hi),  u ~ U(0, 1),
 * computed as Φ⁻¹ of a log-probability so it stays exact deep in the tails. One uniform per
 * element, no rejection: the consumption of random words never depends on the data, and values
 * are clamped into [low, high] after rounding, so no value ever leaves the interval (unlike
 * erfinv-and-clamp samplers, pytorch/pytorch#155588).
 *
 * float32 elements use a 32-bit uniform (4 per block), float64 a 53-bit one (2 per block).
 */
import { fail } from '../errors.js';
import { standardize } from '../math/truncatedNormal.js';
import { ndtriLog } from '../math/special.js';
import type { FloatArray } from '../tensor.js';
import { finite, positive } from '../validate.js';
import { forEachChunk, unit32Open, unit53Open } from './bits.js';
import { checkOffset, checkOut } from './checks.js';
import { f32AtLeast, f32AtMost } from './float32.js';
import type { Key } from './key.js';

export interface TruncatedNormalOptions {
  mean?: number;
  /** Standard deviation of the normal before truncation. */
  std?: number;
  /** Absolute lower bound (default mean - 2·std; may be -Infinity). */
  low?: number;
  /** Absolute upper bound (default mean + 2·std; may be Infinity). */
  high?: number;
  offset?: number;
}

function bound(name: string, value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) fail(name, value, 'a number (±Infinity allowed)');
  return value;
}

export function fillTruncatedNormal<T extends FloatArray>(key: Key, out: T, options: TruncatedNormalOptions = {}): T {
  checkOut(out);
  const mean = finite('mean', options.mean ?? 0);
  const std = positive('std', options.std ?? 1);
  const low = bound('low', options.low ?? mean - 2 * std);
  const high = bound('high', options.high ?? mean + 2 * std);
  if (!(low < high)) fail('low', low, `a bound below high=${high}`);
  const offset = checkOffset(options.offset ?? 0, out.length);
  const s = standardize((low - mean) / std, (high - mean) / std);
  const sign = s.flip ? -1 : 1;
  const wide = out instanceof Float64Array;
  const lo = wide ? low : f32AtLeast(low);
  const hi = wide ? high : f32AtMost(high);
  if (lo > hi) fail('high', high, `an interval [low, high] that contains a float32 value (low=${low})`);
  forEachChunk(key, offset, out.length, wide ? 2 : 4, (w, start, begin, end) => {
    for (let e = begin; e < end; e++) {
      const rel = e - start;
      const u = wide ? unit53Open(w[2 * rel], w[2 * rel + 1]) : unit32Open(w[rel]);
      let x = ndtriLog(s.logHi + Math.log(s.ratio + u * s.mass));
      x = x < s.lo ? s.lo : x > s.hi ? s.hi : x;
      let v = mean + std * sign * x;
      if (!wide) v = Math.fround(v);
      out[e - offset] = v < lo ? lo : v > hi ? hi : v;
    }
  });
  return out;
}

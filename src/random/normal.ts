/**
 * Normal fills N(mean, std²) by the Box-Muller transform (Box & Muller, 1958): from u1 in (0, 1)
 * and u2 in [0, 1), r = √(-2 ln u1) and (r cos 2πu2, r sin 2πu2) are two independent N(0, 1).
 * No rejection loop, so the words an element consumes never depend on the data.
 *
 * float32: u1 and u2 from one word each (4 elements per block); the largest |z| is
 * √(2 ln 2^33) ≈ 6.76 (P(|z| > 6.76) ≈ 1.4e-11). float64: 53-bit u1 and u2 (2 elements per
 * block), largest |z| ≈ 8.65. Element 2k takes the cosine, 2k+1 the sine of the same pair.
 */
import type { FloatArray } from '../tensor.js';
import { finite, nonNegative } from '../validate.js';
import { TWO_M32, forEachChunk, unit32Open, unit53, unit53Open } from './bits.js';
import { checkOffset, checkOut } from './checks.js';
import type { Key } from './key.js';

export interface NormalOptions {
  mean?: number;
  std?: number;
  /** Stream index of out[0]. */
  offset?: number;
}

const TWO_PI = 2 * Math.PI;

export function fillNormal<T extends FloatArray>(key: Key, out: T, options: NormalOptions = {}): T {
  checkOut(out);
  const mean = finite('mean', options.mean ?? 0);
  const std = nonNegative('std', options.std ?? 1);
  const offset = checkOffset(options.offset ?? 0, out.length);
  const wide = out instanceof Float64Array;
  forEachChunk(key, offset, out.length, wide ? 2 : 4, (w, start, begin, end) => {
    for (let e = begin; e < end; ) {
      const rel = e - start;
      const pair = rel >> 1;
      let r: number, theta: number;
      if (wide) {
        const j = 4 * pair;
        r = Math.sqrt(-2 * Math.log(unit53Open(w[j], w[j + 1])));
        theta = TWO_PI * unit53(w[j + 2], w[j + 3]);
      } else {
        r = Math.sqrt(-2 * Math.log(unit32Open(w[2 * pair])));
        theta = TWO_PI * (w[2 * pair + 1] * TWO_M32);
      }
      if ((rel & 1) === 0) {
        out[e - offset] = mean + std * r * Math.cos(theta);
        if (e + 1 < end) out[e + 1 - offset] = mean + std * r * Math.sin(theta);
        e += 2;
      } else {
        out[e - offset] = mean + std * r * Math.sin(theta);
        e += 1;
      }
    }
  });
  return out;
}

/**
 * Normal fills N(mean, std²) by the Box-Muller transform (Box & Muller, 1958): from u1 in (0, 1]
 * and an angle θ uniform on the circle, r = √(-2 ln u1) and (r cos θ, r sin θ) are two independent
 * N(0, 1). No rejection loop, so the words an element consumes never depend on the data. Element
 * 2k takes the cosine, 2k+1 the sine of the same pair.
 *
 * float32 (4 elements per block, words 2k and 2k+1 of a block for pair k), computed entirely in
 * float32 arithmetic by ./mathF32.ts, so the WebAssembly kernel (../../assembly/random.ts,
 * normalF32) gives the same bytes:
 *   u1 = (⌊w/2⌋ + ½)·2^-31 rounded to float32 (smallest 2^-32, so |z| <= √(64 ln 2) ≈ 6.66);
 *   θ = 2π·t/2^24, t = w' >>> 8, taken as the nearest quarter turn q plus an offset f in
 *   [-½, ½] quarter turns (both exact integer arithmetic), cos and sin by polynomials in f;
 *   value = fround(mean + fround(fround(std·r)·cos θ)), mean and std rounded to float32.
 * This replaced (with new bytes) a float64 computation through Math.log/cos/sin, whose results
 * differ between JavaScript engines and cannot be reproduced by a kernel.
 * float64: 53-bit u1 and u2 from two words each (2 elements per block), largest |z| ≈ 8.65,
 * computed with Math.log/cos/sin (no kernel).
 */
import type { FloatArray } from '../tensor.js';
import { finite, nonNegative } from '../validate.js';
import { fillF32, fillF32At, type F32Sampler } from '../kernels/random.js';
import type { Wasm } from '../kernels/backend.js';
import { forEachChunk, unit53, unit53Open } from './bits.js';
import { checkOffset, checkOut, float32Parameter } from './checks.js';
import type { Key } from './key.js';
import { cosQuarterF32, logF32, quadrant, quarterOffset, sinQuarterF32 } from './mathF32.js';

export interface NormalOptions {
  mean?: number;
  std?: number;
  /** Stream index of out[0]. */
  offset?: number;
}

const TWO_PI = 2 * Math.PI;
const fr = Math.fround;

/** A uniform in (0, 1] from one word in float32: fround((⌊w/2⌋ + ½)·2^-31), the kernels' openUnit. */
export function openUnitF32(w: number): number {
  return fr(fr(fr(w >>> 1) + 0.5) * 2 ** -31);
}

const pair = new Float32Array(2);

/** The two float32 normals of words (wu, wa): pair[0] = mean + std·r·cos θ, pair[1] = mean + std·r·sin θ. */
function boxMullerF32(wu: number, wa: number, mean: number, std: number): void {
  const r = fr(Math.sqrt(fr(logF32(openUnitF32(wu)) * -2)));
  const t = wa >>> 8;
  const q = quadrant(t);
  const f = quarterOffset(t, q);
  const sin = sinQuarterF32(f);
  const cos = cosQuarterF32(f);
  const odd = (q & 1) === 1;
  const cosTheta = (odd ? sin : cos) * (((q + 1) & 2) === 0 ? 1 : -1);
  const sinTheta = (odd ? cos : sin) * ((q & 2) === 0 ? 1 : -1);
  const rs = fr(std * r);
  pair[0] = mean + fr(rs * cosTheta);
  pair[1] = mean + fr(rs * sinTheta);
}

/** The float32 sampler (kernel `normalF32` and its reference); mean and std already float32. */
function normalF32(mean: number, std: number): F32Sampler {
  return {
    kernel: 'normalF32',
    params: [mean, std],
    reference(key, out, offset) {
      forEachChunk(key, offset, out.length, 4, (w, start, begin, end) => {
        for (let e = begin; e < end; ) {
          const rel = e - start;
          const j = 2 * (rel >> 1);
          boxMullerF32(w[j], w[j + 1], mean, std);
          if ((rel & 1) === 0) {
            out[e - offset] = pair[0];
            if (e + 1 < end) out[e + 1 - offset] = pair[1];
            e += 2;
          } else {
            out[e - offset] = pair[1];
            e += 1;
          }
        }
      });
    },
  };
}

function float32Sampler(options: NormalOptions): F32Sampler {
  const mean = float32Parameter('mean', finite('mean', options.mean ?? 0));
  const std = float32Parameter('std', nonNegative('std', options.std ?? 1));
  return normalF32(mean, std);
}

export function fillNormal<T extends FloatArray>(key: Key, out: T, options: NormalOptions = {}): T {
  checkOut(out);
  const offset = checkOffset(options.offset ?? 0, out.length);
  if (out instanceof Float32Array) {
    fillF32(float32Sampler(options), key, out, offset);
    return out;
  }
  const mean = finite('mean', options.mean ?? 0);
  const std = nonNegative('std', options.std ?? 1);
  forEachChunk(key, offset, out.length, 2, (w, start, begin, end) => {
    for (let e = begin; e < end; ) {
      const rel = e - start;
      const j = 4 * (rel >> 1);
      const r = Math.sqrt(-2 * Math.log(unit53Open(w[j], w[j + 1])));
      const theta = TWO_PI * unit53(w[j + 2], w[j + 3]);
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

/**
 * Float32 normal values into WebAssembly memory: the `n` floats at byte address `ptr` of `w`'s
 * memory get stream elements [offset, offset + n), the bytes `fillNormal` gives a Float32Array.
 */
export function fillNormalF32At(w: Wasm, key: Key, ptr: number, n: number, options: NormalOptions = {}): void {
  fillF32At(w, float32Sampler(options), key, ptr, n, checkOffset(options.offset ?? 0, n));
}

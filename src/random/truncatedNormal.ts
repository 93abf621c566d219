/**
 * Truncated normal fills: N(mean, std²) restricted to [low, high] (absolute bounds; either may be
 * infinite), by inversion of the CDF, one uniform per element and no rejection: the consumption
 * of random words never depends on the data, and values are clamped into [low, high] after
 * rounding, so no value ever leaves the interval (unlike erfinv-and-clamp samplers,
 * pytorch/pytorch#155588). The interval is first mirrored so it is not entirely positive
 * (../math/truncatedNormal.ts): in standard units it is [lo, hi], Z = Φ(hi) - Φ(lo).
 *
 * float64 (2 elements per block, 53-bit u), in log space so it stays exact deep in the tails:
 *   x = Φ⁻¹( Φ(hi) · (r + u·(1 - r)) ),   r = Φ(lo)/Φ(hi),
 * with Φ⁻¹ of a log-probability (ndtriLog).
 *
 * float32 (4 elements per block, one word w each), in float32 arithmetic (./mathF32.ts) so the
 * WebAssembly kernel (truncatedNormalF32 in ../../assembly/random.ts) gives the same bytes:
 * u = (⌊w/2⌋ + ½)·2^-31 and its complement 1 - u from ~w (both with full relative precision);
 * with uMid = (½ - Φ(lo))/Z the u of the median,
 *   central (|q| <= 0.425, q = Z·(u - uMid) = p - ½):  x = Φ⁻¹(½ + q),
 *   lower tail (u < uMid):  x = Φ⁻¹(p),  log p = log Z + log(Φ(lo)/Z + u),
 *   upper tail:             x = -Φ⁻¹(1 - p),  log(1 - p) = log Z + log(Φ(-hi)/Z + (1 - u)),
 * Φ⁻¹ by AS 241's single-precision fits (relative error 1.2e-7 for log p >= -676), then
 * fround(mean + fround(±std·x)) held in [low, high]. Intervals with log Z < -600 (entirely beyond
 * about 34σ) fall back to the float64 algorithm rounded to float32, in JavaScript on every
 * backend. This replaced (with new bytes) the float64 computation for float32 outputs, which a
 * kernel cannot reproduce (it calls Math.log and Math.expm1).
 */
import { fail } from '../errors.js';
import { fillF32, fillF32At, type F32Sampler } from '../kernels/random.js';
import type { Wasm } from '../kernels/backend.js';
import { standardize, type Standardized } from '../math/truncatedNormal.js';
import { ndtr, ndtriLog } from '../math/special.js';
import type { FloatArray } from '../tensor.js';
import { finite, positive } from '../validate.js';
import { forEachChunk, unit53Open } from './bits.js';
import { checkOffset, checkOut, float32Parameter } from './checks.js';
import { f32AtLeast, f32AtMost } from './float32.js';
import type { Key } from './key.js';
import { centralQuantileF32, logF32, tailQuantileF32 } from './mathF32.js';
import { openUnitF32 } from './normal.js';

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

/** log Z below which float32 fills take the float64 algorithm (PPND7 holds to log p = -676). */
const LOG_Z_MIN = -600;
const fr = Math.fround;
const Q_CENTRAL = fr(0.425);

interface Law {
  mean: number;
  std: number;
  low: number;
  high: number;
  s: Standardized;
}

function bound(name: string, value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) fail(name, value, 'a number (±Infinity allowed)');
  return value;
}

function law(options: TruncatedNormalOptions): Law {
  const mean = finite('mean', options.mean ?? 0);
  const std = positive('std', options.std ?? 1);
  const low = bound('low', options.low ?? mean - 2 * std);
  const high = bound('high', options.high ?? mean + 2 * std);
  if (!(low < high)) fail('low', low, `a bound below high=${high}`);
  return { mean, std, low, high, s: standardize((low - mean) / std, (high - mean) / std) };
}

/** Element value of the float64 algorithm for a uniform u in (0, 1), before rounding and clamping. */
function logSpaceValue({ mean, std, s }: Law, u: number): number {
  let x = ndtriLog(s.logHi + Math.log(s.ratio + u * s.mass));
  x = x < s.lo ? s.lo : x > s.hi ? s.hi : x;
  return mean + std * (s.flip ? -x : x);
}

/** The float32 sampler by the float64 algorithm (intervals deep in a tail); JavaScript only. */
function logSpaceF32(l: Law, lo: number, hi: number): F32Sampler {
  return {
    kernel: null,
    params: [],
    reference(key, out, offset) {
      forEachChunk(key, offset, out.length, 4, (w, start, begin, end) => {
        for (let e = begin; e < end; e++) {
          const v = fr(logSpaceValue(l, openUnitF32(w[e - start])));
          out[e - offset] = v < lo ? lo : v > hi ? hi : v;
        }
      });
    },
  };
}

/**
 * The float32 sampler (kernel `truncatedNormalF32` and its reference). Its constants, rounded to
 * float32: uMid, z = Z, a = Φ(lo)/Z, b = Φ(-hi)/Z (0 when hi <= 0, where the upper tail is never
 * taken), logZ, mean, ±std, and the float32 bounds lo, hi.
 */
function quantileF32(l: Law, lo: number, hi: number): F32Sampler {
  const { s } = l;
  const pHi = Math.exp(s.logHi);
  const zz = pHi * s.mass;
  const uMid = fr((0.5 - s.ratio * pHi) / zz);
  const z = fr(zz);
  const a = fr(s.ratio / s.mass);
  const b = s.hi <= 0 ? 0 : fr(ndtr(-s.hi) / zz);
  const logZ = fr(s.logHi + Math.log(s.mass));
  const mean = float32Parameter('mean', l.mean);
  const std = float32Parameter('std', s.flip ? -l.std : l.std);
  return {
    kernel: 'truncatedNormalF32',
    params: [uMid, z, a, b, logZ, mean, std, lo, hi],
    reference(key, out, offset) {
      forEachChunk(key, offset, out.length, 4, (w, start, begin, end) => {
        for (let e = begin; e < end; e++) {
          const word = w[e - start];
          const u = openUnitF32(word);
          const q = fr(z * fr(u - uMid));
          let x: number;
          if (Math.abs(q) <= Q_CENTRAL) {
            x = centralQuantileF32(q);
          } else {
            const lower = u < uMid;
            const t = tailQuantileF32(fr(Math.sqrt(-fr(logZ + logF32(lower ? fr(a + u) : fr(b + openUnitF32(~word)))))));
            x = lower ? t : -t;
          }
          const v = fr(mean + fr(std * x));
          out[e - offset] = v > hi ? hi : v < lo ? lo : v;
        }
      });
    },
  };
}

function float32Sampler(options: TruncatedNormalOptions): F32Sampler {
  const l = law(options);
  const lo = f32AtLeast(l.low);
  const hi = f32AtMost(l.high);
  if (lo > hi) fail('high', l.high, `an interval [low, high] that contains a float32 value (low=${l.low})`);
  return l.s.logHi + Math.log(l.s.mass) < LOG_Z_MIN ? logSpaceF32(l, lo, hi) : quantileF32(l, lo, hi);
}

export function fillTruncatedNormal<T extends FloatArray>(key: Key, out: T, options: TruncatedNormalOptions = {}): T {
  checkOut(out);
  const offset = checkOffset(options.offset ?? 0, out.length);
  if (out instanceof Float32Array) {
    fillF32(float32Sampler(options), key, out, offset);
    return out;
  }
  const l = law(options);
  forEachChunk(key, offset, out.length, 2, (w, start, begin, end) => {
    for (let e = begin; e < end; e++) {
      const rel = e - start;
      const v = logSpaceValue(l, unit53Open(w[2 * rel], w[2 * rel + 1]));
      out[e - offset] = v < l.low ? l.low : v > l.high ? l.high : v;
    }
  });
  return out;
}

/**
 * Float32 truncated-normal values into WebAssembly memory: the `n` floats at byte address `ptr`
 * of `w`'s memory get stream elements [offset, offset + n), the bytes `fillTruncatedNormal` gives
 * a Float32Array.
 */
export function fillTruncatedNormalF32At(w: Wasm, key: Key, ptr: number, n: number, options: TruncatedNormalOptions = {}): void {
  fillF32At(w, float32Sampler(options), key, ptr, n, checkOffset(options.offset ?? 0, n));
}

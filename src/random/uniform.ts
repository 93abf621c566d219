/**
 * Uniform fills U[low, high) with full mantissa resolution: float32 elements take the top 24 bits
 * of one Philox word (4 elements per block), float64 elements take 53 bits of two words
 * (2 elements per block). The value is low + (high - low)·u, held below `high` even where float
 * rounding would reach it, and never below `low`.
 *
 * float32: fround(low + s·k) in float64, k = w >>> 8 and s = (high - low)·2^-24 (exactly
 * (high - low)·(k·2^-24), as s is exact), computed by the WebAssembly kernel (uniformF32 in
 * ../../assembly/random.ts) or by the reference below, with the same bytes.
 */
import { fail } from '../errors.js';
import type { FloatArray } from '../tensor.js';
import { finite } from '../validate.js';
import { fillF32, fillF32At, type F32Sampler } from '../kernels/random.js';
import type { Wasm } from '../kernels/backend.js';
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

/** The float32 sampler: values low + spanScaled·(w >>> 8) rounded and held in [lo, hi]. */
function uniformF32(low: number, spanScaled: number, lo: number, hi: number): F32Sampler {
  return {
    kernel: 'uniformF32',
    params: [low, spanScaled, lo, hi],
    reference(key, out, offset) {
      forEachChunk(key, offset, out.length, 4, (w, start, begin, end) => {
        for (let e = begin; e < end; e++) {
          const v = Math.fround(low + spanScaled * (w[e - start] >>> 8));
          out[e - offset] = v > hi ? hi : v < lo ? lo : v;
        }
      });
    },
  };
}

function bounds(options: UniformOptions): { low: number; high: number; span: number } {
  const low = finite('low', options.low ?? 0);
  const high = finite('high', options.high ?? 1);
  if (!(low < high)) fail('low', low, `a number below high=${high}`);
  const span = high - low;
  if (!Number.isFinite(span)) fail('high', high, `a range high - low that is finite (low=${low})`);
  return { low, high, span };
}

function float32Sampler(options: UniformOptions): F32Sampler {
  const { low, high, span } = bounds(options);
  const lo = f32AtLeast(low);
  const hi = f32Below(high);
  if (lo > hi) fail('high', high, `an interval [low, high) that contains a float32 value (low=${low})`);
  return uniformF32(low, span * TWO_M24, lo, hi);
}

export function fillUniform<T extends FloatArray>(key: Key, out: T, options: UniformOptions = {}): T {
  checkOut(out);
  const offset = checkOffset(options.offset ?? 0, out.length);
  if (out instanceof Float32Array) {
    fillF32(float32Sampler(options), key, out, offset);
    return out;
  }
  const { low, high, span } = bounds(options);
  const hi = f64Below(high);
  forEachChunk(key, offset, out.length, 2, (w, start, begin, end) => {
    for (let e = begin; e < end; e++) {
      const j = 2 * (e - start);
      const v = low + span * unit53(w[j], w[j + 1]);
      out[e - offset] = v > hi ? hi : v;
    }
  });
  return out;
}

/**
 * Float32 uniform values into WebAssembly memory: the `n` floats at byte address `ptr` of `w`'s
 * memory get stream elements [offset, offset + n), the bytes `fillUniform` gives a Float32Array.
 */
export function fillUniformF32At(w: Wasm, key: Key, ptr: number, n: number, options: UniformOptions = {}): void {
  fillF32At(w, float32Sampler(options), key, ptr, n, checkOffset(options.offset ?? 0, n));
}

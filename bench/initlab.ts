/**
 * initlab's figures, each on three systems: the JavaScript reference (`initlab-js`), the wasm
 * kernels on one thread (`initlab-wasm-1t`) and on every core (`initlab-wasm`). The backend is
 * switched in each figure's setup, through the public `configureKernels`.
 */
import { initializer } from '../src/init/initializer.js';
import { configureKernels } from '../src/kernels/index.js';
import { propagate } from '../src/lab/index.js';
import { matmul } from '../src/linalg/index.js';
import { fillNormal, fillTruncatedNormal, fillUniform, keyFromSeed } from '../src/random/index.js';
import { trainingThroughput } from '../src/train/index.js';
import type { Figure, System } from './figure.js';
import { FILL_ELEMENTS, FILLS, GEMM, GEMM_NAME, LAB, LAB_FLOPS, LAB_NAME, ORTHOGONAL_SIDES, TRAINING, TRAINING_EXAMPLES, TRAINING_UPDATES, fillName, type Fill } from './work.js';

const SYSTEMS = ['initlab-js', 'initlab-wasm-1t', 'initlab-wasm'] as const satisfies readonly System[];
type InitlabSystem = (typeof SYSTEMS)[number];

const key = keyFromSeed(0);

function setup(system: InitlabSystem): () => void {
  return () => void configureKernels(system === 'initlab-js' ? { backend: 'js' } : system === 'initlab-wasm-1t' ? { backend: 'wasm', threads: 1 } : { backend: 'wasm' });
}

function fill(kind: Fill, out: Float32Array): void {
  if (kind === 'uniform') fillUniform(key, out, { low: -1, high: 1 });
  else if (kind === 'normal') fillNormal(key, out);
  else fillTruncatedNormal(key, out, { low: -2, high: 2 });
}

function randomMatrix(rows: number, cols: number, seed: number): Float32Array {
  return fillNormal(keyFromSeed(seed), new Float32Array(rows * cols));
}

export function initlabFigures(): Figure[] {
  const figures: Figure[] = [];
  let buffer: Float32Array | undefined;
  for (const fresh of [false, true]) {
    for (const kind of FILLS) {
      for (const system of SYSTEMS) {
        figures.push({
          name: fillName(kind, fresh), system, work: { elements: FILL_ELEMENTS }, reps: 5, setup: setup(system),
          run: () => fill(kind, fresh ? new Float32Array(FILL_ELEMENTS) : (buffer ??= new Float32Array(FILL_ELEMENTS))),
        });
      }
    }
  }
  const a = randomMatrix(GEMM.m, GEMM.k, 1);
  const b = randomMatrix(GEMM.k, GEMM.n, 2);
  const c = new Float32Array(GEMM.m * GEMM.n);
  for (const system of SYSTEMS) {
    figures.push({
      name: GEMM_NAME, system, work: { flops: 2 * GEMM.m * GEMM.k * GEMM.n }, reps: system === 'initlab-js' ? 3 : 20, setup: setup(system),
      run: () => void matmul(a, b, GEMM.m, GEMM.k, GEMM.n, c),
    });
  }
  const orthogonal = initializer('orthogonal');
  for (const side of ORTHOGONAL_SIDES) {
    for (const system of SYSTEMS) {
      const skip = system === 'initlab-js' && side > 1024 ? 'JS reference: about 64x its 1024 time; not run' : undefined;
      figures.push({
        name: `orthogonal-${side}`, system, work: { elements: side * side }, reps: side > 1024 ? 1 : 3, setup: setup(system),
        run: () => void orthogonal(key, [side, side]), ...(skip ? { skip } : {}),
      });
    }
  }
  for (const system of SYSTEMS) {
    figures.push({
      name: LAB_NAME, system, work: { flops: LAB_FLOPS }, reps: system === 'initlab-js' ? 1 : 3, setup: setup(system),
      run: () => void propagate({ ...LAB, activation: 'tanh', init: 'glorot_normal', backward: true, weightGrad: false }),
    });
  }
  for (const network of TRAINING) {
    for (const system of SYSTEMS) {
      figures.push({
        name: `train-${network}`, system, work: { examples: TRAINING_EXAMPLES }, reps: 3, setup: setup(system),
        run: () => TRAINING_EXAMPLES / trainingThroughput(network, { updates: TRAINING_UPDATES }).examplesPerSecond,
      });
    }
  }
  return figures;
}

/**
 * TensorFlow.js on the same work, with its `cpu` and `wasm` backends (XNNPACK, 128-bit SIMD; a
 * single thread under Node). Its random ops always allocate their result, so its fill figures
 * include that allocation. The lab figure follows shared/reference/performance.md: explicit
 * transposes in the backward pass (TF.js wasm's transposeB path is 12-16x slower), statistics
 * as tensors read back once at the end. Runs known to take minutes are skipped with the measured
 * reference time.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Figure, System } from './figure.js';
import { FILL_ELEMENTS, FILLS, GEMM, GEMM_NAME, LAB, LAB_FLOPS, LAB_NAME, ORTHOGONAL_SIDES, SIDE, fillName, type Fill } from './work.js';

const BACKENDS = [['tfjs-cpu', 'cpu'], ['tfjs-wasm', 'wasm']] as const satisfies readonly (readonly [System, string])[];

let prepared = false;

async function use(backend: string): Promise<void> {
  if (!prepared) {
    tf.env().set('PROD', true); // no console advice about tfjs-node
    const dist = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    setWasmPaths(`${dist}/`);
    prepared = true;
  }
  await tf.setBackend(backend);
  await tf.ready();
}

function fill(kind: Fill): void {
  const shape = [SIDE, SIDE];
  const t = kind === 'uniform' ? tf.randomUniform(shape, -1, 1) : kind === 'normal' ? tf.randomNormal(shape) : tf.truncatedNormal(shape);
  t.dataSync();
  t.dispose();
}

/** The seeds' experiment: forward and backward through 100 tanh layers, per-layer statistics. */
function lab(): void {
  const stats = tf.tidy(() => {
    const out: tf.Tensor[] = [];
    let h: tf.Tensor2D = tf.randomNormal([LAB.batch, LAB.width]);
    const weights: tf.Tensor2D[] = [];
    const acts: tf.Tensor2D[] = [];
    for (let l = 0; l < LAB.depth; l++) {
      const w = tf.randomNormal([LAB.width, LAB.width], 0, Math.sqrt(1 / LAB.width)) as tf.Tensor2D;
      h = tf.tanh(tf.matMul(h, w)) as tf.Tensor2D;
      const m = tf.moments(h);
      out.push(m.mean, m.variance);
      weights.push(w);
      acts.push(h);
    }
    let g: tf.Tensor2D = tf.randomNormal([LAB.batch, LAB.width]);
    for (let l = LAB.depth - 1; l >= 0; l--) {
      const dz = tf.mul(g, tf.sub(1, tf.square(acts[l])));
      g = tf.matMul(dz as tf.Tensor2D, tf.transpose(weights[l]));
      out.push(tf.moments(g).variance);
    }
    return tf.stack(out.map((t) => t.reshape([])));
  });
  stats.dataSync();
  stats.dispose();
}

export function tfjsFigures(): Figure[] {
  const figures: Figure[] = [];
  for (const [system, backend] of BACKENDS) {
    const setup = () => use(backend);
    for (const kind of FILLS) {
      figures.push({ name: fillName(kind, false), system, work: { elements: FILL_ELEMENTS }, reps: 3, setup, run: () => fill(kind) });
    }
    let a: tf.Tensor2D | undefined;
    let b: tf.Tensor2D | undefined;
    figures.push({
      name: GEMM_NAME, system, work: { flops: 2 * GEMM.m * GEMM.k * GEMM.n }, reps: backend === 'cpu' ? 3 : 20,
      setup: async () => {
        await setup();
        a?.dispose();
        b?.dispose();
        a = tf.randomNormal([GEMM.m, GEMM.k]);
        b = tf.randomNormal([GEMM.k, GEMM.n]);
      },
      run: () => {
        const c = tf.matMul(a!, b!);
        c.dataSync();
        c.dispose();
      },
    });
    for (const side of ORTHOGONAL_SIDES) {
      const skip = backend === 'cpu'
        ? 'TF.js cpu: 413 s at 1024 in shared/reference/performance.md; not run'
        : side > 1024 ? 'TF.js wasm: did not finish in 125 s in shared/reference/performance.md; not run' : undefined;
      figures.push({
        name: `orthogonal-${side}`, system, work: { elements: side * side }, reps: 1, warmup: false, setup,
        run: () => {
          const q = tf.initializers.orthogonal({ seed: 0 }).apply([side, side]);
          q.dataSync();
          q.dispose();
        },
        ...(skip ? { skip } : {}),
      });
    }
    figures.push({
      name: LAB_NAME, system, work: { flops: LAB_FLOPS }, reps: backend === 'cpu' ? 1 : 3, setup, run: lab,
      ...(backend === 'cpu' ? { skip: 'TF.js cpu: 101 s in shared/reference/performance.md; not run' } : {}),
    });
  }
  return figures;
}

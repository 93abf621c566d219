/**
 * The work every system is measured on (issue 4's table): names, shapes and what is counted.
 * - `*-fill-4096`: 4096×4096 float32 U(−1, 1), N(0, 1) or N(0, 1) truncated to ±2, into a buffer
 *   reused across calls; `*-fill-4096-new`: into a new array per call (page faults included).
 * - `sgemm-1000x512x512`: C = A·B, A 1000×512, B 512×512, float32 (2·m·k·n flops).
 * - `orthogonal-1024`, `orthogonal-4096`: the orthogonal initializer on an n×n matrix.
 * - `lab-100x512x1000-tanh-fwdbwd`: the seeds' experiment (shared/reference/performance.md):
 *   X 1000×512 ~ N(0, 1), 100 layers z = h·W (W ~ N(0, 1/512), drawn inside the timing, no bias),
 *   h = tanh(z), statistics of every h; backward from G ~ N(0, 1): dz = g ⊙ (1 − h²),
 *   g ← dz·Wᵀ, statistics of every g (2 · 100 · 2·1000·512·512 ≈ 105 GFLOP).
 * - `train-table1-shapeset`, `train-relu30`: training throughput (examples/s of forward, backward
 *   and SGD update, batches of 10) of Glorot & Bengio's Table 1 network (5 tanh layers of 1000 on
 *   Shapeset-3x2) and a 30-layer ReLU network of 256 on MNIST (../src/train/throughput.ts).
 */

export const SIDE = 4096;
export const FILL_ELEMENTS = SIDE * SIDE;
export const FILLS = ['uniform', 'normal', 'truncnormal'] as const;
export type Fill = (typeof FILLS)[number];

export const GEMM = { m: 1000, k: 512, n: 512 } as const;
export const GEMM_NAME = `sgemm-${GEMM.m}x${GEMM.k}x${GEMM.n}`;

export const ORTHOGONAL_SIDES = [1024, 4096] as const;

export const LAB = { depth: 100, width: 512, batch: 1000 } as const;
export const LAB_NAME = `lab-${LAB.depth}x${LAB.width}x${LAB.batch}-tanh-fwdbwd`;
export const LAB_FLOPS = 2 * LAB.depth * 2 * LAB.batch * LAB.width * LAB.width;

export function fillName(fill: Fill, fresh: boolean): string {
  return `${fill}-fill-${SIDE}${fresh ? '-new' : ''}`;
}

export const TRAINING = ['table1-shapeset', 'relu30'] as const;
export const TRAINING_UPDATES = 30;
/** Examples in the timed updates (batches of 10). */
export const TRAINING_EXAMPLES = TRAINING_UPDATES * 10;

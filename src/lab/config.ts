/**
 * The configuration of one lab run, as data (a JSON object, the same in the CLI, in experiment
 * files and in the output's `config`), and its validation: every impossible configuration fails
 * here, before any computation, with `name=value, expected ...`.
 *
 * @example
 * const c = resolveConfig({ depth: 100, width: 512, batch: 128, activation: 'tanh', init: 'glorot_normal' });
 * c.widths.length; // 100
 */
import { fail } from '../errors.js';
import type { InitSpec } from '../catalog/spec.js';
import { checkDType, MAX_ELEMENTS, type DType } from '../tensor.js';
import { boolean, choice, finite, integer, positive } from '../validate.js';

export const LOSSES = ['none', 'xent', 'mse'] as const;
/** The top gradient: `none` injects N(0, 1); `xent` is softmax cross-entropy on labels; `mse` is ½‖x - y‖². */
export type Loss = (typeof LOSSES)[number];

/** A fixed input batch: `shape` [batch, inputSize], row-major. */
export interface InputBatch {
  readonly shape: readonly [number, number] | number[];
  readonly data: ArrayLike<number>;
  /** Integer class labels for `xent`, one per example (optional). */
  readonly labels?: ArrayLike<number>;
  /** Where it came from, for the report (a file name). */
  readonly source?: string;
}

export interface LabConfig {
  /** Number of layers (each: dense, bias, activation). */
  readonly depth: number;
  /** Units per layer: one number for every layer, or one per layer. */
  readonly width: number | readonly number[];
  /** Input features (default: the first layer's width). */
  readonly inputSize?: number;
  /** Activation name (see `ACTIVATION_NAMES`), e.g. `tanh`, `leaky_relu`. */
  readonly activation: string;
  /** leaky_relu's slope or elu's α. */
  readonly activationParam?: number;
  /** Weight initializer spec: `glorot_normal`, `torch:kaiming_uniform(a=2.23606797749979)`, `normal(std=1)`, ... */
  readonly init: string | InitSpec;
  /** Bias initializer spec (default `zeros`). */
  readonly bias?: string | InitSpec;
  /** Input: an elementwise initializer spec drawing the batch (default `normal`, N(0, 1)), or a fixed batch. */
  readonly input?: string | InitSpec | InputBatch;
  /** Examples per batch (default 128; ignored for a fixed batch, which has its own). */
  readonly batch?: number;
  /** Root seed (default 0). */
  readonly seed?: number;
  /** Storage and compute type (default float32, as the frameworks use). */
  readonly dtype?: DType;
  /** Back-propagate (default: true when a loss is given). */
  readonly backward?: boolean;
  readonly loss?: Loss;
  /** Weight-gradient statistics (one more matrix product per layer; default true when backward). */
  readonly weightGrad?: boolean;
  /** Mean singular value of each layer's Jacobian, averaged over this many examples (default 0: off). */
  readonly jacobian?: number;
  /** Histogram bins (default 40). */
  readonly bins?: number;
  /**
   * Bytes the run may hold at once (default 2 GiB; the CLI's `--memory-limit` defaults to half the
   * machine's memory). Float32 runs on the WebAssembly kernels also fit in {@link KERNEL_CAPACITY}.
   */
  readonly memoryLimit?: number;
}

/** A validated configuration with every default filled in. */
export interface ResolvedConfig {
  readonly depth: number;
  readonly widths: readonly number[];
  readonly inputSize: number;
  readonly activation: string;
  readonly activationParam?: number;
  readonly init: string | InitSpec;
  readonly bias: string | InitSpec;
  readonly input: string | InitSpec | InputBatch;
  readonly batch: number;
  readonly seed: number;
  readonly dtype: DType;
  readonly backward: boolean;
  readonly loss: Loss;
  readonly weightGrad: boolean;
  readonly jacobian: number;
  readonly bins: number;
  readonly memoryLimit: number;
}

export const DEFAULTS = { batch: 128, seed: 0, dtype: 'float32', bins: 40, memoryLimit: 2 ** 31, bias: 'zeros', input: 'normal' } as const;
/** Scratch a float32 run reserves in the kernels' memory beside its peak (./wasmEngine.ts). */
export const KERNEL_SCRATCH = 2 ** 26;
/**
 * Bytes a float32 run may hold on the WebAssembly kernels: their memory is a wasm32 memory, 4 GiB
 * at most (../kernels/wasm.ts), less its first page (the module's static data) and the scratch.
 */
export const KERNEL_CAPACITY = 2 ** 32 - 2 ** 16 - KERNEL_SCRATCH;
export const MAX_DEPTH = 100_000;
export const MAX_WIDTH = 1_000_000;

const KEYS = new Set([
  'depth', 'width', 'inputSize', 'activation', 'activationParam', 'init', 'bias', 'input', 'batch', 'seed', 'dtype',
  'backward', 'loss', 'weightGrad', 'jacobian', 'bins', 'memoryLimit',
]);

export function isInputBatch(x: unknown): x is InputBatch {
  return typeof x === 'object' && x !== null && 'data' in x && 'shape' in x;
}

function checkSpec(name: string, spec: unknown): string | InitSpec {
  if (typeof spec === 'string' && spec.trim() !== '') return spec;
  if (typeof spec === 'object' && spec !== null && !Array.isArray(spec) && typeof (spec as InitSpec).name === 'string') return spec as InitSpec;
  return fail(name, spec, 'an initializer spec: a string like "glorot_normal" or an object like {"name": "heNormal"}');
}

function checkBatch(input: InputBatch): number {
  const { shape, data } = input;
  if (!Array.isArray(shape) || shape.length !== 2) fail('input.shape', shape, 'a pair [batch, inputSize]');
  integer('input.shape[0]', shape[0], 1);
  integer('input.shape[1]', shape[1], 1);
  if (typeof data?.length !== 'number' || data.length !== shape[0] * shape[1]) {
    fail('input.data.length', data?.length, `${shape[0] * shape[1]} values (shape [${shape[0]}, ${shape[1]}])`);
  }
  if (input.labels !== undefined && input.labels.length !== shape[0]) fail('input.labels.length', input.labels.length, `one label per example (${shape[0]})`);
  return shape[0];
}

/** Bytes a run holds at its peak (see {@link resolveConfig}); exported for the report. */
export function peakBytes(c: Pick<ResolvedConfig, 'widths' | 'inputSize' | 'batch' | 'dtype' | 'backward' | 'weightGrad'>): number {
  const el = c.dtype === 'float64' ? 8 : 4;
  const all = [c.inputSize, ...c.widths];
  const maxW = Math.max(...all);
  let maxMatrix = 0;
  for (let l = 0; l < c.widths.length; l++) maxMatrix = Math.max(maxMatrix, all[l] * all[l + 1]);
  // Pre-activations and weights kept for the backward pass.
  let weights = 0;
  for (let l = 0; l < c.widths.length; l++) weights += all[l] * all[l + 1];
  const stored = c.backward ? (c.batch * c.widths.reduce((a, b) => a + b, 0) + weights) * el : 0;
  // Working arrays: input, pre-activation, activation, gradients (4 x batch x width), one weight
  // matrix and its gradient (or the transposed copy), and the float64 copy the quantiles sort.
  const working = 4 * c.batch * maxW * el + 2 * maxMatrix * el + c.batch * maxW * 8;
  return stored + working;
}

/** Validates a configuration and fills in the defaults. */
export function resolveConfig(config: LabConfig): ResolvedConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) fail('config', config, 'an object with depth, width, activation and init');
  for (const k of Object.keys(config)) {
    if (!KEYS.has(k)) fail('config', k, `only the keys ${[...KEYS].join(', ')}`);
  }
  const depth = integer('depth', config.depth, 1, MAX_DEPTH);
  const widths = typeof config.width === 'number' || !Array.isArray(config.width)
    ? Array.from({ length: depth }, () => integer('width', config.width, 1, MAX_WIDTH))
    : config.width.map((w, i) => integer(`width[${i}]`, w, 1, MAX_WIDTH));
  if (widths.length !== depth) fail('width', config.width, `one width, or ${depth} widths (one per layer)`);
  if (typeof config.activation !== 'string') fail('activation', config.activation, 'an activation name such as "tanh"');
  const activationParam = config.activationParam === undefined ? undefined : finite('activationParam', config.activationParam);
  const input = config.input ?? DEFAULTS.input;
  const fixed = isInputBatch(input);
  const batch = fixed ? checkBatch(input) : integer('batch', config.batch ?? DEFAULTS.batch, 1);
  const inputSize = fixed
    ? (config.inputSize === undefined || config.inputSize === input.shape[1] ? input.shape[1] : fail('inputSize', config.inputSize, `the fixed batch's ${input.shape[1]} features`))
    : integer('inputSize', config.inputSize ?? widths[0], 1, MAX_WIDTH);
  const loss = choice('loss', config.loss ?? 'none', LOSSES);
  const backward = boolean('backward', config.backward ?? loss !== 'none');
  if (!backward && loss !== 'none') fail('backward', false, `true with loss=${JSON.stringify(loss)} (a loss is a backward pass)`);
  const weightGrad = boolean('weightGrad', config.weightGrad ?? backward);
  const jacobian = integer('jacobian', config.jacobian ?? 0, 0, batch);
  const resolved: ResolvedConfig = {
    depth,
    widths,
    inputSize,
    activation: config.activation,
    ...(activationParam === undefined ? {} : { activationParam }),
    init: checkSpec('init', config.init),
    bias: checkSpec('bias', config.bias ?? DEFAULTS.bias),
    input: fixed ? input : checkSpec('input', input),
    batch,
    seed: integer('seed', config.seed ?? DEFAULTS.seed, 0, Number.MAX_SAFE_INTEGER),
    dtype: checkDType(config.dtype ?? DEFAULTS.dtype),
    backward,
    loss,
    weightGrad,
    jacobian,
    bins: integer('bins', config.bins ?? DEFAULTS.bins, 1, 10_000),
    memoryLimit: positive('memoryLimit', config.memoryLimit ?? DEFAULTS.memoryLimit),
  };
  const widest = Math.max(inputSize, ...widths);
  if (batch * widest > MAX_ELEMENTS) fail('batch', batch, `at most ${Math.floor(MAX_ELEMENTS / widest)} for width ${widest} (one batch x width array must stay below ${MAX_ELEMENTS} elements)`);
  const bytes = peakBytes(resolved);
  // Float32 runs live in the kernels' memory when the kernels are in use (the default).
  const kernels = resolved.dtype === 'float32' && KERNEL_CAPACITY < resolved.memoryLimit;
  const limit = kernels ? KERNEL_CAPACITY : resolved.memoryLimit;
  if (bytes > limit) {
    // peakBytes is affine in the batch: fixed + perExample · batch.
    const fixedBytes = peakBytes({ ...resolved, batch: 0 });
    const fit = Math.floor((limit - fixedBytes) / (peakBytes({ ...resolved, batch: 1 }) - fixedBytes));
    const why = kernels
      ? `the WebAssembly kernels that float32 runs use hold ${formatBytes(limit)} (a wasm32 memory is 4 GiB)`
      : `the memory limit is ${formatBytes(limit)} (memoryLimit; --memory-limit on the command line)`;
    const other = kernels ? 'dtype float64' : 'a higher limit';
    const hint = fit >= 1 ? `try batch <= ${fit}${backward ? ', no backward pass' : ''} or ${other}` : `no batch fits: use narrower layers or ${other}`;
    fail('batch', batch, `a batch that fits in memory: this network needs about ${formatBytes(bytes)} at batch ${batch} and ${why}; ${hint}`);
  }
  return resolved;
}

/** Bytes in GiB, MiB or KiB (the largest unit with at least 1) to 3 significant digits, or in B. */
export function formatBytes(bytes: number): string {
  if (bytes < 2 ** 10) return `${bytes} B`;
  const [unit, size] = bytes >= 2 ** 30 ? ['GiB', 2 ** 30] : bytes >= 2 ** 20 ? ['MiB', 2 ** 20] : ['KiB', 2 ** 10];
  return `${(bytes / size).toPrecision(3)} ${unit}`;
}

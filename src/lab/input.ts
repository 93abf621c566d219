/**
 * The input batch x⁰ [batch, inputSize]: drawn by an elementwise initializer spec under
 * `foldIn(root, 'input')` (`normal` is N(0, 1), `uniform(low=-1.7320508, high=1.7320508)` a
 * unit-variance uniform), or a fixed batch given as data (copied into the compute type).
 * Its second moment and variance over all elements start the theory (Poole et al.'s
 * q¹ = σ_w² (1/N₀) Σ xᵢ² + σ_b² uses the actual input).
 */
import { ArgumentError, fail } from '../errors.js';
import { initializer } from '../init/initializer.js';
import { foldIn, type Key } from '../random/key.js';
import { summarize } from '../stats/moments.js';
import { allocate, type FloatArray } from '../tensor.js';
import { isInputBatch, type ResolvedConfig } from './config.js';
import type { InputMoments } from './theory/layers.js';

export interface Input {
  readonly data: FloatArray;
  readonly moments: InputMoments;
  /** How it was made, for the report: the law or the source. */
  readonly description: string;
  readonly labels?: ArrayLike<number>;
}

export function makeInput(config: ResolvedConfig, root: Key): Input {
  const n = config.batch * config.inputSize;
  const input = config.input;
  let data: FloatArray;
  let description: string;
  let labels: ArrayLike<number> | undefined;
  if (isInputBatch(input)) {
    data = allocate(config.dtype, n);
    data.set(input.data);
    description = `fixed batch ${input.source ?? ''} [${config.batch}, ${config.inputSize}]`.replace('  ', ' ');
    labels = input.labels;
  } else {
    try {
      const init = initializer(input);
      description = init.plan([config.batch, config.inputSize]).lawText;
      data = init(foldIn(root, 'input'), [config.batch, config.inputSize], { dtype: config.dtype }).data;
    } catch (e) {
      if (e instanceof ArgumentError) fail('input', input, `an elementwise initializer spec such as "normal" or "uniform(low=-1, high=1)" (${e.message})`);
      throw e;
    }
  }
  const s = summarize(data);
  if (!Number.isFinite(s.mean)) fail('input', description, 'finite values');
  return { data, moments: { secondMoment: s.variance + s.mean * s.mean, variance: s.variance }, description, ...(labels === undefined ? {} : { labels }) };
}

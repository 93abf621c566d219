/**
 * `initlab propagate`'s flag values and the lab configuration they make. The explorer page holds
 * the same flags in its URL and turns them into a run here too, so a link and the command it
 * shows configure the same network. This module imports no Node built-in and no commander, so
 * the page can bundle it; reading an `--input` file and the machine's default memory limit stay
 * with the command (./commands/propagate.ts).
 */
import type { InputBatch, LabConfig, Loss } from '../lab/config.js';
import type { DType } from '../tensor.js';

/** The command's defaults for the flags the lab has no default for. */
export const PROPAGATE_DEFAULTS = { depth: 100, width: 512, activation: 'tanh', init: 'glorot_normal' } as const;

/** The values of `initlab propagate`'s flags, by commander's names (`--input-size` is `inputSize`). */
export interface PropagateOptions {
  depth?: number;
  width?: number | number[];
  inputSize?: number;
  activation?: string;
  param?: number;
  init?: string;
  bias?: string;
  input?: string;
  batch?: number;
  seed?: number;
  seeds?: number;
  dtype?: DType;
  backward?: boolean;
  loss?: Loss;
  weightGrad?: boolean;
  jacobian?: number;
  bins?: number;
  memoryLimit?: number;
  json?: boolean;
  csv?: boolean;
  report?: string;
}

/**
 * The lab configuration of propagate's flag values, with `input` either an input law (`normal`)
 * or a batch already read from a file. Flags not given are left to the lab's defaults, except
 * those in {@link PROPAGATE_DEFAULTS}.
 */
export function labConfigOf(o: Omit<PropagateOptions, 'input'> & { input?: string | InputBatch }): LabConfig {
  return {
    depth: o.depth ?? PROPAGATE_DEFAULTS.depth,
    width: o.width ?? PROPAGATE_DEFAULTS.width,
    ...(o.inputSize === undefined ? {} : { inputSize: o.inputSize }),
    activation: o.activation ?? PROPAGATE_DEFAULTS.activation,
    ...(o.param === undefined ? {} : { activationParam: o.param }),
    init: o.init ?? PROPAGATE_DEFAULTS.init,
    ...(o.bias === undefined ? {} : { bias: o.bias }),
    ...(o.input === undefined ? {} : { input: o.input }),
    ...(o.batch === undefined ? {} : { batch: o.batch }),
    ...(o.seed === undefined ? {} : { seed: o.seed }),
    ...(o.dtype === undefined ? {} : { dtype: o.dtype }),
    ...(o.backward === undefined ? {} : { backward: o.backward }),
    ...(o.loss === undefined ? {} : { loss: o.loss }),
    ...(o.weightGrad === undefined ? {} : { weightGrad: o.weightGrad }),
    ...(o.jacobian === undefined ? {} : { jacobian: o.jacobian }),
    ...(o.bins === undefined ? {} : { bins: o.bins }),
    ...(o.memoryLimit === undefined ? {} : { memoryLimit: o.memoryLimit }),
  };
}

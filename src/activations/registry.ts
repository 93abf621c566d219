/**
 * Activations by name: `activation('leaky_relu', 0.2)`. Aliases (`linear`, `swish`) resolve to the
 * canonical entry; unknown names fail with the list of names and the closest matches.
 */
import { fail } from '../errors.js';
import { choice } from '../validate.js';
import * as fn from './functions.js';
import type { Activation } from './types.js';

/** Activations without a parameter. */
const FIXED: Readonly<Record<string, Activation>> = {
  identity: fn.identity,
  tanh: fn.tanh,
  sigmoid: fn.logistic,
  softsign: fn.softsign,
  relu: fn.relu,
  selu: fn.selu,
  gelu: fn.gelu,
  gelu_tanh: fn.geluTanh,
  silu: fn.silu,
  softplus: fn.softplus,
  mish: fn.mish,
  hardtanh: fn.hardtanh,
};

/** Activations with one parameter, and its default. */
const PARAMETRIC: Readonly<Record<string, (param: number | undefined) => Activation>> = {
  leaky_relu: (slope) => fn.leakyRelu(slope ?? 0.01),
  elu: (alpha) => fn.elu(alpha ?? 1),
};

const ALIASES: Readonly<Record<string, string>> = { linear: 'identity', swish: 'silu' };

/** Canonical names, in the order tables list them. */
export const ACTIVATION_NAMES: readonly string[] = [
  'identity', 'tanh', 'sigmoid', 'softsign', 'relu', 'leaky_relu', 'elu', 'selu',
  'gelu', 'gelu_tanh', 'silu', 'softplus', 'mish', 'hardtanh',
];

const ACCEPTED = [...ACTIVATION_NAMES, ...Object.keys(ALIASES)];

/**
 * The activation called `name` (or an alias). `param` is leaky_relu's negative slope (default
 * 0.01, any finite number) or elu's α (default 1, > 0); other activations take none.
 *
 * @example
 * activation('leaky_relu', 0.2).f(-1); // -0.2
 */
export function activation(name: string, param?: number): Activation {
  const canonical = ALIASES[choice('activation', name, ACCEPTED)] ?? name;
  const make = PARAMETRIC[canonical];
  if (make !== undefined) return make(param);
  if (param !== undefined) fail('param', param, `undefined ("${canonical}" takes no parameter)`);
  return FIXED[canonical];
}

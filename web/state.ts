/**
 * The explorer's state: one record of texts keyed by the `initlab propagate` flag names, as the
 * URL holds them (`?depth=100&width=512&activation=tanh&init=glorot_normal&seed=0&batch=128&backward=1`).
 * Each key declares its type through the parser the command line uses for that flag
 * (src/cli/args.ts, src/cli/size.ts), so the page and the CLI accept the same texts and refuse
 * the rest with the same message; src/cli/propagateConfig.ts turns them into the lab's
 * configuration as the command does. The state keeps what was typed (a field being edited may be
 * invalid for a while); {@link parseState} turns it into the lab's configuration or the first error.
 */
import { integer, number, oneOf, text, widths, type Parser } from '../src/cli/args.js';
import { labConfigOf, PROPAGATE_DEFAULTS, type PropagateOptions } from '../src/cli/propagateConfig.js';
import { parseSize } from '../src/cli/size.js';
import { ArgumentError, fail } from '../src/errors.js';
import { DEFAULTS, LOSSES, resolveConfig, type LabConfig } from '../src/lab/config.js';
import { buildNetwork } from '../src/lab/network.js';
import { DTYPES } from '../src/tensor.js';

/** The deepest network the page runs (the command line goes further). */
export const PAGE_MAX_DEPTH = 1000;

/** `1`/`true` or `0`/`false`, as a flag that is present or absent. */
function flag(option: string): Parser<boolean> {
  return (value) => (value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : fail(option, value, '1 (on) or 0 (off)'));
}

/** An input law: an initializer spec (the page cannot read the command line's .npy/.safetensors files). */
function inputLaw(option: string): Parser<string> {
  const parse = text(option);
  return (value) => (/\.(npy|safetensors)$/i.test(value) ? fail(option, value, 'an input law such as "normal" (the page cannot read files; use the command line)') : parse(value, undefined));
}

/** One key of the state: its parser (the CLI's), its default text, and whether the URL always carries it. */
interface Field<T> {
  readonly parse: Parser<T>;
  readonly initial: string;
  /** Optional keys are absent from the URL (and from the command) while empty. */
  readonly optional?: boolean;
}

const field = <T>(parse: Parser<T>, initial: string, optional = false): Field<T> => ({ parse, initial, optional });

/** Every key, with the CLI flag `--<key>`. */
export const FIELDS = {
  depth: field(integer('--depth', 1, PAGE_MAX_DEPTH), String(PROPAGATE_DEFAULTS.depth)),
  width: field(widths('--width'), String(PROPAGATE_DEFAULTS.width)),
  'input-size': field(integer('--input-size', 1), '', true),
  activation: field(text('--activation'), PROPAGATE_DEFAULTS.activation),
  param: field(number('--param'), '', true),
  init: field(text('--init'), PROPAGATE_DEFAULTS.init),
  bias: field(text('--bias'), DEFAULTS.bias),
  input: field(inputLaw('--input'), DEFAULTS.input),
  batch: field(integer('--batch', 1), String(DEFAULTS.batch)),
  seed: field(integer('--seed', 0), String(DEFAULTS.seed)),
  seeds: field(integer('--seeds', 1, 10_000), '1'),
  dtype: field(oneOf('--dtype', DTYPES), DEFAULTS.dtype),
  backward: field(flag('--backward'), '1'),
  loss: field(oneOf('--loss', LOSSES), 'none'),
  'weight-grad': field(flag('--weight-grad'), '1'),
  jacobian: field(integer('--jacobian', 0), '0'),
  bins: field(integer('--bins', 1, 10_000), String(DEFAULTS.bins)),
  // What a run may hold at once in a browser tab (the command line's default is half the machine's memory).
  'memory-limit': field((t: string) => parseSize('--memory-limit', t), '2GiB'),
} as const;

export type Key = keyof typeof FIELDS;
export const KEYS = Object.keys(FIELDS) as Key[];
/** The page's state: the text of every key. */
export type State = { readonly [K in Key]: string };
/** The parsed value of every key (optional keys may be undefined). */
export type Values = { readonly [K in Key]: ReturnType<(typeof FIELDS)[K]['parse']> | undefined };

/** Keys the URL and the command always carry, so a link states its run in full. */
const ALWAYS: readonly Key[] = ['depth', 'width', 'activation', 'init', 'seed', 'batch', 'backward'];

export const INITIAL: State = Object.fromEntries(KEYS.map((k) => [k, FIELDS[k].initial])) as State;

/** The state a query string describes (unknown keys are ignored; missing keys keep their default). */
export function stateFromQuery(query: string): State {
  const params = new URLSearchParams(query);
  return Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? FIELDS[k].initial])) as State;
}

/** The keys that differ from the defaults, and those always written. */
function written(state: State): Key[] {
  return KEYS.filter((k) => ALWAYS.includes(k) || (state[k] !== FIELDS[k].initial && !(FIELDS[k].optional && state[k] === '')));
}

/** The query string of a state (`depth=100&width=512&...`). */
export function queryOf(state: State): string {
  return written(state).map((k) => `${k}=${encodeURIComponent(state[k]).replace(/%2C/g, ',').replace(/%3A/g, ':')}`).join('&');
}

/** A shell word: bare when safe, else single-quoted. */
function shellWord(s: string): string {
  return /^[\w.,:/=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The equivalent command line: `initlab propagate --depth 100 ... --backward`. It always states
 * the memory limit, which is part of the configuration the JSON output records.
 */
export function commandOf(state: State): string {
  const words = ['initlab', 'propagate'];
  for (const k of KEYS.filter((key) => key === 'memory-limit' || written(state).includes(key))) {
    if (k === 'backward') {
      if (state.backward === '1' || state.backward === 'true') words.push('--backward');
    } else if (k === 'weight-grad') {
      if (state[k] === '0' || state[k] === 'false') words.push('--no-weight-grad');
    } else {
      words.push(`--${k}`, shellWord(state[k]));
    }
  }
  return words.join(' ');
}

/** An error attached to the key it concerns (undefined: the run as a whole). */
export interface FieldError {
  readonly key: Key | undefined;
  readonly message: string;
}

/** The lab configuration of a state and its seed count. */
export interface Run {
  readonly config: LabConfig;
  readonly seeds: number;
}

/** Which key an argument name from the CLI or the lab refers to (`--depth`, `activationParam`, `width[3]`). */
export function keyOf(argument: string): Key | undefined {
  const name = argument.replace(/^--/, '').replace(/\[\d+\]$/, '').replace(/^input\..*/, 'input');
  const aliases: Readonly<Record<string, Key>> = { activationParam: 'param', inputSize: 'input-size', weightGrad: 'weight-grad', memoryLimit: 'memory-limit', 'no-weight-grad': 'weight-grad' };
  const key = aliases[name] ?? name;
  return (KEYS as readonly string[]).includes(key) ? (key as Key) : undefined;
}

/**
 * Parses every key with the CLI's parser, then checks the configuration as `initlab propagate`
 * does before it computes anything (the lab's `resolveConfig` and the network's specs).
 */
export function parseState(state: State): { run: Run } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const values: Partial<Record<Key, unknown>> = {};
  for (const k of KEYS) {
    const t = state[k].trim();
    if (t === '' && FIELDS[k].optional) continue;
    try {
      values[k] = FIELDS[k].parse(t, undefined);
    } catch (e) {
      if (!(e instanceof ArgumentError)) throw e;
      errors.push({ key: k, message: e.message });
    }
  }
  if (errors.length > 0) return { errors };
  const v = values as Values;
  const options: PropagateOptions = {
    depth: v.depth, width: v.width, activation: v.activation, init: v.init, bias: v.bias, input: v.input,
    batch: v.batch, seed: v.seed, dtype: v.dtype, jacobian: v.jacobian, bins: v.bins, memoryLimit: v['memory-limit'],
    // As the command: --loss implies the backward pass; --no-weight-grad only when asked.
    backward: v.backward === true || v.loss !== 'none' ? true : undefined,
    ...(v.loss === 'none' ? {} : { loss: v.loss }),
    ...(v['weight-grad'] === false ? { weightGrad: false } : {}),
    ...(v.param === undefined ? {} : { param: v.param }),
    ...(v['input-size'] === undefined ? {} : { inputSize: v['input-size'] }),
  };
  const config = labConfigOf(options);
  try {
    buildNetwork(resolveConfig(config));
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    return { errors: [{ key: keyOf(e.argument), message: e.message }] };
  }
  return { run: { config, seeds: v.seeds ?? 1 } };
}

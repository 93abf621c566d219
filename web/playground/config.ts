/**
 * The playground's settings: a small training run on a 2-D toy set, named as `initlab train`'s
 * flags (`data=circles&depth=3&width=16&activation=tanh&init=zeros&lr=0.3&batch=10&seed=0`), read
 * with the command line's parsers so a bad value gets the CLI's message.
 */
import { integer, number, oneOf, text } from '../../src/cli/args.js';
import { ArgumentError } from '../../src/errors.js';
import { TOY_SETS, type ToySet } from '../../src/data/toy.js';
import { TRAIN_LOSSES, type TrainLoss } from '../../src/train/loss.js';
import type { SessionConfig } from '../../src/train/session.js';

export interface PlaygroundConfig {
  readonly data: ToySet;
  /** Hidden layers. */
  readonly depth: number;
  /** Units per hidden layer. */
  readonly width: number;
  readonly activation: string;
  /** Weight initializer spec, as in the lab (`glorot_uniform`, `normal(std=0.1)`, `zeros`, `lsuv`). */
  readonly init: string;
  readonly lr: number;
  readonly batch: number;
  readonly seed: number;
  readonly momentum: number;
  readonly loss: TrainLoss;
}

export const PLAYGROUND_DEFAULTS: PlaygroundConfig = {
  data: 'spirals', depth: 3, width: 16, activation: 'tanh', init: 'glorot_uniform', lr: 0.03, batch: 10, seed: 0, momentum: 0, loss: 'xent',
};

/** The page keeps playground networks small enough to train live. */
export const PLAYGROUND_MAX = { depth: 100, width: 256 } as const;

type Key = keyof PlaygroundConfig;

/** Each key's parser: the one `initlab train` uses for its flag, with the page's bounds. */
const PARSERS: { readonly [K in Key]: (value: string) => PlaygroundConfig[K] } = {
  data: (v) => oneOf('--data', TOY_SETS)(v, undefined),
  depth: (v) => integer('--depth', 1, PLAYGROUND_MAX.depth)(v, undefined),
  width: (v) => integer('--width', 1, PLAYGROUND_MAX.width)(v, undefined),
  activation: (v) => text('--activation')(v, undefined),
  init: (v) => text('--init')(v, undefined),
  lr: (v) => {
    const lr = number('--lr')(v, undefined);
    if (lr <= 0) throw new ArgumentError('--lr', v, 'a learning rate > 0');
    return lr;
  },
  batch: (v) => integer('--batch', 1, 1000)(v, undefined),
  seed: (v) => integer('--seed', 0)(v, undefined),
  momentum: (v) => {
    const m = number('--momentum')(v, undefined);
    if (m < 0 || m >= 1) throw new ArgumentError('--momentum', v, 'a number in [0, 1)');
    return m;
  },
  loss: (v) => oneOf('--loss', TRAIN_LOSSES)(v, undefined),
};

const KEYS = Object.keys(PARSERS) as Key[];

/** Keys a query always carries (the others only when they differ from the defaults). */
const ALWAYS: readonly Key[] = ['data', 'depth', 'width', 'activation', 'init', 'lr', 'batch', 'seed'];

/** The query string of a configuration (`data=spirals&depth=3&...`). */
export function playgroundQuery(config: PlaygroundConfig): string {
  return KEYS.filter((k) => ALWAYS.includes(k) || config[k] !== PLAYGROUND_DEFAULTS[k])
    .map((k) => `${k}=${encodeURIComponent(String(config[k])).replace(/%2C/g, ',')}`)
    .join('&');
}

/** The configuration a query string describes, over `base`; throws the CLI's message for a bad value. */
export function parsePlaygroundQuery(query: string, base: PlaygroundConfig = PLAYGROUND_DEFAULTS): PlaygroundConfig {
  const params = new URLSearchParams(query);
  const out: Record<string, unknown> = { ...base };
  for (const k of KEYS) {
    const v = params.get(k);
    if (v !== null) out[k] = PARSERS[k](v.trim());
  }
  return out as unknown as PlaygroundConfig;
}

/** Parses one field's text (a control being edited); throws the CLI's message. */
export function parseField<K extends Key>(key: K, value: string): PlaygroundConfig[K] {
  return PARSERS[key](value.trim());
}

/** The training session of a configuration. */
export function sessionConfig(config: PlaygroundConfig): SessionConfig {
  const { data, depth, width, activation, init, lr, batch, seed, momentum, loss } = config;
  // The boundary's grid costs a forward pass of grid² points per snapshot: coarser for big networks.
  const grid = depth * width * width > 20_000 ? 32 : 48;
  return { data, depth, width, activation, init, lr, batch, seed, momentum, loss, monitorSize: 200, grid };
}

/** The command that trains the same network for `updates` updates: `initlab train --data spirals ...`. */
export function trainCommand(config: PlaygroundConfig, updates: number): string {
  const word = (s: string) => (/^[\w.,:/=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const flags = KEYS.filter((k) => ALWAYS.includes(k) || config[k] !== PLAYGROUND_DEFAULTS[k]).flatMap((k) => [`--${k}`, word(String(config[k]))]);
  return ['initlab', 'train', ...flags, '--updates', String(Math.max(1, updates))].join(' ');
}

/**
 * Definition builders shared by the namespaces, so each formula has one home and a namespace is a
 * list of one-liners: constants, plain laws, variance-scaling presets and structured initializers.
 */
import { fail } from '../errors.js';
import type { Fans } from '../init/fans.js';
import type { Law } from '../init/law.js';
import { fanFor, truncationFactor, varianceScalingLaw, type Distribution, type Mode } from '../init/varianceScaling.js';
import type { Context, Definition } from '../catalog/definition.js';
import { num, type Param, type Params } from '../catalog/params.js';

export const constantDef = (name: string, value: number | ((p: Params) => number), aliases: string[] = [], params: Record<string, Param> = {}): Definition => ({
  name,
  aliases,
  summary: typeof value === 'number' ? `every element ${value}` : 'every element = value',
  params,
  law: (c) => ({ kind: 'constant', value: typeof value === 'number' ? value : value(c.params) }),
});

/** zeros, ones and constant(value) under the names a namespace uses. */
export function constants(opts: { zeros?: string[]; ones?: string[]; constant: { name?: string; aliases?: string[]; param: string; default?: number } }): Definition[] {
  const { constant } = opts;
  return [
    constantDef('zeros', 0, opts.zeros ?? []),
    constantDef('ones', 1, opts.ones ?? []),
    constantDef(constant.name ?? 'constant', (p) => p[constant.param] as number, constant.aliases ?? [], {
      [constant.param]: num('the fill value', constant.default),
    }),
  ];
}

/**
 * U(low, high) with the bounds read from two named parameters. `equal: true` where the framework
 * accepts low = high and fills every element with low (see {@link equalBoundsNote}); `otherwise`
 * says in the error what the framework itself would do with the bounds refused.
 */
export function uniformLaw(c: Context, low: string, high: string, o: { equal?: boolean; otherwise?: string } = {}): Law {
  const lo = c.params[low] as number;
  const hi = c.params[high] as number;
  if (o.equal === true && lo === hi) return { kind: 'constant', value: lo };
  if (!(lo < hi)) fail(high, hi, `a number ${o.equal === true ? '>=' : 'above'} ${low}=${lo}${o.otherwise === undefined ? '' : ` (${o.otherwise})`}`);
  return { kind: 'uniform', low: lo, high: hi };
}

/** The note for bounds a framework accepts as equal: every element is that bound. */
export function equalBoundsNote(c: Context, low: string, high: string, framework: string): string[] {
  const lo = c.params[low] as number;
  return lo === c.params[high] ? [`${low} = ${high} = ${lo}: ${framework} fills every element with ${lo}`] : [];
}

export interface ScaledOptions {
  readonly name: string;
  readonly aliases?: string[];
  readonly summary: string;
  readonly params: Record<string, Param>;
  readonly scale: (p: Params) => number;
  readonly mode: (p: Params) => Mode;
  readonly distribution: (p: Params) => Distribution;
  /** Truncation in σ units for truncated_normal (default ±2). */
  readonly truncation?: (p: Params) => readonly [number, number];
  /** Correct σ for truncation (default true). */
  readonly correct?: boolean;
  /** Keras/TF.js guard n = max(1, fan). */
  readonly guard?: boolean;
  readonly rank?: readonly [number, number];
  readonly extra?: (p: Params) => Record<string, number | string>;
}

/** The fan a variance-scaling initializer divides by, after the framework's guard. */
function denominator(fans: Fans, mode: Mode, guard: boolean): number {
  const n = fanFor(fans, mode);
  return guard ? Math.max(1, n) : n;
}

/** A variance-scaling initializer: Var[W] = scale / n (see ../init/varianceScaling.ts). */
export function scaled(o: ScaledOptions): Definition {
  const setting = (c: Context) => ({
    scale: o.scale(c.params),
    n: denominator(c.fans(), o.mode(c.params), o.guard ?? false),
    distribution: o.distribution(c.params),
    truncation: o.truncation?.(c.params),
    correct: o.correct ?? true,
  });
  return {
    name: o.name,
    aliases: o.aliases,
    summary: o.summary,
    params: o.params,
    rank: o.rank,
    usesFans: true,
    law: (c) => varianceScalingLaw(setting(c)),
    details: (c) => {
      const s = setting(c);
      const d: Record<string, number | string> = { mode: o.mode(c.params), n: s.n, scale: s.scale, targetVariance: s.scale / s.n, ...o.extra?.(c.params) };
      if (s.distribution === 'truncated_normal' && s.correct) d.truncationFactor = truncationFactor(...(s.truncation ?? [-2, 2]));
      return d;
    },
  };
}

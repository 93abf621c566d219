/**
 * Parameter schemas: each initializer declares its parameters as data (type, default, doc), so
 * validation, defaults, `initlab list`, the JSON spec and the string form all come from one place.
 */
import { ArgumentError, fail } from '../errors.js';
import { suggest } from '../suggest.js';
import { choice, finite, integer, nonNegative, positive, probability } from '../validate.js';

export type Value = number | string | boolean | null | number[];
export type Params = Record<string, Value>;

interface Base<T> {
  readonly doc: string;
  /** Absent: the parameter is required. `null`: optional with no value. */
  readonly default?: T | null;
  /** What the framework itself does with a value this schema refuses; added to the error. */
  readonly otherwise?: string | ((value: unknown) => string);
}
export type Param =
  | (Base<number> & { readonly type: 'number'; readonly check?: 'finite' | 'positive' | 'nonNegative' | 'probability' | 'bound' })
  | (Base<number> & { readonly type: 'integer'; readonly min?: number; readonly max?: number })
  | (Base<string> & { readonly type: 'choice'; readonly choices: readonly string[]; readonly ignoreCase?: boolean; readonly aliases?: Readonly<Record<string, string>> })
  | (Base<boolean> & { readonly type: 'boolean' })
  | (Base<number | number[]> & { readonly type: 'axes' })
  | (Base<string> & { readonly type: 'text' });

export const num = (doc: string, dflt?: number | null, check: 'finite' | 'positive' | 'nonNegative' | 'probability' | 'bound' = 'finite'): Param =>
  ({ type: 'number', doc, default: dflt, check });
export const int = (doc: string, dflt?: number | null, min = 1, max?: number): Param => ({ type: 'integer', doc, default: dflt, min, max });
export const oneOf = (choices: readonly string[], dflt: string | undefined, doc: string, extra: { ignoreCase?: boolean; aliases?: Record<string, string> } = {}): Param =>
  ({ type: 'choice', choices, default: dflt, doc, ...extra });
export const bool = (doc: string, dflt?: boolean): Param => ({ type: 'boolean', doc, default: dflt });
export const axes = (doc: string, dflt?: number | number[] | null): Param => ({ type: 'axes', doc, default: dflt });
export const text = (doc: string, dflt?: string | null): Param => ({ type: 'text', doc, default: dflt });
/** `p`, whose refusals also say what the framework itself would do with the value. */
export const otherwise = (p: Param, frameworkWould: string | ((value: unknown) => string)): Param => ({ ...p, otherwise: frameworkWould });

function checkValue(name: string, p: Param, v: unknown): Value {
  try {
    return checkType(name, p, v);
  } catch (e) {
    if (p.otherwise === undefined || !(e instanceof ArgumentError)) throw e;
    throw new ArgumentError(e.argument, e.value, `${e.expected} (${typeof p.otherwise === 'string' ? p.otherwise : p.otherwise(v)})`);
  }
}

function checkType(name: string, p: Param, v: unknown): Value {
  switch (p.type) {
    case 'number':
      if (p.check === 'bound') {
        if (typeof v !== 'number' || Number.isNaN(v)) fail(name, v, 'a number (±Infinity allowed)');
        return v;
      }
      return { finite, positive, nonNegative, probability }[p.check ?? 'finite'](name, v);
    case 'integer':
      return integer(name, v, p.min ?? 1, p.max);
    case 'choice': {
      const raw = typeof v === 'string' && p.ignoreCase ? v.toLowerCase() : v;
      const mapped = typeof raw === 'string' ? (p.aliases?.[raw] ?? raw) : raw;
      const valid = p.ignoreCase ? p.choices.map((c) => c.toLowerCase()) : p.choices;
      const i = valid.indexOf(mapped as string);
      return i >= 0 ? p.choices[i] : choice(name, v, p.choices);
    }
    case 'boolean':
      if (typeof v !== 'boolean') fail(name, v, 'true or false');
      return v;
    case 'axes':
      if (Number.isInteger(v)) return v as number;
      if (Array.isArray(v) && v.every((a) => Number.isInteger(a))) return [...v];
      return fail(name, v, 'an integer axis or a list of integer axes');
    case 'text':
      if (typeof v !== 'string' || v.length === 0) fail(name, v, 'a non-empty string');
      return v;
  }
}

/**
 * Validates `given` against `schema` and fills defaults. Unknown parameters are errors (never
 * silently ignored) with the closest valid names suggested.
 */
export function normalizeParams(owner: string, schema: Readonly<Record<string, Param>>, given: Readonly<Record<string, unknown>>): Params {
  const names = Object.keys(schema);
  for (const k of Object.keys(given)) {
    if (!(k in schema)) {
      const hint = suggest(k, names);
      const valid = names.length > 0 ? `one of ${names.join(', ')}` : 'no parameters';
      fail(`${owner}.${k}`, given[k], `a known parameter: ${owner} takes ${valid}${hint.length > 0 ? ` (did you mean ${hint.join(' or ')}?)` : ''}`);
    }
  }
  const out: Params = {};
  for (const [k, p] of Object.entries(schema)) {
    const v = given[k] === undefined ? p.default : given[k];
    if (v === undefined) fail(`${owner}.${k}`, undefined, `a value (${p.doc})`);
    out[k] = v === null ? null : checkValue(k, p, v);
  }
  return out;
}

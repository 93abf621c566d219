/**
 * Argument checks shared by every module. Each returns the checked value so it can be used inline:
 * `const std = positive('std', opts.std ?? 1)`.
 */
import { fail } from './errors.js';
import { suggest } from './suggest.js';

export function finite(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(name, value, 'a finite number');
  return value;
}

export function positive(name: string, value: unknown): number {
  if (finite(name, value) <= 0) fail(name, value, 'a number > 0');
  return value as number;
}

export function nonNegative(name: string, value: unknown): number {
  if (finite(name, value) < 0) fail(name, value, 'a number >= 0');
  return value as number;
}

export function integer(name: string, value: unknown, min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    fail(name, value, `an integer ${range}`);
  }
  return value;
}

export function probability(name: string, value: unknown): number {
  if (finite(name, value) < 0 || (value as number) > 1) fail(name, value, 'a number in [0, 1]');
  return value as number;
}

/** One of a fixed set of strings; the message lists them and suggests the closest. */
export function choice<T extends string>(name: string, value: unknown, choices: readonly T[]): T {
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  const hint = typeof value === 'string' ? suggest(value, choices) : [];
  const didYouMean = hint.length > 0 ? ` (did you mean ${hint.map((h) => JSON.stringify(h)).join(' or ')}?)` : '';
  return fail(name, value, `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}${didYouMean}`);
}

export function boolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(name, value, 'true or false');
  return value;
}

/**
 * Parsers for option values, in the form commander's `.option(flags, description, parser)` takes.
 * Each checks the text and throws an {@link ArgumentError} naming the option, the text and what
 * would work: `--shape="64,x", expected positive integers separated by commas, ...`.
 *
 * Every parser comes wrapped in {@link once}: an option given twice is an error, never a silent
 * override of the first value. Defaults are therefore applied by the commands, not by commander
 * (commander would hand its default to the parser as the "previous" value).
 *
 * The explorer page parses its fields with these same parsers, so this module imports neither
 * commander nor Node's built-ins (scripts/build-web.mjs fails the page's build if one does).
 */
import { fail } from '../errors.js';
import { MAX_ELEMENTS } from '../tensor.js';
import { choice } from '../validate.js';

/** A commander option parser: the option's text and the value of an earlier occurrence. */
export type Parser<T> = (text: string, previous: T | undefined) => T;

/** Makes `parse` a {@link Parser} that rejects a second occurrence of `option`. */
export function once<T>(option: string, parse: (text: string) => T): Parser<T> {
  return (text, previous) => {
    if (previous !== undefined) fail(option, text, `${option} given once (it was given more than once)`);
    return parse(text);
  };
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MAX_RANK = 32;

/**
 * `--shape 64,32,3,3`: positive integers separated by commas, at most 32 of them and at most
 * {@link MAX_ELEMENTS} elements in all. Zero is refused (a zero-size tensor has nothing to
 * initialize), as are signs, fractions, exponents and empty entries.
 */
export function shape(option: string): Parser<number[]> {
  return once(option, (text) => {
    const expected = 'positive integers separated by commas, e.g. 64,32,3,3';
    const parts = text.split(',').map((p) => p.trim());
    if (parts.length > MAX_RANK) fail(option, text, `at most ${MAX_RANK} dimensions (got ${parts.length})`);
    const dims = parts.map((p, i) => {
      if (!INTEGER.test(p)) fail(option, text, `${expected} (dimension ${i}, ${JSON.stringify(p)}, is not an integer)`);
      const d = Number(p);
      if (d < 0) fail(option, text, `${expected} (dimension ${i} is negative)`);
      if (d === 0) fail(option, text, `${expected} (dimension ${i} is 0: a zero-size tensor has nothing to initialize)`);
      return d;
    });
    const n = dims.reduce((a, b) => a * b, 1);
    if (n > MAX_ELEMENTS) {
      fail(option, text, `at most ${MAX_ELEMENTS} elements in all (this shape has ${Number.isSafeInteger(n) ? n : n.toPrecision(3)})`);
    }
    return dims;
  });
}

/** A decimal integer in [min, max]. */
export function integer(option: string, min: number, max = Number.MAX_SAFE_INTEGER): Parser<number> {
  return once(option, (text) => {
    const value = INTEGER.test(text.trim()) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      fail(option, text, max === Number.MAX_SAFE_INTEGER && min !== 0 ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`);
    }
    return value;
  });
}

/** A finite decimal number (`0.2`, `-1e-3`); NaN, Infinity and hexadecimal are refused. */
export function number(option: string): Parser<number> {
  return once(option, (text) => {
    const value = DECIMAL.test(text.trim()) ? Number(text) : NaN;
    if (!Number.isFinite(value)) fail(option, text, 'a finite decimal number, e.g. 0.2');
    return value;
  });
}

/** `512` or `512,256,128`: a layer width, or one per layer. */
export function widths(option: string): Parser<number | number[]> {
  return once(option, (value) => {
    const parts = value.split(',').map((p) => p.trim());
    const list = parts.map((p) => (/^\d+$/.test(p) && Number(p) >= 1 ? Number(p) : fail(option, value, 'a positive integer, or one per layer separated by commas (e.g. 512 or 784,256,10)')));
    return list.length === 1 ? list[0] : list;
  });
}

/**
 * One axis (`0`, `-1`) or several (`1,2`): integers, negative ones counting from the end. Their
 * range against the shape is checked where the shape is known.
 */
export function axes(option: string): Parser<number | number[]> {
  return once(option, (text) => {
    const parts = text.split(',').map((p) => p.trim());
    if (!parts.every((p) => INTEGER.test(p))) {
      fail(option, text, 'an axis or comma-separated axes (integers, negative ones counting from the end), e.g. 1,2');
    }
    const list = parts.map(Number);
    return list.length === 1 ? list[0] : list;
  });
}

/** One of `choices`, with the closest suggested for a typo. */
export function oneOf<T extends string>(option: string, choices: readonly T[]): Parser<T> {
  return once(option, (text) => choice(option, text, choices));
}

/** Any non-empty text. */
export function text(option: string): Parser<string> {
  return once(option, (value) => {
    if (value === '') fail(option, value, 'a non-empty string');
    return value;
  });
}

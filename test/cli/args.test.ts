import { describe, expect, it } from 'vitest';
import { axes, integer, number, oneOf, shape, text } from '../../src/cli/args.js';
import { ArgumentError } from '../../src/errors.js';
import { MAX_ELEMENTS } from '../../src/tensor.js';

/** The message of the ArgumentError `f` throws. */
function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ArgumentError);
    return (e as ArgumentError).message;
  }
  throw new Error('expected an ArgumentError');
}

describe('shape', () => {
  const parse = shape('--shape');

  it('reads comma-separated positive integers, spaces allowed', () => {
    expect(parse('64,32,3,3', undefined)).toEqual([64, 32, 3, 3]);
    expect(parse(' 5 ', undefined)).toEqual([5]);
    expect(parse('256, 784', undefined)).toEqual([256, 784]);
  });

  it.each([
    ['64,x', 'dimension 1, "x", is not an integer'],
    ['3.5', 'dimension 0, "3.5", is not an integer'],
    ['1e3', 'dimension 0, "1e3", is not an integer'],
    ['64,,3', 'dimension 1, "", is not an integer'],
    ['', 'dimension 0, "", is not an integer'],
    ['64,-3', 'dimension 1 is negative'],
    ['0', 'dimension 0 is 0: a zero-size tensor has nothing to initialize'],
    ['100000,100000', `at most ${MAX_ELEMENTS} elements in all (this shape has 10000000000)`],
    ['99999999999999999999999', 'at most'],
    [Array(33).fill('1').join(','), 'at most 32 dimensions (got 33)'],
  ])('refuses %j', (input, why) => {
    const m = message(() => parse(input, undefined));
    expect(m.startsWith(`--shape=${JSON.stringify(input)}, expected `)).toBe(true);
    expect(m).toContain(why);
  });

  it('refuses a second occurrence of the option', () => {
    expect(message(() => parse('4', [3]))).toBe('--shape="4", expected --shape given once (it was given more than once)');
  });
});

describe('integer, number, axes, oneOf, text', () => {
  it('integer: decimal integers in range', () => {
    const seed = integer('--seed', 0);
    expect(seed('42', undefined)).toBe(42);
    expect(seed(String(Number.MAX_SAFE_INTEGER), undefined)).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of ['-1', '1.5', 'x', '', '0x10', '9007199254740993']) {
      expect(message(() => seed(bad, undefined))).toBe(`--seed=${JSON.stringify(bad)}, expected an integer in [0, 9007199254740991]`);
    }
    expect(message(() => integer('--groups', 1)('0', undefined))).toBe('--groups="0", expected an integer >= 1');
  });

  it('number: finite decimals only', () => {
    const param = number('--param');
    expect(param('0.2', undefined)).toBe(0.2);
    expect(param('-1e-3', undefined)).toBe(-0.001);
    for (const bad of ['NaN', 'Infinity', '-inf', '1e999', '0x1', '', 'abc']) {
      expect(message(() => param(bad, undefined))).toBe(`--param=${JSON.stringify(bad)}, expected a finite decimal number, e.g. 0.2`);
    }
  });

  it('axes: one integer or a list', () => {
    const parse = axes('--in-axes');
    expect(parse('0', undefined)).toBe(0);
    expect(parse('-1', undefined)).toBe(-1);
    expect(parse('1, 2', undefined)).toEqual([1, 2]);
    expect(message(() => parse('a', undefined))).toContain('--in-axes="a", expected an axis or comma-separated axes');
  });

  it('oneOf suggests the closest choice; text refuses the empty string', () => {
    expect(oneOf('--dtype', ['float32', 'float64'])('float64', undefined)).toBe('float64');
    expect(message(() => oneOf('--dtype', ['float32', 'float64'])('float16', undefined))).toContain('--dtype="float16", expected one of "float32", "float64"');
    expect(message(() => text('--name')('', undefined))).toBe('--name="", expected a non-empty string');
  });
});

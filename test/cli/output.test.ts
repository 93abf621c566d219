import { describe, expect, it } from 'vitest';
import { formatRecord, formatShape, precise, short, table } from '../../src/cli/output.js';

describe('number formats', () => {
  it('precise: 15 significant digits, integers whole, non-finite spelled out', () => {
    expect(precise(Math.SQRT2 / 24)).toBe('0.0589255650988790');
    expect(precise(288)).toBe('288');
    expect(precise(-Infinity)).toBe('-inf');
    expect(precise(Infinity)).toBe('inf');
    expect(precise(NaN)).toBe('NaN');
  });

  it('short: 6 significant digits without trailing zeros', () => {
    expect(short(0.058925565098879)).toBe('0.0589256');
    expect(short(0.5)).toBe('0.5');
    expect(short(Infinity)).toBe('inf');
  });

  it('formatShape and formatRecord', () => {
    expect(formatShape([64, 32, 3, 3])).toBe('[64, 32, 3, 3]');
    expect(formatRecord({ mode: 'fan_out', n: 576, gain: Math.SQRT2 })).toBe('mode fan_out, n 576, gain 1.41421356237310');
  });
});

describe('table', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(table([['a', 'bb', 'c'], ['ccc', 'd', 'e']])).toEqual(['a    bb  c', 'ccc  d   e']);
  });

  it('lets the last cell of a short row run across the columns of the others', () => {
    expect(table([['', 'x', 'y'], ['torch', 'error: a long message'], ['jax', '1', '2']])).toEqual([
      '       x  y',
      'torch  error: a long message',
      'jax    1  2',
    ]);
  });
});

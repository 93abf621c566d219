/** Anything but bad input is a bug: the CLI prints the stack and exits 1. */
import { describe, expect, it, vi } from 'vitest';
import { cli } from './cli.js';

vi.mock('../../src/cli/measure.js', async (original) => ({
  ...(await original<typeof import('../../src/cli/measure.js')>()),
  measure: () => {
    throw new TypeError('a deliberate bug');
  },
}));

describe('run on an internal error', () => {
  it('prints the stack trace and returns 1', async () => {
    const { code, stdout, stderr } = await cli('sample', '--shape', '4,4');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^initlab: internal error \(a bug in initlab; please report it with the command line\):\nTypeError: a deliberate bug\n {4}at /);
  });
});

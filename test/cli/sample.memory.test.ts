/** A tensor larger than the machine's memory is refused before anything is allocated. */
import { describe, expect, it, vi } from 'vitest';
import { cli } from './cli.js';

vi.mock('node:os', async (original) => ({ ...(await original<typeof import('node:os')>()), totalmem: () => 2 ** 30 }));

describe('initlab sample on a machine with 1 GiB', () => {
  it('refuses a 2 GiB tensor with one line naming --shape', async () => {
    const { code, stdout, stderr } = await cli('sample', 'zeros', '--shape', '16384,16384', '--dtype', 'float64');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('initlab: error: --shape="16384,16384", expected a tensor that fits in memory (2.00 GiB of float64: this machine has 1.00 GiB)\n');
  });
});

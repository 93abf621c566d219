// The explorer's state: URL query and command line round trips, and validation with the
// command line's own parsers and messages.
import { describe, expect, it } from 'vitest';
import { commandOf, INITIAL, parseState, queryOf, stateFromQuery } from '../../web/state.js';
import { cli } from '../cli/cli.js';

describe('explorer state', () => {
  it('reads the query the issue gives and writes it back with the same flag names', () => {
    const q = 'depth=100&width=512&activation=tanh&init=glorot_normal&seed=0&batch=128&backward=1';
    const s = stateFromQuery(q);
    expect(s.depth).toBe('100');
    expect(s.init).toBe('glorot_normal');
    expect(stateFromQuery(queryOf(s))).toEqual(s);
    expect(Object.fromEntries(new URLSearchParams(queryOf(s)))).toEqual(Object.fromEntries(new URLSearchParams(q)));
  });

  it('round-trips specs with spaces, commas and parentheses through the URL', () => {
    const s = { ...INITIAL, init: 'normal(std=0.05, mean=0)', width: '784,256,10', depth: '3', input: 'uniform(low=-1, high=1)' };
    expect(stateFromQuery(queryOf(s))).toEqual(s);
  });

  it("gives the command line that prints the page's JSON", async () => {
    const s = { ...INITIAL, depth: '3', width: '16', batch: '8', init: 'normal(std=0.3)', bias: 'normal(std=0.1)', loss: 'mse' };
    const line = commandOf(s);
    expect(line).toBe("initlab propagate --depth 3 --width 16 --activation tanh --init 'normal(std=0.3)' --bias 'normal(std=0.1)' --batch 8 --seed 0 --backward --loss mse --memory-limit 2GiB");
    const parsed = parseState(s);
    if (!('run' in parsed)) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.run.config).toMatchObject({ depth: 3, width: 16, init: 'normal(std=0.3)', bias: 'normal(std=0.1)', batch: 8, loss: 'mse', backward: true, memoryLimit: 2 ** 31 });
  });

  it('refuses what the command line refuses, with its message, on the field it concerns', async () => {
    const cases: [Partial<typeof INITIAL>, string[]][] = [
      [{ init: 'glorot_nromal' }, ['--init', 'glorot_nromal']],
      [{ init: 'normal(std=-1)' }, ['--init', 'normal(std=-1)']],
      [{ activation: 'tanhh' }, ['--activation', 'tanhh']],
      [{ width: '512,x' }, ['--width', '512,x']],
      [{ batch: '100000', width: '100000', depth: '3' }, ['--batch', '100000', '--width', '100000', '--depth', '3']],
    ];
    for (const [change, argv] of cases) {
      const parsed = parseState({ ...INITIAL, ...change });
      if (!('errors' in parsed)) throw new Error(`accepted ${JSON.stringify(change)}`);
      const node = await cli('propagate', '--memory-limit', '2GiB', ...argv);
      expect(node.code).toBe(2);
      expect(parsed.errors[0].message).toBe(node.stderr.replace(/^initlab: error: /, '').trim());
      expect(parsed.errors[0].key).toBe(argv[0].slice(2));
    }
  });

  it('caps the depth at the page limit', () => {
    const parsed = parseState({ ...INITIAL, depth: '1001' });
    expect(parsed).toEqual({ errors: [{ key: 'depth', message: '--depth="1001", expected an integer in [1, 1000]' }] });
  });
});

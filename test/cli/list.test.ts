import { describe, expect, it } from 'vitest';
import { snakeCase } from '../../src/catalog/names.js';
import { entries } from '../../src/catalog/registry.js';
import { FRAMEWORKS } from '../../src/catalog/definition.js';
import { cli, cliJson } from './cli.js';

describe('initlab list', () => {
  it('shows every initializer of the registry with its aliases and formula', async () => {
    const { code, stdout } = await cli('list');
    expect(code).toBe(0);
    for (const fw of FRAMEWORKS) expect(stdout).toMatch(new RegExp(`^${fw}: `, 'm'));
    for (const { namespace, definition } of entries()) {
      const prefix = namespace.framework === 'initlab' ? '' : `${namespace.framework}:`;
      const aliases = (definition.aliases ?? []).map((a) => `${prefix}${a}`);
      expect(stdout).toContain(`\n  ${prefix}${snakeCase(definition.name)}${aliases.length > 0 ? `  (also ${aliases.join(', ')})` : ''}\n      ${definition.summary}\n`);
    }
  });

  it('shows aliases and parameters with their defaults', async () => {
    const { stdout } = await cli('list', '--framework', 'torch');
    expect(stdout.split('\n')[0]).toMatch(/^names match ignoring case, "_" and "-"/);
    expect(stdout).toMatch(/^torch: PyTorch/m);
    expect(stdout).not.toMatch(/^keras: /m);
    expect(stdout).toMatch(/^ {2}torch:kaiming_normal$/m);
    expect(stdout).toMatch(/^ {2}torch:default_bias {2}\(also torch:linear_bias\)$/m);
    expect(stdout).toMatch(/^ {6}a = 0 +negative slope/m);
    expect(stdout).toMatch(/^ {6}mode = fan_in +fan_in preserves .*\(one of fan_in, fan_out\)$/m);
    expect(stdout).toMatch(/^ {6}val = required +the fill value$/m);
  });

  it('--json: the registry as data', async () => {
    const json = await cliJson('list');
    const all = json.namespaces.flatMap((ns: { initializers: unknown[] }) => ns.initializers);
    expect(all).toHaveLength(entries().length);
    const keras = await cliJson('list', '--framework', 'keras');
    expect(keras.namespaces).toHaveLength(1);
    const he = keras.namespaces[0].initializers.find((d: { name: string }) => d.name === 'heNormal');
    expect(he).toMatchObject({ qualified: 'keras:heNormal', params: { inputAxes: { type: 'axes', default: null, required: false } } });
  });
});

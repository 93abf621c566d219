/**
 * `initlab experiment` as a newcomer meets it: no name, and custom grid files whose errors name
 * the field and point to `initlab experiment --help`, where the file's form is documented.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_FILE_HELP, SETTINGS } from '../../src/cli/commands/experiment.js';
import { resolveConfig } from '../../src/lab/config.js';
import { resolveTrainConfig } from '../../src/train/config.js';
import { cli, cliJson, scratch } from './cli.js';

const { fresh } = scratch('initlab-cli-experiment-');

describe('initlab experiment', () => {
  it('no name: a usage error naming the built-in experiments, never "name=undefined"', async () => {
    const { code, stdout, stderr } = await cli('experiment');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^initlab: error: missing required argument 'name': a built-in experiment \(seeds, .*lsuv; see --list\) or a file\.json \(see --help for its form\)\n$/);
  });
});

/** Writes `value` as JSON into a fresh directory and returns its path. */
function file(value: unknown, name = 'grid.json'): string {
  const path = join(fresh(), name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

const FORM = '; the form of an experiment file: initlab experiment --help\n';

describe('experiment files', () => {
  it('--help documents the form with a complete example', async () => {
    const { code, stdout } = await cli('experiment', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain(EXPERIMENT_FILE_HELP);
    for (const key of ['name', 'description', 'kind', 'base', 'grid', 'runs', 'seeds', 'analysis', 'reference']) expect(stdout).toMatch(new RegExp(`^  ${key} +\\S`, 'm'));
  });

  it("the help's example runs as it is", async () => {
    const example = EXPERIMENT_FILE_HELP.slice(EXPERIMENT_FILE_HELP.indexOf('  {'), EXPERIMENT_FILE_HELP.indexOf('  }') + 3);
    const spec = JSON.parse(example);
    const json = await cliJson('experiment', file({ ...spec, base: { ...spec.base, depth: 3, width: 16, batch: 8 } }));
    expect(json.runs.map((r: { label: string }) => r.label)).toEqual(['tanh / glorot_normal', 'tanh / he_normal', 'relu / glorot_normal', 'relu / he_normal']);
  });

  it('the settings listed are exactly those each kind of run takes', () => {
    const unknownKey = (resolve: () => unknown) => {
      try {
        resolve();
      } catch (e) {
        return (e as Error).message.replace(/^.*only the keys /, '').split(', ');
      }
      throw new Error('accepted an unknown key');
    };
    expect(unknownKey(() => resolveConfig({ depth: 1, width: 1, activation: 'tanh', init: 'zeros', unknown: 1 } as never))).toEqual([...SETTINGS.propagate]);
    expect(unknownKey(() => resolveTrainConfig({ data: 'circles', depth: 1, width: 1, activation: 'tanh', init: 'zeros', unknown: 1 } as never))).toEqual([...SETTINGS.train]);
  });

  /** [what is wrong, the file's content, what the one line says before the pointer to the help] */
  const BAD: [string, unknown, (path: string) => string][] = [
    ['not JSON', '{"name": "x", ', (p) => `experiment=${JSON.stringify(p)}, expected valid JSON`],
    ['no name', { base: {}, grid: { init: ['zeros'] } }, (p) => `${p}.name=undefined, expected a non-empty string`],
    ['an unknown key', { name: 'x', base: {}, grids: { init: ['zeros'] } }, (p) => `${p}.grids={"init":["zeros"]}, expected no such key`],
    ['neither grid nor runs', { name: 'x', base: { depth: 2 } }, (p) => `${p}=["name","base"], expected a "grid" or a "runs" key`],
    ['a grid value that is not a list', { name: 'x', base: {}, grid: { activation: 'tanh' } }, (p) => `${p}.grid.activation="tanh", expected a non-empty array of values`],
    ['seeds out of range', { name: 'x', base: {}, grid: { init: ['zeros'] }, seeds: 0 }, (p) => `${p}.seeds=0, expected an integer in [1, 10000]`],
    ['an unknown setting in a run', { name: 'x', base: { depth: 2, width: 4, batch: 4 }, grid: { activaton: ['tanh'] } }, () => 'x: tanh: config="activaton", expected only the keys depth'],
  ];
  it.each(BAD)('%s: one line naming the field, pointing to --help', async (_what, content, says) => {
    const path = file(content);
    const { code, stdout, stderr } = await cli('experiment', path);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.startsWith(`initlab: error: ${says(path)}`)).toBe(true);
    expect(stderr.endsWith(FORM)).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a built-in experiment gets no pointer to the file form', async () => {
    const { code, stderr } = await cli('experiment', 'seeds', '--updates', '5');
    expect(code).toBe(2);
    expect(stderr).not.toContain('experiment --help');
  });
});

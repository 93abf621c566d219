/**
 * Output paths are checked before any work: every command's `--out`, `--report` and `--save`
 * pointing into a missing directory, at a directory, or under a file fails at once with exit
 * code 2 and the write's own message, and the work itself (drawing, propagating, training) never
 * starts. The work functions are replaced by recorders that fail the command if called.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkOutputPaths } from '../../src/cli/outputs.js';
import { cli, scratch } from './cli.js';

const { started, recorder } = vi.hoisted(() => {
  const started: string[] = [];
  const recorder = (name: string) => () => {
    started.push(name);
    throw new Error(`${name} ran`);
  };
  return { started, recorder };
});

vi.mock('../../src/cli/measure.js', async (original) => ({ ...(await original<typeof import('../../src/cli/measure.js')>()), measure: recorder('sample') }));
vi.mock('../../src/lab/propagate.js', async (original) => ({ ...(await original<typeof import('../../src/lab/propagate.js')>()), propagate: recorder('propagate') }));
vi.mock('../../src/lab/experiments/run.js', async (original) => ({ ...(await original<typeof import('../../src/lab/experiments/run.js')>()), runExperiment: recorder('experiment') }));
vi.mock('../../src/lab/experiments/training.js', async (original) => ({ ...(await original<typeof import('../../src/lab/experiments/training.js')>()), runTrainingExperiment: recorder('training experiment') }));
vi.mock('../../src/lab/theory/summary.js', async (original) => ({ ...(await original<typeof import('../../src/lab/theory/summary.js')>()), meanField: recorder('theory') }));
vi.mock('../../src/train/trainer.js', async (original) => ({ ...(await original<typeof import('../../src/train/trainer.js')>()), train: recorder('train') }));

const { fresh } = scratch('initlab-cli-outputs-');

/** [command line before the output flag, the flag, the file name it writes] */
const COMMANDS: [string[], string, string][] = [
  [['sample', '--shape', '4,4'], '--out', 'w.npy'],
  [['sample', '--shape', '4,4'], '--out', 'w.safetensors'],
  [['propagate', '--depth', '1000000', '--width', '4096'], '--report', 'r.html'],
  [['experiment', 'seeds'], '--report', 'r.html'],
  [['experiment', 'he2015-depth'], '--report', 'r.html'],
  [['theory', '--activation', 'tanh'], '--report', 'r.html'],
  [['train', '--data', 'circles', '--updates', '1000000'], '--report', 'r.html'],
  [['train', '--data', 'circles', '--updates', '1000000'], '--save', 'w.safetensors'],
];

/** [what is wrong, a path for a file name in a fresh directory, the reason the message gives] */
const PLACES: [string, (dir: string, file: string) => string, (path: string) => string][] = [
  ['a missing directory', (dir, file) => join(dir, 'missing', file), (path) => `directory ${join(path, '..')} does not exist`],
  ['a directory', (dir) => dir, (path) => `${path} is a directory`],
  ['a path under a file', (dir, file) => {
    writeFileSync(join(dir, 'plain'), '');
    return join(dir, 'plain', file);
  }, (path) => `a parent of ${path} is not a directory`],
];

describe('every output path is checked before the work starts', () => {
  for (const [argv, flag, file] of COMMANDS) {
    it.each(PLACES)(`${argv.slice(0, 2).join(' ')} ${flag} ${file}: %s`, async (_what, place, reason) => {
      started.length = 0;
      const path = place(fresh(), file);
      const { code, stdout, stderr } = await cli(...argv, flag, path);
      expect(stderr).toBe(`initlab: error: ${flag}=${JSON.stringify(path)}, expected a writable file path (${reason(path)})\n`);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(started).toEqual([]);
    });
  }

  it('the check runs at all: the recorders do record work (a writable path reaches it)', async () => {
    started.length = 0;
    const { code, stderr } = await cli('propagate', '--depth', '2', '--width', '4', '--report', join(fresh(), 'r.html'));
    expect(code).toBe(1);
    expect(stderr).toContain('propagate ran');
    expect(started).toEqual(['propagate']);
  });
});

describe('checkOutputPaths', () => {
  it('leaves nothing behind in a writable directory', () => {
    const dir = fresh();
    checkOutputPaths({ out: join(dir, 'w.npy'), report: join(dir, 'r.html'), save: join(dir, 's.safetensors') });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts an existing file, which the write replaces', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'r.html'), 'old');
    expect(() => checkOutputPaths({ report: join(dir, 'r.html') })).not.toThrow();
    expect(readdirSync(dir)).toEqual(['r.html']);
  });

  it('names the option it checks and ignores the others', () => {
    const path = join(fresh(), 'missing', 'w.npy');
    expect(() => checkOutputPaths({ save: path, json: true, depth: 3 })).toThrow(`--save=${JSON.stringify(path)}, expected a writable file path`);
  });
});

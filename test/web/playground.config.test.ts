// The playground's settings: their URL form, the CLI's messages for bad values, and the command
// "Copy CLI command" gives, which must train the very weights the playground holds.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTensors } from '../../src/io/index.js';
import { createSession } from '../../src/train/session.js';
import { parseField, parsePlaygroundQuery, PLAYGROUND_DEFAULTS, playgroundQuery, sessionConfig, trainCommand } from '../../web/playground/config.js';
import { cli, scratch } from '../cli/cli.js';

const dirs = scratch('initlab-playground-');

/** The words of a command line as a POSIX shell splits it (bare words and single quotes). */
function words(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]));
}

describe('playground settings', () => {
  it('round-trip through the URL query, with the train command flag names', () => {
    const config = { ...PLAYGROUND_DEFAULTS, data: 'circles' as const, depth: 5, width: 32, activation: 'relu', init: 'normal(std=0.1)', lr: 0.1, momentum: 0.9 };
    const query = playgroundQuery(config);
    expect(query).toBe('data=circles&depth=5&width=32&activation=relu&init=normal(std%3D0.1)&lr=0.1&batch=10&seed=0&momentum=0.9');
    expect(parsePlaygroundQuery(query)).toEqual(config);
    expect(parsePlaygroundQuery('')).toEqual(PLAYGROUND_DEFAULTS);
  });

  it("refuse bad values with the CLI's message", () => {
    expect(() => parsePlaygroundQuery('data=mnist')).toThrow('--data="mnist", expected one of "spirals", "circles", "blobs"');
    expect(() => parseField('depth', '0')).toThrow('--depth="0", expected an integer in [1, 100]');
    expect(() => parseField('lr', '-1')).toThrow('--lr="-1", expected a learning rate > 0');
    expect(() => parseField('lr', 'fast')).toThrow('--lr="fast", expected a finite decimal number, e.g. 0.2');
    expect(() => parseField('momentum', '1')).toThrow('--momentum="1", expected a number in [0, 1)');
  });

  it('give a train command that ends with the weights the playground holds, byte for byte', async () => {
    const config = { ...PLAYGROUND_DEFAULTS, data: 'blobs' as const, depth: 2, width: 8, init: 'he_normal', activation: 'relu', lr: 0.05 };
    const session = createSession(sessionConfig(config));
    session.step(37);
    const command = trainCommand(config, session.updates);
    expect(command).toBe('initlab train --data blobs --depth 2 --width 8 --activation relu --init he_normal --lr 0.05 --batch 10 --seed 0 --updates 37');
    const file = join(dirs.fresh(), 'w.safetensors');
    const run = await cli(...words(command).slice(1), '--monitor', '0', '--save', file);
    expect(run.stderr).toBe('');
    const saved = readTensors(file);
    session.model.weights.forEach((w, i) => expect(saved[`layer${i + 1}/weight`].data).toEqual(w));
    session.model.biases.forEach((b, i) => expect(saved[`layer${i + 1}/bias`].data).toEqual(b));
    expect(words("initlab train --init 'normal(std=0.1)'")).toEqual(['initlab', 'train', '--init', 'normal(std=0.1)']);
    expect(trainCommand({ ...config, init: 'normal(std=0.1)' }, 5)).toContain("--init 'normal(std=0.1)'");
  });
});

import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/cli/version.js';
import { cli } from './cli.js';

describe('run', () => {
  it('--version and --help print on stdout and exit 0', async () => {
    expect(await cli('--version')).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: initlab \[options\] \[command\]/);
    for (const command of ['sample', 'gain', 'fans', 'list']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const sample = await cli('sample', '--help');
    expect(sample.code).toBe(0);
    expect(sample.stdout).toContain('foldIn(keyFromSeed(seed), name)');
  });

  it('with no command: the help on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await cli();
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: initlab/);
  });

  it('reads its version from package.json', () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});

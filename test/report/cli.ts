/**
 * Drives the lab's commands the way src/cli/run.ts does (commander with exitOverride, errors as
 * one line and exit code 2), on string buffers.
 */
import { Command, CommanderError } from 'commander';
import { experimentCommand } from '../../src/cli/commands/experiment.js';
import { propagateCommand } from '../../src/cli/commands/propagate.js';
import { theoryCommand } from '../../src/cli/commands/theory.js';
import { ArgumentError } from '../../src/errors.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(argv: readonly string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s) };
  const program = new Command('initlab')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => {} });
  propagateCommand(program, io);
  theoryCommand(program, io);
  experimentCommand(program, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return { code: 0, out, err };
  } catch (e) {
    if (e instanceof ArgumentError) return { code: 2, out, err: `${err}initlab: error: ${e.message}\n` };
    if (e instanceof CommanderError) return { code: e.exitCode === 0 ? 0 : 2, out, err: `${err}initlab: error: ${e.message.replace(/^error: /, '')}\n` };
    throw e;
  }
}

/**
 * Usage errors the command line raises itself, worded as commander words its own; `run.ts`
 * prints them as `initlab: error: ...` with exit code 2.
 */
import { CommanderError } from 'commander';

/**
 * A usage error for a command argument that was not given, worded as commander words a missing
 * required one, with what it takes: `missing required argument 'activation': one of relu, tanh, ...`
 * (an argument that is optional in the grammar because a flag such as `--table` replaces it).
 */
export function missingArgument(name: string, expected: string): never {
  throw new CommanderError(2, 'commander.missingArgument', `error: missing required argument '${name}': ${expected}`);
}

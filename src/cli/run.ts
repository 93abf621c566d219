/**
 * The `initlab` command line as a function: `run(argv, io)` parses `argv` (the arguments after
 * the program name), runs the command, writes through `io` and returns the exit code, so tests
 * drive the whole CLI without a process.
 *
 * Exit codes: 0 done; 2 bad input, reported as one line `initlab: error: <message>` (an
 * ArgumentError from initlab, or a usage error from commander: unknown option or command, missing
 * or extra argument); 1 anything else, which is a bug and is reported with its stack.
 */
import { Command, CommanderError } from 'commander';
import { ArgumentError } from '../errors.js';
import { BACKENDS, configureKernels, type BackendChoice } from '../kernels/index.js';
import { integer, oneOf } from './args.js';
import { experimentCommand } from './commands/experiment.js';
import { inspectCommand } from './commands/inspect.js';
import { initModelCommand } from './commands/initModel.js';
import { propagateCommand } from './commands/propagate.js';
import { serveCommand } from './commands/serve.js';
import { theoryCommand } from './commands/theory.js';
import { trainCommand } from './commands/train.js';
import { fansCommand } from './fans.js';
import { gainCommand } from './gain.js';
import { listCommand } from './list.js';
import { checkOutputPaths } from './outputs.js';
import type { Io } from './output.js';
import { sampleCommand } from './sample.js';
import { VERSION } from './version.js';

export type { Io } from './output.js';

/** The program with its commands; settings given here are inherited by every command. */
function program(io: Io): Command {
  const initlab = new Command('initlab')
    .description('Neural-network weight initialization with framework-exact semantics and reproducible randomness.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .helpCommand(false)
    .exitOverride()
    .showSuggestionAfterError(true)
    .option('--backend <backend>', `kernels: ${BACKENDS.join(', ')} (default: $INITLAB_BACKEND or auto = wasm where WebAssembly SIMD exists)`, oneOf('--backend', BACKENDS))
    .option('--threads <n>', 'threads for the kernels (default: $INITLAB_THREADS or every core)', integer('--threads', 1, 256))
    .hook('preAction', (root, command) => {
      const o = root.opts<{ backend?: BackendChoice; threads?: number }>();
      if (o.backend !== undefined || o.threads !== undefined) configureKernels(o);
      checkOutputPaths(command.opts());
    })
    // Errors are reported by run() in one line; help and --version go to stdout.
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => {} });
  sampleCommand(initlab, io);
  gainCommand(initlab, io);
  fansCommand(initlab, io);
  listCommand(initlab, io);
  propagateCommand(initlab, io);
  theoryCommand(initlab, io);
  experimentCommand(initlab, io);
  trainCommand(initlab, io);
  inspectCommand(initlab, io);
  serveCommand(initlab, io);
  initModelCommand(initlab, io);
  return initlab;
}

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    await program(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    return report(e, io);
  }
}

function report(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return 0; // --help, --version
    // Commander printed the help itself (a bare `initlab`): that is the whole message.
    if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync') return 2;
    return error(io, e.message.replace(/^error: /, ''));
  }
  if (e instanceof ArgumentError) return error(io, e.message);
  io.stderr(`initlab: internal error (a bug in initlab; please report it with the command line):\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}

/** Prints `initlab: error: <message>` on one line and returns exit code 2. */
function error(io: Io, message: string): number {
  io.stderr(`initlab: error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return 2;
}

/**
 * The files a command will write (`--out`, `--report`, `--save`), checked before it starts any
 * work: a path in a missing directory, a directory, or a read-only place fails at once with the
 * error the write would give at the end (`--report="out/r.html", expected a writable file path
 * (directory out does not exist)`), not after minutes of sampling, propagating or training.
 */
import { checkWritable } from '../io/index.js';

/** Every option of any command that names a file the command writes. */
export const OUTPUT_OPTIONS = ['out', 'report', 'save'] as const;

/** Checks every output path among a command's parsed options (run.ts calls it before each command's action). */
export function checkOutputPaths(options: Readonly<Record<string, unknown>>): void {
  for (const name of OUTPUT_OPTIONS) {
    const path = options[name];
    if (typeof path === 'string') checkWritable(`--${name}`, path);
  }
}

/** Drives the CLI in-process for the tests: `run()` with captured stdout and stderr. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { run } from '../../src/cli/run.js';

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `initlab ...argv` and returns the exit code and everything written. */
export async function cli(...argv: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** Runs a command that must succeed with nothing on stderr, and parses its one JSON line. */
export async function cliJson(...argv: string[]): Promise<Record<string, any>> {
  const { code, stdout, stderr } = await cli(...argv, '--json');
  if (code !== 0) throw new Error(`initlab ${argv.join(' ')} --json exited ${code}: ${stderr}`);
  const lines = stdout.trimEnd().split('\n');
  if (lines.length !== 1) throw new Error(`expected one JSON line, got ${lines.length}`);
  return JSON.parse(lines[0]) as Record<string, any>;
}

/** A temporary directory for one test file, removed after its tests; `fresh()` gives a new subdirectory. */
export function scratch(prefix: string): { fresh: () => string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let count = 0;
  return {
    fresh: () => {
      const dir = join(root, String(count++));
      mkdirSync(dir);
      return dir;
    },
  };
}

#!/usr/bin/env node
/**
 * The `initlab` executable: runs the CLI on the process's arguments and streams. The default
 * job, with nothing to configure, is `initlab sample` (kaiming_normal on a 256 x 784 weight).
 */
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
});

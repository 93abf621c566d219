/**
 * The lab's memory limit on the command line: `--memory-limit SIZE` on the commands that run lab
 * networks (`propagate`, `experiment`), a size as ./size.ts reads it (`512MB`, `4GiB`).
 *
 * The default is half of this machine's memory (`os.totalmem()`), read here and only here: the
 * lab itself takes the limit as a number (../lab/config.ts `memoryLimit`), so it runs unchanged
 * in a browser. Float32 runs also have to fit in the WebAssembly kernels' memory, whatever the
 * limit (../lab/config.ts `KERNEL_CAPACITY`).
 */
import { totalmem } from 'node:os';
import { fail } from '../errors.js';
import { formatBytes, KERNEL_CAPACITY } from '../lab/config.js';
import { once, type Parser } from './args.js';
import { parseSize } from './size.js';

/** `--memory-limit SIZE`: at most this machine's memory. */
export function memoryLimit(option = '--memory-limit'): Parser<number> {
  return once(option, (text) => {
    const bytes = parseSize(option, text);
    const machine = totalmem();
    if (bytes > machine) fail(option, text, `at most this machine's memory, ${formatBytes(machine)}`);
    return bytes;
  });
}

/** The default limit: half of this machine's memory. */
export function defaultMemoryLimit(): number {
  return Math.floor(totalmem() / 2);
}

/** `--memory-limit`'s line in `--help`, with the default on this machine. */
export function memoryLimitHelp(): string {
  return `bytes a run may hold at once, e.g. 512MB or 4GiB (default: half this machine's memory, ${formatBytes(defaultMemoryLimit())}; `
    + `float32 runs also fit in the WebAssembly kernels' ${formatBytes(KERNEL_CAPACITY)})`;
}

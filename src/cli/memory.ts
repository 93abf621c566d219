/**
 * The lab's memory limit on the command line: `--memory-limit SIZE` on the commands that run lab
 * networks (`propagate`, `experiment`). A size is bytes (`1073741824`) or a number with a unit:
 * B, KB, MB, GB, TB count powers of 1000, KiB, MiB, GiB, TiB (and K, M, G, T) powers of 1024,
 * in any case, with or without a space (`512MB`, `4GiB`, `1.5 G`).
 *
 * The default is half of this machine's memory (`os.totalmem()`), read here and only here: the
 * lab itself takes the limit as a number (../lab/config.ts `memoryLimit`), so it runs unchanged
 * in a browser. Float32 runs also have to fit in the WebAssembly kernels' memory, whatever the
 * limit (../lab/config.ts `KERNEL_CAPACITY`).
 *
 * @example
 * parseSize('--memory-limit', '512MB'); // 512000000
 * parseSize('--memory-limit', '4GiB');  // 4294967296
 */
import { totalmem } from 'node:os';
import { fail } from '../errors.js';
import { formatBytes, KERNEL_CAPACITY } from '../lab/config.js';
import { once, type Parser } from './args.js';

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12,
  kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40,
  k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40,
};

const SIZE = /^(\d+\.?\d*|\.\d+)\s*([a-z]*)$/i;

const EXPECTED = 'a size in bytes, e.g. 4GiB, 512MB or 1073741824 (units B, KB, MB, GB, TB: powers of 1000; KiB, MiB, GiB, TiB or K, M, G, T: powers of 1024)';

/** Bytes of a size such as `512MB` or `4GiB` (whole bytes, rounded down), at least 1. */
export function parseSize(option: string, text: string): number {
  const m = SIZE.exec(text.trim());
  const unit = m === null ? undefined : UNITS[m[2].toLowerCase()] ?? (m[2] === '' ? 1 : undefined);
  if (m === null || unit === undefined) fail(option, text, EXPECTED);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (!(bytes >= 1) || !Number.isSafeInteger(bytes)) fail(option, text, `${EXPECTED}, at least 1 byte`);
  return bytes;
}

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

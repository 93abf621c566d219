/**
 * Sizes in bytes as people write them: bytes (`1073741824`) or a number with a unit: B, KB, MB,
 * GB, TB count powers of 1000, KiB, MiB, GiB, TiB (and K, M, G, T) powers of 1024, in any case,
 * with or without a space (`512MB`, `4GiB`, `1.5 G`). The command line's `--memory-limit`
 * (./memory.ts) and the explorer page's memory field read them alike; this module imports no
 * Node built-in, so the page can bundle it.
 *
 * @example
 * parseSize('--memory-limit', '512MB'); // 512000000
 * parseSize('--memory-limit', '4GiB');  // 4294967296
 */
import { fail } from '../errors.js';

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

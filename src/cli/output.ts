/**
 * What the commands print with: the output sink, number formats, aligned tables and JSON.
 *
 * Numbers that are parameters (a std, a bound, a gain) are printed with 15 significant digits,
 * enough to paste back into a spec; measured statistics with 6, since their sampling error
 * makes more digits noise.
 */

/** Where a command writes: the process streams in `main.ts`, string buffers in tests. */
export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
}

/** Writes each line followed by a newline on stdout. */
export function print(io: Io, lines: readonly string[]): void {
  io.stdout(lines.map((l) => `${l}\n`).join(''));
}

/**
 * Writes one JSON value on one line. JSON has no infinities or NaN: `JSON.stringify` writes them
 * as null, so an unbounded support (the min of a normal law) reads as null.
 */
export function printJson(io: Io, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

/** 15 significant digits (`0.0589255650988790`); integers in full, `inf`/`-inf`/`NaN` spelled out. */
export function precise(x: number): string {
  return nonFinite(x) ?? (Number.isInteger(x) ? String(x) : x.toPrecision(15));
}

/** 6 significant digits without trailing zeros (`0.0589256`), for measured values. */
export function short(x: number): string {
  return nonFinite(x) ?? String(Number(x.toPrecision(6)));
}

/** `[64, 32, 3, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Columns padded to their widest cell, separated by two spaces, trailing spaces trimmed. The last
 * cell of a row is never padded and so never widens its column: a short row can end in one long
 * cell (`torch  error: ...`) that runs across the columns of the others.
 */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.slice(0, -1).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]) : cell)).join('  '));
}

/** `gain 1.41421356237310, mode fan_out`: numbers {@link precise}, strings as they are. */
export function formatRecord(record: Readonly<Record<string, number | string>>): string {
  return Object.entries(record)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? precise(v) : v}`)
    .join(', ');
}

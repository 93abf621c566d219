/**
 * Errors initlab raises for bad input. Every message has the form
 * `name=value, expected ...` so a user sees the argument, what they passed and what would work.
 * The CLI prints `error: <message>` for these and exits 2; any other exception is a bug.
 */
export class ArgumentError extends RangeError {
  override readonly name = 'ArgumentError';
  constructor(
    readonly argument: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${argument}=${formatValue(value)}, expected ${expected}`);
  }
}

/** Compact, unambiguous rendering of a user value for error messages. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(',')}]`;
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws an {@link ArgumentError}; typed `never` so it can end an expression. */
export function fail(argument: string, value: unknown, expected: string): never {
  throw new ArgumentError(argument, value, expected);
}

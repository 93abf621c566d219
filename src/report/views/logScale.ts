/**
 * The one rule every log-scale view follows. A log scale has no place for 0 or a negative value:
 * data that are all zero would make Vega stretch the scale to the float limits (an SVG 1.8e308 px
 * wide). So a view asks {@link logDomain} first: with no positive finite value it states the fact
 * ("every value is exactly 0") instead of drawing; otherwise it gets a domain clipped to sane
 * decades, taken from the well-behaved series when there are any, so that one series blowing up
 * cannot flatten the others (it leaves the chart at the edge, where the view puts its marker).
 */

/** Log domains never reach beyond [1e-40, 1e40]: past that a float32 tensor has overflowed or underflowed. */
export const LOG_LIMITS: readonly [number, number] = [1e-40, 1e40];

/**
 * Log-axis labels (a Vega expression): powers of ten only (the ticks between stay unlabelled),
 * plain from 0.001 to 1000, else as 1e-30, 1e+12.
 */
export const LOG_LABEL = "abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) > 1e-6 ? '' : datum.value >= 0.001 && datum.value <= 1000 ? format(datum.value, '~g') : format(datum.value, '.0e')";

/** A log domain spans at least this many decades (a flat line stays readable). */
const MIN_DECADES = 2;

export type LogDomain =
  | { readonly drawable: true; readonly domain: [number, number] }
  | { readonly drawable: false; readonly fact: string };

/** Why nothing positive can be drawn: all zeros, zeros and negatives, or no value at all. */
function factOf(values: readonly number[]): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return values.length === 0 ? 'no value to draw yet' : 'no finite value to draw (every value overflowed)';
  if (finite.every((v) => v === 0)) return 'every value is exactly 0, which a log scale cannot show';
  return 'no positive value to draw on a log scale (every value is 0 or negative)';
}

/**
 * The domain of a log-scale chart of `values`; `focus` (a subset, e.g. the series without a
 * blow-up and the theory) decides the domain when it has positive values. Values are widened by a
 * factor of 2 on each side, to at least two decades, then clipped to {@link LOG_LIMITS}.
 */
export function logDomain(values: readonly number[], focus: readonly number[] = values): LogDomain {
  const positive = (xs: readonly number[]) => xs.filter((v) => Number.isFinite(v) && v > 0);
  const all = positive(values);
  if (all.length === 0) return { drawable: false, fact: factOf(values) };
  const chosen = positive(focus);
  const from = chosen.length > 0 ? chosen : all;
  let lo = Math.log10(Math.min(...from)) - Math.log10(2);
  let hi = Math.log10(Math.max(...from)) + Math.log10(2);
  if (hi - lo < MIN_DECADES) {
    const mid = (hi + lo) / 2;
    lo = mid - MIN_DECADES / 2;
    hi = mid + MIN_DECADES / 2;
  }
  lo = Math.max(Math.log10(LOG_LIMITS[0]), Math.floor(lo));
  hi = Math.min(Math.log10(LOG_LIMITS[1]), Math.ceil(hi));
  return { drawable: true, domain: [10 ** lo, 10 ** hi] };
}

/** A linear domain from the focus values (all values when focus has none), padded by 5%. */
export function linearDomain(values: readonly number[], focus: readonly number[] = values): [number, number] | null {
  const finite = (xs: readonly number[]) => xs.filter(Number.isFinite);
  const chosen = finite(focus).length > 0 ? finite(focus) : finite(values);
  if (chosen.length === 0) return null;
  const lo = Math.min(...chosen);
  const hi = Math.max(...chosen);
  const pad = hi > lo ? 0.05 * (hi - lo) : Math.max(Math.abs(hi) * 0.5, 1e-3);
  return [lo - pad, hi + pad];
}

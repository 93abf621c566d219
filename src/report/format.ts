/** Number formats and layer selections shared by the text reports. */

/** 4 significant digits (`0.03921`, `1.234e-12`), `inf`, `-inf`, `NaN`, `-` for null. */
export function num(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined) return '-';
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
}

/** Signed relative difference measured/predicted - 1 in percent (`+3.1%`), `-` if either is missing. */
/** q* as a number, or `every q (marginal)` when every length is a fixed point of the map. */
export function qStarText(qStar: number | null | undefined, marginal: boolean | undefined, digits = 4): string {
  return marginal === true ? 'every q (marginal)' : num(qStar, digits);
}

export function discrepancy(measured: number | null | undefined, predicted: number | null | undefined): string {
  if (measured === null || measured === undefined || predicted === null || predicted === undefined || predicted === 0) return '-';
  const d = (measured / predicted - 1) * 100;
  if (!Number.isFinite(d)) return '-';
  const s = Math.abs(d) >= 1000 ? d.toExponential(1) : d.toFixed(1);
  return `${d >= 0 ? '+' : ''}${s}%`;
}

/** A fraction as a percentage (`12.5%`), `-` for undefined. */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '-' : `${Number((100 * x).toPrecision(3))}%`;
}

/**
 * The layers a table shows for a deep net: 1, 2, 5, 10, 20, 50, 100, 200, ... up to the depth,
 * the last layer, and the given extra layers (where events happened). Every layer up to 12.
 */
export function layerSelection(depth: number, extra: readonly number[] = []): number[] {
  const set = new Set<number>();
  if (depth <= 12) for (let l = 1; l <= depth; l++) set.add(l);
  for (let scale = 1; scale <= depth; scale *= 10) for (const m of [1, 2, 5]) if (m * scale <= depth) set.add(m * scale);
  set.add(depth);
  for (const l of extra) if (l >= 1 && l <= depth) set.add(l);
  return [...set].sort((a, b) => a - b);
}

/** Columns padded to their widest cell, two spaces apart (numbers right-aligned). */
export function columns(rows: readonly (readonly string[])[], rightAlign = true): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((row) => row.map((c, i) => (rightAlign && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd());
}

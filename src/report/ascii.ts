/**
 * Small charts for the terminal: a sparkline and a log-scale plot of a quantity over depth, with
 * the theory drawn beside the measurement.
 *
 * Example: `sparkline([1, 2, 4, 8])` is `▁▂▄█` (log scale: `▁▃▆█`).
 */

const BARS = '▁▂▃▄▅▆▇█';

/** One character per value, scaled between the finite min and max (log10 when `log`); gaps as ' '. */
export function sparkline(values: readonly (number | null)[], log = true): string {
  const t = values.map((v) => (v === null || !Number.isFinite(v) || (log && v <= 0) ? null : log ? Math.log10(v) : v));
  const finite = t.filter((v): v is number => v !== null);
  if (finite.length === 0) return ' '.repeat(values.length);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return t.map((v) => (v === null ? ' ' : BARS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))])).join('');
}

export interface Series {
  readonly label: string;
  readonly mark: string;
  readonly values: readonly (number | null)[];
}

/**
 * A `rows` x (at most `cols`) plot of several series on a log10 y axis over layers 1..n (layers
 * grouped into columns by their median). Later series are drawn over earlier ones.
 */
export function logPlot(series: readonly Series[], rows = 8, cols = 60): string[] {
  const n = Math.max(...series.map((s) => s.values.length));
  const width = Math.min(cols, n);
  const group = (values: readonly (number | null)[], c: number): number | null => {
    const from = Math.floor((c * n) / width);
    const to = Math.max(from + 1, Math.floor(((c + 1) * n) / width));
    const xs = values.slice(from, to).filter((v): v is number => v !== null && Number.isFinite(v) && v > 0).sort((a, b) => a - b);
    return xs.length === 0 ? null : Math.log10(xs[xs.length >> 1]);
  };
  const grid = series.map((s) => Array.from({ length: width }, (_, c) => group(s.values, c)));
  const all = grid.flat().filter((v): v is number => v !== null);
  if (all.length === 0) return ['(nothing finite to plot)'];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  const canvas = Array.from({ length: rows }, () => Array.from({ length: width }, () => ' '));
  grid.forEach((g, k) => g.forEach((v, c) => {
    if (v === null) return;
    const r = rows - 1 - Math.round(((v - lo) / (hi - lo)) * (rows - 1));
    canvas[r][c] = series[k].mark;
  }));
  const label = (e: number) => (10 ** e).toPrecision(2).replace(/e\+?/, 'e').padStart(8);
  return [
    ...canvas.map((row, r) => `${r === 0 ? label(hi) : r === rows - 1 ? label(lo) : ' '.repeat(8)} │${row.join('')}`),
    `${' '.repeat(8)} └${'─'.repeat(width)}`,
    `${' '.repeat(10)}layer 1${' '.repeat(Math.max(1, width - 7 - String(n).length - 6))}layer ${n}`,
    `${' '.repeat(10)}${series.map((s) => `${s.mark} ${s.label}`).join('   ')}`,
  ];
}

/**
 * The playground's live pictures on canvases (redrawn every frame, so no chart library): line
 * charts of a few series over training, on a linear or log axis, and the decision boundary as a
 * heat map of class probabilities under the data points. Colours are Okabe and Ito's
 * colour-blind-safe set.
 */
import type { Boundary } from '../../src/train/session.js';

/** Okabe-Ito: orange, sky blue, bluish green, blue, vermillion, reddish purple, yellow. */
export const CLASS_COLOURS = ['#E69F00', '#0072B2', '#009E73', '#56B4E9', '#D55E00', '#CC79A7', '#F0E442'] as const;

export interface Series {
  readonly label: string;
  readonly colour: string;
  /** y per x; non-finite values (and, on a log axis, values ≤ 0) leave a gap. */
  readonly y: readonly number[];
  readonly dashed?: boolean;
}

export interface LineChart {
  readonly x: readonly number[];
  readonly series: readonly Series[];
  readonly log?: boolean;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Fixed y range (linear axis), e.g. [0, 1] for an error rate. */
  readonly yRange?: readonly [number, number];
  /** Said in the plot area while no value can be drawn (e.g. every value 0 on a log axis). */
  readonly emptyText?: string;
}

/** A canvas sized for its CSS box at the screen's pixel density; returns its context and CSS size. */
function prepare(canvas: HTMLCanvasElement): { g: CanvasRenderingContext2D; w: number; h: number } {
  const ratio = window.devicePixelRatio ?? 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const g = canvas.getContext('2d')!;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, w, h);
  return { g, w, h };
}

/** Ticks for [lo, hi]: about `count` round numbers (linear) or the powers of ten (log10 values). */
function ticks(lo: number, hi: number, count: number, log: boolean): number[] {
  if (log) {
    const step = Math.max(1, Math.ceil((Math.floor(hi) - Math.ceil(lo)) / count));
    const out: number[] = [];
    for (let e = Math.ceil(lo); e <= hi; e += step) out.push(e);
    return out;
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function formatTick(v: number, log: boolean): string {
  if (log) return v === 0 ? '1' : `1e${v}`;
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return v.toLocaleString('en');
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(0) : String(Number(v.toPrecision(3)));
}

/** Draws a line chart (axes and labels only while there is no point to draw). */
export function drawLineChart(canvas: HTMLCanvasElement, chart: LineChart): void {
  const { g, w, h } = prepare(canvas);
  const log = chart.log === true;
  const tf = (v: number) => (log ? (v > 0 ? Math.log10(v) : NaN) : v);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of chart.series) for (const v of s.y) {
    const t = tf(v);
    if (Number.isFinite(t)) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
  }
  if (chart.yRange !== undefined) [lo, hi] = [Math.min(lo, chart.yRange[0]), Math.max(hi, chart.yRange[1])];
  const left = 48;
  const right = 18;
  const top = 8;
  const bottom = 30;
  g.font = '11px system-ui, sans-serif';
  g.fillStyle = '#5b6475';
  g.strokeStyle = '#d9dee7';
  g.lineWidth = 1;
  g.strokeRect(left, top, w - left - right, h - top - bottom);
  g.textAlign = 'center';
  g.fillText(chart.xLabel, left + (w - left - right) / 2, h - 4);
  g.save();
  g.translate(11, top + (h - top - bottom) / 2);
  g.rotate(-Math.PI / 2);
  g.fillText(chart.yLabel, 0, 0);
  g.restore();
  const n = chart.x.length;
  if (!Number.isFinite(lo) || n === 0) {
    if (n > 0 && chart.emptyText !== undefined) g.fillText(chart.emptyText, left + (w - left - right) / 2, top + (h - top - bottom) / 2);
    return;
  }
  if (hi - lo < 1e-12) {
    const pad = log ? 0.5 : Math.max(Math.abs(lo) * 0.1, 0.05);
    lo -= pad;
    hi += pad;
  }
  const x0 = chart.x[0];
  const x1 = Math.max(chart.x[n - 1], x0 + 1);
  const px = (x: number) => left + ((x - x0) / (x1 - x0)) * (w - left - right);
  const py = (t: number) => top + (1 - (t - lo) / (hi - lo)) * (h - top - bottom);
  g.textAlign = 'right';
  for (const t of ticks(lo, hi, 4, log)) {
    g.fillStyle = '#5b6475';
    g.fillText(formatTick(t, log), left - 4, py(t) + 4);
    g.strokeStyle = '#eef1f5';
    g.beginPath();
    g.moveTo(left + 1, py(t));
    g.lineTo(w - right - 1, py(t));
    g.stroke();
  }
  g.textAlign = 'center';
  g.fillStyle = '#5b6475';
  for (const t of ticks(x0, x1, 4, false)) g.fillText(formatTick(t, false), px(t), h - bottom + 13);
  g.lineWidth = 1.6;
  for (const s of chart.series) {
    g.strokeStyle = s.colour;
    g.setLineDash(s.dashed === true ? [4, 3] : []);
    g.beginPath();
    let pen = false;
    for (let i = 0; i < n; i++) {
      const t = tf(s.y[i]);
      if (!Number.isFinite(t)) {
        pen = false;
        continue;
      }
      if (pen) g.lineTo(px(chart.x[i]), py(t));
      else g.moveTo(px(chart.x[i]), py(t));
      pen = true;
    }
    g.stroke();
  }
  g.setLineDash([]);
}

function rgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/**
 * The decision boundary: each grid cell takes the class colours mixed by the model's
 * probabilities, washed towards white where the model is unsure; then the points, in their
 * class's colour with a dark rim.
 */
export function drawBoundary(canvas: HTMLCanvasElement, b: Boundary, points: { readonly inputs: Float32Array; readonly labels: Int32Array }): void {
  const { g, w, h } = prepare(canvas);
  const { n, classes, probs } = b;
  const image = new ImageData(n, n);
  const colours = CLASS_COLOURS.slice(0, classes).map(rgb);
  for (let p = 0; p < n * n; p++) {
    let best = 0;
    const mix = [0, 0, 0];
    for (let c = 0; c < classes; c++) {
      const q = probs[p * classes + c];
      best = Math.max(best, q);
      for (let k = 0; k < 3; k++) mix[k] += q * colours[c][k];
    }
    // Confidence from chance (1/classes) to certainty (1) sets how far from white the cell is.
    const strength = 0.15 + 0.55 * Math.min(1, Math.max(0, (best - 1 / classes) / (1 - 1 / classes)));
    for (let k = 0; k < 3; k++) image.data[4 * p + k] = Math.round(255 + (mix[k] - 255) * strength);
    image.data[4 * p + 3] = 255;
  }
  const tile = document.createElement('canvas');
  tile.width = n;
  tile.height = n;
  tile.getContext('2d')!.putImageData(image, 0, 0);
  g.imageSmoothingEnabled = true;
  // Cell centres sit on the grid's range: half a cell of margin on each side.
  const cw = w / (n - 1);
  const ch = h / (n - 1);
  g.drawImage(tile, -cw / 2, -ch / 2, w + cw, h + ch);
  const sx = (x: number) => ((x - b.x[0]) / (b.x[1] - b.x[0])) * w;
  const sy = (y: number) => ((b.y[1] - y) / (b.y[1] - b.y[0])) * h;
  g.lineWidth = 0.8;
  g.strokeStyle = '#1d2433';
  for (let i = 0; i < points.labels.length; i++) {
    g.fillStyle = CLASS_COLOURS[points.labels[i]];
    g.beginPath();
    g.arc(sx(points.inputs[2 * i]), sy(points.inputs[2 * i + 1]), 2.6, 0, 2 * Math.PI);
    g.fill();
    g.stroke();
  }
}

/** A colour for layer `l` of `count` on a dark-blue to orange ramp (first layer blue, last orange). */
export function layerColour(l: number, count: number): string {
  const t = count <= 1 ? 0 : (l - 1) / (count - 1);
  const from = rgb('#0b3c8c');
  const to = rgb('#E69F00');
  const c = from.map((v, k) => Math.round(v + (to[k] - v) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

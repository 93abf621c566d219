/**
 * The mean-field phase diagram of an activation over (σ_w², σ_b²) (Poole et al. 2016; Schoenholz
 * et al. 2017): the correlation depth scale ξ_c = -1/ln χ_c on a regular grid of cells, and the
 * order-to-chaos line χ₁ = 1 inside the window. Pure theory, no I/O: the HTML reports and the
 * browser page both call it.
 *
 * The line is parametrized by q* (./critical.ts `criticalLine`); where that collapses to a point
 * (ReLU: χ₁ = σ_w²/2 whatever q*, so every q* maps to (2, 0)) χ₁ does not depend on q at all, and
 * the line is the vertical σ_w² = 2 through the whole window.
 *
 * @example
 * const { cells, line } = phaseDiagram(activation('tanh'), { sigmaW2: [0.25, 4], sigmaB2: [0, 0.5] });
 * cells[0].xiC; // depth scale at the first cell's centre, capped at 60
 */
import type { Activation } from '../../activations/index.js';
import { fail } from '../../errors.js';
import { criticalLine } from './critical.js';
import { meanField, type Verdict } from './summary.js';

/** One cell [w0, w1] x [b0, b1] of the grid, with the theory at its centre (σ_w², σ_b²). */
export interface PhaseCell {
  readonly w0: number;
  readonly w1: number;
  readonly b0: number;
  readonly b1: number;
  /** The cell's centre: a click on the cell means these values. */
  readonly sigmaW2: number;
  readonly sigmaB2: number;
  /** ξ_c capped at `cap` (an infinite depth scale shows as the cap). */
  readonly value: number;
  readonly chi1: number;
  readonly verdict: Verdict;
}

export interface PhasePoint {
  readonly sigmaW2: number;
  readonly sigmaB2: number;
}

export interface PhaseWindow {
  /** [low, high] of σ_w² (high > low ≥ 0). */
  readonly sigmaW2: readonly [number, number];
  /** [low, high] of σ_b² (high > low ≥ 0). */
  readonly sigmaB2: readonly [number, number];
  /** Cells along σ_w² (default 20) and σ_b² (default 10). */
  readonly nw?: number;
  readonly nb?: number;
  /** Cap on ξ_c for the colour scale (default 60). */
  readonly cap?: number;
}

export interface PhaseDiagram {
  readonly cells: PhaseCell[];
  /** The critical line χ₁ = 1 inside the window, ordered along the line. */
  readonly line: PhasePoint[];
  readonly cap: number;
}

function checkRange(name: string, r: readonly [number, number]): void {
  if (!(Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] >= 0 && r[1] > r[0])) fail(name, r, 'a range [low, high] with 0 <= low < high');
}

function checkCount(name: string, n: number): void {
  if (!(Number.isInteger(n) && n >= 1 && n <= 400)) fail(name, n, 'an integer from 1 to 400');
}

/** ξ_c (capped) on the grid's cell centres. */
export function phaseCells(phi: Activation, window: PhaseWindow): PhaseCell[] {
  const { sigmaW2: w, sigmaB2: b, nw = 20, nb = 10, cap = 60 } = window;
  checkRange('sigmaW2', w);
  checkRange('sigmaB2', b);
  checkCount('nw', nw);
  checkCount('nb', nb);
  const cells: PhaseCell[] = [];
  const dw = (w[1] - w[0]) / nw;
  const db = (b[1] - b[0]) / nb;
  for (let i = 0; i < nw; i++) {
    for (let j = 0; j < nb; j++) {
      const sigmaW2 = w[0] + (i + 0.5) * dw;
      const sigmaB2 = b[0] + (j + 0.5) * db;
      const mf = meanField(phi, sigmaW2, sigmaB2);
      cells.push({ w0: w[0] + i * dw, w1: w[0] + (i + 1) * dw, b0: b[0] + j * db, b1: b[0] + (j + 1) * db, sigmaW2, sigmaB2, value: Math.min(cap, mf.xiC), chi1: mf.chi1, verdict: mf.verdict });
    }
  }
  return cells;
}

/** The q* that parametrize the critical line: 1e-4 to 10, 200 points evenly spaced in log. */
const LINE_Q = Array.from({ length: 200 }, (_, i) => 10 ** (-4 + (i * 5) / 199));

/** The critical line χ₁ = 1 inside the window. */
export function phaseLine(phi: Activation, window: Pick<PhaseWindow, 'sigmaW2' | 'sigmaB2'>): PhasePoint[] {
  const { sigmaW2: w, sigmaB2: b } = window;
  const inside = (p: PhasePoint) => p.sigmaW2 >= w[0] && p.sigmaW2 <= w[1] && p.sigmaB2 >= b[0] && p.sigmaB2 <= b[1];
  const all = criticalLine(phi, LINE_Q).map(({ sigmaW2, sigmaB2 }) => ({ sigmaW2, sigmaB2 }));
  const spread = all.length === 0 ? 0 : Math.max(...all.map((p) => p.sigmaB2)) - Math.min(...all.map((p) => p.sigmaB2));
  if (all.length === 0 || spread > 1e-9) return all.filter(inside);
  // Every q* maps to one point: χ₁ does not depend on q, so χ₁ = 1 at that σ_w² for every σ_b².
  const sigmaW2 = all[0].sigmaW2;
  return sigmaW2 >= w[0] && sigmaW2 <= w[1] ? [{ sigmaW2, sigmaB2: b[0] }, { sigmaW2, sigmaB2: b[1] }] : [];
}

/** Cells and critical line of the window. */
export function phaseDiagram(phi: Activation, window: PhaseWindow): PhaseDiagram {
  return { cells: phaseCells(phi, window), line: phaseLine(phi, window), cap: window.cap ?? 60 };
}

/**
 * A window that shows the critical line and the given points: σ_w² from 0.25 to at least 4,
 * 1.5x the largest point and 1.3x the largest critical σ_w² up to the window's σ_b²; σ_b² from 0
 * to at least 0.5 and 1.5x the largest point.
 */
export function phaseWindow(phi: Activation, points: readonly PhasePoint[]): { sigmaW2: [number, number]; sigmaB2: [number, number] } {
  const bMax = Math.max(0.5, ...points.map((p) => 1.5 * p.sigmaB2));
  const critical = criticalLine(phi, LINE_Q).filter((p) => p.sigmaB2 <= bMax).map((p) => p.sigmaW2);
  const wMax = Math.max(4, ...critical.map((w) => 1.3 * w), ...points.map((p) => 1.5 * p.sigmaW2));
  return { sigmaW2: [0.25, wMax], sigmaB2: [0, bMax] };
}

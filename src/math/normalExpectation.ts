/**
 * Gaussian expectations for the mean-field theory, accurate where Gauss-Hermite is not.
 *
 * Gauss-Hermite (./gaussHermite.ts) converges geometrically only for integrands analytic
 * in a wide strip: tanh(√q z) has poles at distance π/(2√q) from the real axis, and 200 nodes give
 * E[tanh(√q z)²] to 1e-8 at q = 4 but only 1.4e-4 at q = 16 and 1.6e-2 at q = 100; kinks (ReLU's
 * first moment, hardtanh) converge algebraically. So:
 *
 * 1-D: E_{z~N(0,1)} of several functions at once, by adaptive Gauss-Legendre on [-12, 12] (the normal
 * mass outside is 4e-33): 10-point panels, starting from unit panels, each halved while its halves
 * disagree with it by more than 1e-14 of the component's total. Halving finds kinks wherever they
 * are, so ReLU's first moment E[max(0, μ + s z)] (kink at z = -μ/s), hardtanh's kinks at ±1 and
 * sharp transitions like tanh(s z) at large s all come out to ~1e-14, where Gauss-Hermite
 * converges only algebraically (2e-3 for E[relu(z)] at 200 nodes).
 *
 * One scheme for every Gaussian expectation with kinks: the computed gains (../init/gain.ts) and the lab's moments; a vector integrand
 * lets several moments share one set of panels.
 *
 * Example: `expectNormalAdaptive((z, out) => { out[0] = Math.max(0, z); }, 1)[0]` is 1/√(2π).
 */
import { gaussLegendre } from './gaussLegendre.js';
import { normalPdf } from './special.js';

const RANGE = 12;
const RELATIVE = 1e-14;
const MAX_SPLITS = 5000;

export interface AdaptiveOptions {
  /**
   * Each component's panels converge to `tol` (default 1e-14) of that component's own total
   * (`common` false, the default) or of the largest component's (`common` true: for a vector whose
   * small entries matter only next to the large ones, such as the Hermite coefficients of
   * ../lab/theory/mehler.ts, or moments that are added together).
   */
  readonly tol?: number;
  readonly common?: boolean;
}

/** E[f(z)] for a k-vector f written into `out` by `f(z, out)`. */
export function expectNormalAdaptive(f: (z: number, out: Float64Array) => void, k: number, options: AdaptiveOptions = {}): Float64Array {
  const tol = options.tol ?? RELATIVE;
  const { nodes, weights } = gaussLegendre(10);
  const value = new Float64Array(k);
  // Panels waiting to be checked, last in first out: ends in `ends`, sums in rows of `sums`.
  let ends = new Float64Array(2 * 64);
  let sums = new Float64Array(k * 64);
  let top = 0;
  /** Room for one more panel on the stack; returns the offset of its row. */
  const push = (a: number, b: number): number => {
    if (top === ends.length / 2) {
      const grownEnds = new Float64Array(2 * ends.length);
      grownEnds.set(ends);
      ends = grownEnds;
      const grownSums = new Float64Array(2 * sums.length);
      grownSums.set(sums);
      sums = grownSums;
    }
    ends[2 * top] = a;
    ends[2 * top + 1] = b;
    return k * top++;
  };
  /** The panel's sums into sum[at..at+k). */
  const panel = (a: number, b: number, sum: Float64Array, at: number): void => {
    const c = 0.5 * (a + b);
    const h = 0.5 * (b - a);
    sum.fill(0, at, at + k);
    for (let i = 0; i < nodes.length; i++) {
      const z = c + h * nodes[i];
      f(z, value);
      const w = h * weights[i] * normalPdf(z);
      for (let j = 0; j < k; j++) sum[at + j] += w * value[j];
    }
  };
  const scale = new Float64Array(k);
  for (let a = -RANGE; a < RANGE; a++) {
    const at = push(a, a + 1);
    panel(a, a + 1, sums, at);
    for (let j = 0; j < k; j++) scale[j] += Math.abs(sums[at + j]);
  }
  if (options.common === true) scale.fill(Math.max(...scale));
  const total = new Float64Array(k);
  // The halves of the panel being checked: left in [0, k), right in [k, 2k).
  const halves = new Float64Array(2 * k);
  let splits = 0;
  while (top > 0) {
    top--;
    const a = ends[2 * top];
    const b = ends[2 * top + 1];
    const at = k * top;
    const m = 0.5 * (a + b);
    panel(a, m, halves, 0);
    panel(m, b, halves, k);
    let converged = splits >= MAX_SPLITS;
    if (!converged) {
      converged = true;
      for (let j = 0; j < k; j++) {
        if (Math.abs(halves[j] + halves[k + j] - sums[at + j]) > tol * scale[j]) converged = false;
      }
    }
    if (converged) {
      for (let j = 0; j < k; j++) total[j] += halves[j] + halves[k + j];
    } else {
      splits++;
      const left = push(a, m);
      for (let j = 0; j < k; j++) sums[left + j] = halves[j];
      const right = push(m, b);
      for (let j = 0; j < k; j++) sums[right + j] = halves[k + j];
    }
  }
  return total;
}

/** Panel width and nodes per panel of the fixed 2-D rule. */
const PANEL = 0.5;
const PANEL_NODES = 8;
/** Node weights below this (|z| > ~9) are dropped: the mass beyond is ~1e-19. */
const MIN_WEIGHT = 1e-20;

let composite: { nodes: Float64Array; weights: Float64Array } | undefined;

/**
 * The composite rule for 2-D expectations: 8-point Gauss-Legendre on panels of width 1/2 over
 * [-10, 10] (0 is a panel edge), normal density folded into the weights, negligible weights
 * dropped: ~280 nodes, so one 2-D expectation is ~80 000 calls. An integrand analytic within
 * distance d of the real axis converges like ρ^{-16}, ρ = r + √(r² - 1), r = 4d (d over the
 * half-panel): for tanh(√q z), d = π/(2√q), ~1e-10 at q = 4 and ~1e-7 at q = 16.
 */
function compositeRule(): { nodes: Float64Array; weights: Float64Array } {
  if (composite) return composite;
  const { nodes, weights } = gaussLegendre(PANEL_NODES);
  const zs: number[] = [];
  const ws: number[] = [];
  const h = PANEL / 2;
  for (let a = -10; a < 10; a += PANEL) {
    for (let i = 0; i < nodes.length; i++) {
      const z = a + h + h * nodes[i];
      const w = h * weights[i] * normalPdf(z);
      if (w >= MIN_WEIGHT) {
        zs.push(z);
        ws.push(w);
      }
    }
  }
  composite = { nodes: Float64Array.from(zs), weights: Float64Array.from(ws) };
  return composite;
}

/**
 * E[g₁(u₁) g₂(u₂)] for u₁ = √q z₁, u₂ = √q (c z₁ + √(1 - c²) z₂), z₁, z₂ independent standard
 * normals: two pre-activations of second moment q and correlation c, by the tensor product of
 * {@link compositeRule} (g₁ once per outer node).
 */
export function expectPair(q: number, c: number, g1: (u: number) => number, g2: (u: number) => number): number {
  const { nodes, weights } = compositeRule();
  const s = Math.sqrt(Math.max(0, q));
  const cc = Math.min(1, Math.max(-1, c));
  const r = s * Math.sqrt(1 - cc * cc);
  const sc = s * cc;
  let sum = 0;
  for (let i = 0; i < nodes.length; i++) {
    const a = g1(s * nodes[i]);
    if (a === 0) continue;
    const shift = sc * nodes[i];
    let inner = 0;
    for (let j = 0; j < nodes.length; j++) inner += weights[j] * g2(shift + r * nodes[j]);
    sum += weights[i] * a * inner;
  }
  return sum;
}

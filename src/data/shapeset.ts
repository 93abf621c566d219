/**
 * Shapeset-3x2 (Glorot & Bengio 2010, §2.1): 32x32 grey images of one or two shapes among
 * triangle, parallelogram and ellipse; the label is the set of shapes present, ignoring which is
 * in front: the 3 single shapes and the 6 unordered pairs, 9 classes. The paper's generator was
 * not published; this follows a public reproduction's parameter ranges (an approximation, see
 * shared/reference/experiments.md §1.1):
 *
 * - centre U[0.25, 0.75]·32 per coordinate, scale s ~ U[0.15, 0.32]·32 pixels, rotation U[0, 2π),
 *   grey level U[0.3, 1.0] on a 0 background;
 * - in the shape's frame (units of s): triangle (-1, -0.8), (1, -0.8), (U[-0.8, 0.8], U[0.6, 1]);
 *   parallelogram of half-height h ~ U[0.4, 0.9] and slant σ ~ U[-0.6, 0.6], corners
 *   (-1-σ, -h), (1-σ, -h), (1+σ, h), (-1+σ, h); ellipse of semi-axes 1 and U[0.4, 0.9];
 * - a pixel belongs to a shape when its centre is inside; each shape covers at least 12 pixels,
 *   and the second shape covers at most 50% of the first one's pixels; a draw that breaks either
 *   rule is redrawn; either shape may be in front.
 *
 * Deterministic: example i is a pure function of (key, i) (attempt a draws its 16 uniforms under
 * foldIn(foldIn(key, i), a)), and its class is i mod 9, so any n consecutive examples hold
 * ⌊n/9⌋ or ⌈n/9⌉ of each class.
 */
import { foldIn, type Key } from '../random/key.js';
import { fillUniform } from '../random/uniform.js';
import { dataset, type Dataset } from './dataset.js';

export const SHAPESET_SIDE = 32;
export const SHAPESET_INPUT = SHAPESET_SIDE * SHAPESET_SIDE;
export const SHAPES = ['triangle', 'parallelogram', 'ellipse'] as const;

/** The 9 classes: the shapes present, as indices into {@link SHAPES}. */
export const SHAPESET_CLASSES: readonly (readonly number[])[] = [[0], [1], [2], [0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]];

export const MIN_PIXELS = 12;
export const MAX_OVERLAP = 0.5;
/** Redraws before giving up (a failure is a bug: a draw passes the rules with probability > 0.5). */
const MAX_ATTEMPTS = 1000;
const UNIFORMS = 16;

const lerp = (u: number, lo: number, hi: number) => lo + (hi - lo) * u;

/** One shape's pixel mask from 7 uniforms. */
function render(kind: number, u: Float64Array, o: number): Uint8Array {
  const n = SHAPESET_SIDE;
  const cx = lerp(u[o], 0.25, 0.75) * n;
  const cy = lerp(u[o + 1], 0.25, 0.75) * n;
  const s = lerp(u[o + 2], 0.15, 0.32) * n;
  const theta = 2 * Math.PI * u[o + 3];
  const a = u[o + 5];
  const b = u[o + 6];
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  let inside: (x: number, y: number) => boolean;
  if (kind === 2) {
    const r = lerp(a, 0.4, 0.9);
    inside = (x, y) => x * x + (y * y) / (r * r) <= 1;
  } else {
    const corners = kind === 0
      ? [[-1, -0.8], [1, -0.8], [lerp(a, -0.8, 0.8), lerp(b, 0.6, 1)]]
      : (() => {
        const h = lerp(a, 0.4, 0.9);
        const slant = lerp(b, -0.6, 0.6);
        return [[-1 - slant, -h], [1 - slant, -h], [1 + slant, h], [-1 + slant, h]];
      })();
    inside = (x, y) => convexContains(corners, x, y);
  }
  const mask = new Uint8Array(n * n);
  for (let py = 0; py < n; py++) {
    for (let px = 0; px < n; px++) {
      const dx = px + 0.5 - cx;
      const dy = py + 0.5 - cy;
      if (inside((cos * dx + sin * dy) / s, (-sin * dx + cos * dy) / s)) mask[py * n + px] = 1;
    }
  }
  return mask;
}

/** Whether (x, y) is inside the convex polygon (corners in either orientation). */
function convexContains(corners: readonly (readonly number[])[], x: number, y: number): boolean {
  let sign = 0;
  for (let i = 0; i < corners.length; i++) {
    const [x0, y0] = corners[i];
    const [x1, y1] = corners[(i + 1) % corners.length];
    const cross = (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0);
    if (cross === 0) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

const count = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);

export interface ShapesetImage {
  readonly pixels: Float32Array;
  readonly label: number;
  /** Pixel masks of the shapes, in the order they were placed (for tests of the rules). */
  readonly masks: readonly Uint8Array[];
}

/** Example i of the stream under `key`. */
export function shapesetImage(key: Key, i: number): ShapesetImage {
  const label = i % SHAPESET_CLASSES.length;
  const example = foldIn(key, i);
  const u = new Float64Array(UNIFORMS);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    fillUniform(foldIn(example, attempt), u);
    const kinds = [...SHAPESET_CLASSES[label]];
    if (kinds.length === 2 && u[14] < 0.5) kinds.reverse();
    const masks = kinds.map((k, j) => render(k, u, 7 * j));
    const areas = masks.map(count);
    if (areas.some((a) => a < MIN_PIXELS)) continue;
    if (masks.length === 2) {
      let overlap = 0;
      for (let p = 0; p < SHAPESET_INPUT; p++) overlap += masks[0][p] & masks[1][p];
      if (overlap > MAX_OVERLAP * areas[0]) continue;
    }
    const pixels = new Float32Array(SHAPESET_INPUT);
    const order = masks.length === 2 && u[15] < 0.5 ? [1, 0] : [0, 1];
    for (const j of order.slice(0, masks.length)) {
      const grey = Math.fround(lerp(u[7 * j + 4], 0.3, 1));
      const m = masks[j];
      for (let p = 0; p < SHAPESET_INPUT; p++) if (m[p] === 1) pixels[p] = grey;
    }
    return { pixels, label, masks };
  }
  throw new Error(`shapeset: example ${i} found no valid draw in ${MAX_ATTEMPTS} attempts`);
}

/** Examples [offset, offset + n) of the stream under `key`, as a data set. */
export function shapeset(key: Key, n: number, offset = 0, name = 'shapeset'): Dataset {
  const inputs = new Float32Array(n * SHAPESET_INPUT);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const img = shapesetImage(key, offset + i);
    inputs.set(img.pixels, i * SHAPESET_INPUT);
    labels[i] = img.label;
  }
  return dataset(name, SHAPESET_INPUT, SHAPESET_CLASSES.length, inputs, labels);
}

// Activation functions fused with per-tensor statistics, for the lab's float32 passes. Work is cut
// into tasks of STATS_CHUNK elements (fixed, whatever the thread count); task t handles elements
// [t·CHUNK, (t+1)·CHUNK) and writes its statistics to its own slot of STATS_SLOT float64s:
//
//   [finite count, Σx, min, max, non-finite count, zeros, saturated, negatives]
//
// over its finite values (Σ in float64). The caller adds the slots in task order
// (../src/kernels/stats.ts), so results do not depend on threads. Everything that needs the whole
// tensor's min, max or mean (the second moment, histogram, quantile regions) is a second pass
// (./statsCounts.ts).
import { phi, phiSlope } from './statsActivations';

export * from './statsCounts';

const CHUNK: i32 = 16384;
const SLOT: i32 = 8;

export function statsChunk(): i32 {
  return CHUNK;
}

export function statsSlot(): i32 {
  return SLOT;
}

/** Stores the lanes [0, count) of v at p (count < 4: the ragged end of an array). */
// @ts-ignore: decorator
@inline function storePartial(p: usize, v: v128, count: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (count > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

// @ts-ignore: decorator
@inline function laneSum(v: v128): i32 {
  return i32x4.extract_lane(v, 0) + i32x4.extract_lane(v, 1) + i32x4.extract_lane(v, 2) + i32x4.extract_lane(v, 3);
}

/** Statistics of x[0, len) into the slot at `out` (see the file comment); `lo`, `hi` bound saturation. */
function moments(x: usize, len: i32, lo: f32, hi: f32, out: usize): void {
  const vlo = f32x4.splat(lo);
  const vhi = f32x4.splat(hi);
  const zero = f32x4.splat(0);
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  let vmin = f32x4.splat(Infinity), vmax = f32x4.splat(-Infinity);
  let bad = i32x4.splat(0), zeros = i32x4.splat(0), sat = i32x4.splat(0), neg = i32x4.splat(0);
  const body = len & ~3;
  for (let i = 0; i < body; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)));
    // v < min ? v : min per lane (as the reference's scan), one instruction; f32x4.min is about
    // eight in V8. NaN and ±∞ send the chunk to momentsScalar anyway.
    vmin = f32x4.pmin(vmin, v);
    vmax = f32x4.pmax(vmax, v);
    const d = f32x4.sub(v, v); // NaN exactly where v is NaN or ±∞
    bad = i32x4.sub(bad, f32x4.ne(d, d));
    zeros = i32x4.sub(zeros, f32x4.eq(v, zero));
    neg = i32x4.sub(neg, f32x4.lt(v, zero));
    sat = i32x4.sub(sat, v128.or(f32x4.le(v, vlo), f32x4.ge(v, vhi)));
  }
  let tailBad = 0;
  for (let i = body; i < len; i++) if (!isFinite(load<f32>(x + (<usize>i << 2)))) tailBad++;
  if (laneSum(bad) + tailBad > 0) {
    momentsScalar(x, len, lo, hi, out);
    return;
  }
  const s = f64x2.add(s0, s1);
  let sum = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  let mn = min(min(f32x4.extract_lane(vmin, 0), f32x4.extract_lane(vmin, 1)), min(f32x4.extract_lane(vmin, 2), f32x4.extract_lane(vmin, 3)));
  let mx = max(max(f32x4.extract_lane(vmax, 0), f32x4.extract_lane(vmax, 1)), max(f32x4.extract_lane(vmax, 2), f32x4.extract_lane(vmax, 3)));
  let z = laneSum(zeros), st = laneSum(sat), ng = laneSum(neg);
  for (let i = body; i < len; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    sum += <f64>v;
    mn = min(mn, v);
    mx = max(mx, v);
    if (v == 0) z++;
    if (v < 0) ng++;
    if (v <= lo || v >= hi) st++;
  }
  writeSlot(out, len, sum, mn, mx, 0, z, st, ng);
}

/** The same statistics, element by element, leaving out NaN and ±∞ (the rare overflow case). */
function momentsScalar(x: usize, len: i32, lo: f32, hi: f32, out: usize): void {
  let n = 0, bad = 0, z = 0, s = 0, ng = 0;
  let sum = 0.0;
  let mn: f32 = Infinity, mx: f32 = -Infinity;
  for (let i = 0; i < len; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    if (!isFinite(v)) {
      bad++;
      continue;
    }
    n++;
    sum += <f64>v;
    mn = min(mn, v);
    mx = max(mx, v);
    if (v == 0) z++;
    if (v < 0) ng++;
    if (v <= lo || v >= hi) s++;
  }
  writeSlot(out, n, sum, mn, mx, bad, z, s, ng);
}

// @ts-ignore: decorator
@inline function writeSlot(out: usize, n: i32, sum: f64, mn: f32, mx: f32, bad: i32, z: i32, s: i32, ng: i32): void {
  store<f64>(out, <f64>n);
  store<f64>(out, sum, 8);
  store<f64>(out, <f64>mn, 16);
  store<f64>(out, <f64>mx, 24);
  store<f64>(out, <f64>bad, 32);
  store<f64>(out, <f64>z, 40);
  store<f64>(out, <f64>s, 48);
  store<f64>(out, <f64>ng, 56);
}

// @ts-ignore: decorator
@inline function slot(stats: usize, task: i32): usize {
  return stats + ((<usize>task * SLOT) << 3);
}

/** Task t's statistics of x[0, n) (its chunk) into stats' slot t. */
export function tensorStats(x: usize, n: i32, lo: f32, hi: f32, stats: usize, task: i32): void {
  const i0 = task * CHUNK;
  moments(x + (<usize>i0 << 2), min(CHUNK, n - i0), lo, hi, slot(stats, task));
}

/** h = φ(z) over len elements, for a constant `act` (so φ's switch folds away). */
// @ts-ignore: decorator
@inline function phiLoop(z: usize, h: usize, len: i32, act: i32, a: f32): void {
  const body = len & ~3;
  for (let i = 0; i < body; i += 4) {
    const p = <usize>i << 2;
    v128.store(h + p, phi(v128.load(z + p), act, a));
  }
  if (body < len) storePartial(h + (<usize>body << 2), phi(v128.load(z + (<usize>body << 2)), act, a), len - body);
}

/** d = g ⊙ φ'(z) over len elements, for a constant `act`. */
// @ts-ignore: decorator
@inline function slopeLoop(g: usize, z: usize, d: usize, len: i32, act: i32, a: f32): void {
  const body = len & ~3;
  for (let i = 0; i < body; i += 4) {
    const p = <usize>i << 2;
    v128.store(d + p, f32x4.mul(v128.load(g + p), phiSlope(v128.load(z + p), act, a)));
  }
  if (body < len) {
    const p = <usize>body << 2;
    storePartial(d + p, f32x4.mul(v128.load(g + p), phiSlope(v128.load(z + p), act, a)), len - body);
  }
}

/**
 * h = φ(z) over task t's chunk; with `stats` nonzero, then the statistics of z's chunk into
 * slot t of `stats` and of h's into slot t + slots (while both are in cache).
 */
// @ts-ignore: decorator
@inline function activate(z: usize, h: usize, n: i32, act: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  const i0 = task * CHUNK;
  const len = min(CHUNK, n - i0);
  const zc = z + (<usize>i0 << 2);
  const hc = h + (<usize>i0 << 2);
  phiLoop(zc, hc, len, act, a);
  if (stats == 0) return;
  moments(zc, len, -Infinity, Infinity, slot(stats, task));
  moments(hc, len, lo, hi, slot(stats, task + slots));
}

/**
 * d = g ⊙ φ'(z) over task t's chunk (the backward pass's δ), then the statistics of g's chunk
 * into slot t of `stats` and of d's into slot t + slots.
 */
// @ts-ignore: decorator
@inline function activateSlope(g: usize, z: usize, d: usize, n: i32, act: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  const i0 = task * CHUNK;
  const len = min(CHUNK, n - i0);
  const off = <usize>i0 << 2;
  slopeLoop(g + off, z + off, d + off, len, act, a);
  moments(g + off, len, -Infinity, Infinity, slot(stats, task));
  moments(d + off, len, -Infinity, Infinity, slot(stats, task + slots));
}

// One kernel per activation, `activate<code>` and `activateSlope<code>` (the codes of
// ACTIVATION_CODES in ../src/kernels/stats.ts): with φ fixed the loop holds one case. (A switch
// over specialized loops is folded back into one loop with the switch inside by the optimizer.)

export function activate0(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 0, a, stats, slots, lo, hi, task);
}
export function activateSlope0(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 0, a, stats, slots, task);
}

export function activate1(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 1, a, stats, slots, lo, hi, task);
}
export function activateSlope1(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 1, a, stats, slots, task);
}

export function activate2(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 2, a, stats, slots, lo, hi, task);
}
export function activateSlope2(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 2, a, stats, slots, task);
}

export function activate3(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 3, a, stats, slots, lo, hi, task);
}
export function activateSlope3(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 3, a, stats, slots, task);
}

export function activate4(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 4, a, stats, slots, lo, hi, task);
}
export function activateSlope4(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 4, a, stats, slots, task);
}

export function activate5(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 5, a, stats, slots, lo, hi, task);
}
export function activateSlope5(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 5, a, stats, slots, task);
}

export function activate6(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 6, a, stats, slots, lo, hi, task);
}
export function activateSlope6(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 6, a, stats, slots, task);
}

export function activate7(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 7, a, stats, slots, lo, hi, task);
}
export function activateSlope7(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 7, a, stats, slots, task);
}

export function activate8(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 8, a, stats, slots, lo, hi, task);
}
export function activateSlope8(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 8, a, stats, slots, task);
}

export function activate9(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 9, a, stats, slots, lo, hi, task);
}
export function activateSlope9(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 9, a, stats, slots, task);
}

export function activate10(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 10, a, stats, slots, lo, hi, task);
}
export function activateSlope10(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 10, a, stats, slots, task);
}

export function activate11(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 11, a, stats, slots, lo, hi, task);
}
export function activateSlope11(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 11, a, stats, slots, task);
}

export function activate12(z: usize, h: usize, n: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  activate(z, h, n, 12, a, stats, slots, lo, hi, task);
}
export function activateSlope12(g: usize, z: usize, d: usize, n: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  activateSlope(g, z, d, n, 12, a, stats, slots, task);
}

/** Rows of the bias kernel's tasks. */
const BIAS_ROWS: i32 = 32;

export function biasRows(): i32 {
  return BIAS_ROWS;
}

/** z[r, :] += b for the rows of task t (z rows×cols, row-major; b cols float32). */
export function addBias(z: usize, b: usize, rows: i32, cols: i32, task: i32): void {
  const r1 = min(rows, (task + 1) * BIAS_ROWS);
  const body = cols & ~3;
  for (let r = task * BIAS_ROWS; r < r1; r++) {
    const row = z + ((<usize>r * cols) << 2);
    for (let j = 0; j < body; j += 4) {
      const p = <usize>j << 2;
      v128.store(row + p, f32x4.add(v128.load(row + p), v128.load(b + p)));
    }
    for (let j = body; j < cols; j++) {
      const p = <usize>j << 2;
      store<f32>(row + p, load<f32>(row + p) + load<f32>(b + p));
    }
  }
}

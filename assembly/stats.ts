// Activation functions fused with per-tensor statistics, for the lab's float32 passes. Work is cut
// into tasks of STATS_CHUNK elements (fixed, whatever the thread count); task t handles elements
// [t·CHUNK, (t+1)·CHUNK) and writes its statistics to its own slot of STATS_SLOT float64s:
//
//   [finite count, Σx, M2 = Σ(x − x̄_t)², min, max, non-finite count, zeros, saturated]
//
// over its finite values (x̄_t the task's own mean; Σ and M2 in float64, M2 in a second pass
// over the chunk while it is in cache). The caller merges the slots in task order with Chan,
// Golub & LeVeque's update (../src/kernels/stats.ts), so results do not depend on threads.
import { phi, phiSlope } from './statsActivations';

const CHUNK: i32 = 16384;
const SLOT: i32 = 8;

export function statsChunk(): i32 {
  return CHUNK;
}

export function statsSlot(): i32 {
  return SLOT;
}

/** Stores the lanes [0, count) of v at p (count < 4: the ragged end of an array). */
@inline function storePartial(p: usize, v: v128, count: i32): void {
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (count > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (count > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

/** Statistics of x[0, len) into the slot at `out` (see the file comment); `lo`, `hi` bound saturation. */
function moments(x: usize, len: i32, lo: f32, hi: f32, out: usize): void {
  const vlo = f32x4.splat(lo);
  const vhi = f32x4.splat(hi);
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  let vmin = f32x4.splat(Infinity), vmax = f32x4.splat(-Infinity);
  let bad = i32x4.splat(0), zeros = i32x4.splat(0), sat = i32x4.splat(0);
  const body = len & ~3;
  for (let i = 0; i < body; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)));
    vmin = f32x4.min(vmin, v);
    vmax = f32x4.max(vmax, v);
    const d = f32x4.sub(v, v); // NaN exactly where v is NaN or ±∞
    bad = i32x4.sub(bad, f32x4.ne(d, d));
    zeros = i32x4.sub(zeros, f32x4.eq(v, f32x4.splat(0)));
    sat = i32x4.sub(sat, v128.or(f32x4.le(v, vlo), f32x4.ge(v, vhi)));
  }
  const nonFinite = i32x4.extract_lane(bad, 0) + i32x4.extract_lane(bad, 1) + i32x4.extract_lane(bad, 2) + i32x4.extract_lane(bad, 3);
  let tailBad = 0;
  for (let i = body; i < len; i++) if (!isFinite(load<f32>(x + (<usize>i << 2)))) tailBad++;
  if (nonFinite + tailBad > 0) {
    momentsScalar(x, len, lo, hi, out);
    return;
  }
  let sum = f64x2.extract_lane(f64x2.add(s0, s1), 0) + f64x2.extract_lane(f64x2.add(s0, s1), 1);
  let mn = min(min(f32x4.extract_lane(vmin, 0), f32x4.extract_lane(vmin, 1)), min(f32x4.extract_lane(vmin, 2), f32x4.extract_lane(vmin, 3)));
  let mx = max(max(f32x4.extract_lane(vmax, 0), f32x4.extract_lane(vmax, 1)), max(f32x4.extract_lane(vmax, 2), f32x4.extract_lane(vmax, 3)));
  let z = i32x4.extract_lane(zeros, 0) + i32x4.extract_lane(zeros, 1) + i32x4.extract_lane(zeros, 2) + i32x4.extract_lane(zeros, 3);
  let s = i32x4.extract_lane(sat, 0) + i32x4.extract_lane(sat, 1) + i32x4.extract_lane(sat, 2) + i32x4.extract_lane(sat, 3);
  for (let i = body; i < len; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    sum += <f64>v;
    mn = min(mn, v);
    mx = max(mx, v);
    if (v == 0) z++;
    if (v <= lo || v >= hi) s++;
  }
  const mean = sum / len;
  const vm = f64x2.splat(mean);
  let q0 = f64x2.splat(0), q1 = f64x2.splat(0);
  for (let i = 0; i < body; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    const d0 = f64x2.sub(f64x2.promote_low_f32x4(v), vm);
    const d1 = f64x2.sub(f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)), vm);
    q0 = f64x2.add(q0, f64x2.mul(d0, d0));
    q1 = f64x2.add(q1, f64x2.mul(d1, d1));
  }
  let m2 = f64x2.extract_lane(f64x2.add(q0, q1), 0) + f64x2.extract_lane(f64x2.add(q0, q1), 1);
  for (let i = body; i < len; i++) {
    const d = <f64>load<f32>(x + (<usize>i << 2)) - mean;
    m2 += d * d;
  }
  writeSlot(out, len, sum, m2, mn, mx, 0, z, s);
}

/** The same statistics, element by element, leaving out NaN and ±∞ (the rare overflow case). */
function momentsScalar(x: usize, len: i32, lo: f32, hi: f32, out: usize): void {
  let n = 0, bad = 0, z = 0, s = 0;
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
    if (v <= lo || v >= hi) s++;
  }
  const mean = n > 0 ? sum / n : 0;
  let m2 = 0.0;
  for (let i = 0; i < len; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    if (isFinite(v)) {
      const d = <f64>v - mean;
      m2 += d * d;
    }
  }
  writeSlot(out, n, sum, m2, mn, mx, bad, z, s);
}

@inline function writeSlot(out: usize, n: i32, sum: f64, m2: f64, mn: f32, mx: f32, bad: i32, z: i32, s: i32): void {
  store<f64>(out, <f64>n);
  store<f64>(out, sum, 8);
  store<f64>(out, m2, 16);
  store<f64>(out, <f64>mn, 24);
  store<f64>(out, <f64>mx, 32);
  store<f64>(out, <f64>bad, 40);
  store<f64>(out, <f64>z, 48);
  store<f64>(out, <f64>s, 56);
}

@inline function chunkStart(task: i32): i32 {
  return task * CHUNK;
}

@inline function slot(stats: usize, task: i32): usize {
  return stats + ((<usize>task * SLOT) << 3);
}

/** Task t's statistics of x[0, n) (its chunk) into stats' slot t. */
export function tensorStats(x: usize, n: i32, lo: f32, hi: f32, stats: usize, task: i32): void {
  const i0 = chunkStart(task);
  moments(x + (<usize>i0 << 2), min(CHUNK, n - i0), lo, hi, slot(stats, task));
}

/**
 * h = φ(z) over task t's chunk; with `stats` nonzero, then the statistics of z's chunk into
 * slot t of `stats` and of h's into slot t of `stats` + slots·SLOT (while both are in cache).
 */
export function activate(z: usize, h: usize, n: i32, act: i32, a: f32, stats: usize, slots: i32, lo: f32, hi: f32, task: i32): void {
  const i0 = chunkStart(task);
  const len = min(CHUNK, n - i0);
  const zc = z + (<usize>i0 << 2);
  const hc = h + (<usize>i0 << 2);
  const body = len & ~3;
  for (let i = 0; i < body; i += 4) {
    const p = <usize>i << 2;
    v128.store(hc + p, phi(v128.load(zc + p), act, a));
  }
  if (body < len) storePartial(hc + (<usize>body << 2), phi(v128.load(zc + (<usize>body << 2)), act, a), len - body);
  if (stats == 0) return;
  moments(zc, len, -Infinity, Infinity, slot(stats, task));
  moments(hc, len, lo, hi, slot(stats, task + slots));
}

/**
 * d = g ⊙ φ'(z) over task t's chunk (the backward pass's δ), then the statistics of g's chunk
 * into slot t of `stats` and of d's into slot t + slots.
 */
export function activateSlope(g: usize, z: usize, d: usize, n: i32, act: i32, a: f32, stats: usize, slots: i32, task: i32): void {
  const i0 = chunkStart(task);
  const len = min(CHUNK, n - i0);
  const off = <usize>i0 << 2;
  const body = len & ~3;
  for (let i = 0; i < body; i += 4) {
    const p = off + (<usize>i << 2);
    v128.store(d + p, f32x4.mul(v128.load(g + p), phiSlope(v128.load(z + p), act, a)));
  }
  if (body < len) {
    const p = off + (<usize>body << 2);
    storePartial(d + p, f32x4.mul(v128.load(g + p), phiSlope(v128.load(z + p), act, a)), len - body);
  }
  moments(g + off, len, -Infinity, Infinity, slot(stats, task));
  moments(d + off, len, -Infinity, Infinity, slot(stats, task + slots));
}

/** Adds the sub-histograms 1..3 (each `regions` counts, after the first) into the first. */
@inline function foldCounts(c: usize, regions: i32): void {
  for (let r = 0; r < regions; r++) {
    const p = c + (<usize>r << 2);
    const stride = <usize>regions << 2;
    store<u32>(p, load<u32>(p) + load<u32>(p + stride) + load<u32>(p + 2 * stride) + load<u32>(p + 3 * stride));
  }
}

@inline function bump(c: usize, r: i32): void {
  const p = c + (<usize>r << 2);
  store<u32>(p, load<u32>(p) + 1);
}

/**
 * Histogram counts of task t's chunk: region 0 holds the finite values below edges[0], region
 * b + 1 the values in bin b (edges[b] ≤ x < edges[b+1], the last bin closed at `top`), region
 * bins + 1 those above `top`; NaN and ±∞ are in none. `edges` are float32 (bins of them): each
 * the smallest float32 ≥ the float64 edge, and `top` the largest float32 ≤ the last edge, so that
 * comparisons of a float32 x with them equal comparisons with the float64 edges. The bin is
 * guessed from (x − edges[0])·scale and corrected against the edges, so it is exact. Lane j of
 * each vector counts into its own sub-histogram (no store-to-load chain on one counter).
 * `counts` holds 4·(bins + 2) u32 per task; the task's totals end in its first bins + 2.
 */
export function histogramCounts(x: usize, n: i32, edges: usize, bins: i32, top: f32, scale: f32, counts: usize, task: i32): void {
  const i0 = chunkStart(task);
  const len = min(CHUNK, n - i0);
  const xc = x + (<usize>i0 << 2);
  const regions = bins + 2;
  const c = counts + ((<usize>task * 4 * regions) << 2);
  memory.fill(c, 0, <usize>(4 * regions) << 2);
  const lo = load<f32>(edges);
  for (let i = 0; i < len; i++) {
    const v = load<f32>(xc + (<usize>i << 2));
    if (!isFinite(v)) continue;
    let r: i32;
    if (v < lo) r = 0;
    else if (v > top) r = bins + 1;
    else {
      const guess = (v - lo) * scale; // NaN or ∞ only for a degenerate range: the loops then walk
      let b = guess < <f32>bins ? <i32>guess : bins - 1;
      while (b > 0 && v < load<f32>(edges + (<usize>b << 2))) b--;
      while (b < bins - 1 && v >= load<f32>(edges + (<usize>(b + 1) << 2))) b++;
      r = b + 1;
    }
    bump(c + ((<usize>((i & 3) * regions)) << 2), r);
  }
  foldCounts(c, regions);
}

/**
 * The regions of the quantile search, lanewise: 0 for x < lo, 1 + ⌊(x − lo)·scale⌋ up to
 * bins + 1 (everything from the top bin on), and bins + 2 for NaN and ±∞ (not counted). In
 * float32 arithmetic the region is a non-decreasing function of x, so counting regions and then
 * gathering the values of some regions (with this same function) finds order statistics exactly.
 */
@inline function quantileRegions(v: v128, lo: v128, scale: v128, bins: v128): v128 {
  const g = i32x4.trunc_sat_f32x4_s(f32x4.mul(f32x4.sub(v, lo), scale));
  const r = i32x4.add(i32x4.min_s(g, bins), i32x4.splat(1));
  const d = f32x4.sub(v, v);
  const below = v128.bitselect(i32x4.splat(0), r, f32x4.lt(v, lo));
  return v128.bitselect(i32x4.add(bins, i32x4.splat(2)), below, f32x4.ne(d, d));
}

/** Task t's counts of quantileRegions over its chunk: 4·(bins + 3) u32 per task, totals first. */
export function quantileCounts(x: usize, n: i32, lo: f32, scale: f32, bins: i32, counts: usize, task: i32): void {
  const i0 = chunkStart(task);
  const len = min(CHUNK, n - i0);
  const xc = x + (<usize>i0 << 2);
  const regions = bins + 3;
  const c = counts + ((<usize>task * 4 * regions) << 2);
  memory.fill(c, 0, <usize>(4 * regions) << 2);
  const stride = <usize>regions << 2;
  const vlo = f32x4.splat(lo), vscale = f32x4.splat(scale), vbins = i32x4.splat(bins);
  const body = len & ~3;
  for (let i = 0; i < body; i += 4) {
    const r = quantileRegions(v128.load(xc + (<usize>i << 2)), vlo, vscale, vbins);
    bump(c, i32x4.extract_lane(r, 0));
    bump(c + stride, i32x4.extract_lane(r, 1));
    bump(c + 2 * stride, i32x4.extract_lane(r, 2));
    bump(c + 3 * stride, i32x4.extract_lane(r, 3));
  }
  for (let i = body; i < len; i++) {
    bump(c, i32x4.extract_lane(quantileRegions(f32x4.splat(load<f32>(xc + (<usize>i << 2))), vlo, vscale, vbins), 0));
  }
  foldCounts(c, regions);
}

/**
 * Copies the values of task t's chunk whose quantile region is in [r1, r2], in index order, to
 * out + offsets[t] (float32 elements; the offsets come from quantileCounts).
 */
export function gatherRegions(x: usize, n: i32, lo: f32, scale: f32, bins: i32, r1: i32, r2: i32, out: usize, offsets: usize, task: i32): void {
  const i0 = chunkStart(task);
  const len = min(CHUNK, n - i0);
  const xc = x + (<usize>i0 << 2);
  let o = out + (<usize>load<u32>(offsets + (<usize>task << 2)) << 2);
  const vlo = f32x4.splat(lo), vscale = f32x4.splat(scale), vbins = i32x4.splat(bins);
  const v1 = i32x4.splat(r1), v2 = i32x4.splat(r2);
  for (let i = 0; i < len; i += 4) {
    const v = v128.load(xc + (<usize>i << 2));
    const r = quantileRegions(v, vlo, vscale, vbins);
    let mask = i32x4.bitmask(v128.andnot(v128.not(i32x4.lt_s(r, v1)), i32x4.gt_s(r, v2)));
    if (mask == 0) continue;
    mask &= (1 << min(4, len - i)) - 1; // lanes past the chunk's end
    for (let j = 0; j < 4; j++) {
      if ((mask & (1 << j)) != 0) {
        store<f32>(o, load<f32>(xc + (<usize>(i + j) << 2)));
        o += 4;
      }
    }
  }
}

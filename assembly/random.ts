/**
 * Random-stream kernels: Philox-4x32-10 data blocks and the float32 uniform, normal and
 * truncated-normal fills, each the SIMD twin of the JavaScript reference in ../src/random, bit for
 * bit. JavaScript drives them through ../src/kernels/random.ts.
 *
 * Every kernel works on whole groups (8 Philox blocks: 32 float32 elements whose stream indices
 * start at a multiple of 32) written to `dst`: group i of a call is stream group `first + i`,
 * stored at dst + 128·i. A call is split in tasks of `taskGroups` groups; task t does groups
 * [t·taskGroups, min(groups, (t+1)·taskGroups)), so tasks write disjoint ranges and the bytes do
 * not depend on which thread runs which task. The elements before the first and after the last
 * whole group of a fill are computed by the reference (../src/kernels/random.ts).
 */
import {
  CENTRAL_Q, HALF, I_ONE, I_TWO, MINUS_TWO, TWO_M31, centralQuantileF32x4, cosQuarterF32x4, f, i, logF32x4, quadrant,
  quarterOffset, sinQuarterF32x4, tailQuantileF32x4,
} from './mathF32';
import { philoxGroup } from './randomPhilox';

/** Transposes the 4×4 words at p in place: structure of arrays (word i of 4 blocks) to blocks. */
// @ts-ignore: decorator
@inline function transpose(p: usize): void {
  const a = v128.load(p);
  const b = v128.load(p, 16);
  const c = v128.load(p, 32);
  const d = v128.load(p, 48);
  const t0 = i32x4.shuffle(a, b, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(c, d, 0, 4, 1, 5);
  const t2 = i32x4.shuffle(a, b, 2, 6, 3, 7);
  const t3 = i32x4.shuffle(c, d, 2, 6, 3, 7);
  v128.store(p, i64x2.shuffle(t0, t1, 0, 2));
  v128.store(p, i64x2.shuffle(t0, t1, 1, 3), 16);
  v128.store(p, i64x2.shuffle(t2, t3, 0, 2), 32);
  v128.store(p, i64x2.shuffle(t2, t3, 1, 3), 48);
}

/**
 * Philox data blocks 8·first .. 8·(first + groups) - 1 of key (k0, k1), as `philoxBlocks` writes
 * them: block b's four words at dst + 16·(b - 8·first).
 */
export function philoxGroups(k0: u32, k1: u32, dst: usize, groups: i32, first: f64, taskGroups: i32, task: i32): void {
  const g1 = min(groups, (task + 1) * taskGroups);
  for (let g = task * taskGroups; g < g1; g++) {
    const p = dst + (<usize>g << 7);
    philoxGroup(p, <u64>first + g, k0, k1);
    transpose(p);
    transpose(p + 64);
  }
}

/** Four float32 uniforms from four words: low + spanScaled·(w >>> 8) in float64, rounded, clamped. */
// @ts-ignore: decorator
@inline function uniformVector(w: v128, low: v128, span: v128, lo: v128, hi: v128): v128 {
  const k = i32x4.shr_u(w, 8);
  const a = f64x2.add(low, f64x2.mul(span, f64x2.convert_low_i32x4_s(k)));
  const b = f64x2.add(low, f64x2.mul(span, f64x2.convert_low_i32x4_s(i64x2.shuffle(k, k, 1, 1))));
  const v = i64x2.shuffle(f32x4.demote_f64x2_zero(a), f32x4.demote_f64x2_zero(b), 0, 2);
  return f32x4.pmax(f32x4.pmin(v, hi), lo);
}

/** The 16 uniforms of four blocks at p (words as philoxGroup stores them), in place. */
// @ts-ignore: decorator
@inline function uniformQuad(p: usize, low: v128, span: v128, lo: v128, hi: v128): void {
  transpose(p);
  v128.store(p, uniformVector(v128.load(p), low, span, lo, hi));
  v128.store(p, uniformVector(v128.load(p, 16), low, span, lo, hi), 16);
  v128.store(p, uniformVector(v128.load(p, 32), low, span, lo, hi), 32);
  v128.store(p, uniformVector(v128.load(p, 48), low, span, lo, hi), 48);
}

/**
 * Float32 uniform fill (../src/random/uniform.ts): element value
 * fround(low + spanScaled·(w >>> 8)) held in [lo, hi], spanScaled = (high - low)·2^-24.
 */
export function uniformF32(
  k0: u32, k1: u32, dst: usize, groups: i32, first: f64, taskGroups: i32,
  low: f64, spanScaled: f64, lo: f32, hi: f32, task: i32,
): void {
  const vlow = f64x2.splat(low);
  const vspan = f64x2.splat(spanScaled);
  const vlo = f32x4.splat(lo);
  const vhi = f32x4.splat(hi);
  const g1 = min(groups, (task + 1) * taskGroups);
  for (let g = task * taskGroups; g < g1; g++) {
    const p = dst + (<usize>g << 7);
    philoxGroup(p, <u64>first + g, k0, k1);
    uniformQuad(p, vlow, vspan, vlo, vhi);
    uniformQuad(p + 64, vlow, vspan, vlo, vhi);
  }
}

/** (w >>> 1 + 1/2)·2^-31 in float32, a uniform in (0, 1] from a word (openUnitF32 in the reference). */
// @ts-ignore: decorator
@inline function openUnit(w: v128): v128 {
  const j = f32x4.convert_i32x4_s(i32x4.shr_u(w, 1));
  return f32x4.mul(f32x4.add(j, f(HALF)), f(TWO_M31));
}

/**
 * Box-Muller on four pairs: the words at p (u1) and p + 16 (angle) become mean + std·r·cos θ and
 * mean + std·r·sin θ, r = √(-2 log u1), θ = 2π·(w >>> 8)/2^24 taken as quarter turn q plus offset f.
 */
// @ts-ignore: decorator
@inline function normalPairs(p: usize, mean: v128, std: v128): void {
  const r = f32x4.sqrt(f32x4.mul(logF32x4(openUnit(v128.load(p))), f(MINUS_TWO)));
  const t = i32x4.shr_u(v128.load(p, 16), 8);
  const q = quadrant(t);
  const f = quarterOffset(t, q);
  const sin = sinQuarterF32x4(f);
  const cos = cosQuarterF32x4(f);
  const odd = i32x4.eq(v128.and(q, i(I_ONE)), i(I_ONE));
  const cosSign = i32x4.shl(v128.and(i32x4.add(q, i(I_ONE)), i(I_TWO)), 30);
  const sinSign = i32x4.shl(v128.and(q, i(I_TWO)), 30);
  const cosTheta = v128.xor(v128.bitselect(sin, cos, odd), cosSign);
  const sinTheta = v128.xor(v128.bitselect(cos, sin, odd), sinSign);
  const rs = f32x4.mul(std, r);
  v128.store(p, f32x4.add(mean, f32x4.mul(rs, cosTheta)));
  v128.store(p, f32x4.add(mean, f32x4.mul(rs, sinTheta)), 16);
}

/**
 * Float32 normal fill (../src/random/normal.ts): element 4b + 2k + i of block b is the cosine
 * (i = 0) or sine (i = 1) value of the pair (word 2k, word 2k + 1).
 */
export function normalF32(
  k0: u32, k1: u32, dst: usize, groups: i32, first: f64, taskGroups: i32,
  mean: f32, std: f32, task: i32,
): void {
  const vmean = f32x4.splat(mean);
  const vstd = f32x4.splat(std);
  const g1 = min(groups, (task + 1) * taskGroups);
  for (let g = task * taskGroups; g < g1; g++) {
    const p = dst + (<usize>g << 7);
    philoxGroup(p, <u64>first + g, k0, k1);
    for (let h: usize = 0; h < 128; h += 64) {
      normalPairs(p + h, vmean, vstd);
      normalPairs(p + h + 32, vmean, vstd);
      transpose(p + h);
    }
  }
}

/**
 * Four truncated-normal values from four words (truncatedNormalF32Element in the reference):
 * u = openUnit(w), central quantile of q = z·(u - uMid) where |q| <= 0.425, else the tail quantile
 * of log p = logZ + log(a + u) (lower half, u < uMid) or of logZ + log(b + (1 - u)) (upper half,
 * negated), then mean + std·x held in [lo, hi].
 */
// @ts-ignore: decorator
@inline function truncatedVector(
  w: v128, uMid: v128, z: v128, a: v128, b: v128, logZ: v128, mean: v128, std: v128, lo: v128, hi: v128,
): v128 {
  const u = openUnit(w);
  const q = f32x4.mul(z, f32x4.sub(u, uMid));
  const central = f32x4.le(f32x4.abs(q), f(CENTRAL_Q));
  let x = centralQuantileF32x4(q);
  if (!i32x4.all_true(central)) {
    const lower = f32x4.lt(u, uMid);
    const s = v128.bitselect(f32x4.add(a, u), f32x4.add(b, openUnit(v128.not(w))), lower);
    const r = f32x4.sqrt(f32x4.neg(f32x4.add(logZ, logF32x4(s))));
    const t = tailQuantileF32x4(r);
    x = v128.bitselect(x, v128.bitselect(t, f32x4.neg(t), lower), central);
  }
  const v = f32x4.add(mean, f32x4.mul(std, x));
  return f32x4.pmax(f32x4.pmin(v, hi), lo);
}

/**
 * Float32 truncated-normal fill (../src/random/truncatedNormal.ts), element 4b + i from word i
 * of block b. The constants describe the mirrored standard interval (see the reference).
 */
export function truncatedNormalF32(
  k0: u32, k1: u32, dst: usize, groups: i32, first: f64, taskGroups: i32,
  uMid: f32, z: f32, a: f32, b: f32, logZ: f32, mean: f32, std: f32, lo: f32, hi: f32, task: i32,
): void {
  const vuMid = f32x4.splat(uMid);
  const vz = f32x4.splat(z);
  const va = f32x4.splat(a);
  const vb = f32x4.splat(b);
  const vlogZ = f32x4.splat(logZ);
  const vmean = f32x4.splat(mean);
  const vstd = f32x4.splat(std);
  const vlo = f32x4.splat(lo);
  const vhi = f32x4.splat(hi);
  const g1 = min(groups, (task + 1) * taskGroups);
  for (let g = task * taskGroups; g < g1; g++) {
    const p = dst + (<usize>g << 7);
    philoxGroup(p, <u64>first + g, k0, k1);
    for (let h: usize = 0; h < 128; h += 16) {
      v128.store(p + h, truncatedVector(v128.load(p + h), vuMid, vz, va, vb, vlogZ, vmean, vstd, vlo, vhi));
    }
    transpose(p);
    transpose(p + 64);
  }
}

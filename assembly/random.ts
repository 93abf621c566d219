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
  CENTRAL_Q, COS_C, HALF, I_ONE, I_TWO, MINUS_TWO, ONE, SIN_S, TWO_M31, centralQuantileF32x4, f, i, logF32x4x4, quadrant,
  quarterOffset, step4, tailQuantileF32x4,
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
 * Box-Muller, phase 1: the u1 words at p, p + 32, p + 64, p + 96 (words 0 and 2 of the two halves
 * of a group) become std·r, r = √(-2 log u1), with the four logs in lockstep (logF32x4x4).
 */
// @ts-ignore: decorator
@inline function radii4(p: usize, std: v128): void {
  const u0 = openUnit(v128.load(p)), u1 = openUnit(v128.load(p, 32));
  const u2 = openUnit(v128.load(p, 64)), u3 = openUnit(v128.load(p, 96));
  logF32x4x4(u0, u1, u2, u3, p, 32);
  const m2 = f(MINUS_TWO);
  v128.store(p, f32x4.mul(std, f32x4.sqrt(f32x4.mul(v128.load(p), m2))));
  v128.store(p, f32x4.mul(std, f32x4.sqrt(f32x4.mul(v128.load(p, 32), m2))), 32);
  v128.store(p, f32x4.mul(std, f32x4.sqrt(f32x4.mul(v128.load(p, 64), m2))), 64);
  v128.store(p, f32x4.mul(std, f32x4.sqrt(f32x4.mul(v128.load(p, 96), m2))), 96);
}

/**
 * Box-Muller, phase 2, for the pairs at p and p + 32 (std·r at p + 32k from radii4, the angle word
 * at p + 32k + 16), two in lockstep: cos θ and sin θ by the operations of boxMullerF32
 * (../src/random/normal.ts) per lane, in its order, then mean + std·r·cos θ at p + 32k and
 * mean + std·r·sin θ at p + 32k + 16. The angle is θ = 2π·(w >>> 8)/2^24, taken as quarter turn q
 * plus offset f.
 */
// @ts-ignore: decorator
@inline function angles2(p: usize, mean: v128): void {
  const a0 = i32x4.shr_u(v128.load(p, 16), 8), a1 = i32x4.shr_u(v128.load(p, 48), 8);
  const q0 = quadrant(a0), q1 = quadrant(a1);
  const f0 = quarterOffset(a0, q0), f1 = quarterOffset(a1, q1);
  const x0 = f32x4.mul(f0, f0), x1 = f32x4.mul(f1, f1);
  let ks = f(SIN_S), kc = f(COS_C);
  let sp0 = ks, sp1 = ks, cp0 = kc, cp1 = kc;
  ks = f(SIN_S + 1); kc = f(COS_C + 1);
  sp0 = step4(sp0, x0, ks); sp1 = step4(sp1, x1, ks); cp0 = step4(cp0, x0, kc); cp1 = step4(cp1, x1, kc);
  ks = f(SIN_S + 2); kc = f(COS_C + 2);
  sp0 = step4(sp0, x0, ks); sp1 = step4(sp1, x1, ks); cp0 = step4(cp0, x0, kc); cp1 = step4(cp1, x1, kc);
  ks = f(SIN_S + 3); kc = f(COS_C + 3);
  sp0 = step4(sp0, x0, ks); sp1 = step4(sp1, x1, ks); cp0 = step4(cp0, x0, kc); cp1 = step4(cp1, x1, kc);
  const one = f(ONE);
  const sin0 = f32x4.add(f0, f32x4.mul(f0, sp0)), sin1 = f32x4.add(f1, f32x4.mul(f1, sp1));
  const cos0 = f32x4.sub(one, f32x4.mul(x0, cp0)), cos1 = f32x4.sub(one, f32x4.mul(x1, cp1));
  const i1 = i(I_ONE), i2 = i(I_TWO);
  const odd0 = i32x4.eq(v128.and(q0, i1), i1), odd1 = i32x4.eq(v128.and(q1, i1), i1);
  const rs0 = v128.load(p), rs1 = v128.load(p, 32);
  const cos0t = v128.xor(v128.bitselect(sin0, cos0, odd0), i32x4.shl(v128.and(i32x4.add(q0, i1), i2), 30));
  const sin0t = v128.xor(v128.bitselect(cos0, sin0, odd0), i32x4.shl(v128.and(q0, i2), 30));
  const cos1t = v128.xor(v128.bitselect(sin1, cos1, odd1), i32x4.shl(v128.and(i32x4.add(q1, i1), i2), 30));
  const sin1t = v128.xor(v128.bitselect(cos1, sin1, odd1), i32x4.shl(v128.and(q1, i2), 30));
  v128.store(p, f32x4.add(mean, f32x4.mul(rs0, cos0t)));
  v128.store(p, f32x4.add(mean, f32x4.mul(rs0, sin0t)), 16);
  v128.store(p, f32x4.add(mean, f32x4.mul(rs1, cos1t)), 32);
  v128.store(p, f32x4.add(mean, f32x4.mul(rs1, sin1t)), 48);
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
    radii4(p, vstd);
    angles2(p, vmean);
    angles2(p + 64, vmean);
    transpose(p);
    transpose(p + 64);
  }
}

/**
 * The 16 truncated-normal values of the four word vectors at p, p + 16, p + 32, p + 48, in place
 * (truncatedNormalF32Element in the reference, per lane): u = openUnit(w), central quantile of
 * q = z·(u - uMid) where |q| <= 0.425, else the tail quantile of log p = logZ + log(a + u) (lower
 * half, u < uMid) or of logZ + log(b + (1 - u)) (upper half, negated), then mean + std·x held in
 * [lo, hi]. The tails are computed for all four vectors, their logs in lockstep, when any lane of
 * the four needs one (one branch per 16 values; per vector it was mispredicted about a third of
 * the time at ±2σ); each lane keeps the value its own path gives.
 */
// @ts-ignore: decorator
@inline function truncatedQuad(
  p: usize, uMid: v128, z: v128, a: v128, b: v128, logZ: v128, mean: v128, std: v128, lo: v128, hi: v128,
): void {
  const w0 = v128.load(p), w1 = v128.load(p, 16), w2 = v128.load(p, 32), w3 = v128.load(p, 48);
  const u0 = openUnit(w0), u1 = openUnit(w1), u2 = openUnit(w2), u3 = openUnit(w3);
  const q0 = f32x4.mul(z, f32x4.sub(u0, uMid)), q1 = f32x4.mul(z, f32x4.sub(u1, uMid));
  const q2 = f32x4.mul(z, f32x4.sub(u2, uMid)), q3 = f32x4.mul(z, f32x4.sub(u3, uMid));
  const cq = f(CENTRAL_Q);
  const c0 = f32x4.le(f32x4.abs(q0), cq), c1 = f32x4.le(f32x4.abs(q1), cq);
  const c2 = f32x4.le(f32x4.abs(q2), cq), c3 = f32x4.le(f32x4.abs(q3), cq);
  let x0 = centralQuantileF32x4(q0), x1 = centralQuantileF32x4(q1);
  let x2 = centralQuantileF32x4(q2), x3 = centralQuantileF32x4(q3);
  if (!i32x4.all_true(v128.and(v128.and(c0, c1), v128.and(c2, c3)))) {
    const l0 = f32x4.lt(u0, uMid), l1 = f32x4.lt(u1, uMid), l2 = f32x4.lt(u2, uMid), l3 = f32x4.lt(u3, uMid);
    logF32x4x4(
      v128.bitselect(f32x4.add(a, u0), f32x4.add(b, openUnit(v128.not(w0))), l0),
      v128.bitselect(f32x4.add(a, u1), f32x4.add(b, openUnit(v128.not(w1))), l1),
      v128.bitselect(f32x4.add(a, u2), f32x4.add(b, openUnit(v128.not(w2))), l2),
      v128.bitselect(f32x4.add(a, u3), f32x4.add(b, openUnit(v128.not(w3))), l3),
      p, 16,
    );
    const t0 = tailQuantileF32x4(f32x4.sqrt(f32x4.neg(f32x4.add(logZ, v128.load(p)))));
    const t1 = tailQuantileF32x4(f32x4.sqrt(f32x4.neg(f32x4.add(logZ, v128.load(p, 16)))));
    const t2 = tailQuantileF32x4(f32x4.sqrt(f32x4.neg(f32x4.add(logZ, v128.load(p, 32)))));
    const t3 = tailQuantileF32x4(f32x4.sqrt(f32x4.neg(f32x4.add(logZ, v128.load(p, 48)))));
    x0 = v128.bitselect(x0, v128.bitselect(t0, f32x4.neg(t0), l0), c0);
    x1 = v128.bitselect(x1, v128.bitselect(t1, f32x4.neg(t1), l1), c1);
    x2 = v128.bitselect(x2, v128.bitselect(t2, f32x4.neg(t2), l2), c2);
    x3 = v128.bitselect(x3, v128.bitselect(t3, f32x4.neg(t3), l3), c3);
  }
  v128.store(p, f32x4.pmax(f32x4.pmin(f32x4.add(mean, f32x4.mul(std, x0)), hi), lo));
  v128.store(p, f32x4.pmax(f32x4.pmin(f32x4.add(mean, f32x4.mul(std, x1)), hi), lo), 16);
  v128.store(p, f32x4.pmax(f32x4.pmin(f32x4.add(mean, f32x4.mul(std, x2)), hi), lo), 32);
  v128.store(p, f32x4.pmax(f32x4.pmin(f32x4.add(mean, f32x4.mul(std, x3)), hi), lo), 48);
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
    truncatedQuad(p, vuMid, vz, va, vb, vlogZ, vmean, vstd, vlo, vhi);
    truncatedQuad(p + 64, vuMid, vz, va, vb, vlogZ, vmean, vstd, vlo, vhi);
    transpose(p);
    transpose(p + 64);
  }
}


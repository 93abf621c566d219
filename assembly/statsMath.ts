// Vectorized float32 elementary functions (f32x4) for the activation kernels, after Cephes'
// single-precision expf/tanhf (S. L. Moshier, Methods and Programs for Mathematical
// Functions, 1989): range reduction, then a short minimax polynomial. Measured against float64
// over dense grids (test/kernels/stats.test.ts), each is within 2 ulp of the correctly rounded
// float32 result where its doc comment says so.
//
// Constants live in a static table and are splatted by loading (`k`): V8 rebuilds a v128
// constant in three instructions at every use inside a loop, a splatting load is one (measured:
// the tanh kernel ran at about 5 ns per element with inline constants).
//
// The logarithm is the samplers' (./mathF32.ts logF32x4, Cephes logf), shared rather than copied.

import { logF32x4 } from './mathF32';

/** Float32 constants, by index (the names below). */
const K: usize = memory.data<f32>([
  // 0: 0, 1, 2, 4, ½, +∞
  0, 1, 2, 4, 0.5, Infinity,
  // 6: exp's clamp (beyond, exp overflows to +∞ or underflows to 0; subnormal results are
  // flushed), log₂e, ln 2 split so that n·LN2_HI is exact for |n| < 2^9 (Cody & Waite)
  88.72283935546875, -87.33654475, 1.44269504088896341, 0.693359375, -2.12194440e-4,
  // 11: Cephes expf polynomial, low to high
  5.0000001201e-1, 1.6666665459e-1, 4.1665795894e-2, 8.3334519073e-3, 1.3981999507e-3, 1.9875691500e-4,
  // 17: expm1's Taylor threshold, then 1/3!, ..., 1/8!
  0.35, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 120.0, 1.0 / 720.0, 1.0 / 5040.0, 1.0 / 40320.0,
  // 24: Cephes tanhf: threshold, then P from low to high
  0.625, -3.33332819422e-1, 1.33314422036e-1, -5.37397155531e-2, 2.06390887954e-2, -5.70498872745e-3,
  // 30: 1.5·2^23: y + it rounds y (|y| < 2^22) to an integer, ties to even, as f32x4.nearest
  12582912,
]);
export const K_ZERO = 0;
export const K_ONE = 1;
const K_TWO = 2;
const K_FOUR = 3;
const K_HALF = 4;
const K_INF = 5;
const EXP_HI = 6;
const EXP_LO = 7;
const LOG2E = 8;
const LN2_HI = 9;
const LN2_LO = 10;
const EXP_P = 11;
const EXPM1_NEAR = 17;
const EXPM1_P = 18;
const TANH_NEAR = 24;
const TANH_P = 25;
const ROUNDER = 30;

/** Int32 constants, by index. */
const I: usize = memory.data<i32>([127, 0x80000000, 0x4b400000]);
const I_BIAS = 0;
const I_SIGN = 1;
/** The bits of 1.5·2^23: y + 1.5·2^23 has the bits of 1.5·2^23 plus round(y). */
const I_ROUNDER = 2;

/** x in all four lanes (for values known only at run time; constants go through `k`). */
// @ts-ignore: decorator
@inline export function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** Float32 constant `index` in all four lanes. */
// @ts-ignore: decorator
@inline export function k(index: i32): v128 {
  return v128.load32_splat(K + (<usize>index << 2));
}

// @ts-ignore: decorator
@inline function ki(index: i32): v128 {
  return v128.load32_splat(I + (<usize>index << 2));
}

/** One Horner step: p·x + K[c]. */
// @ts-ignore: decorator
@inline function step(p: v128, x: v128, c: i32): v128 {
  return f32x4.add(f32x4.mul(p, x), k(c));
}

/** p(x) = K[c] + K[c+1] x + ... + K[c+5] x⁵ by Horner. */
// @ts-ignore: decorator
@inline function horner5(x: v128, c: i32): v128 {
  return step(step(step(step(step(k(c + 5), x, c + 4), x, c + 3), x, c + 2), x, c + 1), x, c);
}

/**
 * e^x: n = round(x·log₂e), r = x − n·ln 2 (two-part ln 2), e^r by Cephes' degree-7 expf
 * polynomial, scaled by 2^n through the exponent bits (in two halves, so 2^n never overflows
 * before the product). Within 2 ulp for x in [−87.3, 88.7]; +∞ above, 0 below, NaN stays NaN.
 */
// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  const hi = k(EXP_HI), lo = k(EXP_LO);
  const big = f32x4.gt(x, hi);
  const small = f32x4.lt(x, lo);
  // pmin/pmax (one instruction each; f32x4.min/max are about eight in V8): NaN stays NaN.
  const xc = f32x4.pmax(f32x4.pmin(x, hi), lo);
  // n = round(x·log₂e), as a float and (from the bits of the sum) as an integer: the same values
  // as f32x4.nearest and i32x4.trunc_sat, in three instructions instead of about ten.
  const shifted = f32x4.add(f32x4.mul(xc, k(LOG2E)), k(ROUNDER));
  const n = f32x4.sub(shifted, k(ROUNDER));
  let r = f32x4.sub(xc, f32x4.mul(n, k(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, k(LN2_LO)));
  const r2 = f32x4.mul(r, r);
  const p = horner5(r, EXP_P);
  const er = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), k(K_ONE));
  // 2^n as 2^(n − h)·2^h with h = n >> 1, both factors normal for n in [−126, 128].
  const ni = i32x4.sub(shifted, ki(I_ROUNDER));
  const h = i32x4.shr_s(ni, 1);
  const s1 = i32x4.shl(i32x4.add(h, ki(I_BIAS)), 23);
  const s2 = i32x4.shl(i32x4.add(i32x4.sub(ni, h), ki(I_BIAS)), 23);
  const y = f32x4.mul(f32x4.mul(er, s1), s2);
  return v128.bitselect(k(K_INF), v128.andnot(y, small), big);
}

/**
 * e^x − 1 without cancellation near 0: the Taylor polynomial to degree 8 for |x| < 0.35 (its
 * remainder is below 2⁻²⁶ relative there), e^x − 1 elsewhere. Within 2 ulp.
 */
// @ts-ignore: decorator
@inline export function vexpm1(x: v128): v128 {
  const near = f32x4.lt(f32x4.abs(x), k(EXPM1_NEAR));
  // x + x²(1/2 + x(1/6 + x(1/24 + x(1/120 + x(1/720 + x(1/5040 + x/40320))))))
  const p = step(horner5(x, EXPM1_P), x, K_HALF);
  const taylor = f32x4.add(x, f32x4.mul(f32x4.mul(x, x), p));
  return v128.bitselect(taylor, f32x4.sub(vexp(x), k(K_ONE)), near);
}

/**
 * ln(1 + y) for y ≥ 0 without losing y's digits: with u = 1 + y rounded, ln(1 + y) =
 * ln u − ((u − 1) − y)/u (the rounding of u corrected to first order; Goldberg, "What every
 * computer scientist should know about floating-point arithmetic", 1991, Theorem 4 in spirit).
 */
// @ts-ignore: decorator
@inline export function vlog1p(y: v128): v128 {
  const one = k(K_ONE);
  const u = f32x4.add(y, one);
  const correction = f32x4.div(f32x4.sub(f32x4.sub(u, one), y), u);
  const tiny = f32x4.eq(u, one);
  return v128.bitselect(y, f32x4.sub(logF32x4(u), correction), tiny);
}

/**
 * tanh x: Cephes tanhf's odd polynomial x·(1 + x²·P(x²)) for |x| < 0.625, else
 * sign(x)·(1 − 2/(e^{2|x|} + 1)). Within 2 ulp.
 */
// @ts-ignore: decorator
@inline export function vtanh(x: v128): v128 {
  const ax = f32x4.abs(x);
  const x2 = f32x4.mul(x, x);
  const p = step(step(step(step(k(TANH_P + 4), x2, TANH_P + 3), x2, TANH_P + 2), x2, TANH_P + 1), x2, TANH_P);
  const one = k(K_ONE);
  const small = f32x4.mul(x, f32x4.add(one, f32x4.mul(p, x2))); // keeps −0
  const e = vexp(f32x4.add(ax, ax));
  const t = f32x4.sub(one, f32x4.div(k(K_TWO), f32x4.add(e, one)));
  const large = v128.or(t, v128.and(x, ki(I_SIGN)));
  return v128.bitselect(small, large, f32x4.lt(ax, k(TANH_NEAR)));
}

/** The logistic σ(x) = 1/(1 + e^{−x}); relative error within 3 ulp. */
// @ts-ignore: decorator
@inline export function vsigmoid(x: v128): v128 {
  const one = k(K_ONE);
  return f32x4.div(one, f32x4.add(one, vexp(f32x4.neg(x))));
}

/** e/(1 + e)² with e = e^{−|y|}: the bell shared by σ' and sech², no cancellation in the tails. */
// @ts-ignore: decorator
@inline function bell(y: v128): v128 {
  const e = vexp(f32x4.neg(f32x4.abs(y)));
  const d = f32x4.add(k(K_ONE), e);
  return f32x4.div(e, f32x4.mul(d, d));
}

/** σ'(x) = σ(x)·σ(−x) = e/(1 + e)² with e = e^{−|x|}. */
// @ts-ignore: decorator
@inline export function vsigmoidSlope(x: v128): v128 {
  return bell(x);
}

/** sech² x = 4e/(1 + e)² with e = e^{−2|x|} (×4 is exact): relative accuracy in the tails, where 1 − tanh² is 0. */
// @ts-ignore: decorator
@inline export function vsech2(x: v128): v128 {
  return f32x4.mul(k(K_FOUR), bell(f32x4.add(x, x)));
}

/** softplus ln(1 + e^x) = max(x, 0) + ln(1 + e^{−|x|}). */
// @ts-ignore: decorator
@inline export function vsoftplus(x: v128): v128 {
  const e = vexp(f32x4.neg(f32x4.abs(x)));
  return f32x4.add(f32x4.max(x, k(K_ZERO)), vlog1p(e));
}

/**
 * Float32 elementary functions on four lanes, for the float32 samplers: the SIMD twins of
 * ../src/random/mathF32.ts. Both evaluate the same formulas with the same IEEE float32
 * operations in the same order (no fused multiply-add in either), so they agree bit for bit;
 * keep the two files structurally parallel. Accuracy (measured against float64, see
 * test/random/mathF32.test.ts): log within 0.83 ulp, sin and cos of a quarter turn within
 * 1.35 ulp, the normal quantile within 4 ulp centrally and 4e-7 relative in the tails (AS 241's
 * PPND7 fits, 1.2e-7, evaluated in float32).
 *
 * Constants live in static tables and are splatted by loading (`f`, `i`): V8 rebuilds a v128
 * constant in three instructions at every use inside a loop, a splatting load is one.
 */

/** Float32 constants, by index (the names below). */
const F: usize = memory.data<f32>([
  // Cephes logf: log(1 + t) = t - t²/2 + t³·P(t), t in [√½ - 1, √2 - 1]; P from degree 8 down.
  7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
  // ln 2 = LN2_HI + LN2_LO (LN2_HI with 9 significant bits, so e·LN2_HI is exact); √½; ½; 1.
  0.693359375, -2.12194440e-4, 0.70710678118654752, 0.5, 1,
  // sin(π/2·f) = f + f·S(f²), cos(π/2·f) = 1 - f²·C(f²), |f| <= ½: minimax fits (relative error
  // 4.8e-9 and 7.6e-10) with coefficients rounded to float32, S and C from degree 3 down.
  -0.004602199885994196, 0.07968024164438248, -0.6459634900093079, 0.5707963109016418,
  -0.0009067471255548298, 0.020861530676484108, -0.253669410943985, 1.2337005138397217,
  // AS 241 PPND7: central A, B (degree 3 down), 0.180625; near tail C, D, 1.6; far tail E, F, 5.
  59.109374720, 159.29113202, 50.434271938, 3.3871327179,
  67.187563600, 78.757757664, 17.895169469, 0.180625,
  0.17023821103, 1.3067284816, 2.7568153900, 1.4234372777, 0.12021132975, 0.73700164250, 1.6,
  0.017337203997, 0.42868294337, 3.0812263860, 6.6579051150, 0.012258202635, 0.24197894225, 5,
  // 2^-22 (quarter-turn offsets), 2^-31 (open unit), -2, 0.425 (central region).
  2.384185791015625e-7, 4.656612873077393e-10, -2, 0.425,
]);
const LOG_P = 0;
const LN2_HI = 9;
const LN2_LO = 10;
const SQRT_HALF = 11;
export const HALF = 12;
export const ONE = 13;
export const SIN_S = 14;
export const COS_C = 18;
const PPND_A = 22;
const PPND_B = 26;
const PPND_R = 29;
const NEAR_C = 30;
const NEAR_D = 34;
const NEAR_R = 36;
const FAR_E = 37;
const FAR_F = 41;
const FAR_R = 43;
export const TWO_M22 = 44;
export const TWO_M31 = 45;
export const MINUS_TWO = 46;
export const CENTRAL_Q = 47;

/** Int32 constants, by index. */
const I: usize = memory.data<i32>([0x007fffff, 0x3f000000, 126, 1 << 21, 1, 2]);
const MANTISSA = 0;
const HALF_EXPONENT = 1;
const BIAS = 2;
const HALF_QUARTER = 3;
export const I_ONE = 4;
export const I_TWO = 5;

/** Float32 constant `index` in all four lanes. */
// @ts-ignore: decorator
@inline export function f(index: i32): v128 {
  return v128.load32_splat(F + (<usize>index << 2));
}

/** Int32 constant `index` in all four lanes. */
// @ts-ignore: decorator
@inline export function i(index: i32): v128 {
  return v128.load32_splat(I + (<usize>index << 2));
}

/** One Horner step: y·x + F[c]. */
// @ts-ignore: decorator
@inline function step(y: v128, x: v128, c: i32): v128 {
  return f32x4.add(f32x4.mul(y, x), f(c));
}

/** Horner's rule on the 4 coefficients at F[c..] (highest degree first). */
// @ts-ignore: decorator
@inline function cubic(c: i32, x: v128): v128 {
  return step(step(step(f(c), x, c + 1), x, c + 2), x, c + 3);
}

/**
 * Natural log of four positive normal float32 values (cephes logf): x = m·2^e with m in [√½, √2),
 * t = m - 1 (exact), log x = t - t²/2 + t³·P(t) + e·ln 2.
 */
// @ts-ignore: decorator
@inline export function logF32x4(x: v128): v128 {
  let e = i32x4.sub(i32x4.shr_s(x, 23), i(BIAS));
  const m = v128.or(v128.and(x, i(MANTISSA)), i(HALF_EXPONENT));
  const small = f32x4.lt(m, f(SQRT_HALF));
  e = i32x4.add(e, small);
  const t = f32x4.sub(v128.bitselect(f32x4.add(m, m), m, small), f(ONE));
  const ef = f32x4.convert_i32x4_s(e);
  const z = f32x4.mul(t, t);
  const p = step(step(step(step(step(cubic(LOG_P, t), t, LOG_P + 4), t, LOG_P + 5), t, LOG_P + 6), t, LOG_P + 7), t, LOG_P + 8);
  let y = f32x4.mul(f32x4.mul(p, t), z);
  y = f32x4.add(y, f32x4.mul(ef, f(LN2_LO)));
  y = f32x4.sub(y, f32x4.mul(f(HALF), z));
  const r = f32x4.add(t, y);
  return f32x4.add(r, f32x4.mul(ef, f(LN2_HI)));
}

/**
 * logF32x4 of x0, x1, x2, x3, stored at p, p + d, p + 2d, p + 3d: its operations per lane, in its
 * order, on the four in lockstep, so that four independent Horner chains overlap (one vector
 * at a time, the chain's latency bounds the samplers: measured 1.8 times slower).
 */
// @ts-ignore: decorator
@inline export function logF32x4x4(x0: v128, x1: v128, x2: v128, x3: v128, p: usize, d: usize): void {
  const mant = i(MANTISSA), half = i(HALF_EXPONENT), sqrtHalf = f(SQRT_HALF), one = f(ONE);
  const m0 = v128.or(v128.and(x0, mant), half), m1 = v128.or(v128.and(x1, mant), half);
  const m2 = v128.or(v128.and(x2, mant), half), m3 = v128.or(v128.and(x3, mant), half);
  const s0 = f32x4.lt(m0, sqrtHalf), s1 = f32x4.lt(m1, sqrtHalf);
  const s2 = f32x4.lt(m2, sqrtHalf), s3 = f32x4.lt(m3, sqrtHalf);
  const t0 = f32x4.sub(v128.bitselect(f32x4.add(m0, m0), m0, s0), one);
  const t1 = f32x4.sub(v128.bitselect(f32x4.add(m1, m1), m1, s1), one);
  const t2 = f32x4.sub(v128.bitselect(f32x4.add(m2, m2), m2, s2), one);
  const t3 = f32x4.sub(v128.bitselect(f32x4.add(m3, m3), m3, s3), one);
  // P(t) by Horner's rule, written out (V8 keeps a loop as a loop, with moves at its edges).
  let k = f(LOG_P);
  let p0 = k, p1 = k, p2 = k, p3 = k;
  k = f(LOG_P + 1); p0 = step4(p0, t0, k); p1 = step4(p1, t1, k); p2 = step4(p2, t2, k); p3 = step4(p3, t3, k);
  k = f(LOG_P + 2); p0 = step4(p0, t0, k); p1 = step4(p1, t1, k); p2 = step4(p2, t2, k); p3 = step4(p3, t3, k);
  k = f(LOG_P + 3); p0 = step4(p0, t0, k); p1 = step4(p1, t1, k); p2 = step4(p2, t2, k); p3 = step4(p3, t3, k);
  k = f(LOG_P + 4); p0 = step4(p0, t0, k); p1 = step4(p1, t1, k); p2 = step4(p2, t2, k); p3 = step4(p3, t3, k);
  k = f(LOG_P + 5); p0 = step4(p0, t0, k); p1 = step4(p1, t1, k); p2 = step4(p2, t2, k); p3 = step4(p3, t3, k);
  k = f(LOG_P + 6); p0 = step4(p0, t0, k); p1 = step4(p1, t1, k); p2 = step4(p2, t2, k); p3 = step4(p3, t3, k);
  k = f(LOG_P + 7); p0 = step4(p0, t0, k); p1 = step4(p1, t1, k); p2 = step4(p2, t2, k); p3 = step4(p3, t3, k);
  k = f(LOG_P + 8); p0 = step4(p0, t0, k); p1 = step4(p1, t1, k); p2 = step4(p2, t2, k); p3 = step4(p3, t3, k);
  const bias = i(BIAS);
  const e0 = f32x4.convert_i32x4_s(i32x4.add(i32x4.sub(i32x4.shr_s(x0, 23), bias), s0));
  const e1 = f32x4.convert_i32x4_s(i32x4.add(i32x4.sub(i32x4.shr_s(x1, 23), bias), s1));
  const e2 = f32x4.convert_i32x4_s(i32x4.add(i32x4.sub(i32x4.shr_s(x2, 23), bias), s2));
  const e3 = f32x4.convert_i32x4_s(i32x4.add(i32x4.sub(i32x4.shr_s(x3, 23), bias), s3));
  const z0 = f32x4.mul(t0, t0), z1 = f32x4.mul(t1, t1), z2 = f32x4.mul(t2, t2), z3 = f32x4.mul(t3, t3);
  const lo = f(LN2_LO);
  let y0 = f32x4.add(f32x4.mul(f32x4.mul(p0, t0), z0), f32x4.mul(e0, lo));
  let y1 = f32x4.add(f32x4.mul(f32x4.mul(p1, t1), z1), f32x4.mul(e1, lo));
  let y2 = f32x4.add(f32x4.mul(f32x4.mul(p2, t2), z2), f32x4.mul(e2, lo));
  let y3 = f32x4.add(f32x4.mul(f32x4.mul(p3, t3), z3), f32x4.mul(e3, lo));
  const h = f(HALF);
  y0 = f32x4.sub(y0, f32x4.mul(h, z0));
  y1 = f32x4.sub(y1, f32x4.mul(h, z1));
  y2 = f32x4.sub(y2, f32x4.mul(h, z2));
  y3 = f32x4.sub(y3, f32x4.mul(h, z3));
  const hi = f(LN2_HI);
  v128.store(p, f32x4.add(f32x4.add(t0, y0), f32x4.mul(e0, hi)));
  v128.store(p + d, f32x4.add(f32x4.add(t1, y1), f32x4.mul(e1, hi)));
  v128.store(p + 2 * d, f32x4.add(f32x4.add(t2, y2), f32x4.mul(e2, hi)));
  v128.store(p + 3 * d, f32x4.add(f32x4.add(t3, y3), f32x4.mul(e3, hi)));
}

/** One Horner step y·x + k (multiply, then add). */
// @ts-ignore: decorator
@inline export function step4(y: v128, x: v128, k: v128): v128 {
  return f32x4.add(f32x4.mul(y, x), k);
}

/** The quarter turn nearest to four 24-bit turns t (2π·t/2^24 radians): q = round(t / 2^22), in 0..4. */
// @ts-ignore: decorator
@inline export function quadrant(t: v128): v128 {
  return i32x4.shr_u(i32x4.add(t, i(HALF_QUARTER)), 22);
}

/** f = (t - q·2^22)·2^-22 in [-½, ½]: the angle's offset from quarter turn q, in quarter turns. */
// @ts-ignore: decorator
@inline export function quarterOffset(t: v128, q: v128): v128 {
  return f32x4.mul(f32x4.convert_i32x4_s(i32x4.sub(t, i32x4.shl(q, 22))), f(TWO_M22));
}

/** sin(π/2·f) for |f| <= ½. */
// @ts-ignore: decorator
@inline export function sinQuarterF32x4(x: v128): v128 {
  return f32x4.add(x, f32x4.mul(x, cubic(SIN_S, f32x4.mul(x, x))));
}

/** cos(π/2·f) for |f| <= ½. */
// @ts-ignore: decorator
@inline export function cosQuarterF32x4(x: v128): v128 {
  const s = f32x4.mul(x, x);
  return f32x4.sub(f(ONE), f32x4.mul(s, cubic(COS_C, s)));
}

/** Φ⁻¹(½ + q) for |q| <= 0.425 (AS 241 PPND7): q·A(r)/B(r), r = 0.180625 - q². */
// @ts-ignore: decorator
@inline export function centralQuantileF32x4(q: v128): v128 {
  const r = f32x4.sub(f(PPND_R), f32x4.mul(q, q));
  const b = f32x4.add(f32x4.mul(step(step(f(PPND_B), r, PPND_B + 1), r, PPND_B + 2), r), f(ONE));
  return f32x4.div(f32x4.mul(q, cubic(PPND_A, r)), b);
}

/**
 * Φ⁻¹(p) for p < 0.075 from r = √(-log p) (negative; AS 241 PPND7): -N(s)/D(s) with s = r - 1.6
 * for r <= 5, s = r - 5 beyond (whose coefficients are only selected when some lane needs them).
 */
// @ts-ignore: decorator
@inline export function tailQuantileF32x4(r: v128): v128 {
  const far = f32x4.gt(r, f(FAR_R));
  let s = f32x4.sub(r, f(NEAR_R));
  let n3 = f(NEAR_C), n2 = f(NEAR_C + 1), n1 = f(NEAR_C + 2), n0 = f(NEAR_C + 3);
  let d2 = f(NEAR_D), d1 = f(NEAR_D + 1);
  if (v128.any_true(far)) {
    s = v128.bitselect(f32x4.sub(r, f(FAR_R)), s, far);
    n3 = v128.bitselect(f(FAR_E), n3, far);
    n2 = v128.bitselect(f(FAR_E + 1), n2, far);
    n1 = v128.bitselect(f(FAR_E + 2), n1, far);
    n0 = v128.bitselect(f(FAR_E + 3), n0, far);
    d2 = v128.bitselect(f(FAR_F), d2, far);
    d1 = v128.bitselect(f(FAR_F + 1), d1, far);
  }
  let n = f32x4.add(f32x4.mul(n3, s), n2);
  n = f32x4.add(f32x4.mul(n, s), n1);
  n = f32x4.add(f32x4.mul(n, s), n0);
  let d = f32x4.add(f32x4.mul(d2, s), d1);
  d = f32x4.add(f32x4.mul(d, s), f(ONE));
  return f32x4.neg(f32x4.div(n, d));
}

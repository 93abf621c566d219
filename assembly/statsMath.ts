// Vectorized float32 elementary functions (f32x4) for the activation kernels, after Cephes'
// single-precision expf/logf/tanhf (S. L. Moshier, Methods and Programs for Mathematical
// Functions, 1989): range reduction, then a short minimax polynomial. Measured against float64
// over dense grids (test/kernels/stats.test.ts), each is within 2 ulp of the correctly rounded
// float32 result where its doc comment says so.

const LOG2E: f32 = 1.44269504088896341;
/** ln 2 split so that n·LN2_HI is exact for |n| < 2^9 (Cody & Waite). */
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
/** Beyond these exp overflows to +∞ or underflows to 0 (subnormal results are flushed to 0). */
const EXP_HI: f32 = 88.72283935546875;
const EXP_LO: f32 = -87.33654475;

@inline function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** p(x) = c0 + c1 x + ... by Horner (coefficients low to high). */
@inline function horner5(x: v128, c0: f32, c1: f32, c2: f32, c3: f32, c4: f32, c5: f32): v128 {
  let p = f32x4.add(f32x4.mul(splat(c5), x), splat(c4));
  p = f32x4.add(f32x4.mul(p, x), splat(c3));
  p = f32x4.add(f32x4.mul(p, x), splat(c2));
  p = f32x4.add(f32x4.mul(p, x), splat(c1));
  return f32x4.add(f32x4.mul(p, x), splat(c0));
}

/**
 * e^x: n = round(x·log₂e), r = x − n·ln 2 (two-part ln 2), e^r by Cephes' degree-7 expf
 * polynomial, scaled by 2^n through the exponent bits (in two halves, so 2^n never overflows
 * before the product). Within 2 ulp for x in [−87.3, 88.7]; +∞ above, 0 below, NaN stays NaN.
 */
export function vexp(x: v128): v128 {
  const big = f32x4.gt(x, splat(EXP_HI));
  const small = f32x4.lt(x, splat(EXP_LO));
  const xc = f32x4.max(f32x4.min(x, splat(EXP_HI)), splat(EXP_LO));
  const n = f32x4.nearest(f32x4.mul(xc, splat(LOG2E)));
  let r = f32x4.sub(xc, f32x4.mul(n, splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, splat(LN2_LO)));
  const r2 = f32x4.mul(r, r);
  const p = horner5(r, 5.0000001201e-1, 1.6666665459e-1, 4.1665795894e-2, 8.3334519073e-3, 1.3981999507e-3, 1.9875691500e-4);
  const er = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), splat(1));
  // 2^n as 2^(n − h)·2^h with h = n >> 1, both factors normal for n in [−126, 128].
  const ni = i32x4.trunc_sat_f32x4_s(n);
  const h = i32x4.shr_s(ni, 1);
  const s1 = i32x4.shl(i32x4.add(h, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(i32x4.sub(ni, h), i32x4.splat(127)), 23);
  const y = f32x4.mul(f32x4.mul(er, s1), s2);
  return v128.bitselect(splat(Infinity), v128.bitselect(splat(0), y, small), big);
}

/**
 * e^x − 1 without cancellation near 0: the Taylor polynomial to degree 8 for |x| < 0.35 (its
 * remainder is below 2⁻²⁶ relative there), e^x − 1 elsewhere. Within 2 ulp.
 */
export function vexpm1(x: v128): v128 {
  const near = f32x4.lt(f32x4.abs(x), splat(0.35));
  // x + x²(1/2 + x(1/6 + x(1/24 + x(1/120 + x(1/720 + x(1/5040 + x/40320))))))
  let p = f32x4.add(f32x4.mul(splat(1.0 / 40320.0), x), splat(1.0 / 5040.0));
  p = f32x4.add(f32x4.mul(p, x), splat(1.0 / 720.0));
  p = f32x4.add(f32x4.mul(p, x), splat(1.0 / 120.0));
  p = f32x4.add(f32x4.mul(p, x), splat(1.0 / 24.0));
  p = f32x4.add(f32x4.mul(p, x), splat(1.0 / 6.0));
  p = f32x4.add(f32x4.mul(p, x), splat(0.5));
  const taylor = f32x4.add(x, f32x4.mul(f32x4.mul(x, x), p));
  return v128.bitselect(taylor, f32x4.sub(vexp(x), splat(1)), near);
}

/**
 * ln x for x > 0 (Cephes logf): x = m·2^e with m in [√½, √2), ln m = f − f²/2 + f³·P(f),
 * f = m − 1, P of degree 8; plus e·ln 2 in two parts. Within 2 ulp for normal x.
 */
export function vlog(x: v128): v128 {
  const bits = x;
  let e = i32x4.sub(i32x4.shr_u(bits, 23), i32x4.splat(127));
  // Mantissa in [1, 2), then moved to [√½, √2).
  let m = v128.or(v128.and(bits, i32x4.splat(0x007fffff)), i32x4.splat(0x3f800000));
  const high = f32x4.gt(m, splat(1.41421356237));
  m = v128.bitselect(f32x4.mul(m, splat(0.5)), m, high);
  e = i32x4.sub(e, high); // high lanes are −1: e + 1
  const f = f32x4.sub(m, splat(1));
  const f2 = f32x4.mul(f, f);
  let p = f32x4.add(f32x4.mul(splat(7.0376836292e-2), f), splat(-1.1514610310e-1));
  p = f32x4.add(f32x4.mul(p, f), splat(1.1676998740e-1));
  p = f32x4.add(f32x4.mul(p, f), splat(-1.2420140846e-1));
  p = f32x4.add(f32x4.mul(p, f), splat(1.4249322787e-1));
  p = f32x4.add(f32x4.mul(p, f), splat(-1.6668057665e-1));
  p = f32x4.add(f32x4.mul(p, f), splat(2.0000714765e-1));
  p = f32x4.add(f32x4.mul(p, f), splat(-2.4999993993e-1));
  p = f32x4.add(f32x4.mul(p, f), splat(3.3333331174e-1));
  const ef = f32x4.convert_i32x4_s(e);
  let y = f32x4.mul(f32x4.mul(p, f), f2);
  y = f32x4.add(y, f32x4.mul(ef, splat(LN2_LO)));
  y = f32x4.sub(y, f32x4.mul(f2, splat(0.5)));
  return f32x4.add(f32x4.add(f, y), f32x4.mul(ef, splat(LN2_HI)));
}

/**
 * ln(1 + y) for y ≥ 0 without losing y's digits: with u = 1 + y rounded, ln(1 + y) =
 * ln u − ((u − 1) − y)/u (the rounding of u corrected to first order; Goldberg, "What every
 * computer scientist should know about floating-point arithmetic", 1991, Theorem 4 in spirit).
 */
export function vlog1p(y: v128): v128 {
  const u = f32x4.add(y, splat(1));
  const correction = f32x4.div(f32x4.sub(f32x4.sub(u, splat(1)), y), u);
  const tiny = f32x4.eq(u, splat(1));
  return v128.bitselect(y, f32x4.sub(vlog(u), correction), tiny);
}

/**
 * tanh x: Cephes tanhf's odd polynomial x·(1 + x²·P(x²)) for |x| < 0.625, else
 * sign(x)·(1 − 2/(e^{2|x|} + 1)). Within 2 ulp.
 */
export function vtanh(x: v128): v128 {
  const ax = f32x4.abs(x);
  const x2 = f32x4.mul(x, x);
  let p = f32x4.add(f32x4.mul(splat(-5.70498872745e-3), x2), splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, x2), splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, x2), splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, x2), splat(-3.33332819422e-1));
  const small = f32x4.mul(x, f32x4.add(splat(1), f32x4.mul(p, x2))); // keeps −0
  const e = vexp(f32x4.add(ax, ax));
  const t = f32x4.sub(splat(1), f32x4.div(splat(2), f32x4.add(e, splat(1))));
  const large = v128.or(t, v128.and(x, i32x4.splat(0x80000000)));
  return v128.bitselect(small, large, f32x4.lt(ax, splat(0.625)));
}

/** The logistic σ(x) = 1/(1 + e^{−x}); relative error within 3 ulp. */
export function vsigmoid(x: v128): v128 {
  return f32x4.div(splat(1), f32x4.add(splat(1), vexp(f32x4.neg(x))));
}

/** σ'(x) = σ(x)·σ(−x) = e/(1 + e)² with e = e^{−|x|}: no cancellation in either tail. */
export function vsigmoidSlope(x: v128): v128 {
  const e = vexp(f32x4.neg(f32x4.abs(x)));
  const d = f32x4.add(splat(1), e);
  return f32x4.div(e, f32x4.mul(d, d));
}

/** sech² x = 4e/(1 + e)² with e = e^{−2|x|}: relative accuracy in the tails, where 1 − tanh² is 0. */
export function vsech2(x: v128): v128 {
  const ax = f32x4.abs(x);
  const e = vexp(f32x4.neg(f32x4.add(ax, ax)));
  const d = f32x4.add(splat(1), e);
  return f32x4.div(f32x4.mul(splat(4), e), f32x4.mul(d, d));
}

/** softplus ln(1 + e^x) = max(x, 0) + ln(1 + e^{−|x|}). */
export function vsoftplus(x: v128): v128 {
  const e = vexp(f32x4.neg(f32x4.abs(x)));
  return f32x4.add(f32x4.max(x, splat(0)), vlog1p(e));
}

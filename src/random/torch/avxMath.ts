/**
 * The arithmetic of PyTorch's CPU random kernels as x86-64 builds run them on a CPU with AVX2:
 * the float32 log, sine and cosine PyTorch's AVX2 normal kernel calls (`log256_ps` and
 * `sincos256_ps` of aten/src/ATen/native/cpu/avx_mathfun.h: Giovanni Garberoglio's AVX port of
 * Julien Pommier's sse_mathfun, itself a rewriting of Cephes' logf/sinf/cosf), one lane at a time,
 * and the fused multiply-adds of that build. The AVX2 kernels are compiled with FMA enabled and
 * floating-point contraction on, so the compiler turns a multiply feeding an add into one fused
 * multiply-add: in `x * w + from` and `v * std + mean` of the scalar code, and inside the
 * intrinsics code too (every polynomial step; `y·z + e·q1` fuses the first product). Each step
 * below is either one float32 rounding (Math.fround) or one fused multiply-add (fmaF32), as
 * Debian's PyTorch 1.13.1 (x86-64, AVX2) computes it: 200 000 torch.randn values bit for bit.
 */

const fr = Math.fround;
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

const LOG_P = [7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map(fr);
const LOG_Q1 = fr(-2.12194440e-4);
const LOG_Q2 = fr(0.693359375);
const SQRTHF = fr(0.707106781186547524);
const MIN_NORM = 2 ** -126;

/**
 * log256_ps on one lane: x = m·2^e with m in [½, 1), (m < √½: e -= 1, t = 2m - 1; else t = m - 1),
 * log x = t + (t³·P(t) + e·q1 - t²/2) + e·q2 (Cephes logf), with the build's fused steps.
 * NaN for x <= 0 as in the kernel.
 */
export function log256(x: number): number {
  if (!(x > 0)) return NaN;
  f32[0] = Math.max(x, MIN_NORM);
  const bits = i32[0];
  let e = fr(((bits >>> 23) - 0x7f) + 1);
  i32[0] = (bits & ~0x7f800000) | 0x3f000000;
  let m = f32[0];
  const small = m < SQRTHF;
  const tmp = small ? m : 0;
  m = fr(m - 1);
  if (small) e = fr(e - 1);
  m = fr(m + tmp);
  const z = fr(m * m);
  let y = LOG_P[0];
  for (let k = 1; k < LOG_P.length; k++) y = fmaF32(y, m, LOG_P[k]);
  y = fmaF32(fr(y * m), z, fr(e * LOG_Q1));
  y = fmaF32(z, -0.5, y);
  return fmaF32(e, LOG_Q2, fr(m + y));
}

const DP1 = fr(-0.78515625);
const DP2 = fr(-2.4187564849853515625e-4);
const DP3 = fr(-3.77489497744594108e-8);
const SIN_P = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(fr);
const COS_P = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(fr);
const FOPI = fr(1.27323954473516);

/**
 * sincos256_ps on one lane (x >= 0 here: the kernel's angles are 2π·u, u in [0, 1)):
 * j = (⌊x·4/π⌋ + 1) & ~1, x' = x - j·π/4 in three parts (DP1..DP3), then Cephes' sine and cosine
 * polynomials on x', chosen and signed by j; the build's fused steps.
 */
export function sincos256(x: number): { sin: number; cos: number } {
  const sign = x < 0 || Object.is(x, -0) ? -1 : 1;
  let a = Math.abs(x);
  let j = Math.trunc(fr(a * FOPI));
  j = (j + 1) & ~1;
  const y = fr(j);
  const swapSin = (j & 4) !== 0;
  const polySin = (j & 2) === 0;
  a = fmaF32(y, DP1, a);
  a = fmaF32(y, DP2, a);
  a = fmaF32(y, DP3, a);
  const swapCos = ((~(j - 2)) & 4) !== 0;
  const z = fr(a * a);
  let c = fmaF32(COS_P[0], z, COS_P[1]);
  c = fmaF32(c, z, COS_P[2]);
  c = fr(fmaF32(fr(c * z), z, -fr(z * 0.5)) + 1);
  let s = fmaF32(SIN_P[0], z, SIN_P[1]);
  s = fmaF32(s, z, SIN_P[2]);
  s = fmaF32(fr(s * z), a, a);
  const sinAbs = polySin ? s : c;
  const cosAbs = polySin ? c : s;
  const sinSign = (sign < 0) !== swapSin ? -1 : 1;
  return { sin: sinSign * sinAbs, cos: swapCos ? -cosAbs : cosAbs };
}

/** fma(a, b, c) of float32 a, b, c rounded once to float32 (_mm256_fmadd_ps on one lane). */
export function fmaF32(a: number, b: number, c: number): number {
  const p = a * b; // exact: two 24-bit significands fit in 53 bits
  const s = p + c;
  const bb = s - p;
  const err = (p - (s - bb)) + (c - bb); // p + c = s + err exactly (TwoSum)
  const r = fr(s);
  if (err === 0 || r === s) return r;
  // s is the double nearest p + c, so only when s is a float32 midpoint can rounding s differ
  // from rounding p + c; then err says which side p + c lies on.
  const other = nextF32(r, s > r ? 1 : -1);
  if ((r + other) / 2 !== s) return r;
  return err > 0 ? Math.max(r, other) : Math.min(r, other);
}

/** 2^27 + 1: Veltkamp's splitter for float64 (Dekker, "A floating-point technique for extending the available precision", 1971). */
const SPLITTER = 134217729;

/**
 * fma(a, b, c) in float64: a·b split exactly into hi + lo (Dekker's TwoProduct), hi + c summed
 * exactly (Knuth's TwoSum), the two low parts added last. The result is the correctly rounded
 * a·b + c except in rare ties of the final addition (faithful rounding); finite inputs only.
 */
export function fma64(a: number, b: number, c: number): number {
  const hi = a * b;
  const as = SPLITTER * a;
  const ah = as - (as - a);
  const al = a - ah;
  const bs = SPLITTER * b;
  const bh = bs - (bs - b);
  const bl = b - bh;
  const lo = ((ah * bh - hi) + ah * bl + al * bh) + al * bl;
  const s = hi + c;
  const v = s - hi;
  const e = (hi - (s - v)) + (c - v);
  return s + (e + lo);
}

/** The float32 next to float32 r, upwards (dir 1) or downwards (dir -1). */
function nextF32(r: number, dir: 1 | -1): number {
  f32[0] = r;
  if (r === 0) return dir * 2 ** -149;
  i32[0] += (r > 0) === (dir > 0) ? 1 : -1;
  return f32[0];
}

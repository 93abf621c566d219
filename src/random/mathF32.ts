/**
 * Float32 elementary functions for the float32 samplers: the reference twins of the SIMD kernels'
 * ../../assembly/mathF32.ts. Both evaluate the same formulas with the same IEEE float32 operations
 * in the same order (here every operation is rounded by Math.fround; +, -, ·, / and √ of float32
 * values computed in float64 and rounded once are exactly float32's, and neither side fuses a
 * multiply-add), so they agree bit for bit on every input; keep the two files structurally
 * parallel. Accuracy against float64 (test/random/mathF32.test.ts): log within 0.83 ulp, sin and
 * cos of a quarter turn within 1.35 ulp (every input checked), the normal quantile within 4 ulp
 * centrally and 4e-7 relative in the tails (AS 241's PPND7 fits, 1.2e-7, evaluated in float32).
 */

const fr = Math.fround;
const bits32 = new Float32Array(1);
const int32 = new Int32Array(bits32.buffer);

// Cephes logf: log(1 + t) = t - t²/2 + t³·P(t) for t in [√½ - 1, √2 - 1].
const LOG_P = [
  3.3333331174e-1, -2.4999993993e-1, 2.0000714765e-1, -1.6668057665e-1, 1.4249322787e-1,
  -1.2420140846e-1, 1.1676998740e-1, -1.1514610310e-1, 7.0376836292e-2,
].map(fr);
/** ln 2 = LN2_HI + LN2_LO, LN2_HI with 9 significant bits so e·LN2_HI is exact. */
const LN2_HI = fr(0.693359375);
const LN2_LO = fr(-2.12194440e-4);
const SQRT_HALF = fr(0.70710678118654752);

/** Horner's rule in float32: c[0] + c[1]·x + ... + c[n]·x^n, every step rounded. */
function hornerF32(c: readonly number[], x: number): number {
  let y = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) y = fr(fr(y * x) + c[i]);
  return y;
}

/**
 * Natural log of a positive normal float32 x (cephes logf): x = m·2^e with m in [√½, √2),
 * t = m - 1 (exact), log x = t - t²/2 + t³·P(t) + e·ln 2.
 */
export function logF32(x: number): number {
  bits32[0] = x;
  const bits = int32[0];
  let e = (bits >> 23) - 126;
  int32[0] = (bits & 0x007fffff) | 0x3f000000;
  const m = bits32[0];
  const small = m < SQRT_HALF;
  if (small) e -= 1;
  const t = fr((small ? m + m : m) - 1);
  const z = fr(t * t);
  let y = fr(fr(hornerF32(LOG_P, t) * t) * z);
  y = fr(y + fr(e * LN2_LO));
  y = fr(y - fr(0.5 * z));
  const r = fr(t + y);
  return fr(r + fr(e * LN2_HI));
}

// sin(π/2·f) = f + f·S(f²) and cos(π/2·f) = 1 - f²·C(f²) on |f| <= 1/2: minimax fits (Lawson's
// iteratively reweighted least squares on Chebyshev nodes) of relative error 4.8e-9 and 7.6e-10,
// coefficients rounded to float32.
const SIN_S = [0.5707963109016418, -0.6459634900093079, 0.07968024164438248, -0.004602199885994196].map(fr);
const COS_C = [1.2337005138397217, -0.253669410943985, 0.020861530676484108, -0.0009067471255548298].map(fr);

/** The quarter turn nearest to a 24-bit turn t (2π·t/2^24 radians): q = round(t / 2^22), in 0..4. */
export function quadrant(t: number): number {
  return (t + (1 << 21)) >>> 22;
}

/** f = (t - q·2^22)·2^-22 in [-1/2, 1/2]: the angle's offset from quarter turn q, in quarter turns. */
export function quarterOffset(t: number, q: number): number {
  return fr((t - q * 4194304) * 2 ** -22);
}

/** sin(π/2·f) for |f| <= 1/2. */
export function sinQuarterF32(f: number): number {
  return fr(f + fr(f * hornerF32(SIN_S, fr(f * f))));
}

/** cos(π/2·f) for |f| <= 1/2. */
export function cosQuarterF32(f: number): number {
  const s = fr(f * f);
  return fr(1 - fr(s * hornerF32(COS_C, s)));
}

// AS 241 PPND7 (Wichura 1988), the single-precision version, "accurate to about 1 part in 10^7":
// central region |q| <= 0.425 in r = 0.180625 - q²; tails in r = √(-log p) - 1.6 (r <= 5) and
// r - 5 (r > 5). Measured to 1.2e-7 relative up to r = 26 (p = e^-676).
const CENTRAL_A = [3.3871327179, 50.434271938, 159.29113202, 59.109374720].map(fr);
const CENTRAL_B = [1, 17.895169469, 78.757757664, 67.187563600].map(fr);
const NEAR_C = [1.4234372777, 2.7568153900, 1.3067284816, 0.17023821103].map(fr);
const NEAR_D = [1, 0.73700164250, 0.12021132975].map(fr);
const FAR_E = [6.6579051150, 3.0812263860, 0.42868294337, 0.017337203997].map(fr);
const FAR_F = [1, 0.24197894225, 0.012258202635].map(fr);
const R_NEAR = fr(1.6);

/** Φ⁻¹(½ + q) for |q| <= 0.425: q·A(r)/B(r), r = 0.180625 - q². */
export function centralQuantileF32(q: number): number {
  const r = fr(fr(0.180625) - fr(q * q));
  return fr(fr(q * hornerF32(CENTRAL_A, r)) / hornerF32(CENTRAL_B, r));
}

/** Φ⁻¹(p) for p < 0.075 from r = √(-log p) (negative): -N(s)/D(s), s = r - 1.6 (r <= 5) or r - 5. */
export function tailQuantileF32(r: number): number {
  const far = r > 5;
  const s = fr(r - (far ? 5 : R_NEAR));
  return -fr(hornerF32(far ? FAR_E : NEAR_C, s) / hornerF32(far ? FAR_F : NEAR_D, s));
}

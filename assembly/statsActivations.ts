// The lab's activation functions φ and their derivatives φ' on f32x4, by code (the order of
// ACTIVATION_CODES in ../src/kernels/stats.ts). Formulas follow ../src/activations/functions.ts
// (PyTorch's definitions and its one-sided derivatives at kinks); `a` is leaky_relu's slope,
// elu's α; SELU uses its fixed constants. The exact GELU (x·Φ(x)) has no code: the lab
// evaluates it in JavaScript.
import { k, K_ONE, K_ZERO, splat, vexp, vexpm1, vsech2, vsigmoid, vsigmoidSlope, vsoftplus, vtanh } from './statsMath';

export const ACT_IDENTITY = 0;
export const ACT_TANH = 1;
export const ACT_SIGMOID = 2;
export const ACT_SOFTSIGN = 3;
export const ACT_RELU = 4;
export const ACT_LEAKY_RELU = 5;
export const ACT_ELU = 6;
export const ACT_SELU = 7;
export const ACT_SILU = 8;
export const ACT_SOFTPLUS = 9;
export const ACT_HARDTANH = 10;
export const ACT_GELU_TANH = 11;
export const ACT_MISH = 12;

const SELU_ALPHA: f32 = 1.6732632423543772;
const SELU_SCALE: f32 = 1.0507009873554805;
/** gelu_tanh: x·σ(2u), u = √(2/π)(x + 0.044715x³). */
const GELU_K2: f32 = 1.5957691216057308; // 2√(2/π)
const GELU_C: f32 = 0.044715;

/** x > 0 ? pos : neg, lanewise. */
// @ts-ignore: decorator
@inline function positive(x: v128, pos: v128, neg: v128): v128 {
  return v128.bitselect(pos, neg, f32x4.gt(x, k(K_ZERO)));
}

/** scale·x for x > 0, scale·α·(e^x − 1) otherwise. */
// @ts-ignore: decorator
@inline function scaledElu(x: v128, alpha: f32, scale: f32): v128 {
  return f32x4.mul(splat(scale), positive(x, x, f32x4.mul(splat(alpha), vexpm1(x))));
}

// @ts-ignore: decorator
@inline function geluArg(x: v128): v128 {
  return f32x4.mul(splat(GELU_K2), f32x4.add(x, f32x4.mul(splat(GELU_C), f32x4.mul(x, f32x4.mul(x, x)))));
}

/** φ(x) for activation `act` (inlined: a kernel calls it with a constant `act`, so one case remains). */
// @ts-ignore: decorator
@inline export function phi(x: v128, act: i32, a: f32): v128 {
  switch (act) {
    case ACT_IDENTITY: return x;
    case ACT_TANH: return vtanh(x);
    case ACT_SIGMOID: return vsigmoid(x);
    case ACT_SOFTSIGN: return f32x4.div(x, f32x4.add(k(K_ONE), f32x4.abs(x)));
    case ACT_RELU: return f32x4.max(x, k(K_ZERO));
    case ACT_LEAKY_RELU: return positive(x, x, f32x4.mul(splat(a), x));
    case ACT_ELU: return scaledElu(x, a, 1);
    case ACT_SELU: return scaledElu(x, SELU_ALPHA, SELU_SCALE);
    case ACT_SILU: return f32x4.mul(x, vsigmoid(x));
    case ACT_SOFTPLUS: return vsoftplus(x);
    case ACT_HARDTANH: return f32x4.min(k(K_ONE), f32x4.max(f32x4.neg(k(K_ONE)), x));
    case ACT_GELU_TANH: return f32x4.mul(x, vsigmoid(geluArg(x)));
    case ACT_MISH: return f32x4.mul(x, vtanh(vsoftplus(x)));
    default: unreachable();
  }
  return x;
}

/** φ'(x) for activation `act` (at a kink, PyTorch's choice: relu'(0) = 0, leaky_relu'(0) = a). */
// @ts-ignore: decorator
@inline export function phiSlope(x: v128, act: i32, a: f32): v128 {
  const one = k(K_ONE);
  switch (act) {
    case ACT_IDENTITY: return one;
    case ACT_TANH: return vsech2(x);
    case ACT_SIGMOID: return vsigmoidSlope(x);
    case ACT_SOFTSIGN: {
      const d = f32x4.add(one, f32x4.abs(x));
      return f32x4.div(one, f32x4.mul(d, d));
    }
    case ACT_RELU: return positive(x, one, k(K_ZERO));
    case ACT_LEAKY_RELU: return positive(x, one, splat(a));
    case ACT_ELU: return positive(x, one, f32x4.mul(splat(a), vexp(x)));
    case ACT_SELU: return positive(x, splat(SELU_SCALE), f32x4.mul(splat(SELU_SCALE * SELU_ALPHA), vexp(x)));
    case ACT_SILU: return f32x4.add(vsigmoid(x), f32x4.mul(x, vsigmoidSlope(x)));
    case ACT_SOFTPLUS: return vsigmoid(x);
    case ACT_HARDTANH: return v128.and(v128.and(f32x4.gt(x, splat(-1)), f32x4.lt(x, one)), one);
    case ACT_GELU_TANH: {
      const v = geluArg(x);
      const dv = f32x4.mul(splat(GELU_K2), f32x4.add(one, f32x4.mul(splat(3 * GELU_C), f32x4.mul(x, x))));
      return f32x4.add(vsigmoid(v), f32x4.mul(f32x4.mul(x, dv), vsigmoidSlope(v)));
    }
    case ACT_MISH: {
      // tanh(sp) + x·sech²(sp)·σ(x), sp = softplus(x).
      const sp = vsoftplus(x);
      return f32x4.add(vtanh(sp), f32x4.mul(f32x4.mul(x, vsech2(sp)), vsigmoid(x)));
    }
    default: unreachable();
  }
  return x;
}

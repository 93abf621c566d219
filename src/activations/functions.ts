/**
 * The built-in activations, each with exact first and second derivatives. Formulas follow PyTorch's
 * definitions (torch.nn.functional), including its choice of derivative at kinks; SELU's constants
 * are Klambauer et al. 2017 ("Self-Normalizing Neural Networks") as PyTorch rounds them.
 */
import { ndtr, normalPdf } from '../math/special.js';
import { finite, positive } from '../validate.js';
import { sech2, sigmoid, sigmoidCurvature, sigmoidSlope, softplus as softplusValue } from './logistic.js';
import type { Activation } from './types.js';

export const identity: Activation = Object.freeze({
  name: 'identity',
  f: (x: number) => x,
  df: () => 1,
  d2f: () => 0,
});

/** tanh, φ' = sech², φ'' = -2 tanh·sech²; saturates at ±1. */
export const tanh: Activation = Object.freeze({
  name: 'tanh',
  f: Math.tanh,
  df: sech2,
  d2f: (x: number) => -2 * Math.tanh(x) * sech2(x),
  saturation: Object.freeze({ low: -1, high: 1 }),
});

/** Logistic σ(x) = 1/(1 + e^{-x}); saturates at 0 and 1. */
export const logistic: Activation = Object.freeze({
  name: 'sigmoid',
  f: sigmoid,
  df: sigmoidSlope,
  d2f: sigmoidCurvature,
  saturation: Object.freeze({ low: 0, high: 1 }),
});

/** softsign x/(1 + |x|), φ' = 1/(1 + |x|)², φ'' = -2 sign(x)/(1 + |x|)³ (0 at 0); saturates at ±1. */
export const softsign: Activation = Object.freeze({
  name: 'softsign',
  f: (x: number) => x / (1 + Math.abs(x)),
  df: (x: number) => 1 / (1 + Math.abs(x)) ** 2,
  d2f: (x: number) => (-2 * Math.sign(x)) / (1 + Math.abs(x)) ** 3,
  saturation: Object.freeze({ low: -1, high: 1 }),
});

/** max(x, 0); φ'(0) = 0 as in PyTorch. */
export const relu: Activation = Object.freeze({
  name: 'relu',
  f: (x: number) => Math.max(0, x),
  df: (x: number) => (x > 0 ? 1 : 0),
  d2f: () => 0,
});

/** x for x > 0, slope·x otherwise; φ'(0) = slope as in PyTorch. `slope` must be finite. */
export function leakyRelu(slope: number): Activation {
  const a = finite('negative_slope', slope);
  return Object.freeze({
    name: 'leaky_relu',
    param: a,
    f: (x: number) => (x > 0 ? x : a * x),
    df: (x: number) => (x > 0 ? 1 : a),
    d2f: () => 0,
  });
}

/** scale·x for x > 0, scale·α(e^x - 1) otherwise (PyTorch takes the left branch's slope at 0). */
function scaledElu(name: string, alpha: number, scale: number): Omit<Activation, 'param'> {
  return {
    name,
    f: (x: number) => (x > 0 ? scale * x : scale * alpha * Math.expm1(x)),
    df: (x: number) => (x > 0 ? scale : scale * alpha * Math.exp(x)),
    d2f: (x: number) => (x > 0 ? 0 : scale * alpha * Math.exp(x)),
  };
}

/** ELU (Clevert et al. 2016) with α > 0. */
export function elu(alpha: number): Activation {
  const a = positive('alpha', alpha);
  return Object.freeze({ ...scaledElu('elu', a, 1), param: a });
}

/** SELU = λ·ELU_α with λ = 1.0507009873554805, α = 1.6732632423543772 (PyTorch's constants). */
export const selu: Activation = Object.freeze(scaledElu('selu', 1.6732632423543772, 1.0507009873554805));

/** Exact GELU x·Φ(x) (Hendrycks & Gimpel 2016); φ' = Φ + xφ, φ'' = (2 - x²)φ with φ the normal pdf. */
export const gelu: Activation = Object.freeze({
  name: 'gelu',
  f: (x: number) => x * ndtr(x),
  df: (x: number) => ndtr(x) + x * normalPdf(x),
  d2f: (x: number) => (2 - x * x) * normalPdf(x),
});

// PyTorch's gelu(approximate='tanh'): ½x(1 + tanh u) = x·σ(2u), u = √(2/π)(x + 0.044715x³).
const K = Math.sqrt(2 / Math.PI);
const C = 0.044715;

/** The tanh approximation of GELU, written as x·σ(2u) so it is exact far into the negative tail. */
export const geluTanh: Activation = Object.freeze({
  name: 'gelu_tanh',
  f: (x: number) => x * sigmoid(2 * K * (x + C * x * x * x)),
  df: (x: number) => {
    const v = 2 * K * (x + C * x * x * x);
    return sigmoid(v) + x * 2 * K * (1 + 3 * C * x * x) * sigmoidSlope(v);
  },
  d2f: (x: number) => {
    const v = 2 * K * (x + C * x * x * x);
    const dv = 2 * K * (1 + 3 * C * x * x);
    const s1 = dv * sigmoidSlope(v); // d/dx σ(v)
    const s2 = 12 * K * C * x * sigmoidSlope(v) + dv * dv * sigmoidCurvature(v);
    return 2 * s1 + x * s2;
  },
});

/** SiLU / swish x·σ(x) (Elfwing et al. 2018; Ramachandran et al. 2017). */
export const silu: Activation = Object.freeze({
  name: 'silu',
  f: (x: number) => x * sigmoid(x),
  df: (x: number) => sigmoid(x) + x * sigmoidSlope(x),
  d2f: (x: number) => 2 * sigmoidSlope(x) + x * sigmoidCurvature(x),
});

/** softplus log(1 + e^x) (β = 1, without PyTorch's switch to x above x = 20); φ' = σ, φ'' = σ'. */
export const softplus: Activation = Object.freeze({
  name: 'softplus',
  f: softplusValue,
  df: sigmoid,
  d2f: sigmoidSlope,
});

/** mish x·tanh(softplus(x)) (Misra 2019); with T = tanh(sp), T' = sech²(sp)σ(x). */
export const mish: Activation = Object.freeze({
  name: 'mish',
  f: (x: number) => x * Math.tanh(softplusValue(x)),
  df: (x: number) => {
    const sp = softplusValue(x);
    return Math.tanh(sp) + x * sech2(sp) * sigmoid(x);
  },
  d2f: (x: number) => {
    const sp = softplusValue(x);
    const t = Math.tanh(sp);
    const s = sigmoid(x);
    const dt = sech2(sp) * s;
    const d2t = sech2(sp) * s * (sigmoid(-x) - 2 * t * s);
    return 2 * dt + x * d2t;
  },
});

/** clip(x, -1, 1); φ' = 1 strictly inside (-1, 1), else 0 as in PyTorch; saturates at ±1. */
export const hardtanh: Activation = Object.freeze({
  name: 'hardtanh',
  f: (x: number) => Math.min(1, Math.max(-1, x)),
  df: (x: number) => (x > -1 && x < 1 ? 1 : 0),
  d2f: () => 0,
  saturation: Object.freeze({ low: -1, high: 1 }),
});

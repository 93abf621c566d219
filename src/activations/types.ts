/** The shape every activation function in initlab has: gains, mean-field theory and the lab share it. */

/** Horizontal asymptotes of a bounded activation: φ(x) -> low as x -> -∞ and -> high as x -> ∞. */
export interface Saturation {
  readonly low: number;
  readonly high: number;
}

/**
 * A scalar activation φ with its first and second derivatives. At a kink (ReLU at 0, hardtanh at ±1)
 * `df` and `d2f` return PyTorch's one-sided choice (the value from the left for ReLU: 0).
 */
export interface Activation {
  /** Canonical registry name (`silu` for `swish`), or the user's name for a custom activation. */
  readonly name: string;
  /** The parameter in effect, for activations that take one (leaky_relu: negative slope; elu: α). */
  readonly param?: number;
  f(x: number): number;
  df(x: number): number;
  d2f(x: number): number;
  /** Present for bounded activations, so the lab can report the fraction of units saturated. */
  readonly saturation?: Saturation;
}

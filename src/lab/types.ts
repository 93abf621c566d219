/** The records a lab run produces; the JSON output is these objects as they are. */
import type { LsuvLayer } from '../init/lsuv.js';
import type { ArrayStats } from './arrayStats.js';
import type { JacobianStats } from './jacobian.js';
import type { LayerTheory } from './theory/layers.js';
import type { Verdict } from './theory/summary.js';

export interface LayerRecord {
  /** 1-based layer number. */
  readonly index: number;
  readonly width: number;
  /** z^l = x^{l-1} W^l + b^l over the batch; null past an event. */
  preact: ArrayStats | null;
  /** x^l = φ(z^l). */
  act: ArrayStats | null;
  /** ∂ℓ/∂x^l, the gradient arriving at this layer's output (null without a backward pass). */
  grad: ArrayStats | null;
  /** ∂ℓ/∂z^l = ∂ℓ/∂x^l ⊙ φ'(z^l) (Glorot & Bengio's back-propagated gradient ∂C/∂s). */
  preactGrad: ArrayStats | null;
  /** ∂ℓ/∂W^l averaged over the batch, (1/B) x^{l-1}ᵀ ∂ℓ/∂z^l. */
  weightGrad: ArrayStats | null;
  /** Singular values of ∂x^l/∂x^{l-1} (only when asked for). */
  jacobian: JacobianStats | null;
  /** What LSUV did to this layer's weight (only with `init: 'lsuv'`). */
  lsuv?: LsuvLayer;
  /** Mean-field predictions (null when the weights have a mean). */
  readonly theory: LayerTheory | null;
}

export interface LabEvent {
  readonly kind: 'overflow' | 'vanished';
  readonly layer: number;
  readonly pass: 'forward' | 'backward';
  /** The tensor where it was seen first: preact, act or grad. */
  readonly tensor: string;
  readonly message: string;
  /** The run's seed, in multi-seed results. */
  readonly seed?: number;
}

export interface RunSummary {
  /**
   * σ_w² = n_in Var(W) and σ_b² = E[b²] of the deepest layer, which the infinite-depth theory
   * describes (with LSUV, σ_w² of the theory's calibrated deepest layer).
   */
  readonly sigmaW2: number | null;
  readonly sigmaB2: number | null;
  /** Fixed point of the length map; null without theory or when every q is one (`marginal`). */
  readonly qStar: number | null;
  /** Every q is a fixed point of the length map (σ_b² = 0 and σ_w² E[φ(√q z)²] = q for all q, e.g. ReLU at σ_w² = 2). */
  readonly marginal: boolean;
  readonly chi1: number | null;
  readonly cStar: number | null;
  readonly chiC: number | null;
  readonly xiQ: number | null;
  readonly xiC: number | null;
  readonly verdict: Verdict | null;
  /**
   * The layer where the predicted pre-activation variance makes a batch overflow the dtype with
   * probability ≥ ½ (./theory/overflow.ts), or null.
   */
  readonly overflowLayer: number | null;
  /** Why the theory is missing, when it is. */
  readonly note?: string;
}

export interface RunResult {
  readonly seed: number;
  readonly layers: LayerRecord[];
  readonly events: LabEvent[];
  /** Average loss over the batch (xent, mse). */
  readonly loss?: number;
  /** ∂ℓ/∂x⁰, the gradient at the network's input (what "enters" layer 1 from above). */
  readonly inputGrad: ArrayStats | null;
  /** Second moment of the top gradient (1 in expectation for `none`). */
  readonly topGradSecondMoment?: number;
}

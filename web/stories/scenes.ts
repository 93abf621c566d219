/**
 * The guided stories: the seeds' experiments as scenes a learner applies with one click. Each
 * scene is data: a short explanation, its formulas (TeX, rendered by ./tex.ts), and the settings
 * that show it, as the URL holds them (the flag names of `initlab propagate`, or of the
 * playground for training scenes). Every number a text states was measured with those settings
 * (seed 0, float32) and is checked against the lab by test/web/stories.test.ts.
 */

/** What a scene shows: one lab run, several pinned and overlaid, or a training run in the playground. */
export type SceneKind = 'propagate' | 'compare' | 'playground';

export interface Scene {
  readonly id: string;
  readonly title: string;
  /** Plain text; paragraphs separated by a blank line. */
  readonly text: string;
  /** TeX, one display formula each. */
  readonly formulas: readonly string[];
  readonly kind: SceneKind;
  /** kind 'propagate': one run (`depth=100&width=512&...`). */
  readonly query?: string;
  /** kind 'compare': up to four runs to pin and overlay, in this order. */
  readonly queries?: readonly string[];
  /** kind 'playground': the playground's settings (`data=circles&depth=3&...`). */
  readonly playground?: string;
}

type Settings = Readonly<Record<string, string | number>>;

/** A query string as the page writes it: values URI-encoded, commas and colons kept readable. */
export function queryString(settings: Settings): string {
  return Object.entries(settings)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v)).replace(/%2C/g, ',').replace(/%3A/g, ':')}`)
    .join('&');
}

/** The lab settings every propagate scene starts from. */
const LAB = { seed: 0, batch: 128, backward: 1 } as const;
const deep = (activation: string, init: string): string => queryString({ depth: 100, width: 512, activation, init, ...LAB });

/** Glorot & Bengio's "standard" initialization U(±1/√n_in): Var(w) = 1/(3 n_in). */
export const STANDARD_INIT = 'variance_scaling(scale=0.333333, distribution=uniform)';

export const SCENES: readonly Scene[] = [
  {
    id: 'variance-product',
    title: 'Each layer multiplies the variance by n·Var(w)',
    text: [
      'A unit adds up its n inputs, each times its own random weight. When the weights have mean zero and are drawn independently of the inputs, the variances of the n terms add up: the output has n·Var(w) times the variance of an input. Stack layers and these factors multiply.',
      'Here: a linear network (identity activation) of 20 layers of 256 units, weights N(0, 0.05²). The factor is 256 × 0.0025 = 0.64 per layer, so after 20 layers the variance is 0.64²⁰ ≈ 1.3·10⁻⁴ of the input\'s; the lab measures 1.2·10⁻⁴. The gradient going back shrinks by the same factor per layer.',
      'Try std = 0.0625 = 1/√256: the factor becomes 1 and the variance stays put.',
    ].join('\n\n'),
    formulas: [
      String.raw`\operatorname{Var}(z_j) = \sum_{i=1}^{n} \operatorname{Var}(w_{ij}\,x_i) = n\,\operatorname{Var}(w)\,\operatorname{Var}(x)`,
      String.raw`\operatorname{Var}(z^{L}) = \bigl(n\,\operatorname{Var}(w)\bigr)^{L}\,\operatorname{Var}(x)`,
    ],
    kind: 'propagate',
    query: queryString({ depth: 20, width: 256, activation: 'identity', init: 'normal(std=0.05)', ...LAB }),
  },
  {
    id: 'float32-overflow',
    title: 'N(0, 1) weights reach float32\'s limit at layer 28',
    text: [
      'Drawing every weight from N(0, 1), whatever the layer\'s width, is the mistake the variance rule warns against. With 512 inputs per unit, each layer multiplies the variance by 512 and the typical value by √512 ≈ 22.6.',
      'float32 cannot hold a number beyond 3.4·10³⁸. In a linear network of 512 units the typical value at layer 28 is 22.6²⁸ ≈ 10³⁸, and the largest of the batch\'s 65,536 values, a few times that, no longer fits: the lab reports an overflow at layer 28. In float64 (limit 1.8·10³⁰⁸) the same network gets past layer 40, but the numbers are just as meaningless.',
    ].join('\n\n'),
    formulas: [
      String.raw`\operatorname{Var}(z^{l}) = 512^{\,l}\,\operatorname{Var}(x), \qquad \sqrt{512}^{\;28} \approx 8.5\cdot 10^{37}`,
      String.raw`\text{float32 max} = (2 - 2^{-23})\cdot 2^{127} \approx 3.4\cdot 10^{38}`,
    ],
    kind: 'propagate',
    query: queryString({ depth: 40, width: 512, activation: 'identity', init: 'normal(std=1)', ...LAB }),
  },
  {
    id: 'glorot-compromise',
    title: 'Forward and backward: Glorot and Bengio\'s compromise',
    text: [
      'Going forward, the activations keep their variance from layer to layer when n_in·Var(w) = 1. Going backward, the gradients keep theirs when n_out·Var(w) = 1, because the gradient of a unit gathers contributions from the n_out units it feeds. Both hold only when a layer has as many outputs as inputs, so Glorot and Bengio (2010) took the middle: Var(w) = 2/(n_in + n_out), drawn uniformly on ±√6/√(n_in + n_out).',
      'Compare it with the initialization common before, U(±1/√n_in), whose variance is a third of that. In a tanh network of 100 layers of 512, the standard one shrinks the activations\' variance to about 10⁻⁵ by layer 10 and 10⁻⁴⁸ by layer 100, and the gradient reaching layer 1 is 10⁻⁴⁸ of the one at the top. Yet the weight gradients have about the same variance in every layer (their Eq. 14): small, but not vanishing with depth.',
      'With the normalized initialization, tanh squeezes the activations only slowly (variance 0.006 at layer 100) and the gradient at layer 1 is still about 1% of the top\'s.',
    ].join('\n\n'),
    formulas: [
      String.raw`\text{forward: } n_{\text{in}}\operatorname{Var}(w) = 1 \qquad \text{backward: } n_{\text{out}}\operatorname{Var}(w) = 1`,
      String.raw`\operatorname{Var}(w) = \frac{2}{n_{\text{in}} + n_{\text{out}}}, \qquad w \sim U\!\left[-\frac{\sqrt 6}{\sqrt{n_{\text{in}} + n_{\text{out}}}},\ \frac{\sqrt 6}{\sqrt{n_{\text{in}} + n_{\text{out}}}}\right]`,
      String.raw`\text{standard } U\!\left[-\tfrac{1}{\sqrt{n}},\ \tfrac{1}{\sqrt{n}}\right]: \quad n\operatorname{Var}(w) = \tfrac13`,
    ],
    kind: 'compare',
    queries: [
      deep('tanh', STANDARD_INIT),
      deep('tanh', 'glorot_uniform'),
    ],
  },
  {
    id: 'he-relu',
    title: 'Why ReLU needs 2/n_in',
    text: [
      'ReLU sets the negative half of its inputs to zero, so on average only half of the signal\'s energy gets through: E[x²] = ½·Var(z). To keep the variance from layer to layer, the weights must make up for that factor ½: n_in·Var(w) = 2, the initialization of He et al. (2015).',
      'With Glorot\'s variance (1/n_in for equal widths) a 100-layer ReLU network of 512 halves the variance at every layer: 2⁻⁹⁹ ≈ 1.6·10⁻³⁰ predicted at layer 100, 4·10⁻³⁰ measured, and the gradient reaching layer 1 is as small. With He\'s, the variance stays near 2 all the way (between 1.4 and 5 over the 100 layers here: at depth 100 and width 512 the fluctuations of one network add up).',
    ].join('\n\n'),
    formulas: [
      String.raw`E[x^2] = E[\max(0, z)^2] = \tfrac12 \operatorname{Var}(z)`,
      String.raw`\operatorname{Var}(z^{l}) = \tfrac12\, n_{\text{in}} \operatorname{Var}(w)\, \operatorname{Var}(z^{l-1}) \;\Rightarrow\; \operatorname{Var}(w) = \frac{2}{n_{\text{in}}}`,
    ],
    kind: 'compare',
    queries: [
      deep('relu', 'glorot_normal'),
      deep('relu', 'he_normal'),
    ],
  },
  {
    id: 'three-stories',
    title: 'tanh + Glorot, ReLU + Glorot, ReLU + He',
    text: [
      'The three runs of the seeds on one chart, 100 layers of 512. tanh with Glorot\'s initialization sits on the edge: the variance decays, but slowly, like 1/l (0.005 at layer 100), because tanh flattens large values. ReLU with the same weights loses half its variance per layer and is at 10⁻³⁰ by layer 100. ReLU with He\'s weights keeps it of order 1.',
      'Look at the gradients too: the same three stories run backward from the top.',
    ].join('\n\n'),
    formulas: [
      String.raw`\frac{\operatorname{Var}(\partial\ell/\partial z^{l-1})}{\operatorname{Var}(\partial\ell/\partial z^{l})} \approx \chi_1 = \sigma_w^2\, \mathbb{E}\bigl[\varphi'(z)^2\bigr]`,
      String.raw`\tanh,\ \sigma_w^2 = 1:\ \chi_1 \to 1 \text{ as } \operatorname{Var}(z) \to 0; \qquad \text{ReLU}:\ \chi_1 = \sigma_w^2 / 2`,
    ],
    kind: 'compare',
    queries: [
      deep('tanh', 'glorot_normal'),
      deep('relu', 'glorot_normal'),
      deep('relu', 'he_normal'),
    ],
  },
  {
    id: 'zero-symmetry',
    title: 'Zero initialization: every unit the same, forever',
    text: [
      'Start every weight at zero (or at any one constant) and all the units of a layer compute the same function. They then receive the same gradient, take the same step, and are still identical after any number of updates: a layer of 16 units acts as one. The playground counts the distinct units per layer; here it stays at 1.',
      'With zeros exactly, the hidden layers do not even move (their gradients pass through zero weights) and the test error stays at 50%, chance. With constant(value=0.1) they move, but together: one unit per layer sees the plane through a single direction and cannot wrap a boundary around the inner circle, so the error stays near chance. Switch to glorot_uniform and the 16 units part ways from the first update; the circles are separated in a few hundred.',
    ].join('\n\n'),
    formulas: [String.raw`W^{l}_{ij} = c \ \ \forall i, j \;\Rightarrow\; \frac{\partial \ell}{\partial W^{l}_{ij}} = \frac{\partial \ell}{\partial W^{l}_{ik}} \;\Rightarrow\; \text{units } j, k \text{ stay equal}`],
    kind: 'playground',
    playground: queryString({ data: 'circles', depth: 3, width: 16, activation: 'tanh', init: 'zeros', lr: 0.3, batch: 10, seed: 0 }),
  },
  {
    id: 'deep-stall',
    title: 'A deep ReLU network stalls with Glorot\'s initialization',
    text: [
      'He et al. (2015) trained a 30-layer ReLU network: with Glorot\'s initialization it did not learn at all, and the gradients were vanishing; with theirs it did. The same happens here on the circles: 30 ReLU layers of 32 with glorot_normal. The first layer\'s weight gradient starts around 10⁻⁷ and the loss stays at ln 2 ≈ 0.693, a coin toss.',
      'Switch the initializer to he_normal and the same network separates the circles within about a thousand updates.',
    ].join('\n\n'),
    formulas: [String.raw`\prod_{l=1}^{30} \tfrac12\, n_{\text{in}} \operatorname{Var}(w^{l}) = 2^{-30} \approx 10^{-9}`],
    kind: 'playground',
    playground: queryString({ data: 'circles', depth: 30, width: 32, activation: 'relu', init: 'glorot_normal', lr: 0.01, batch: 10, seed: 0 }),
  },
];

/** The scene with this id. */
export function scene(id: string): Scene | undefined {
  return SCENES.find((s) => s.id === id);
}

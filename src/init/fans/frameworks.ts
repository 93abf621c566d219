/**
 * Each framework's own fan rule, quirks included, for parity with weights it initializes.
 * These read axes the way the framework does, so transposed, grouped and depthwise kernels get
 * the framework's (often non-semantic) answer; {@link computeFans} gives the semantic one.
 */
import { fail } from '../../errors.js';
import { checkShape } from '../../tensor.js';
import { type Axes, type Fans, axisFans, axisProduct, normalizeAxes } from './axes.js';

/**
 * PyTorch `torch.nn.init._calculate_fan_in_and_fan_out`: layout `[out, in, ...kernel]` with no
 * notion of groups or transposition; fanIn = shape[1]·r, fanOut = shape[0]·r, r = ∏shape[2:].
 * Below rank 2 PyTorch raises, so a bias cannot use `xavier_*`/`kaiming_*`.
 *
 * Example: `torchFans([32, 1, 3, 3])` (a depthwise conv) is (9, 288).
 */
export function torchFans(shape: readonly number[]): Fans {
  checkShape(shape);
  if (shape.length < 2) {
    fail('shape', shape, 'at least 2 dimensions (PyTorch computes no fans for a tensor of rank 0 or 1, such as a bias)');
  }
  return axisFans(shape, [1], [0]);
}

/**
 * Keras 3 `compute_fans` (keras/src/initializers/random_initializers.py). With both
 * `inputAxes` and `outputAxes` (Keras PR #22789): fanIn = ∏shape[inputAxes], fanOut =
 * ∏shape[outputAxes], no receptive factor, and one list without the other is ignored as in Keras.
 * Otherwise by rank: 0-D → (1, 1); 1-D → (n, n); 2-D → (shape[0], shape[1]); higher ranks are
 * read as `[...kernel, in, out]`.
 *
 * Example: `kerasFans([768, 12, 64])` is (9216, 49152); with `[0], [1, 2]` it is (768, 768).
 */
export function kerasFans(shape: readonly number[], inputAxes?: Axes, outputAxes?: Axes): Fans {
  checkShape(shape);
  const rank = shape.length;
  if (inputAxes !== undefined && outputAxes !== undefined) {
    const fanIn = axisProduct(shape, normalizeAxes('inputAxes', inputAxes, rank, false));
    const fanOut = axisProduct(shape, normalizeAxes('outputAxes', outputAxes, rank, false));
    return { fanIn, fanOut, receptive: 1 };
  }
  return rank < 2 ? axisFans(shape, [], []) : axisFans(shape, [rank - 2], [rank - 1]);
}

/**
 * TF.js `computeFans` (tfjs-layers/src/initializers.ts, channelsLast as `VarianceScaling` calls
 * it): rank 2 → (shape[0], shape[1]); rank 3 to 5 → `[...kernel, in, out]`; any other rank
 * (0, 1, 6 and up) → fanIn = fanOut = √∏shape, reported with receptive = √∏shape as well.
 *
 * Example: `tfjsFans([5])` is (√5, √5).
 */
export function tfjsFans(shape: readonly number[]): Fans {
  const total = checkShape(shape);
  const rank = shape.length;
  if (rank >= 2 && rank <= 5) return axisFans(shape, [rank - 2], [rank - 1]);
  const fan = Math.sqrt(total);
  return { fanIn: fan, fanOut: fan, receptive: fan };
}

/**
 * JAX `_compute_fans` (jax/_src/nn/initializers.py): in, out and batch sizes are products over
 * their axes, receptive = ∏shape / in / out / batch, fanIn = in·receptive, fanOut =
 * out·receptive, all floats. JAX raises only when `inAxis` is the default -2 and the rank is at
 * most 1; explicit axes may overlap and are then multiplied as given, e.g. `(n,)` with
 * `inAxis = outAxis = 0` has receptive 1/n and fans (1, 1).
 *
 * Example: `jaxFans([8, 512, 2048], -2, -1, 0)` is (512, 2048).
 */
export function jaxFans(shape: readonly number[], inAxis: Axes = -2, outAxis: Axes = -1, batchAxis: Axes = []): Fans {
  checkShape(shape);
  const rank = shape.length;
  if (inAxis === -2 && rank <= 1) {
    fail('shape', shape, 'at least 2 dimensions with the default inAxis=-2 (JAX: give inAxis explicitly for a lower rank)');
  }
  return axisFans(
    shape,
    normalizeAxes('inAxis', inAxis, rank, false),
    normalizeAxes('outAxis', outAxis, rank, false),
    normalizeAxes('batchAxis', batchAxis, rank, false),
  );
}

/**
 * Caffe's xavier/msra filler rule (include/caffe/filler.hpp): fanIn = count / shape(0), fanOut =
 * count / shape(1), or count for a 1-D blob. Rank 0 has no shape(0), which Caffe aborts on.
 *
 * Example: `caffeFans([5])` is (1, 5); `caffeFans([16, 32, 4, 4])` (Deconvolution) is (512, 256).
 */
export function caffeFans(shape: readonly number[]): Fans {
  checkShape(shape);
  if (shape.length === 0) fail('shape', shape, 'at least 1 dimension (Caffe reads the blob\'s shape(0))');
  return axisFans(shape, shape.length > 1 ? [1] : [], [0]);
}

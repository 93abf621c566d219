/**
 * The trained network: `depth` hidden layers of the lab's form z^l = x^{l-1} W^l + b^l,
 * x^l = φ(z^l), and a linear output layer of one unit per class (the logits of softmax
 * cross-entropy, or the outputs of squared error). Parameters are drawn by the lab's network
 * builder (../lab/network.ts), so every initializer spec means what it means in the lab: layer l's
 * weight is drawn under `foldIn(keyFromSeed(seed), 'layer<l>/weight')`, stored [in, out]
 * row-major, and framework orientations ([out, in] for torch and caffe) are honoured. The output
 * layer is layer depth + 1 and has the same initializers as the hidden layers (as in Glorot &
 * Bengio 2010, where every layer is initialized alike).
 *
 * @example
 * const m = createModel({ inputSize: 2, widths: [16, 16], classes: 2, activation: 'tanh', init: 'glorot_uniform', seed: 0 });
 * m.weights[0].length; // 2 x 16
 */
import { activation, type Activation } from '../activations/index.js';
import { resolveConfig } from '../lab/config.js';
import { buildNetwork } from '../lab/network.js';
import { keyFromSeed } from '../random/key.js';
import type { InitSpec } from '../catalog/spec.js';
import type { DType, FloatArray, Tensor } from '../tensor.js';

export interface ModelSpec {
  readonly inputSize: number;
  /** Hidden layer widths. */
  readonly widths: readonly number[];
  readonly classes: number;
  readonly activation: string;
  readonly activationParam?: number;
  readonly init: string | InitSpec;
  readonly bias?: string | InitSpec;
  readonly seed: number;
  readonly dtype?: DType;
}

export interface Model {
  /** [inputSize, hidden widths..., classes]. */
  readonly sizes: readonly number[];
  readonly phi: Activation;
  readonly dtype: DType;
  /** W^l at index l - 1, [sizes[l-1], sizes[l]] row-major; updated in place by training. */
  readonly weights: FloatArray[];
  readonly biases: FloatArray[];
  /** Each layer's weight law at initialization, in words. */
  readonly weightLaw: readonly string[];
}

/** Number of layers with parameters (hidden layers and the output layer). */
export function layerCount(model: Model): number {
  return model.weights.length;
}

export function createModel(spec: ModelSpec): Model {
  const depth = spec.widths.length + 1;
  const config = resolveConfig({
    depth,
    width: [...spec.widths, spec.classes],
    inputSize: spec.inputSize,
    activation: spec.activation,
    ...(spec.activationParam === undefined ? {} : { activationParam: spec.activationParam }),
    init: spec.init,
    ...(spec.bias === undefined ? {} : { bias: spec.bias }),
    seed: spec.seed,
    batch: 1,
    dtype: spec.dtype ?? 'float32',
  });
  const net = buildNetwork(config);
  const root = keyFromSeed(spec.seed);
  const layers = Array.from({ length: depth }, (_, i) => i + 1);
  return {
    sizes: net.sizes,
    phi: activation(spec.activation, spec.activationParam),
    dtype: config.dtype,
    weights: layers.map((l) => net.weight(root, l)),
    biases: layers.map((l) => net.bias(root, l)),
    weightLaw: net.weightLaw,
  };
}

/** Every layer's weight ([in, out]) and bias as named tensors: `layer<l>/weight`, `layer<l>/bias`. */
export function modelTensors(model: Model): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  model.weights.forEach((w, i) => {
    out[`layer${i + 1}/weight`] = { shape: [model.sizes[i], model.sizes[i + 1]], dtype: model.dtype, data: w };
    out[`layer${i + 1}/bias`] = { shape: [model.sizes[i + 1]], dtype: model.dtype, data: model.biases[i] };
  });
  return out;
}

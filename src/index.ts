/**
 * initlab: neural-network weight initialization with framework-exact semantics and
 * counter-based, split-independent randomness.
 *
 *   import { initializer, keyFromSeed, foldIn } from 'initlab';
 *   const root = keyFromSeed(0);
 *   const w = initializer('torch:kaiming_normal(mode=fan_out, nonlinearity=relu)')(foldIn(root, 'conv1/weight'), [64, 32, 3, 3]);
 */
export * from './random/index.js';
export { initializer, type Initializer, type Plan, type CallOptions } from './init/initializer.js';
export { type Law, type Expected, sampleLaw, lawMoments, lawCdf, formatLaw } from './init/law.js';
export { varianceScalingLaw, truncationFactor, fanFor, MODES, DISTRIBUTIONS, type Mode, type Distribution } from './init/varianceScaling.js';
export * from './init/fans.js';
export { gain, torchGain, gainTable, type GainRow } from './init/gain.js';
export * from './activations/index.js';
export { normalizeSpec, resolveSpec, type InitSpec } from './spec/spec.js';
export { parseSpec } from './spec/parse.js';
export { formatSpec } from './spec/format.js';
export { lookup, entries } from './spec/registry.js';
export { FRAMEWORKS, type Framework } from './spec/definition.js';
export * from './io/index.js';
export { ArgumentError } from './errors.js';
export { type Tensor, type DType, type FloatArray } from './tensor.js';
export { train, initialModel, createModel, modelTensors, lsuv, parseLsuv, distinctUnits, evaluate, trainingThroughput, type TrainConfig, type TrainResult, type TrainOutcome, type Model, type LsuvLayer, type LsuvOptions, type Throughput } from './train/index.js';
export { loadData, DATA_SETS, type Dataset, type Splits, type DataName } from './data/index.js';
export { configureKernels, kernelInfo, BACKENDS, type BackendChoice, type KernelInfo, type KernelOptions } from './kernels/index.js';

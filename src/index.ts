/**
 * initlab: neural-network weight initialization with framework-exact semantics and
 * counter-based, split-independent randomness, and the lab that measures what it does.
 *
 *   import { initializer, keyFromSeed, foldIn } from 'initlab';
 *   const root = keyFromSeed(0);
 *   const w = initializer('torch:kaiming_normal(mode=fan_out, nonlinearity=relu)')(foldIn(root, 'conv1/weight'), [64, 32, 3, 3]);
 *
 *   import { propagate, meanField, activation, train } from 'initlab';
 *   const lab = propagate({ depth: 50, width: 256, activation: 'tanh', init: 'glorot_normal', backward: true });   // LabResult
 *   const theory = meanField(activation('tanh'), 1, 0);   // q*, χ₁, c*, ξ_q, ξ_c, verdict
 *   const { result, model } = train({ data: 'circles', depth: 3, width: 32, activation: 'tanh', init: 'glorot_uniform' });
 *
 * The root holds the main entry points; the subpaths hold each part whole: `initlab/random`
 * (keys and samplers), `initlab/lab` (the lab, its theory and experiments), `initlab/theory`
 * (mean-field theory alone) and `initlab/train` (the trainer and its pieces).
 */
export * from './random/index.js';
export { initializer, type Initializer, type Plan, type CallOptions } from './init/initializer.js';
export { type Law, type Expected, sampleLaw, lawMoments, lawCdf, formatLaw } from './init/law.js';
export { varianceScalingLaw, truncationFactor, fanFor, MODES, DISTRIBUTIONS, type Mode, type Distribution } from './init/varianceScaling.js';
export * from './init/fans.js';
export { gain, torchGain, gainTable, type GainRow } from './init/gain.js';
export * from './activations/index.js';
export { normalizeSpec, resolveSpec, type InitSpec } from './catalog/spec.js';
export { parseSpec } from './catalog/parse.js';
export { formatSpec } from './catalog/format.js';
export { lookup, entries } from './catalog/registry.js';
export { FRAMEWORKS, type Framework } from './catalog/definition.js';
export * from './io/index.js';
export { ArgumentError } from './errors.js';
export { type Tensor, type DType, type FloatArray } from './tensor.js';
export { propagate, type ConfigRecord, type LabResult, type PropagateOptions } from './lab/propagate.js';
export { resolveConfig, type InputBatch, type LabConfig, type Loss } from './lab/config.js';
export type { LabEvent, LayerRecord, RunResult, RunSummary } from './lab/types.js';
export { meanField, criticalSigmaW2, criticalLine, predictLayers, type MeanField, type Verdict, type CriticalPoint, type LayerTheory } from './lab/theory/index.js';
export { train, initialModel, createModel, modelTensors, lsuv, parseLsuv, distinctUnits, evaluate, trainingThroughput, type TrainConfig, type TrainOptions, type TrainResult, type TrainOutcome, type CurvePoint, type TrainFinal, type Model, type LsuvLayer, type LsuvOptions, type Throughput, createSession, type Session, type SessionConfig, type Snapshot } from './train/index.js';
export { loadData, DATA_SETS, type Dataset, type Splits, type DataName } from './data/index.js';
export { torchGenerator, torchSeed, torchUniform, torchNormal, TorchGenerator, type TorchKernel, type TorchKernelOptions } from './random/torch/index.js';
export { torchInit, type TorchInitOptions } from './frameworks/torchStream/index.js';
export { configureKernels, kernelInfo, kernelsStarted, BACKENDS, type BackendChoice, type KernelInfo, type KernelOptions } from './kernels/index.js';

/** The lab: deep random networks forward and backward, with mean-field theory beside measurement. */
export { propagate, type ConfigRecord, type LabResult, type PropagateOptions } from './propagate.js';
export { resolveConfig, peakBytes, LOSSES, DEFAULTS, type InputBatch, type LabConfig, type Loss, type ResolvedConfig } from './config.js';
export { arrayStats, SATURATION_MARGIN, type ArrayStats } from './arrayStats.js';
export { type JacobianStats, layerJacobian } from './jacobian.js';
export { symmetricEigenvalues } from '../linalg/eigenvalues.js';
export { selectQuantiles } from './select.js';
export { TENSORS, type AggregateStats, type TensorName } from './seeds.js';
export type { LabEvent, LayerRecord, RunResult, RunSummary } from './types.js';
export * from './theory/index.js';
export { PRESETS, preset } from './experiments/presets.js';
export { runExperiment, type ExperimentResult, type ExperimentRun, type ExperimentOverrides } from './experiments/run.js';
export { checkExperiment, expandRuns, readExperiment, type ExperimentSpec, type RunSpec } from './experiments/spec.js';

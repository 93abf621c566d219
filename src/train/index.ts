/** Training runs: the trainer, its losses and passes, monitoring, LSUV and the symmetry count. */
export { train, initialModel, type CurvePoint, type TrainFinal, type TrainOptions, type TrainOutcome, type TrainResult } from './trainer.js';
export { resolveTrainConfig, TRAIN_DEFAULTS, type ResolvedTrainConfig, type TrainConfig } from './config.js';
export { createModel, modelTensors, layerCount, type Model, type ModelSpec } from './model.js';
export { forward, backward, zeroGradients, type Gradients, type Trace } from './pass.js';
export { lossGradient, TRAIN_LOSSES, type LossValue, type TrainLoss } from './loss.js';
export { sgd, type Sgd } from './sgd.js';
export { evaluate, type Evaluation } from './evaluate.js';
export { monitorLayers, type LayerMonitor } from './monitor.js';
export { lsuv, parseLsuv, LSUV_DEFAULTS, type LsuvLayer, type LsuvOptions } from './lsuv.js';
export { distinctUnits } from './symmetry.js';
export { trainingThroughput, THROUGHPUT_NETWORKS, type Throughput, type ThroughputNetwork } from './throughput.js';
export { createSession, decisionBoundary, sgdUpdater, toySplits, SESSION_DEFAULTS, TOY_SIZES, type Boundary, type Session, type SessionConfig, type Snapshot, type Updater } from './session.js';

/**
 * Running a training experiment (`kind: "train"`): every run of the grid (or list) through the
 * trainer (../../train), one after the other, with the command line's overrides. Runs that share
 * a data source (data set, seed and split sizes) share its splits, loaded once. A run that fails
 * on its configuration fails the experiment with the run named.
 */
import { loadData, type Splits } from '../../data/index.js';
import { ArgumentError, fail } from '../../errors.js';
import { resolveTrainConfig, type TrainConfig } from '../../train/config.js';
import { train, type TrainResult } from '../../train/trainer.js';
import type { DType } from '../../tensor.js';
import { expandRuns, type ExperimentSpec } from './spec.js';

export type TrainingExperimentSpec = ExperimentSpec<Partial<TrainConfig>> & { readonly kind: 'train' };

export interface TrainingOverrides {
  readonly updates?: number;
  readonly batch?: number;
  readonly dtype?: DType;
}

/** One run's result with its label (and the published value, when the spec gives one). */
export type TrainingRun = TrainResult & { readonly label: string; readonly paper?: number };

export interface TrainingExperimentResult {
  readonly name: string;
  readonly description: string;
  readonly kind: 'train';
  readonly reference?: string;
  readonly runs: TrainingRun[];
  /** Wall time of the whole experiment. */
  readonly seconds: number;
}

export interface TrainingRunOptions {
  readonly overrides?: TrainingOverrides;
  /** After every update: the run's label, its index, the number of runs, updates done and in all of that run. */
  readonly onProgress?: (label: string, run: number, runs: number, done: number, total: number, loss: number) => void;
}

export function isTrainingExperiment(spec: ExperimentSpec<unknown>): spec is TrainingExperimentSpec {
  return spec.kind === 'train';
}

export function runTrainingExperiment(spec: TrainingExperimentSpec, options: TrainingRunOptions = {}): TrainingExperimentResult {
  const start = performance.now();
  const o = options.overrides ?? {};
  const planned = expandRuns(spec);
  const sources = new Map<string, Splits>();
  const runs: TrainingRun[] = [];
  planned.forEach(({ label, config, paper }, i) => {
    const given: Record<string, unknown> = { ...config, ...o };
    if (o.updates !== undefined) delete given.epochs; // an updates override replaces an epoch count
    const c = given as unknown as TrainConfig;
    try {
      const r = resolveTrainConfig(c);
      const source = JSON.stringify([r.data, r.seed, r.trainSize, r.validationSize, r.testSize]);
      let data = sources.get(source);
      if (data === undefined) {
        data = loadData(r.data, { seed: r.seed, ...(r.trainSize === undefined ? {} : { train: r.trainSize }), ...(r.validationSize === undefined ? {} : { validation: r.validationSize }), ...(r.testSize === undefined ? {} : { test: r.testSize }) });
        sources.set(source, data);
      }
      const { result } = train(c, { data, ...(options.onProgress ? { onProgress: (d: number, t: number, loss: number) => options.onProgress!(label, i, planned.length, d, t, loss) } : {}) });
      runs.push({ label, ...(paper === undefined ? {} : { paper }), ...result });
    } catch (e) {
      if (e instanceof ArgumentError) fail(`${spec.name}: ${label}: ${e.argument}`, e.value, e.expected);
      throw e;
    }
  });
  return {
    name: spec.name,
    description: spec.description,
    kind: 'train',
    ...(spec.reference === undefined ? {} : { reference: spec.reference }),
    runs,
    seconds: (performance.now() - start) / 1000,
  };
}

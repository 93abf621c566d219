/**
 * Running an experiment: every run of the grid (or list) through `propagate`, one after the
 * other, with the overrides from the command line (a batch, a number of seeds), and the
 * edge-of-chaos analysis where the experiment asks for it. A run that fails on its configuration
 * fails the experiment with the run named.
 */
import { activation } from '../../activations/index.js';
import { ArgumentError, fail } from '../../errors.js';
import type { LabConfig } from '../config.js';
import { propagate, type LabResult } from '../propagate.js';
import { edgeConfig, edgeRow, type EdgeRow } from './edgeOfChaos.js';
import { expandRuns, type ExperimentSpec } from './spec.js';
import { phaseDiagram, type PhaseDiagram } from '../theory/phase.js';

export interface ExperimentOverrides {
  readonly batch?: number;
  readonly seeds?: number;
  readonly dtype?: LabConfig['dtype'];
  readonly memoryLimit?: number;
}

export interface ExperimentRun {
  readonly label: string;
  readonly result: LabResult;
}

export interface ExperimentResult {
  readonly name: string;
  readonly description: string;
  readonly runs: ExperimentRun[];
  /** Edge of chaos: theory vs measurement per grid point, and the phase diagram. */
  readonly edge?: PhaseDiagram & { readonly rows: EdgeRow[] };
}

export interface RunOptions {
  /** Settings that replace every run's. */
  readonly overrides?: ExperimentOverrides;
  /** Settings for the runs that give none (the CLI's memory limit: half the machine's memory). */
  readonly defaults?: Pick<LabConfig, 'memoryLimit'>;
  /** After every layer pass: the run's label, its index, the number of runs, done and total passes of that run. */
  readonly onProgress?: (label: string, run: number, runs: number, done: number, total: number) => void;
}

export function runExperiment(spec: ExperimentSpec, options: RunOptions = {}): ExperimentResult {
  const o = options.overrides ?? {};
  const planned = expandRuns(spec);
  const runs: ExperimentRun[] = [];
  const points: { sigmaW2: number; sigmaB2: number }[] = [];
  planned.forEach(({ label, config }, i) => {
    let c: Record<string, unknown> = {
      ...options.defaults, ...config,
      ...(o.batch === undefined ? {} : { batch: o.batch }), ...(o.dtype === undefined ? {} : { dtype: o.dtype }), ...(o.memoryLimit === undefined ? {} : { memoryLimit: o.memoryLimit }),
    };
    if (spec.analysis === 'edge-of-chaos') {
      const { sigmaW2, sigmaB2, ...rest } = c;
      if (typeof sigmaW2 !== 'number' || typeof sigmaB2 !== 'number' || sigmaW2 < 0 || sigmaB2 < 0) {
        fail(`${spec.name}: ${label}`, { sigmaW2, sigmaB2 }, 'numbers sigmaW2 >= 0 and sigmaB2 >= 0 in every run of an edge-of-chaos experiment');
      }
      const width = typeof rest.width === 'number' ? rest.width : fail(`${spec.name}: ${label}`, rest.width, 'one constant width for an edge-of-chaos experiment');
      c = { ...rest, ...edgeConfig(sigmaW2, sigmaB2, width) };
      points.push({ sigmaW2, sigmaB2 });
    }
    try {
      const result = propagate(c as unknown as LabConfig, {
        seeds: o.seeds ?? spec.seeds ?? 1,
        ...(options.onProgress ? { onProgress: (d: number, t: number) => options.onProgress!(label, i, planned.length, d, t) } : {}),
      });
      runs.push({ label, result });
    } catch (e) {
      if (e instanceof ArgumentError) fail(`${spec.name}: ${label}: ${e.argument}`, e.value, e.expected);
      throw e;
    }
  });
  const out: ExperimentResult = { name: spec.name, description: spec.description, runs };
  if (spec.analysis !== 'edge-of-chaos') return out;
  const phi = activation(runs[0].result.config.activation, runs[0].result.config.activationParam);
  const ws = points.map((p) => p.sigmaW2);
  const bs = points.map((p) => p.sigmaB2);
  const w: [number, number] = [Math.min(...ws) * 0.8, Math.max(...ws) * 1.1];
  const b: [number, number] = [0, Math.max(...bs, 0.1) * 1.1];
  return {
    ...out,
    edge: {
      rows: runs.map((r, i) => edgeRow(points[i].sigmaW2, points[i].sigmaB2, r.result)),
      ...phaseDiagram(phi, { sigmaW2: w, sigmaB2: b }),
    },
  };
}

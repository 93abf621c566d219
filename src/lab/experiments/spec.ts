/**
 * Experiments as data: a shared `base` configuration and either a `grid` (every combination of
 * the listed values, e.g. activation x init) or explicit `runs` (each a partial configuration with
 * a `label`), optionally several `seeds` per run. Built-in presets (./presets.ts) and custom JSON
 * files have the same form:
 *
 *   { "name": "my-grid", "description": "...", "base": { "depth": 50, "width": 256, "batch": 64 },
 *     "grid": { "activation": ["tanh", "relu"], "init": ["glorot_normal", "he_normal"] }, "seeds": 3 }
 *
 * `analysis: "edge-of-chaos"` adds the mean-field phase diagram and a theory-vs-measurement table
 * over the grid's (σ_w², σ_b²) (./edgeOfChaos.ts); its grid keys are `sigmaW2` and `sigmaB2`.
 *
 * `kind: "train"` makes every run a training run (../../train/config.ts keys: data, depth, width,
 * activation, init, lr, updates, ...; ./training.ts) instead of a pass at initialization. A run
 * may carry `paper`, a published value shown beside its result, described by `reference`.
 */
import { readFileSync } from 'node:fs';
import { fail } from '../../errors.js';
import { integer } from '../../validate.js';
import type { LabConfig } from '../config.js';

export const EXPERIMENT_KINDS = ['propagate', 'train'] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

/** One run: a partial configuration, its label, and optionally a published value to show beside it. */
export type RunSpec<C = Partial<LabConfig>> = C & { readonly label?: string; readonly paper?: number };

export interface ExperimentSpec<C = Partial<LabConfig>> {
  readonly name: string;
  readonly description: string;
  /** `propagate` (default): networks at initialization; `train`: training runs. */
  readonly kind?: ExperimentKind;
  readonly base: C;
  readonly grid?: Readonly<Record<string, readonly unknown[]>>;
  readonly runs?: readonly RunSpec<C>[];
  readonly seeds?: number;
  readonly analysis?: 'edge-of-chaos';
  /** Where the runs' `paper` values come from. */
  readonly reference?: string;
}

const TOP_KEYS = new Set(['name', 'description', 'kind', 'base', 'grid', 'runs', 'seeds', 'analysis', 'reference']);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Checks the form of an experiment (each run's configuration is checked when it runs). */
export function checkExperiment(value: unknown, where = 'experiment'): ExperimentSpec {
  if (!isObject(value)) fail(where, value, 'a JSON object with "name", "base" and "grid" or "runs"');
  for (const k of Object.keys(value)) if (!TOP_KEYS.has(k)) fail(`${where}.${k}`, value[k], `no such key (keys: ${[...TOP_KEYS].join(', ')})`);
  if (typeof value.name !== 'string' || value.name === '') fail(`${where}.name`, value.name, 'a non-empty string');
  if (value.description !== undefined && typeof value.description !== 'string') fail(`${where}.description`, value.description, 'a string');
  const base = value.base ?? {};
  if (!isObject(base)) fail(`${where}.base`, base, 'an object of configuration keys (depth, width, activation, init, ...)');
  if (value.grid === undefined && value.runs === undefined) fail(where, Object.keys(value), 'a "grid" or a "runs" key');
  if (value.grid !== undefined) {
    if (!isObject(value.grid)) fail(`${where}.grid`, value.grid, 'an object mapping configuration keys to arrays of values');
    for (const [k, v] of Object.entries(value.grid)) {
      if (!Array.isArray(v) || v.length === 0) fail(`${where}.grid.${k}`, v, 'a non-empty array of values');
    }
  }
  if (value.runs !== undefined) {
    if (!Array.isArray(value.runs) || value.runs.length === 0) fail(`${where}.runs`, value.runs, 'a non-empty array of configuration objects');
    value.runs.forEach((r, i) => {
      if (!isObject(r)) fail(`${where}.runs[${i}]`, r, 'a configuration object');
    });
  }
  if (value.seeds !== undefined) integer(`${where}.seeds`, value.seeds, 1, 10_000);
  if (value.analysis !== undefined && value.analysis !== 'edge-of-chaos') fail(`${where}.analysis`, value.analysis, '"edge-of-chaos" or nothing');
  if (value.kind !== undefined && !(EXPERIMENT_KINDS as readonly unknown[]).includes(value.kind)) fail(`${where}.kind`, value.kind, `one of ${EXPERIMENT_KINDS.map((k) => JSON.stringify(k)).join(', ')}`);
  if (value.kind === 'train' && (value.seeds !== undefined || value.analysis !== undefined)) fail(`${where}.kind`, value.kind, 'no "seeds" or "analysis" in a training experiment (give each run its own seed)');
  if (value.reference !== undefined && typeof value.reference !== 'string') fail(`${where}.reference`, value.reference, 'a string');
  return { description: '', ...value, base } as ExperimentSpec;
}

/** Reads and checks an experiment file; a missing or malformed file is an argument error. */
export function readExperiment(path: string): ExperimentSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail('experiment', path, `a readable JSON file (${(e as { code?: string }).code ?? 'unreadable'})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail('experiment', path, `valid JSON (${(e as Error).message})`);
  }
  return checkExperiment(value, path);
}

/** A label with long decimals cut to 4 significant digits: `uniform(low=-0.07655, high=0.07655)`. */
function shorten(label: string): string {
  return label.replace(/-?\d+\.\d{5,}(e-?\d+)?/g, (x) => String(Number(Number(x).toPrecision(4))));
}

/** Every run of the experiment: the grid's combinations in order, or the explicit runs. */
export function expandRuns<C>(spec: ExperimentSpec<C>): { label: string; config: C & Record<string, unknown>; paper?: number }[] {
  if (spec.runs !== undefined) {
    return spec.runs.map((r, i) => {
      const { label, paper, ...rest } = r;
      return { label: label ?? `run ${i + 1}`, config: { ...spec.base, ...rest } as C & Record<string, unknown>, ...(paper === undefined ? {} : { paper }) };
    });
  }
  const keys = Object.keys(spec.grid ?? {});
  let combos: Record<string, unknown>[] = [{}];
  for (const k of keys) combos = combos.flatMap((c) => spec.grid![k].map((v) => ({ ...c, [k]: v })));
  const short: Record<string, string> = { sigmaW2: 'σw²', sigmaB2: 'σb²' };
  return combos.map((c) => ({
    label: keys.map((k) => (typeof c[k] === 'string' ? shorten(c[k] as string) : `${short[k] ?? k}=${JSON.stringify(c[k])}`)).join(' / '),
    config: { ...spec.base, ...c } as C & Record<string, unknown>,
  }));
}

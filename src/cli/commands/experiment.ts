/**
 * `initlab experiment <name|file.json>` runs a built-in experiment or one described in a JSON
 * file (the same form, ../../lab/experiments/spec.ts) and prints one comparison; `--list` lists the
 * built-in ones. Training experiments (`kind: "train"`, ../../lab/experiments/trainingPresets.ts)
 * print the comparison of their training runs and draw learning curves in the report.
 *
 * Example: `initlab experiment seeds --report seeds.html`; `initlab experiment he2015 --seeds 5`;
 * `initlab experiment symmetry --json`.
 */
import type { Command } from 'commander';
import { fail } from '../../errors.js';
import { PRESETS, preset } from '../../lab/experiments/presets.js';
import { runExperiment } from '../../lab/experiments/run.js';
import { readExperiment, type ExperimentSpec } from '../../lab/experiments/spec.js';
import { isTrainingExperiment, runTrainingExperiment, type TrainingExperimentSpec } from '../../lab/experiments/training.js';
import { TRAINING_PRESETS, trainingPreset } from '../../lab/experiments/trainingPresets.js';
import { experimentCsv, experimentHtml, experimentJsonText, renderExperimentText } from '../../report/experiment.js';
import { num } from '../../report/format.js';
import { renderTrainingExperimentText, trainingExperimentHtml } from '../../report/training.js';
import { progressBar } from '../../report/progress.js';
import { DTYPES, type DType } from '../../tensor.js';
import { choice } from '../../validate.js';
import { integer, oneOf, text } from '../args.js';
import { writeHtml } from '../../report/html.js';
import { print, printJson, table, type Io } from '../output.js';
import { checkOutputs, wantsProgress } from './propagate.js';

interface ExperimentOptions {
  list?: boolean;
  batch?: number;
  updates?: number;
  seeds?: number;
  dtype?: DType;
  json?: boolean;
  csv?: boolean;
  report?: string;
}

/** A preset by name, or a file (a path with a slash or ending in .json). */
export function loadExperiment(name: string): ExperimentSpec | TrainingExperimentSpec {
  if (name.endsWith('.json') || name.includes('/')) return readExperiment(name);
  return preset(name) ?? trainingPreset(name) ?? fail('experiment', name, `a built-in experiment (${choiceList()}) or a .json file`);
}

const ALL = [...PRESETS, ...TRAINING_PRESETS];

function choiceList(): string {
  return ALL.map((p) => p.name).join(', ');
}

const runCount = (p: ExperimentSpec<unknown>) => p.runs?.length ?? Object.values(p.grid ?? {}).reduce((n, v) => n * v.length, 1);

/** Runs a training experiment and prints it (JSON: `runs`, each with `label`, `config`, `curve`, `final`, ...). */
async function trainingExperiment(io: Io, spec: TrainingExperimentSpec, options: ExperimentOptions): Promise<void> {
  if (options.seeds !== undefined) fail('--seeds', options.seeds, 'nothing for a training experiment (each run has its own seed)');
  if (options.csv === true) fail('--csv', true, 'not for a training experiment (use --json)');
  const bar = wantsProgress(options) ? progressBar(io.stderr, 'updates') : undefined;
  const result = runTrainingExperiment(spec, {
    overrides: { ...(options.updates === undefined ? {} : { updates: options.updates }), ...(options.batch === undefined ? {} : { batch: options.batch }), ...(options.dtype === undefined ? {} : { dtype: options.dtype }) },
    ...(bar ? { onProgress: (label: string, run: number, runs: number, d: number, t: number, loss: number) => bar.update(d, t, `run ${run + 1}/${runs} ${label}  loss ${num(loss)}`) } : {}),
  });
  bar?.done();
  if (options.report !== undefined) writeHtml(options.report, await trainingExperimentHtml(result));
  if (options.json === true) io.stdout(`${JSON.stringify(result)}\n`);
  else print(io, [...renderTrainingExperimentText(result), ...(options.report === undefined ? [] : ['', `report: ${options.report}`])]);
}

export function experimentCommand(program: Command, io: Io): void {
  program
    .command('experiment')
    .summary('run a built-in or custom grid of networks and compare them (--list shows the built-in ones)')
    .description('Run a named experiment (see --list) or a JSON file of the same form, and print one comparison of its runs.')
    .argument('[name]', `${choiceList()}, or a file.json`)
    .option('--list', 'list the built-in experiments')
    .option('--batch <n>', "override every run's batch (e.g. --batch 1000 for the seeds' original)", integer('--batch', 1))
    .option('--updates <n>', "override every training run's number of updates (a longer budget)", integer('--updates', 1))
    .option('--seeds <n>', 'independent networks per run: medians and 10-90% bands', integer('--seeds', 1, 10_000))
    .option('--dtype <dtype>', `${DTYPES.join(' or ')} for every run`, oneOf('--dtype', DTYPES))
    .option('--json', 'print one JSON object')
    .option('--csv', 'print CSV, one row per layer of every run')
    .option('--report <file.html>', 'write a self-contained HTML report with charts', text('--report'))
    .action(async (name: string | undefined, options: ExperimentOptions) => {
      if (options.list === true) {
        if (name !== undefined) fail('name', name, 'nothing with --list');
        if (options.json === true) printJson(io, ALL.map((p) => ({ name: p.name, kind: p.kind ?? 'propagate', description: p.description, runs: runCount(p) })));
        else print(io, table([['name', 'kind', 'description'], ...ALL.map((p) => [p.name, p.kind ?? 'propagate', p.description])]));
        return;
      }
      if (name === undefined) fail('name', name, `an experiment: ${choiceList()}, or a file.json (see --list)`);
      checkOutputs(options);
      const spec = loadExperiment(name);
      if (options.dtype !== undefined) choice('--dtype', options.dtype, DTYPES);
      if (isTrainingExperiment(spec)) return trainingExperiment(io, spec, options);
      if (options.updates !== undefined) fail('--updates', options.updates, `nothing for ${spec.name}, which propagates at initialization (only training experiments have updates)`);
      const bar = wantsProgress(options) ? progressBar(io.stderr, 'layer passes') : undefined;
      const result = runExperiment(spec, {
        overrides: { ...(options.batch === undefined ? {} : { batch: options.batch }), ...(options.seeds === undefined ? {} : { seeds: options.seeds }), ...(options.dtype === undefined ? {} : { dtype: options.dtype }) },
        ...(bar ? { onProgress: (_label: string, run: number, runs: number, d: number, t: number) => bar.update(run * t + d, runs * t) } : {}),
      });
      bar?.done();
      if (options.report !== undefined) {
        const html = await experimentHtml(result);
        writeHtml(options.report, html);
      }
      if (options.json === true) io.stdout(`${experimentJsonText(result)}\n`);
      else if (options.csv === true) io.stdout(experimentCsv(result));
      else print(io, [...renderExperimentText(result), ...(options.report === undefined ? [] : ['', `report: ${options.report}`])]);
    });
}

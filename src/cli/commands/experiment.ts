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
import { ArgumentError, fail } from '../../errors.js';
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
import { defaultMemoryLimit, memoryLimit, memoryLimitHelp } from '../memory.js';
import { print, printJson, table, type Io } from '../output.js';
import { missingArgument } from '../usage.js';
import { checkOutputs, wantsProgress } from './propagate.js';

interface ExperimentOptions {
  list?: boolean;
  batch?: number;
  updates?: number;
  seeds?: number;
  dtype?: DType;
  memoryLimit?: number;
  json?: boolean;
  csv?: boolean;
  report?: string;
}

/** Settings a run of each kind takes: the configuration keys of `propagate` and of `train`. */
export const SETTINGS = {
  propagate: ['depth', 'width', 'inputSize', 'activation', 'activationParam', 'init', 'bias', 'input', 'batch', 'seed', 'dtype', 'backward', 'loss', 'weightGrad', 'jacobian', 'bins', 'memoryLimit'],
  train: ['data', 'depth', 'width', 'activation', 'activationParam', 'init', 'bias', 'loss', 'batch', 'updates', 'epochs', 'lr', 'momentum', 'seed', 'evalEvery', 'evalSize', 'monitorSize', 'trainSize', 'validationSize', 'testSize', 'dtype'],
} as const;

/** `items` separated by commas, in lines of at most `width` characters that start with `indent`. */
function wrapList(items: readonly string[], indent: string, width = 96): string {
  const lines = [indent];
  items.forEach((item, i) => {
    const piece = i < items.length - 1 ? `${item},` : item;
    const line = lines[lines.length - 1];
    if (line === indent) lines[lines.length - 1] = `${indent}${piece}`;
    else if (line.length + 1 + piece.length <= width) lines[lines.length - 1] = `${line} ${piece}`;
    else lines.push(`${indent}${piece}`);
  });
  return lines.join('\n');
}

/** The form of an experiment file, printed after `initlab experiment --help` (the README shows the same). */
export const EXPERIMENT_FILE_HELP = `
Experiment files: \`initlab experiment ./grid.json\` runs a JSON file of the form of the
built-in experiments, for example:

  {
    "name": "relu-vs-tanh",
    "description": "Glorot against He for tanh and ReLU: 20 layers of 256",
    "base": { "depth": 20, "width": 256, "batch": 64, "backward": true },
    "grid": { "activation": ["tanh", "relu"], "init": ["glorot_normal", "he_normal"] },
    "seeds": 3
  }

  name         required: names the comparison and the report
  description  text shown under the name
  kind         "propagate" (default): networks at initialization, as initlab propagate;
               "train": training runs, as initlab train
  base         the settings every run shares
  grid         settings to vary, each a list of values: every combination is one run
               (above: 2 activations x 2 inits = 4 runs)
  runs         instead of grid: a list of runs, each an object of settings with an optional
               "label" and, for training runs, "paper" (a published test error in %, shown
               beside the run's)
  seeds        independent networks per run, 1 to 10000 (propagate only; --seeds overrides it)
  analysis     "edge-of-chaos" (propagate only): grid keys "sigmaW2" and "sigmaB2" instead of
               init and bias (weights N(0, sigmaW2/width), biases N(0, sigmaB2)), one constant
               width; adds the mean-field phase diagram and theory against measurement
  reference    where the runs' "paper" values come from

Settings of a propagate run (initlab propagate's options; --param is activationParam):
${wrapList(SETTINGS.propagate, '  ')}
Settings of a train run (initlab train's options; --monitor is monitorSize):
${wrapList(SETTINGS.train, '  ')}
A setting not given takes the command's default. A run whose settings are wrong stops the
experiment with the run named.
`;

/** Where an experiment file's form is explained, for the errors about one. */
const FILE_FORM = 'the form of an experiment file: initlab experiment --help';

/** A preset by name, or a file (a path with a slash or ending in .json). */
export function loadExperiment(name: string): ExperimentSpec | TrainingExperimentSpec {
  if (isFile(name)) return pointingToForm(() => readExperiment(name));
  return preset(name) ?? trainingPreset(name) ?? fail('experiment', name, `a built-in experiment (${choiceList()}) or a .json file`);
}

const isFile = (name: string) => name.endsWith('.json') || name.includes('/');

/** How a command runs the experiment's runs: as they are, or {@link pointingToForm} for a file's. */
type Guard = <T>(work: () => T) => T;
const asIs: Guard = (work) => work();

/** Runs `work`; a bad input it finds gets, after what was expected, where the file's form is explained. */
function pointingToForm<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof ArgumentError) throw new ArgumentError(e.argument, e.value, `${e.expected}; ${FILE_FORM}`);
    throw e;
  }
}

const ALL = [...PRESETS, ...TRAINING_PRESETS];

function choiceList(): string {
  return ALL.map((p) => p.name).join(', ');
}

const runCount = (p: ExperimentSpec<unknown>) => p.runs?.length ?? Object.values(p.grid ?? {}).reduce((n, v) => n * v.length, 1);

/** Runs a training experiment and prints it (JSON: `runs`, each with `label`, `config`, `curve`, `final`, ...). */
async function trainingExperiment(io: Io, spec: TrainingExperimentSpec, options: ExperimentOptions, guard: Guard): Promise<void> {
  if (options.seeds !== undefined) fail('--seeds', options.seeds, 'nothing for a training experiment (each run has its own seed)');
  if (options.csv === true) fail('--csv', true, 'not for a training experiment (use --json)');
  if (options.memoryLimit !== undefined) fail('--memory-limit', options.memoryLimit, 'nothing for a training experiment (it applies to networks at initialization)');
  const bar = wantsProgress(options) ? progressBar(io.stderr, 'updates') : undefined;
  const result = guard(() => runTrainingExperiment(spec, {
    overrides: { ...(options.updates === undefined ? {} : { updates: options.updates }), ...(options.batch === undefined ? {} : { batch: options.batch }), ...(options.dtype === undefined ? {} : { dtype: options.dtype }) },
    ...(bar ? { onProgress: (label: string, run: number, runs: number, d: number, t: number, loss: number) => bar.update(d, t, `run ${run + 1}/${runs} ${label}  loss ${num(loss)}`) } : {}),
  }));
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
    .argument('[name]', `${choiceList()}, or a file.json (its form: below)`)
    .option('--list', 'list the built-in experiments')
    .option('--batch <n>', "override every run's batch (e.g. --batch 1000 for the seeds' original)", integer('--batch', 1))
    .option('--updates <n>', "override every training run's number of updates (a longer budget)", integer('--updates', 1))
    .option('--seeds <n>', 'independent networks per run: medians and 10-90% bands', integer('--seeds', 1, 10_000))
    .option('--dtype <dtype>', `${DTYPES.join(' or ')} for every run`, oneOf('--dtype', DTYPES))
    .option('--memory-limit <size>', `${memoryLimitHelp()}; a run's own memoryLimit applies when this is not given`, memoryLimit())
    .option('--json', 'print one JSON object')
    .option('--csv', 'print CSV, one row per layer of every run')
    .option('--report <file.html>', 'write a self-contained HTML report with charts', text('--report'))
    .addHelpText('after', EXPERIMENT_FILE_HELP)
    .action(async (name: string | undefined, options: ExperimentOptions) => {
      if (options.list === true) {
        if (name !== undefined) fail('name', name, 'nothing with --list');
        if (options.json === true) printJson(io, ALL.map((p) => ({ name: p.name, kind: p.kind ?? 'propagate', description: p.description, runs: runCount(p) })));
        else print(io, table([['name', 'kind', 'description'], ...ALL.map((p) => [p.name, p.kind ?? 'propagate', p.description])]));
        return;
      }
      if (name === undefined) missingArgument('name', `a built-in experiment (${choiceList()}; see --list) or a file.json (see --help for its form)`);
      checkOutputs(options);
      const spec = loadExperiment(name);
      const guard = isFile(name) ? pointingToForm : asIs;
      if (options.dtype !== undefined) choice('--dtype', options.dtype, DTYPES);
      if (isTrainingExperiment(spec)) return trainingExperiment(io, spec, options, guard);
      if (options.updates !== undefined) fail('--updates', options.updates, `nothing for ${spec.name}, which propagates at initialization (only training experiments have updates)`);
      const bar = wantsProgress(options) ? progressBar(io.stderr, 'layer passes') : undefined;
      const result = guard(() => runExperiment(spec, {
        overrides: {
          ...(options.batch === undefined ? {} : { batch: options.batch }), ...(options.seeds === undefined ? {} : { seeds: options.seeds }), ...(options.dtype === undefined ? {} : { dtype: options.dtype }),
          ...(options.memoryLimit === undefined ? {} : { memoryLimit: options.memoryLimit }),
        },
        defaults: { memoryLimit: defaultMemoryLimit() },
        ...(bar ? { onProgress: (_label: string, run: number, runs: number, d: number, t: number) => bar.update(run * t + d, runs * t) } : {}),
      }));
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

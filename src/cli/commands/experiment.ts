/**
 * `initlab experiment <name|file.json>` runs a built-in experiment or one described in a JSON
 * file (the same form, ../../lab/experiments/spec.ts) and prints one comparison; `--list` lists the
 * built-in ones.
 *
 * Example: `initlab experiment seeds --report seeds.html`; `initlab experiment he2015 --seeds 5`.
 */
import type { Command } from 'commander';
import { fail } from '../../errors.js';
import { PRESETS, preset } from '../../lab/experiments/presets.js';
import { runExperiment } from '../../lab/experiments/run.js';
import { readExperiment, type ExperimentSpec } from '../../lab/experiments/spec.js';
import { experimentCsv, experimentHtml, experimentJsonText, renderExperimentText } from '../../report/experiment.js';
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
  seeds?: number;
  dtype?: DType;
  json?: boolean;
  csv?: boolean;
  report?: string;
}

/** A preset by name, or a file (a path with a slash or ending in .json). */
export function loadExperiment(name: string): ExperimentSpec {
  if (name.endsWith('.json') || name.includes('/')) return readExperiment(name);
  return preset(name) ?? fail('experiment', name, `a built-in experiment (${choiceList()}) or a .json file`);
}

function choiceList(): string {
  return PRESETS.map((p) => p.name).join(', ');
}

export function experimentCommand(program: Command, io: Io): void {
  program
    .command('experiment')
    .summary('run a built-in or custom grid of networks and compare them (--list shows the built-in ones)')
    .description('Run a named experiment (see --list) or a JSON file of the same form, and print one comparison of its runs.')
    .argument('[name]', `${choiceList()}, or a file.json`)
    .option('--list', 'list the built-in experiments')
    .option('--batch <n>', "override every run's batch (e.g. --batch 1000 for the seeds' original)", integer('--batch', 1))
    .option('--seeds <n>', 'independent networks per run: medians and 10-90% bands', integer('--seeds', 1, 10_000))
    .option('--dtype <dtype>', `${DTYPES.join(' or ')} for every run`, oneOf('--dtype', DTYPES))
    .option('--json', 'print one JSON object')
    .option('--csv', 'print CSV, one row per layer of every run')
    .option('--report <file.html>', 'write a self-contained HTML report with charts', text('--report'))
    .action(async (name: string | undefined, options: ExperimentOptions) => {
      if (options.list === true) {
        if (name !== undefined) fail('name', name, 'nothing with --list');
        if (options.json === true) printJson(io, PRESETS.map((p) => ({ name: p.name, description: p.description, runs: p.runs?.length ?? Object.values(p.grid ?? {}).reduce((n, v) => n * v.length, 1) })));
        else print(io, table([['name', 'description'], ...PRESETS.map((p) => [p.name, p.description])]));
        return;
      }
      if (name === undefined) fail('name', name, `an experiment: ${choiceList()}, or a file.json (see --list)`);
      checkOutputs(options);
      const spec = loadExperiment(name);
      if (options.dtype !== undefined) choice('--dtype', options.dtype, DTYPES);
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

/**
 * `initlab propagate`: one deep fully connected network, forward (and backward), every layer's
 * statistics beside the mean-field theory; text, JSON, CSV or an HTML report.
 *
 * Example: `initlab propagate --depth 100 --width 512 --activation tanh --init glorot_normal --backward --seeds 5`.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ACTIVATION_NAMES } from '../../activations/index.js';
import { fail } from '../../errors.js';
import { readTensors } from '../../io/files.js';
import { DEFAULTS, LOSSES, type InputBatch, type LabConfig } from '../../lab/config.js';
import { propagate, type LabResult } from '../../lab/propagate.js';
import { labCsv } from '../../report/csv.js';
import { writeHtmlReport } from '../../report/html.js';
import { labJsonText } from '../../report/json.js';
import { progressBar } from '../../report/progress.js';
import { describeRun, renderText } from '../../report/terminal.js';
import { DTYPES } from '../../tensor.js';
import { integer, number, oneOf, text, widths } from '../args.js';
import { defaultMemoryLimit, memoryLimit, memoryLimitHelp } from '../memory.js';
import { print, type Io } from '../output.js';
import { labConfigOf, PROPAGATE_DEFAULTS, type PropagateOptions } from '../propagateConfig.js';

/** A fixed input batch from a .npy or .safetensors file: a 2-D tensor [batch, features]. */
export function readInputBatch(path: string): InputBatch {
  const tensors = readTensors(path);
  const names = Object.keys(tensors);
  const t = tensors.input ?? (names.length === 1 ? tensors[names[0]] : undefined);
  if (t === undefined) fail('--input', path, `one tensor, or one named "input" (found ${names.join(', ')})`);
  if (t.shape.length !== 2) fail('--input', path, `a 2-D tensor [batch, features] (its shape is [${t.shape.join(', ')}])`);
  const labels = tensors.labels;
  return { shape: [t.shape[0], t.shape[1]], data: t.data, source: path, ...(labels === undefined ? {} : { labels: Array.from(labels.data) }) };
}

/**
 * The lab configuration of the command's options: an `--input` that names a .npy or .safetensors
 * file (or any file that exists) is read here, and the memory limit defaults to half the machine's.
 */
export function configOf(o: PropagateOptions): LabConfig {
  const input = o.input === undefined ? undefined : /\.(npy|safetensors)$/i.test(o.input) || existsSync(o.input) ? readInputBatch(o.input) : o.input;
  return labConfigOf({ ...o, input, memoryLimit: o.memoryLimit ?? defaultMemoryLimit() });
}

/** Output flags shared by propagate and experiment: exactly one of text, --json, --csv; --report beside any. */
export function checkOutputs(o: { json?: boolean; csv?: boolean }): void {
  if (o.json === true && o.csv === true) fail('--csv', true, 'not with --json (one format on stdout)');
}

/** Whether to draw a progress bar: stderr is a terminal and stdout is for people. */
export function wantsProgress(o: { json?: boolean; csv?: boolean }): boolean {
  return process.stderr.isTTY === true && o.json !== true && o.csv !== true;
}

export async function emit(io: Io, result: LabResult, o: { json?: boolean; csv?: boolean; report?: string }): Promise<void> {
  if (o.report !== undefined) await writeHtmlReport(o.report, { kind: 'propagate', title: 'initlab propagate', description: describeRun(result), results: [{ label: `${result.config.activation} ${typeof result.config.init === 'string' ? result.config.init : JSON.stringify(result.config.init)}`, result }] });
  if (o.json === true) io.stdout(`${labJsonText(result)}\n`);
  else if (o.csv === true) io.stdout(labCsv(result));
  else print(io, [...renderText(result), ...(o.report === undefined ? [] : ['', `report: ${o.report}`])]);
}

export function propagateCommand(program: Command, io: Io): void {
  program
    .command('propagate')
    .summary('a deep random network forward (and backward), measured beside the mean-field theory')
    .description(
      'Build a deep fully connected network z = x·W + b, x = φ(z), draw its weights, propagate a batch and report every '
        + 'layer\'s statistics (pre-activations, activations, gradients) beside the mean-field predictions.\n'
        + 'Overflow and vanishing are reported as events. Plain-JS matrix products run at ~2 GFLOP/s: '
        + '100 layers of 512 at batch 128 take ~5 s forward, ~10 s with --backward.',
    )
    .option('--depth <n>', `number of layers (default ${PROPAGATE_DEFAULTS.depth})`, integer('--depth', 1))
    .option('--width <n[,n...]>', `units per layer, or one per layer (default ${PROPAGATE_DEFAULTS.width})`, widths('--width'))
    .option('--input-size <n>', 'input features (default: the first width)', integer('--input-size', 1))
    .option('--activation <name>', `${ACTIVATION_NAMES.join(', ')} (default ${PROPAGATE_DEFAULTS.activation})`, text('--activation'))
    .option('--param <x>', 'activation parameter: leaky_relu slope, elu alpha', number('--param'))
    .option('--init <spec>', `weight initializer, e.g. glorot_normal, he_uniform, "normal(std=1)", torch:kaiming_uniform (default ${PROPAGATE_DEFAULTS.init})`, text('--init'))
    .option('--bias <spec>', `bias initializer (default ${DEFAULTS.bias})`, text('--bias'))
    .option('--input <spec|file>', `input law, e.g. normal, "uniform(low=-1, high=1)", or a .npy/.safetensors batch [batch, features] (default ${DEFAULTS.input})`, text('--input'))
    .option('--batch <n>', `examples (default ${DEFAULTS.batch})`, integer('--batch', 1))
    .option('--seed <n>', 'root seed (default 0)', integer('--seed', 0))
    .option('--seeds <n>', 'independent networks (seeds seed..seed+n-1): medians and 10-90% bands per layer (default 1)', integer('--seeds', 1, 10_000))
    .option('--dtype <dtype>', `${DTYPES.join(' or ')} (default ${DEFAULTS.dtype})`, oneOf('--dtype', DTYPES))
    .option('--backward', 'back-propagate a gradient from the top')
    .option('--loss <loss>', `top gradient: ${LOSSES.join(', ')} (none: N(0, 1); implies --backward)`, oneOf('--loss', LOSSES))
    .option('--no-weight-grad', 'skip the weight-gradient statistics (one matrix product per layer less)')
    .option('--jacobian <n>', 'mean singular value of each layer Jacobian over the first n examples (default 0: off)', integer('--jacobian', 0))
    .option('--bins <n>', `histogram bins (default ${DEFAULTS.bins})`, integer('--bins', 1, 10_000))
    .option('--memory-limit <size>', memoryLimitHelp(), memoryLimit())
    .option('--json', 'print one JSON object')
    .option('--csv', 'print CSV, one row per layer')
    .option('--report <file.html>', 'write a self-contained HTML report with charts', text('--report'))
    .action(async (options: PropagateOptions & { weightGrad?: boolean }) => {
      checkOutputs(options);
      // commander sets weightGrad true by default for a --no- option: only an explicit --no-weight-grad counts.
      const config = configOf({ ...options, weightGrad: options.weightGrad === false ? false : undefined });
      const bar = wantsProgress(options) ? progressBar(io.stderr, 'layer passes') : undefined;
      const result = propagate(config, { seeds: options.seeds ?? 1, ...(bar ? { onProgress: (d: number, t: number) => bar.update(d, t) } : {}) });
      bar?.done();
      await emit(io, result, options);
    });
}

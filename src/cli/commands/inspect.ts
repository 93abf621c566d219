/**
 * `initlab inspect PATH [--tensor NAME] [--json]`: what a checkpoint holds and how each tensor
 * was made. PATH is a `.safetensors` or `.npy` file, or a directory in the Hugging Face layout
 * (`model.safetensors`, or shards through `model.safetensors.index.json`). Prints a table with one
 * line per tensor and its best match, the detail of one tensor with every match (`--tensor`), or
 * `{ summary, tensors: [...] }` (`--json`).
 *
 * Example: `initlab inspect gpt2/ --tensor transformer.h.0.attn.c_attn.weight`.
 */
import type { Command } from 'commander';
import { inspect, isFloatCode, type InspectReport, type TensorReport } from '../../inspect/inspect.js';
import type { Match } from '../../inspect/match.js';
import { text } from '../args.js';
import { formatShape, print, printJson, short, table, type Io } from '../output.js';

interface InspectOptions {
  tensor?: string;
  json?: boolean;
}

export function inspectCommand(program: Command, io: Io): void {
  program
    .command('inspect')
    .summary('statistics of each tensor of a checkpoint, and which initializers it is consistent with')
    .description(
      'Reads a .safetensors file, a sharded checkpoint directory (model.safetensors.index.json) or a .npy file tensor by tensor in bounded memory. ' +
        'For each tensor: shape, dtype, mean, std, min, max, fraction of zeros, NaN/Inf count, and the initializer laws a Kolmogorov-Smirnov test ' +
        'on up to 10^6 of its elements does not reject (p >= 0.001), best first; flags for non-finite values, constant weights, and variances far from every fan rule.',
    )
    .argument('<path>', 'a .safetensors or .npy file, or a checkpoint directory')
    .option('--tensor <name>', 'only this tensor, with every match', text('--tensor'))
    .option('--json', 'print { summary, tensors: [{ name, shape, dtype, mean, std, min, max, zeroFraction, nonFinite, matches: [{ spec, p, ... }], flags }] }')
    .action((path: string, options: InspectOptions) => {
      const report = inspect(path, { tensor: options.tensor });
      if (options.json === true) printJson(io, report);
      else if (options.tensor !== undefined) print(io, [...report.tensors.flatMap(renderDetail), '', ...renderSummary(report)]);
      else print(io, renderTable(report));
    });
}

const NO_MATCH = 'matches no initializer (trained, or unknown)';
const INTEGER = 'integer tensor: statistics only';

/** `torch:default_weight p=0.61`, `he_normal [oi] p=0.2`, `normal(std=0.0041) (fitted) p=0.3`. */
function matchLabel(m: Match): string {
  const layout = m.layout === undefined ? '' : ` [${m.layout}]`;
  const tag = m.fitted === true ? ' (scale fitted to the data)' : m.approximate === true ? ' (marginal)' : '';
  return `${m.spec}${layout}${tag}, p = ${formatP(m.p)}`;
}

function formatP(p: number): string {
  return p >= 0.01 ? p.toFixed(2) : p.toPrecision(2);
}

function renderTable(report: InspectReport): string[] {
  const rows = report.tensors.map((t) => [
    t.name,
    formatShape(t.shape),
    t.dtype,
    short(t.mean),
    short(t.std),
    t.zeroFraction === 0 ? '0' : short(t.zeroFraction),
    verdict(t) + (t.flags.length > 0 ? `  ! ${t.flags.join('; ')}` : ''),
  ]);
  return [...table([['tensor', 'shape', 'dtype', 'mean', 'std', 'zeros', 'best match'], ...rows]), '', ...renderSummary(report)];
}

/** The best match, or why there is none. */
function verdict(t: TensorReport): string {
  if (!isFloatCode(t.dtype)) return INTEGER;
  return t.matches.length === 0 ? NO_MATCH : matchLabel(t.matches[0]);
}

function renderDetail(t: TensorReport): string[] {
  const lines = [
    `${t.name}  ${formatShape(t.shape)} ${t.dtype}`,
    `  mean ${short(t.mean)}  std ${short(t.std)}  min ${short(t.min)}  max ${short(t.max)}  zeros ${short(t.zeroFraction)}  non-finite ${t.nonFinite}`,
  ];
  if (t.matches.length === 0) lines.push(`  ${verdict(t)}`);
  else {
    lines.push('  consistent with (best first):');
    for (const m of t.matches) {
      lines.push(`    ${matchLabel(m)}   ${m.law}`);
      if (m.same.length > 0) lines.push(`      same law: ${m.same.join(', ')}`);
    }
  }
  for (const f of t.flags) lines.push(`  ! ${f}`);
  return lines;
}

function renderSummary({ summary: s, tensors }: InspectReport): string[] {
  const floats = tensors.filter((t) => isFloatCode(t.dtype)).length;
  const bytes = Object.entries(s.bytesByDtype).map(([d, b]) => `${d} ${formatBytes(b)}`).join(', ');
  return [
    `${s.tensors} tensors in ${s.files.length} file${s.files.length === 1 ? '' : 's'}, ${s.parameters.toLocaleString('en-US')} parameters (${bytes})`,
    `${s.freshlyInitialized} of ${floats} floating-point tensor${floats === 1 ? '' : 's'} inspected look${s.freshlyInitialized === 1 ? 's' : ''} freshly initialized (a law matches, nothing flagged); ${s.flagged} flagged`,
  ];
}

function formatBytes(b: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let x = b;
  while (x >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  return `${i === 0 ? x : x.toPrecision(3)} ${units[i]}`;
}

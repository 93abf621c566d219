/**
 * `initlab gain <activation> [--param x]` and `initlab gain --table`: the gain computed for an
 * activation beside PyTorch's `calculate_gain` value, where PyTorch has one.
 *
 * Example: `initlab gain leaky_relu --param 0.2` shows 1.38675049056307 twice (they agree);
 * `initlab gain tanh` shows 1.5925... computed against PyTorch's 5/3.
 */
import type { Command } from 'commander';
import { ACTIVATION_NAMES, activation, type Activation } from '../activations/index.js';
import { fail } from '../errors.js';
import { gain, gainTable, torchGain } from '../init/gain.js';
import { number } from './args.js';
import { precise, print, printJson, table, type Io } from './output.js';
import { missingArgument } from './usage.js';

export const CRITERION =
  'gain = 1/√E[φ(z)²] for z ~ N(0, 1): weights of variance gain²/fan keep the second moment of the signal '
  + 'from layer to layer (He et al. 2015 §2.2, for any φ); E is integrated by adaptive Gauss-Legendre quadrature';

interface GainOptions {
  param?: number;
  table?: boolean;
  json?: boolean;
}

export interface GainRow {
  readonly activation: string;
  readonly param: number | null;
  readonly computed: number;
  /** PyTorch's `calculate_gain` value, null where PyTorch has none. */
  readonly torch: number | null;
}

export function gainCommand(program: Command, io: Io): void {
  program
    .command('gain')
    .summary("an activation's gain, computed and PyTorch's")
    .description(`The gain of an activation beside PyTorch's calculate_gain value where it has one.\n${CRITERION}.`)
    .argument('[activation]', `${ACTIVATION_NAMES.join(', ')} (or linear, swish)`)
    .option('--param <x>', 'the activation parameter: leaky_relu negative slope (default 0.01), elu alpha (default 1)', number('--param'))
    .option('--table', 'every activation with its default parameter')
    .option('--json', 'print one JSON object instead of text')
    .action((name: string | undefined, options: GainOptions) => {
      if (options.table === true) {
        if (name !== undefined) fail('activation', name, 'no activation with --table (the table lists every one)');
        if (options.param !== undefined) fail('--param', options.param, "nothing with --table (the table uses each activation's default)");
        const rows = tableRows();
        if (options.json === true) printJson(io, { criterion: CRITERION, gains: rows });
        else print(io, [...table([['activation', 'param', 'computed', 'pytorch'], ...rows.map(cells)]), '', CRITERION]);
        return;
      }
      if (name === undefined) missingArgument('activation', `one of ${ACTIVATION_NAMES.join(', ')} (or --table for all of them)`);
      const row = gainRow(activation(name, options.param));
      if (options.json === true) printJson(io, { ...row, criterion: CRITERION });
      else print(io, singleText(row));
    });
}

/**
 * PyTorch's gain for `act`, or null. The table says which activations PyTorch knows (its names
 * differ from initlab's only for the identity, 'linear'); for another parameter than the table's
 * default, PyTorch's formula is asked directly (only leaky_relu takes one in PyTorch).
 */
function torchFor(act: Activation): number | null {
  const row = gainTable().find((r) => r.activation === act.name);
  if (row?.torch === undefined) return null;
  return act.param === row.param ? row.torch : torchGain(act.name, act.param);
}

function gainRow(act: Activation): GainRow {
  return { activation: act.name, param: act.param ?? null, computed: gain(act), torch: torchFor(act) };
}

function tableRows(): GainRow[] {
  return gainTable().map((r) => ({ activation: r.activation, param: r.param ?? null, computed: r.computed, torch: r.torch ?? null }));
}

const cells = (r: GainRow): string[] => [r.activation, r.param === null ? '' : String(r.param), precise(r.computed), r.torch === null ? '-' : precise(r.torch)];

function singleText(r: GainRow): string[] {
  const torch = r.torch === null
    ? `n/a (calculate_gain has no ${r.activation})`
    : `${precise(r.torch)}  (torch.nn.init.calculate_gain${r.torch === r.computed ? ', equal' : `, ratio computed/pytorch ${precise(r.computed / r.torch)}`})`;
  return table([
    ['activation', r.param === null ? r.activation : `${r.activation} (param ${r.param})`],
    ['computed', precise(r.computed)],
    ['pytorch', torch],
    ['criterion', CRITERION],
  ]);
}

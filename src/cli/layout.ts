/**
 * The options that say how to read a shape, shared by `sample` and `fans`: a named layout with
 * groups, or explicit input, output and batch axes (as JAX's `in_axis`, `out_axis`, `batch_axis`).
 */
import type { Command } from 'commander';
import { LAYOUTS, describeLayout } from '../init/fans.js';
import type { TensorLayout } from '../catalog/definition.js';
import { axes, integer, oneOf } from './args.js';

/**
 * Adds `--layout`, `--groups`, `--in-axes`, `--out-axes` and `--batch-axes` to `command`. Only
 * initlab's own names read them; a framework's name with one of them is an error (the framework
 * reads fans by its own rule).
 */
export function layoutOptions(command: Command): Command {
  return command
    .option('--layout <layout>', `where the channels sit (initlab names only): ${LAYOUTS.join(', ')} (default oi, [out, in, ...kernel])`, oneOf('--layout', LAYOUTS))
    .option('--groups <n>', 'channel groups of a grouped convolution (default 1)', integer('--groups', 1))
    .option('--in-axes <axes>', 'explicit input axes, e.g. 0 or 1,2 (with --out-axes, replaces the layout)', axes('--in-axes'))
    .option('--out-axes <axes>', 'explicit output axes (with --in-axes)', axes('--out-axes'))
    .option('--batch-axes <axes>', 'axes of independent copies (experts, heads), left out of the fans', axes('--batch-axes'));
}

const KEYS = ['layout', 'groups', 'inAxes', 'outAxes', 'batchAxes'] as const;

/**
 * The layout options among a command's parsed options, and only those that were given (an absent
 * option is not passed on, so the initializer's own default applies).
 */
export function readLayout(options: TensorLayout): TensorLayout {
  return Object.fromEntries(KEYS.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
}

const axesText = (axes: number | readonly number[]): string => (typeof axes === 'number' ? String(axes) : axes.join(','));

/**
 * How the layout options read a shape, in words: explicit axes, or the layout's description
 * (`oi` when none is given, as `computeFans` defaults), with groups and batch axes.
 */
export function layoutText(layout: TensorLayout): string {
  const batch = layout.batchAxes === undefined ? '' : `; batch axes ${axesText(layout.batchAxes)} left out`;
  if (layout.inAxes !== undefined || layout.outAxes !== undefined) {
    return `explicit axes: in ${axesText(layout.inAxes ?? [])}, out ${axesText(layout.outAxes ?? [])}${batch}`;
  }
  return `${describeLayout(layout.layout ?? 'oi')}${layout.groups === undefined ? '' : `; groups ${layout.groups}`}${batch}`;
}

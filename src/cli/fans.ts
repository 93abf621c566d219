/**
 * `initlab fans --shape ...`: the semantic fans of a weight shape for a layout (or explicit axes),
 * and beside them what each framework's own rule, with its default axes, makes of the same shape.
 * A rule that refuses the shape (initlab's included: a rank-1 shape has no fans) shows its error
 * in its row; bad layout options fail the command.
 *
 * Example: `initlab fans --shape 32,1,3,3 --groups 32` (a depthwise conv) gives fans (9, 9), where
 * PyTorch's rule gives (9, 288).
 */
import type { Command } from 'commander';
import { ArgumentError } from '../errors.js';
import { caffeFans, computeFans, jaxFans, kerasFans, tfjsFans, torchFans, type Fans } from '../init/fans.js';
import { namespace } from '../catalog/registry.js';
import type { Framework, TensorLayout } from '../catalog/definition.js';
import { shape } from './args.js';
import { layoutOptions, layoutText, readLayout } from './layout.js';
import { formatShape, precise, print, printJson, table, type Io } from './output.js';

interface FansOptions extends TensorLayout {
  shape: number[];
  json?: boolean;
}

/** Each framework's own fan rule with its default axes. */
const RULES: readonly [Exclude<Framework, 'initlab'>, (shape: readonly number[]) => Fans][] = [
  ['torch', torchFans],
  ['keras', (s) => kerasFans(s)],
  ['tfjs', tfjsFans],
  ['jax', (s) => jaxFans(s)],
  ['caffe', caffeFans],
];

type RuleResult = { readonly framework: string; readonly title: string } & ({ readonly fans: Fans } | { readonly error: string });

export function fansCommand(program: Command, io: Io): void {
  const command = program
    .command('fans')
    .summary('fans of a shape: semantic, and by each framework\'s rule')
    .description("The fans of a weight shape for a layout or explicit axes (initlab's semantic fans), beside each framework's own rule with its default axes.")
    .requiredOption('--shape <dims>', 'tensor shape, comma-separated, e.g. 64,32,3,3', shape('--shape'))
    .option('--json', 'print one JSON object instead of text');
  layoutOptions(command).action((options: FansOptions) => {
    const layout = readLayout(options);
    const rule = layoutText(layout);
    const semantic = ruleResult('initlab', () => computeFans(options.shape, layout), true);
    const frameworks = RULES.map(([framework, fans]) => ruleResult(framework, () => fans(options.shape)));
    if (options.json === true) {
      printJson(io, { shape: options.shape, layout, rule, semantic, frameworks });
      return;
    }
    const row = (r: RuleResult): string[] =>
      'fans' in r ? [r.framework, precise(r.fans.fanIn), precise(r.fans.fanOut), precise(r.fans.receptive)] : [r.framework, `error: ${r.error}`];
    print(io, [
      ...table([
        ['shape', formatShape(options.shape)],
        ['rule', rule],
      ]),
      '',
      ...table([['', 'fan_in', 'fan_out', 'receptive'], row(semantic), ...frameworks.map(row)]),
    ]);
  });
}

/**
 * A rule's fans, or its refusal of the shape as text: a refusal is an answer here (PyTorch has no
 * fans for a bias), not a failure. With `optionsOnly`, only a refusal of the shape is an answer;
 * a bad --layout, --groups or axis is the user's error and fails the command.
 */
function ruleResult(framework: Framework, fans: () => Fans, optionsOnly = false): RuleResult {
  const { title } = namespace(framework);
  try {
    return { framework, title, fans: fans() };
  } catch (e) {
    if (!(e instanceof ArgumentError) || (optionsOnly && e.argument !== 'shape')) throw e;
    return { framework, title, error: e.message };
  }
}

/**
 * `initlab sample [spec]`: draws one tensor, reports what was done and how the sample compares
 * with the law, and optionally writes it to a file.
 *
 * The tensor's key is `foldIn(keyFromSeed(seed), name)`: the same seed and name give the same
 * tensor, bit for bit, whatever file it goes to and whatever else is in that file; two names under
 * one seed give independent tensors.
 *
 * Example: `initlab sample "kaiming_normal(mode=fan_out)" --shape 64,32,3,3 --out w.safetensors`.
 */
import { totalmem } from 'node:os';
import type { Command } from 'commander';
import { ArgumentError, fail } from '../errors.js';
import { torchInit } from '../frameworks/torchStream/index.js';
import { initializer, type CallOptions, type Plan } from '../init/initializer.js';
import { foldIn, keyFromSeed, type Key } from '../random/key.js';
import { torchGenerator, torchSeed } from '../random/torch/generator.js';
import { FRAMEWORKS, type Framework, type TensorLayout } from '../catalog/definition.js';
import { formatSpec } from '../catalog/format.js';
import { splitQualified } from '../catalog/registry.js';
import { DTYPES, type DType, type Tensor } from '../tensor.js';
import { integer, once, oneOf, shape, text } from './args.js';
import { layoutOptions, readLayout } from './layout.js';
import { measure, type Measurement } from './measure.js';
import { print, printJson, type Io } from './output.js';
import { sampleJson, sampleText } from './sampleReport.js';
import { openTarget, save } from './save.js';
import { VERSION } from './version.js';

/** What `initlab sample` draws when given nothing: a He-normal 784 -> 256 dense layer. */
export const DEFAULT_SPEC = 'kaiming_normal';
export const DEFAULT_SHAPE: readonly number[] = [256, 784];
export const DEFAULT_NAME = 'weight';

export interface SampleOptions extends TensorLayout {
  shape?: number[];
  framework?: Framework;
  seed?: number;
  /** Draw from PyTorch's CPU generator as torch.manual_seed(torchSeed) leaves it (torch: specs only). */
  torchSeed?: bigint;
  name?: string;
  dtype?: DType;
  out?: string;
  json?: boolean;
}

/** Everything a report on one sampled tensor shows. */
export interface SampleResult {
  readonly plan: Plan;
  /** The normalized spec in its string form (`he_normal(mode=fan_out)`). */
  readonly specString: string;
  readonly name: string;
  readonly seed: number;
  readonly key: Key;
  /** The torch.manual_seed the tensor was drawn under (PyTorch's stream instead of the key). */
  readonly torchSeed?: bigint;
  /** The layout options that were given. */
  readonly layout: TensorLayout;
  readonly measurement: Measurement;
  /** The file written and, for .safetensors, the tensors it now holds. */
  readonly out?: { readonly path: string; readonly tensors?: string[] };
}

export function sampleCommand(program: Command, io: Io): void {
  const command = program
    .command('sample')
    .summary('draw a tensor, compare it with its law, optionally write it')
    .description(
      'Draw one tensor from an initializer and print the fans, the law and its parameter, and sample statistics beside '
        + 'their expected values with a Kolmogorov-Smirnov p-value.\n'
        + `With no spec: ${DEFAULT_SPEC} on --shape ${DEFAULT_SHAPE.join(',')}.\n`
        + 'The key is foldIn(keyFromSeed(seed), name): the same seed and name give the same tensor in any file.',
    )
    .argument('[spec]', `initializer spec, e.g. "kaiming_normal(mode=fan_out)" or keras:he_normal (default ${DEFAULT_SPEC})`)
    .option('--shape <dims>', `tensor shape, comma-separated (default ${DEFAULT_SHAPE.join(',')})`, shape('--shape'))
    .option('--framework <name>', `namespace for an unprefixed spec: ${FRAMEWORKS.join(', ')} (default initlab)`, oneOf('--framework', FRAMEWORKS))
    .option('--seed <n>', 'root seed, an integer in [0, 2^53) (default 0)', integer('--seed', 0))
    .option('--torch-seed <n>', "draw a torch: spec from PyTorch's CPU stream as torch.manual_seed(n) seeds it (n in [-2^63, 2^64))", once('--torch-seed', (t) => torchSeed(t, '--torch-seed')))
    .option('--name <name>', `tensor name: selects the stream and names it in a .safetensors file (default ${DEFAULT_NAME})`, text('--name'))
    .option('--dtype <dtype>', `${DTYPES.join(' or ')} (default float32)`, oneOf('--dtype', DTYPES))
    .option('--out <file>', 'write the tensor to a .npy file, or add it to a .safetensors file', text('--out'))
    .option('--json', 'print one JSON object instead of text');
  layoutOptions(command).action((spec: string | undefined, options: SampleOptions) => {
    const result = sample(spec, options);
    for (const note of result.plan.notes) io.stderr(`initlab: note: ${note}\n`);
    if (options.json === true) printJson(io, sampleJson(result));
    else print(io, sampleText(result));
  });
}

/** Plans, draws, measures and writes one tensor (checking every input before drawing). */
export function sample(spec: string = DEFAULT_SPEC, options: SampleOptions = {}): SampleResult {
  const init = initializer(qualify(spec, options.framework));
  const shape = options.shape ?? [...DEFAULT_SHAPE];
  const layout = readLayout(options);
  const callOptions: CallOptions = { ...layout, dtype: options.dtype ?? 'float32' };
  const plan = init.plan(shape, callOptions);
  const name = options.name ?? DEFAULT_NAME;
  const seed = options.seed ?? 0;
  const target = options.out === undefined ? undefined : openTarget(options.out);
  const key = foldIn(keyFromSeed(seed), name);
  const torchSeedValue = options.torchSeed;
  if (torchSeedValue !== undefined && init.framework !== 'torch') {
    fail('--torch-seed', String(torchSeedValue), `a torch: spec (PyTorch's stream reproduces torch.nn.init; got ${init.name} from ${init.framework})`);
  }
  const tensor = allocating(plan, () =>
    torchSeedValue === undefined ? init(key, shape, callOptions) : torchInit(plan.spec, shape, torchGenerator(torchSeedValue), { dtype: callOptions.dtype }));
  const measurement = measure(tensor.data, plan.law);
  const specString = formatSpec(plan.spec);
  const out = target && {
    path: target.path,
    tensors: save(target, name, tensor, {
      'initlab.version': VERSION,
      [`${name}.spec`]: specString,
      ...(torchSeedValue === undefined ? { [`${name}.seed`]: String(seed) } : { [`${name}.torch_seed`]: String(torchSeedValue) }),
    }),
  };
  return { plan, specString, name, seed, key, torchSeed: torchSeedValue, layout, measurement, out };
}

/**
 * The spec with `--framework` as its prefix (`torch:kaiming_normal`), or as it is without one.
 * A spec naming another framework than `--framework` is an error, not an override. (The prefix
 * is written here because `initializer(string, framework)` looks a string spec up in initlab's
 * namespace whatever `framework` says.)
 */
function qualify(spec: string, framework: Framework | undefined): string {
  if (framework === undefined) return spec;
  const q = splitQualified(spec.trim(), framework);
  return `${q.framework}:${q.name}`;
}

/**
 * Runs `draw` for a tensor that fits in this machine's memory: a larger one is refused before
 * allocating (the OS would otherwise kill the process while the pages are filled), and a failed
 * allocation becomes an error about the shape instead of a crash.
 */
function allocating(plan: Plan, draw: () => Tensor): Tensor {
  const bytes = plan.shape.reduce((a, b) => a * b, 1) * (plan.dtype === 'float64' ? 8 : 4);
  const tooLarge = (why: string): never =>
    fail('--shape', plan.shape.join(','), `a tensor that fits in memory (${(bytes / 2 ** 30).toPrecision(3)} GiB of ${plan.dtype}: ${why})`);
  if (bytes > totalmem()) tooLarge(`this machine has ${(totalmem() / 2 ** 30).toPrecision(3)} GiB`);
  try {
    return draw();
  } catch (e) {
    if (e instanceof ArgumentError || !(e instanceof RangeError) || !/allocation failed|Invalid typed array length|Array buffer/i.test(e.message)) throw e;
    return tooLarge(e.message);
  }
}

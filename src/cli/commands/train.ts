/**
 * `initlab train`: trains a fully connected network by mini-batch SGD on one of the offline data
 * sets and prints its learning curve (text), or one JSON object (`config`, `curve`, `final`, ...);
 * `--report` writes the HTML learning curves, `--save` every layer's trained weights and biases.
 *
 * Example: `initlab train --data shapeset --depth 5 --width 256 --activation tanh --init glorot_uniform --updates 2000 --lr 0.1`.
 */
import type { Command } from 'commander';
import { ACTIVATION_NAMES } from '../../activations/index.js';
import { DATA_SETS, type DataName } from '../../data/index.js';
import { fail } from '../../errors.js';
import { formatOf, writeTensors } from '../../io/index.js';
import { num } from '../../report/format.js';
import { writeHtml } from '../../report/html.js';
import { progressBar } from '../../report/progress.js';
import { renderTrainText, trainingHtml } from '../../report/training.js';
import { DTYPES, type DType } from '../../tensor.js';
import { TRAIN_DEFAULTS, type TrainConfig } from '../../train/config.js';
import { TRAIN_LOSSES, type TrainLoss } from '../../train/loss.js';
import { modelTensors } from '../../train/model.js';
import { train } from '../../train/trainer.js';
import { integer, number, once, oneOf, text, widths, type Parser } from '../args.js';
import { print, type Io } from '../output.js';
import { wantsProgress } from './propagate.js';

interface TrainOptions {
  data?: DataName;
  depth?: number;
  width?: number | number[];
  activation?: string;
  param?: number;
  init?: string;
  bias?: string;
  loss?: TrainLoss;
  batch?: number;
  updates?: number;
  epochs?: number;
  lr?: number[];
  momentum?: number;
  seed?: number;
  evalEvery?: number;
  evalSize?: number;
  monitor?: number;
  trainSize?: number;
  validationSize?: number;
  testSize?: number;
  dtype?: DType;
  json?: boolean;
  report?: string;
  save?: string;
}

/** `0.01` or `0.01,0.03,0.1`: positive decimals. */
function rates(option: string): Parser<number[]> {
  const one = number(option);
  return once(option, (value) => value.split(',').map((part) => {
    const x = one(part, undefined);
    return x > 0 ? x : fail(option, value, 'positive learning rates, one or several separated by commas (e.g. 0.01 or 0.01,0.1)');
  }));
}

/** The training configuration of the command's options (unset options keep the trainer's defaults). */
export function trainConfigOf(o: TrainOptions): TrainConfig {
  const pick = <K extends keyof TrainOptions, T>(key: K, name: string, map: (v: NonNullable<TrainOptions[K]>) => T = (v) => v as unknown as T) =>
    (o[key] === undefined ? {} : { [name]: map(o[key] as NonNullable<TrainOptions[K]>) });
  return {
    data: o.data ?? TRAIN_DEFAULTS.data,
    depth: o.depth ?? TRAIN_DEFAULTS.depth,
    width: o.width ?? TRAIN_DEFAULTS.width,
    activation: o.activation ?? TRAIN_DEFAULTS.activation,
    init: o.init ?? TRAIN_DEFAULTS.init,
    ...pick('param', 'activationParam'),
    ...pick('bias', 'bias'),
    ...pick('loss', 'loss'),
    ...pick('batch', 'batch'),
    ...pick('updates', 'updates'),
    ...pick('epochs', 'epochs'),
    ...pick('lr', 'lr', (v) => (v.length === 1 ? v[0] : v)),
    ...pick('momentum', 'momentum'),
    ...pick('seed', 'seed'),
    ...pick('evalEvery', 'evalEvery'),
    ...pick('evalSize', 'evalSize'),
    ...pick('monitor', 'monitorSize'),
    ...pick('trainSize', 'trainSize'),
    ...pick('validationSize', 'validationSize'),
    ...pick('testSize', 'testSize'),
    ...pick('dtype', 'dtype'),
  } as TrainConfig;
}

export function trainCommand(program: Command, io: Io): void {
  const d = TRAIN_DEFAULTS;
  program
    .command('train')
    .summary('train a fully connected network by SGD on an offline data set and show its learning curve')
    .description(
      'Train depth hidden layers of width units and a linear output by mini-batch SGD (softmax cross-entropy or squared error), '
        + 'with the learning curve (training loss, test error, per-layer monitoring) every --eval-every updates and a held-out test at the end. '
        + 'Init specs are the lab\'s, plus "lsuv" or "lsuv(tol=0.1, max_iter=10, batch=256)" (Mishkin & Matas 2016). '
        + 'Plain-JS matrix products run at ~2 GFLOP/s: 5 tanh layers of 1000 on Shapeset train ~60 examples/s.',
    )
    .option('--data <name>', `${DATA_SETS.join(', ')} (default ${d.data})`, oneOf('--data', DATA_SETS))
    .option('--depth <n>', `hidden layers (default ${d.depth})`, integer('--depth', 1, 10_000))
    .option('--width <n[,n...]>', `units per hidden layer, or one per layer (default ${d.width})`, widths('--width'))
    .option('--activation <name>', `${ACTIVATION_NAMES.join(', ')} (default ${d.activation})`, text('--activation'))
    .option('--param <x>', 'activation parameter: leaky_relu slope, elu alpha', number('--param'))
    .option('--init <spec>', `weight initializer, e.g. glorot_uniform, he_normal, "normal(std=0.01)", zeros, lsuv (default ${d.init})`, text('--init'))
    .option('--bias <spec>', 'bias initializer (default zeros)', text('--bias'))
    .option('--loss <loss>', `${TRAIN_LOSSES.join(' or ')} (default ${d.loss})`, oneOf('--loss', TRAIN_LOSSES))
    .option('--batch <n>', `examples per update (default ${d.batch})`, integer('--batch', 1, 1_000_000))
    .option('--updates <n>', `number of updates (default ${d.updates})`, integer('--updates', 1))
    .option('--epochs <n>', 'passes over the training split (instead of --updates)', integer('--epochs', 1))
    .option('--lr <x[,x...]>', `learning rate, or several: the best on the validation split is kept (default ${d.lr})`, rates('--lr'))
    .option('--momentum <m>', 'heavy-ball momentum in [0, 1) (default 0)', number('--momentum'))
    .option('--seed <n>', 'root seed: weights, data, shuffles (default 0)', integer('--seed', 0))
    .option('--eval-every <n>', 'updates between learning-curve points (default: updates/20)', integer('--eval-every', 1))
    .option('--eval-size <n>', 'test examples for the curve\'s test error (default: all)', integer('--eval-size', 1))
    .option('--monitor <n>', `test examples for per-layer monitoring, 0 for none (default ${d.monitorSize})`, integer('--monitor', 0))
    .option('--train-size <n>', 'training examples of a generated data set', integer('--train-size', 1))
    .option('--validation-size <n>', 'validation examples of a generated data set', integer('--validation-size', 1))
    .option('--test-size <n>', 'test examples of a generated data set', integer('--test-size', 1))
    .option('--dtype <dtype>', `${DTYPES.join(' or ')} (default ${d.dtype})`, oneOf('--dtype', DTYPES))
    .option('--json', 'print one JSON object: config, curve, final, ...')
    .option('--report <file.html>', 'write a self-contained HTML report with the learning curves', text('--report'))
    .option('--save <file.safetensors>', 'write every layer\'s trained weight [in, out] and bias as layer<l>/weight, layer<l>/bias', text('--save'))
    .action(async (options: TrainOptions) => {
      if (options.updates !== undefined && options.epochs !== undefined) fail('--epochs', options.epochs, 'not with --updates (give one of them)');
      if (options.save !== undefined && formatOf('--save', options.save) !== '.safetensors') fail('--save', options.save, 'a .safetensors path (it holds every layer\'s weights and biases by name)');
      const bar = wantsProgress(options) ? progressBar(io.stderr, 'updates') : undefined;
      const start = Date.now();
      const { result, model } = train(trainConfigOf(options), {
        ...(bar ? { onProgress: (done: number, total: number, loss: number) => bar.update(done, total, `${Math.round(done / Math.max((Date.now() - start) / 1000, 1e-3))} updates/s  loss ${num(loss)}`) } : {}),
      });
      bar?.done();
      if (options.save !== undefined) writeTensors(options.save, modelTensors(model), { metadata: { config: JSON.stringify(result.config), format: 'initlab train: layer<l>/weight [in, out], layer<l>/bias [out]; z = x W + b' } });
      if (options.report !== undefined) {
        const label = `${result.config.activation} ${typeof result.config.init === 'string' ? result.config.init : JSON.stringify(result.config.init)}`;
        writeHtml(options.report, await trainingHtml('initlab train', { label, result }));
      }
      if (options.json === true) io.stdout(`${JSON.stringify(result)}\n`);
      else print(io, [...renderTrainText(result), ...(options.save === undefined ? [] : [`weights: ${options.save}`]), ...(options.report === undefined ? [] : [`report: ${options.report}`])]);
    });
}

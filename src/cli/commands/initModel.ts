/**
 * `initlab init-model`: a whole architecture (GPT-2, LLaMA, BERT, ViT, ResNet-50, or an arch.json)
 * initialized as its reference implementation does and written as safetensors files in the
 * Hugging Face layout, in bounded memory, optionally one shard of N per process.
 *
 * Example: `initlab init-model --arch llama --set size=tinyllama --dtype bfloat16 --out tinyllama/`.
 */
import type { Command } from 'commander';
import { fail } from '../../errors.js';
import { ARCHITECTURES, modelOf, parseByteSize, writeModel } from '../../models/index.js';
import { MODEL_DTYPES, type ModelDType } from '../../models/writer.js';
import { integer, once, oneOf, text } from '../args.js';
import { printJson, print, type Io } from '../output.js';

interface InitModelOptions {
  arch: string;
  set?: string[];
  seed?: number;
  /** Wrapped in an object so the file checks of other commands' --out (a file path) pass it by. */
  out: { directory: string };
  dtype?: ModelDType;
  maxShardSize?: number;
  shard?: { index: number; count: number };
  force?: boolean;
  json?: boolean;
}

/** `i/N`, 1 <= i <= N. */
function shardOf(value: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m === null ? NaN : Number(m[1]);
  const count = m === null ? NaN : Number(m[2]);
  if (!(count >= 1 && index >= 1 && index <= count)) fail('--shard', value, 'i/N with 1 <= i <= N, e.g. 2/8 (process i writes files i, i+N, ...)');
  return { index, count };
}

export function initModelCommand(program: Command, io: Io, isTty: () => boolean = () => process.stderr.isTTY === true): void {
  program
    .command('init-model')
    .summary('initialize a whole architecture and write it as safetensors files')
    .description(
      'Initialize every tensor of an architecture as its reference implementation does (Hugging Face transformers\' '
        + '_init_weights, torchvision\'s ResNet) and write the Hugging Face layout: model.safetensors, or '
        + 'model-0000i-of-0000K.safetensors and model.safetensors.index.json.\n'
        + 'Tensor NAME is drawn from foldIn(keyFromSeed(seed), NAME): the bytes do not depend on the shard size, the thread '
        + 'count or the process that writes a file, so --shard i/N on N machines gives the files one process would.',
    )
    .requiredOption('--arch <name>', `${ARCHITECTURES.map((a) => a.name).join(', ')}, or an arch.json file`, text('--arch'))
    .option('--set <name=value>', 'change a config value (repeatable), e.g. n_layer=48, size=tinyllama', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--seed <n>', 'root seed, an integer in [0, 2^53) (default 0)', integer('--seed', 0))
    .requiredOption('--out <dir>', 'output directory (new or empty)', once('--out', (d) => (d === '' ? fail('--out', d, 'a directory path') : { directory: d })))
    .option('--dtype <dtype>', `${MODEL_DTYPES.join(', ')} (default float32; 16-bit types rounded to nearest even)`, oneOf('--dtype', MODEL_DTYPES))
    .option('--max-shard-size <size>', 'largest file, e.g. 2GB or 500MB (default 5GB, as save_pretrained)', once('--max-shard-size', (t) => parseByteSize('--max-shard-size', t)))
    .option('--shard <i/N>', 'write only files i, i+N, ... of the model (1 <= i <= N); process 1 also writes the index', once('--shard', shardOf))
    .option('--force', 'write into a directory that holds other files')
    .option('--json', 'print a JSON summary on stdout')
    .action(async (o: InitModelOptions) => {
      const model = modelOf(o.arch, o.set ?? []);
      const start = Date.now();
      const progress = progressLine(io, isTty(), start);
      const summary = await writeModel(model.tensors, {
        out: o.out.directory,
        ...(o.seed === undefined ? {} : { seed: o.seed }),
        ...(o.dtype === undefined ? {} : { dtype: o.dtype }),
        ...(o.maxShardSize === undefined ? {} : { maxShardSize: o.maxShardSize }),
        ...(o.shard === undefined ? {} : { shard: o.shard }),
        force: o.force === true,
        onBytes: progress.update,
      });
      progress.done();
      const seconds = (Date.now() - start) / 1000;
      if (o.json === true) {
        printJson(io, { arch: model.arch, config: model.config, dtype: o.dtype ?? 'float32', files: summary.files, tensors: summary.tensors, bytes: summary.bytes, totalSize: summary.totalSize, seconds });
      } else {
        const gb = summary.bytes / 1e9;
        print(io, [
          `${model.arch}: ${summary.tensors} tensors, ${gb.toFixed(3)} GB in ${summary.files.length} file${summary.files.length === 1 ? '' : 's'}, ${seconds.toFixed(1)} s (${(gb / Math.max(seconds, 1e-3)).toFixed(2)} GB/s)`,
          ...summary.files.map((f) => `  ${f}`),
        ]);
      }
    });
}

/**
 * Bytes, GB/s and ETA on stderr: a bar redrawn in place on a terminal, else one line every 10 s
 * (a log file or a batch system's output gets a few lines, not thousands).
 */
export function progressLine(io: Io, tty: boolean, start: number, clock: () => number = Date.now): { update: (done: number, total: number) => void; done: () => void } {
  let last = start;
  let drawn = false;
  return {
    update(done, total) {
      const now = clock();
      if (now - last < (tty ? 100 : 10_000)) return;
      last = now;
      const seconds = (now - start) / 1000;
      const rate = done / 1e9 / seconds;
      const eta = rate > 0 ? (total - done) / 1e9 / rate : Infinity;
      const f = total > 0 ? done / total : 1;
      const line = `${(done / 1e9).toFixed(2)}/${(total / 1e9).toFixed(2)} GB  ${Math.floor(f * 100)}%  ${rate.toFixed(2)} GB/s  ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '?'}`;
      if (tty) {
        const filled = Math.round(f * 30);
        io.stderr(`\r[${'#'.repeat(filled)}${'·'.repeat(30 - filled)}] ${line}\x1b[K`);
        drawn = true;
      } else {
        io.stderr(`init-model: ${line}\n`);
      }
    },
    done() {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}

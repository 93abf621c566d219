/**
 * Writes a model's tensors to disk in the Hugging Face layout: `model.safetensors` when one file
 * holds them, else `model-00001-of-0000K.safetensors`, ... and `model.safetensors.index.json`
 * (`{"metadata": {"total_size": bytes}, "weight_map": {name: file}}`, keys sorted, indent 2, as
 * `save_pretrained` writes it).
 *
 * Tensors go to shards in state-dict order as huggingface_hub's `split_torch_state_dict_into_shards`
 * assigns them: a new shard when the next tensor would take the current one past the maximum, a
 * tensor larger than the maximum alone in its shard. Tensor `name` is drawn from
 * `foldIn(keyFromSeed(seed), name)` in slices, so its bytes depend neither on the shard size, nor
 * on the thread count, nor on which process writes which file: `shard: { index: i, count: N }`
 * writes the files numbered i, i + N, ... (1-based), exactly as one process would.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../errors.js';
import { initializer, type Initializer } from '../init/initializer.js';
import { ITEM_BYTES, writeSafetensorsStream, type StoredDtype, type StreamTensor } from '../io/safetensorsWriter.js';
import { foldIn, keyFromSeed } from '../random/key.js';
import type { TensorDef } from './architecture.js';

export const MODEL_DTYPES = ['float32', 'bfloat16', 'float16'] as const;
export type ModelDType = (typeof MODEL_DTYPES)[number];
const STORED: Record<ModelDType, StoredDtype> = { float32: 'F32', bfloat16: 'BF16', float16: 'F16' };

/** save_pretrained's default max_shard_size, "5GB". */
export const DEFAULT_MAX_SHARD_SIZE = 5e9;
const INDEX = 'model.safetensors.index.json';
/** transformers reads this metadata to know the tensors are PyTorch's. */
const METADATA = { format: 'pt' };

export interface ShardFile {
  readonly file: string;
  readonly tensors: readonly TensorDef[];
  /** Bytes of tensor data. */
  readonly bytes: number;
}

export interface ShardPlan {
  readonly files: readonly ShardFile[];
  /** Bytes of tensor data in all files (the index's metadata.total_size). */
  readonly totalSize: number;
}

function storedDtype(t: TensorDef, dtype: ModelDType): StoredDtype {
  return t.dtype === 'int64' ? 'I64' : STORED[dtype];
}

function byteSize(t: TensorDef, dtype: ModelDType): number {
  return t.shape.reduce((a, b) => a * b, 1) * ITEM_BYTES[storedDtype(t, dtype)];
}

/** The files of a model: which tensors each holds, in state-dict order. */
export function planShards(tensors: readonly TensorDef[], dtype: ModelDType, maxShardSize = DEFAULT_MAX_SHARD_SIZE): ShardPlan {
  const groups: { tensors: TensorDef[]; bytes: number }[] = [];
  let current: { tensors: TensorDef[]; bytes: number } | undefined;
  let totalSize = 0;
  for (const t of tensors) {
    const size = byteSize(t, dtype);
    totalSize += size;
    if (size > maxShardSize) {
      groups.push({ tensors: [t], bytes: size });
      continue;
    }
    if (current === undefined || current.bytes + size > maxShardSize) {
      current = { tensors: [], bytes: 0 };
      groups.push(current);
    }
    current.tensors.push(t);
    current.bytes += size;
  }
  const k = groups.length;
  const pad = (i: number) => String(i).padStart(5, '0');
  const files = groups.map((g, i) => ({ file: k === 1 ? 'model.safetensors' : `model-${pad(i + 1)}-of-${pad(k)}.safetensors`, ...g }));
  return { files, totalSize };
}

/** `2GB`, `500MB`, `1.5GiB`, `1000000`: decimal units as huggingface_hub reads them (GB = 10^9), binary with "i". */
export function parseByteSize(option: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]i?B|B)?\s*$/i.exec(text);
  if (m === null) fail(option, text, 'a size such as 2GB, 500MB or 1GiB (GB = 10^9 bytes, GiB = 2^30)');
  const unit = (m[2] ?? 'B').toUpperCase();
  const power = 'BKMGT'.indexOf(unit[0]);
  const base = unit.includes('I') ? 1024 : 1000;
  const bytes = Math.floor(Number(m[1]) * base ** (unit === 'B' ? 0 : power));
  if (!(bytes >= 1) || !Number.isSafeInteger(bytes)) fail(option, text, 'a size of at least 1 byte');
  return bytes;
}

export interface WriteOptions {
  out: string;
  seed?: number;
  dtype?: ModelDType;
  maxShardSize?: number;
  /** Write only files index, index + count, ... (1-based index). */
  shard?: { index: number; count: number };
  /** Write into a directory holding other files. */
  force?: boolean;
  bufferBytes?: number;
  /** Bytes of tensor data written so far of `total` (this process's files). */
  onBytes?: (done: number, total: number) => void;
}

export interface WriteSummary {
  /** Paths written by this call, the index included. */
  files: string[];
  tensors: number;
  /** Bytes of the files written (headers included). */
  bytes: number;
  /** Bytes of tensor data in the whole model. */
  totalSize: number;
}

/** Writes the model's files (or this shard's) into `out`. */
export async function writeModel(tensors: readonly TensorDef[], o: WriteOptions): Promise<WriteSummary> {
  const dtype = o.dtype ?? 'float32';
  const plan = planShards(tensors, dtype, o.maxShardSize);
  const mine = plan.files.filter((_, i) => o.shard === undefined || i % o.shard.count === o.shard.index - 1);
  if (o.shard !== undefined && (o.shard.index < 1 || o.shard.index > o.shard.count)) fail('--shard', `${o.shard.index}/${o.shard.count}`, 'i/N with 1 <= i <= N');
  await prepareDirectory(o.out, plan, o.shard !== undefined, o.force === true);
  const root = keyFromSeed(o.seed ?? 0);
  const inits = new Map<string, Initializer>();
  const initOf = (spec: string) => inits.get(spec) ?? inits.set(spec, initializer(spec)).get(spec)!;
  // Check every spec and shape before the first byte is written.
  for (const t of tensors) initOf(t.spec).plan(t.shape, t.layout);
  const total = mine.reduce((s, f) => s + f.bytes, 0);
  let before = 0;
  const files: string[] = [];
  let bytes = 0;
  for (const f of mine) {
    const stream = f.tensors.map((t): StreamTensor => {
      const init = initOf(t.spec);
      const key = foldIn(root, t.name);
      const cols = t.shape.length === 2 ? t.shape[1] : 0;
      return {
        name: t.name,
        shape: t.shape,
        dtype: storedDtype(t, dtype),
        fill(out, offset) {
          init.fill(key, t.shape, out, { ...t.layout, offset });
          if (t.paddingRow !== undefined) {
            const from = Math.max(t.paddingRow * cols, offset);
            const to = Math.min((t.paddingRow + 1) * cols, offset + out.length);
            if (from < to) out.fill(0, from - offset, to - offset);
          }
        },
      };
    });
    const base = before;
    bytes += await writeSafetensorsStream(join(o.out, f.file), stream, {
      metadata: METADATA,
      ...(o.bufferBytes === undefined ? {} : { bufferBytes: o.bufferBytes }),
      onBytes: (done) => o.onBytes?.(base + done, total),
    });
    before += f.bytes;
    files.push(join(o.out, f.file));
  }
  if (plan.files.length > 1 && (o.shard === undefined || o.shard.index === 1)) {
    const text = indexJson(plan);
    const path = join(o.out, INDEX);
    const temp = `${path}.partial-${process.pid}`;
    try {
      await writeFile(temp, text);
    } catch (e) {
      await rm(temp, { force: true });
      fail('--out', path, `a disk with room for the index (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; the partial file was removed)`);
    }
    await rename(temp, path);
    files.push(path);
    bytes += Buffer.byteLength(text);
  }
  return { files, tensors: mine.reduce((s, f) => s + f.tensors.length, 0), bytes, totalSize: plan.totalSize };
}

/**
 * `model.safetensors.index.json` as transformers writes it: `json.dumps(index, indent=2,
 * sort_keys=True) + "\n"` (keys sorted by code point, non-ASCII escaped).
 */
export function indexJson(plan: ShardPlan): string {
  const entries = plan.files.flatMap((f) => f.tensors.map((t): [string, string] => [t.name, f.file]));
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const str = (s: string) => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const map = entries.map(([name, file]) => `    ${str(name)}: ${str(file)}`).join(',\n');
  return `{\n  "metadata": {\n    "total_size": ${plan.totalSize}\n  },\n  "weight_map": {\n${map}\n  }\n}\n`;
}

/**
 * Creates `out` or checks it: refused when it holds other files (unless `force`). With `--shard`
 * the other processes' files of the same model are expected there and allowed.
 */
async function prepareDirectory(out: string, plan: ShardPlan, sharded: boolean, force: boolean): Promise<void> {
  if (existsSync(out) && !statSync(out).isDirectory()) fail('--out', out, 'a directory (this path is a file)');
  if (!existsSync(out)) {
    await mkdir(out, { recursive: true }).catch((e: NodeJS.ErrnoException) => fail('--out', out, `a directory initlab can create (${e.code ?? e.message})`));
    return;
  }
  if (force) return;
  const ours = new Set([...plan.files.map((f) => f.file), INDEX]);
  const others = readdirSync(out).filter((name) => !sharded || !(ours.has(name) || /\.partial-\d+$/.test(name)));
  if (others.length > 0) {
    fail('--out', out, `an empty or new directory (it holds ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}; pass --force to write there anyway)`);
  }
}

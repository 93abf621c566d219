/**
 * init-model's write speed beside the disk's, measured in the same run on the same directory:
 *
 *   1. `dd if=/dev/zero bs=16M` of as many bytes as the model (the disk's sequential write speed,
 *      through the page cache as init-model writes, no fsync);
 *   2. the same bytes written from Node with the writer's own calls (FileHandle.write of 16 MiB
 *      buffers), which isolates the cost of drawing the numbers;
 *   3. the draw alone: N(0, 0.02²) float32 fills of as many bytes into one 16 MiB buffer (the
 *      generator's speed on this machine's cores, which bounds init-model where the disk is faster);
 *   4. `writeModel` of the architecture.
 *
 * Usage (after `tsc -p tsconfig.bench.json`): `node dist-bench/bench/initModel.js [DIR] [ARCH] [DTYPE] [name=value ...]`,
 * default `os.tmpdir() gpt2-medium float32`. Two rounds, each step after an untimed `sync`; prints
 * one line per measurement and the ratios of the best rates.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initializer } from '../src/init/initializer.js';
import { modelOf, writeModel } from '../src/models/index.js';
import { keyFromSeed } from '../src/random/key.js';
import { MODEL_DTYPES, type ModelDType } from '../src/models/writer.js';

const [dirArg, arch = 'gpt2-medium', dtypeArg = 'float32', ...settings] = process.argv.slice(2);
const dtype = (MODEL_DTYPES as readonly string[]).includes(dtypeArg) ? (dtypeArg as ModelDType) : 'float32';
const base = mkdtempSync(join(dirArg ?? tmpdir(), 'initlab-bench-'));
const model = modelOf(arch, settings);
const itemBytes = dtype === 'float32' ? 4 : 2;
const bytes = model.tensors.reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1) * (t.dtype === 'int64' ? 8 : itemBytes), 0);
const MiB16 = 16 * 2 ** 20;

function line(label: string, seconds: number): number {
  const rate = bytes / 1e9 / seconds;
  console.log(`${label.padEnd(34)} ${(bytes / 1e9).toFixed(3)} GB  ${seconds.toFixed(2)} s  ${rate.toFixed(3)} GB/s`);
  return rate;
}

function dd(): number {
  const path = join(base, 'dd.bin');
  const start = performance.now();
  const r = spawnSync('dd', ['if=/dev/zero', `of=${path}`, `bs=${MiB16}`, `count=${Math.ceil(bytes / MiB16)}`], { encoding: 'utf8' });
  const seconds = (performance.now() - start) / 1000;
  rmSync(path, { force: true });
  if (r.status !== 0) throw new Error(r.stderr);
  return seconds;
}

async function nodeSequential(): Promise<number> {
  const path = join(base, 'node.bin');
  const buffer = new Uint8Array(MiB16).fill(0x3c);
  const start = performance.now();
  const file = await open(path, 'w');
  for (let done = 0; done < bytes; ) {
    const n = Math.min(MiB16, bytes - done);
    const { bytesWritten } = await file.write(buffer, 0, n);
    done += bytesWritten;
  }
  await file.close();
  const seconds = (performance.now() - start) / 1000;
  rmSync(path, { force: true });
  return seconds;
}

function drawOnly(): number {
  const init = initializer('torch:normal(std=0.02)');
  const out = new Float32Array(MiB16 / 4);
  const n = Math.ceil(bytes / 4);
  const start = performance.now();
  for (let offset = 0; offset < n; offset += out.length) {
    const slice = out.subarray(0, Math.min(out.length, n - offset));
    init.fill(keyFromSeed(0), [n], slice, { offset });
  }
  return (performance.now() - start) / 1000;
}

async function initModel(): Promise<number> {
  const out = join(base, 'model');
  const start = performance.now();
  await writeModel(model.tensors, { out, dtype, seed: 0 });
  const seconds = (performance.now() - start) / 1000;
  rmSync(out, { recursive: true, force: true });
  return seconds;
}

/** Flushes dirty pages (untimed) so each measurement starts from the same state of the page cache. */
function sync(): void {
  spawnSync('sync');
}

try {
  console.log(`${arch} ${settings.join(' ')} ${dtype} in ${base}; two rounds, each step after an untimed sync`);
  const rates = { disk: [] as number[], node: [] as number[], draw: [] as number[], ours: [] as number[] };
  for (let round = 0; round < 2; round++) {
    sync();
    rates.disk.push(line('dd if=/dev/zero bs=16M', dd()));
    sync();
    rates.node.push(line('node FileHandle.write 16 MiB', await nodeSequential()));
    rates.draw.push(line('draw only (float32 normals)', drawOnly()));
    sync();
    rates.ours.push(line(`init-model --arch ${arch}`, await initModel()));
  }
  const best = (r: number[]) => Math.max(...r);
  console.log(`best of two: init-model ${best(rates.ours).toFixed(3)} GB/s = ${((100 * best(rates.ours)) / best(rates.disk)).toFixed(0)}% of dd, ${((100 * best(rates.ours)) / best(rates.node)).toFixed(0)}% of node's plain write, ${((100 * best(rates.ours)) / best(rates.draw)).toFixed(0)}% of the draw alone`);
} finally {
  rmSync(base, { recursive: true, force: true });
}

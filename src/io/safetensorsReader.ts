/**
 * Streaming reads of checkpoints: a `.safetensors` file, a directory in the Hugging Face layout
 * (`model.safetensors`, or shards `model-0000i-of-0000K.safetensors` listed by
 * `model.safetensors.index.json`, whose `weight_map` maps each tensor name to its shard), or a
 * `.npy` file. Opening reads only the headers; {@link readTensorChunks} then reads one tensor's
 * bytes in chunks through one reusable buffer, so memory stays bounded whatever the file size, and
 * {@link decodeElements} turns a chunk of any safetensors dtype (F64, F32, F16, BF16, F8, integers,
 * BOOL) into float64 values.
 *
 * The headers are checked as `safetensors.ts` checks them (the offsets must cover each file's
 * byte buffer exactly, so a truncated file or a tensor whose bytes lie past the end is refused
 * before anything is read); an index must name shards that exist and hold the tensors it maps to
 * them. Errors are `file={"path": ..., ...what was found}, expected ...`.
 *
 * Example: `for (const t of openCheckpoint('gpt2/').tensors) readTensorChunks(t, 1 << 22, (bytes) => ...)`.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ArgumentError, fail } from '../errors.js';
import { numel } from '../tensor.js';
import { HOST_LITTLE_ENDIAN, NPY_MAX_PREAMBLE, readNpyHeader, swapBytes } from './npy.js';
import { parseSafetensorsHeader, SAFETENSORS_ITEM_SIZE, safetensorsHeaderSize } from './safetensors.js';

/** One tensor on disk: where its bytes lie and how to read them. */
export interface StoredTensor {
  readonly name: string;
  /** The file that holds it. */
  readonly path: string;
  /** A safetensors dtype code: `F32`, `BF16`, ... (`.npy` files give `F32` or `F64`). */
  readonly dtype: string;
  readonly shape: readonly number[];
  /** Absolute offset of the first byte in the file, and the number of bytes. */
  readonly start: number;
  readonly bytes: number;
}

/** What {@link openCheckpoint} found: the files read and their tensors, in file order. */
export interface Checkpoint {
  readonly files: readonly string[];
  readonly tensors: readonly StoredTensor[];
  readonly metadata: Readonly<Record<string, string>>;
}

const INDEX_FILE = 'model.safetensors.index.json';
const SINGLE_FILE = 'model.safetensors';
const EVERY_CODE = {
  codes: Object.keys(SAFETENSORS_ITEM_SIZE),
  expected: `a safetensors dtype (${Object.keys(SAFETENSORS_ITEM_SIZE).join(', ')})`,
};

/** Opens a `.safetensors` or `.npy` file, or a checkpoint directory, reading only headers. */
export function openCheckpoint(path: string): Checkpoint {
  if (typeof path !== 'string' || path === '') fail('path', path, 'a .safetensors or .npy file, or a directory holding model.safetensors or model.safetensors.index.json');
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) fail('path', path, 'an existing file or directory (it does not exist)');
  if (stat.isDirectory()) return openDirectory(path);
  const extension = extname(path).toLowerCase();
  if (extension === '.npy') return { files: [path], tensors: [openNpy(path, stat.size)], metadata: {} };
  if (extension === '.json' && basename(path) === INDEX_FILE) return openIndex(path);
  if (extension !== '.safetensors') fail('path', path, `a file ending in .safetensors or .npy, ${INDEX_FILE}, or a checkpoint directory`);
  const { tensors, metadata } = openSafetensors(path, stat.size);
  return { files: [path], tensors, metadata };
}

function openDirectory(dir: string): Checkpoint {
  const index = join(dir, INDEX_FILE);
  if (existsSync(index)) return openIndex(index);
  const single = join(dir, SINGLE_FILE);
  if (existsSync(single)) return openCheckpoint(single);
  const found = readdirSync(dir).filter((f) => /\.(safetensors|npy)$/i.test(f));
  return fail('path', dir, `a directory holding ${SINGLE_FILE} or ${INDEX_FILE} (found ${found.length === 0 ? 'neither' : found.slice(0, 5).join(', ')}; pass one file to read it alone)`);
}

/** A sharded checkpoint: the index's `weight_map` names a shard for each tensor. */
function openIndex(indexPath: string): Checkpoint {
  const dir = join(indexPath, '..');
  let index: unknown;
  try {
    index = JSON.parse(readText(indexPath));
  } catch (e) {
    if (e instanceof ArgumentError) throw e;
    return fail('file', { path: indexPath, error: (e as Error).message }, 'an index in JSON: {"metadata": {...}, "weight_map": {"tensor name": "shard file"}}');
  }
  const weightMap = (index as { weight_map?: unknown } | null)?.weight_map;
  if (typeof weightMap !== 'object' || weightMap === null || Array.isArray(weightMap) || !Object.values(weightMap).every((f) => typeof f === 'string')) {
    fail('file', { path: indexPath, weight_map: weightMap }, '"weight_map" mapping tensor names to shard file names');
  }
  const map = weightMap as Record<string, string>;
  const shards = [...new Set(Object.values(map))];
  const tensors: StoredTensor[] = [];
  const metadata: Record<string, string> = {};
  for (const shard of shards) {
    const path = join(dir, shard);
    const size = statSync(path, { throwIfNoEntry: false })?.size;
    if (size === undefined || basename(shard) !== shard) {
      const names = Object.keys(map).filter((n) => map[n] === shard);
      fail('file', { path: indexPath, shard, tensors: names.slice(0, 3) }, `a shard file beside the index (${path} does not exist)`);
    }
    const opened = openSafetensors(path, size);
    Object.assign(metadata, opened.metadata);
    const held = new Set(opened.tensors.map((t) => t.name));
    const missing = Object.keys(map).find((n) => map[n] === shard && !held.has(n));
    if (missing !== undefined) fail('file', { path: indexPath, tensor: missing, shard }, `each tensor of weight_map inside the shard the index names (${shard} does not hold it)`);
    tensors.push(...opened.tensors.filter((t) => map[t.name] === shard));
  }
  return { files: shards.map((s) => join(dir, s)), tensors, metadata };
}

function openSafetensors(path: string, size: number): { tensors: StoredTensor[]; metadata: Record<string, string> } {
  return withPath(path, () => {
    const prefix = readRange(path, 0, Math.min(size, 9));
    const headerSize = safetensorsHeaderSize(prefix, size);
    const header = readRange(path, 8, headerSize);
    const { entries, metadata } = parseSafetensorsHeader(header, size - 8 - headerSize, EVERY_CODE);
    const base = 8 + headerSize;
    const tensors = entries.map((e) => ({ name: e.name, path, dtype: e.code, shape: e.shape, start: base + e.begin, bytes: e.end - e.begin }));
    return { tensors, metadata };
  });
}

function openNpy(path: string, size: number): StoredTensor {
  return withPath(path, () => {
    const { dtype, shape, dataStart } = readNpyHeader(readRange(path, 0, Math.min(size, NPY_MAX_PREAMBLE)));
    const itemSize = dtype === 'float64' ? 8 : 4;
    const need = numel(shape) * itemSize;
    const have = size - dataStart;
    if (have !== need) {
      fail('file', { data_bytes: have }, `exactly ${need} data bytes for shape [${shape.join(', ')}] ${dtype} (${have < need ? 'it is truncated' : 'it has bytes after the array'})`);
    }
    return { name: basename(path, extname(path)), path, dtype: dtype === 'float64' ? 'F64' : 'F32', shape, start: dataStart, bytes: need };
  });
}

/** Runs `f`, adding `path` to the `file` errors of the header parsers. */
function withPath<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ArgumentError && e.argument === 'file') fail('file', { path, ...(e.value as object) }, e.expected);
    throw e;
  }
}

/**
 * Calls `visit` with consecutive chunks of tensor `t`'s bytes, each a whole number of elements
 * and at most `chunkBytes` long, all in one buffer that is reused (copy what must outlive the call):
 * `buffer` when it is large enough, else a new one.
 */
export function readTensorChunks(t: StoredTensor, chunkBytes: number, visit: (bytes: Uint8Array) => void, buffer?: Uint8Array): void {
  const itemSize = SAFETENSORS_ITEM_SIZE[t.dtype];
  const step = Math.max(itemSize, chunkBytes - (chunkBytes % itemSize));
  const chunk = buffer !== undefined && buffer.byteLength >= step && buffer.byteOffset === 0 ? buffer : new Uint8Array(step);
  const fd = open(t.path);
  try {
    for (let done = 0; done < t.bytes; ) {
      const length = Math.min(step, t.bytes - done);
      const view = chunk.subarray(0, length);
      readFully(fd, view, t.start + done, t.path);
      if (!HOST_LITTLE_ENDIAN && itemSize > 1) swapBytes(view, itemSize);
      visit(view);
      done += length;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Decodes `bytes` (whole elements of safetensors dtype `code`, host byte order, starting at byte 0
 * of their buffer) into `out` as float64; returns the element count. F16 and BF16 go through
 * 65536-entry tables, the F8 formats through 256-entry ones (E4M3 as `float8_e4m3fn`: no
 * infinities, NaN at 0x7f and 0xff; E5M2 is the upper byte of an F16), 64-bit integers through
 * Number (exact up to 2^53).
 */
export function decodeElements(code: string, bytes: Uint8Array, out: Float64Array): number {
  const n = bytes.length / SAFETENSORS_ITEM_SIZE[code];
  const { buffer, byteOffset } = bytes;
  switch (code) {
    case 'F64':
      out.set(new Float64Array(buffer, byteOffset, n));
      break;
    case 'F32':
      out.set(new Float32Array(buffer, byteOffset, n));
      break;
    case 'F16':
    case 'BF16': {
      const table = code === 'F16' ? halfTable() : bfloatTable();
      const u = new Uint16Array(buffer, byteOffset, n);
      for (let i = 0; i < n; i++) out[i] = table[u[i]];
      break;
    }
    case 'F8_E4M3':
    case 'F8_E5M2': {
      const table = code === 'F8_E4M3' ? e4m3Table() : e5m2Table();
      for (let i = 0; i < n; i++) out[i] = table[bytes[i]];
      break;
    }
    case 'I64':
    case 'U64': {
      const v = code === 'I64' ? new BigInt64Array(buffer, byteOffset, n) : new BigUint64Array(buffer, byteOffset, n);
      for (let i = 0; i < n; i++) out[i] = Number(v[i]);
      break;
    }
    default:
      out.set(new INTEGER_ARRAYS[code](buffer, byteOffset, n));
  }
  return n;
}

const INTEGER_ARRAYS: Record<string, new (b: ArrayBufferLike, o: number, n: number) => ArrayLike<number>> = {
  BOOL: Uint8Array, U8: Uint8Array, I8: Int8Array, I16: Int16Array, U16: Uint16Array, I32: Int32Array, U32: Uint32Array,
};

let half: Float64Array | undefined;
let bfloat: Float64Array | undefined;
let e4m3: Float64Array | undefined;
let e5m2: Float64Array | undefined;

/** IEEE binary16: sign, 5 exponent bits (bias 15), 10 mantissa bits; subnormals, ±inf, NaN. */
function halfTable(): Float64Array {
  return (half ??= Float64Array.from({ length: 65536 }, (_, h) => {
    const sign = h & 0x8000 ? -1 : 1;
    const e = (h >> 10) & 0x1f;
    const m = h & 0x3ff;
    if (e === 0x1f) return m === 0 ? sign * Infinity : NaN;
    return sign * (e === 0 ? m * 2 ** -24 : (1 + m / 1024) * 2 ** (e - 15));
  }));
}

/** bfloat16: the upper 16 bits of a float32. */
function bfloatTable(): Float64Array {
  if (bfloat === undefined) {
    const bits = Uint32Array.from({ length: 65536 }, (_, h) => h << 16);
    bfloat = Float64Array.from(new Float32Array(bits.buffer));
  }
  return bfloat;
}

/** float8_e4m3fn: 4 exponent bits (bias 7), 3 mantissa bits, subnormals, no infinities, NaN at S.1111.111. */
function e4m3Table(): Float64Array {
  return (e4m3 ??= Float64Array.from({ length: 256 }, (_, b) => {
    const sign = b & 0x80 ? -1 : 1;
    const e = (b >> 3) & 0xf;
    const m = b & 7;
    if (e === 0xf && m === 7) return NaN;
    return sign * (e === 0 ? m * 2 ** -9 : (1 + m / 8) * 2 ** (e - 7));
  }));
}

/** float8_e5m2: the upper byte of a binary16. */
function e5m2Table(): Float64Array {
  const table = halfTable();
  return (e5m2 ??= Float64Array.from({ length: 256 }, (_, b) => table[b << 8]));
}

function open(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (e) {
    return fail('file', { path, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message }, 'a readable file');
  }
}

function readRange(path: string, position: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const fd = open(path);
  try {
    readFully(fd, out, position, path);
  } finally {
    closeSync(fd);
  }
  return out;
}

function readFully(fd: number, into: Uint8Array, position: number, path: string): void {
  for (let got = 0; got < into.length; ) {
    const n = readSync(fd, into, got, into.length - got, position + got);
    if (n === 0) fail('file', { path, bytes_read: position + got }, `${position + into.length} bytes (the file ended early: it changed while being read, or is truncated)`);
    got += n;
  }
}

function readText(path: string): string {
  return new TextDecoder().decode(readRange(path, 0, statSync(path).size));
}

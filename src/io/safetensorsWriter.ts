/**
 * Streaming safetensors writer: a file of any size written tensor by tensor and slice by slice
 * through two fixed buffers, so memory stays bounded whatever the model. The header is
 * {@link safetensorsHeader}'s (the layout `safetensors::serialize` writes); each tensor's
 * elements come from a `fill(out, offset)` callback in float32 and are stored as F32, BF16, F16
 * (rounded to nearest even) or I64 (integral values only).
 *
 * The file is written under a temporary name in the same directory and renamed when complete, so
 * a file with the final name is always whole; on an error (a full disk) the partial file is
 * removed. While one buffer is being written to disk the caller fills the other.
 *
 * Example: `await writeSafetensorsStream('w.safetensors', [{ name: 'w', shape: [2, 3], dtype: 'BF16',
 * fill: (out, offset) => out.fill(1) }])`.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fail } from '../errors.js';
import { safetensorsHeader } from './safetensors.js';

export type StoredDtype = 'F32' | 'BF16' | 'F16' | 'I64';
export const ITEM_BYTES: Readonly<Record<StoredDtype, number>> = { F32: 4, BF16: 2, F16: 2, I64: 8 };

export interface StreamTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: StoredDtype;
  /** Writes elements [offset, offset + out.length) of the tensor into `out`, in float32. */
  fill(out: Float32Array, offset: number): void;
}

export interface StreamOptions {
  metadata?: Record<string, string>;
  /** Bytes per buffer (two are used); a multiple of 8, default 16 MiB. */
  bufferBytes?: number;
  /** Called with the bytes of tensor data written so far, after each buffer. */
  onBytes?: (bytes: number) => void;
}

export const DEFAULT_BUFFER_BYTES = 16 * 2 ** 20;

/** The bytes a safetensors file of these tensors takes: header and data. */
export function streamFileBytes(tensors: readonly StreamTensor[], metadata: Record<string, string> = {}): number {
  return safetensorsHeader(entries(tensors), metadata).bytes.length + entries(tensors).reduce((s, e) => s + e.byteLength, 0);
}

function entries(tensors: readonly StreamTensor[]) {
  return tensors.map((t) => ({ name: t.name, dtype: t.dtype, shape: t.shape, byteLength: t.shape.reduce((a, b) => a * b, 1) * ITEM_BYTES[t.dtype] }));
}

/** Writes the tensors as a safetensors file at `path` (complete or not at all); returns its size. */
export async function writeSafetensorsStream(path: string, tensors: readonly StreamTensor[], options: StreamOptions = {}): Promise<number> {
  const bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
  if (!Number.isSafeInteger(bufferBytes) || bufferBytes < 8 || bufferBytes % 8 !== 0) fail('bufferBytes', bufferBytes, 'a positive multiple of 8');
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const { bytes: header, order } = safetensorsHeader(entries(tensors), options.metadata ?? {});
  const temp = join(dirname(path), `.${basename(path)}.partial-${process.pid}`);
  const file = await open(temp, 'w').catch((e: NodeJS.ErrnoException) => fail('--out', path, `a file initlab can create (${e.code ?? e.message})`));
  let written = 0;
  try {
    await writeAll(file, header);
    const buffers = [new ArrayBuffer(bufferBytes), new ArrayBuffer(bufferBytes)];
    const scratch = new Float32Array(bufferBytes / 8);
    let current = 0;
    let pos = 0;
    let pending: Promise<void> = Promise.resolve();
    const flush = async (): Promise<void> => {
      await pending;
      const bytes = new Uint8Array(buffers[current], 0, pos);
      const size = pos;
      pending = writeAll(file, bytes).then(() => {
        written += size;
        options.onBytes?.(written);
      });
      // Surface a failed write at the next await even if no flush follows.
      pending.catch(() => {});
      current = 1 - current;
      pos = 0;
    };
    for (const e of order) {
      const t = byName.get(e.name)!;
      const item = ITEM_BYTES[t.dtype];
      const n = e.byteLength / item;
      for (let offset = 0; offset < n; ) {
        // Every tensor before this one has an item size at least as large (the header orders by
        // decreasing dtype), so pos is a multiple of item and the typed views are aligned.
        const count = Math.min(n - offset, (bufferBytes - pos) / item, t.dtype === 'F32' ? Infinity : scratch.length);
        const buffer = buffers[current];
        if (t.dtype === 'F32') {
          t.fill(new Float32Array(buffer, pos, count), offset);
        } else {
          const values = scratch.subarray(0, count);
          t.fill(values, offset);
          if (t.dtype === 'I64') toInt64(values, new BigInt64Array(buffer, pos, count), t.name);
          else (t.dtype === 'BF16' ? toBfloat16 : toFloat16)(values, new Uint16Array(buffer, pos, count));
        }
        pos += count * item;
        offset += count;
        if (pos === bufferBytes) await flush();
      }
    }
    if (pos > 0) await flush();
    await pending;
    await file.close();
  } catch (e) {
    await file.close().catch(() => {});
    await rm(temp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      fail('--out', path, `a disk with room for the file (the disk is full after ${written} bytes of tensor data; the partial file was removed)`);
    }
    throw e;
  }
  await rename(temp, path);
  return header.length + order.reduce((s, e) => s + e.byteLength, 0);
}

async function writeAll(file: import('node:fs/promises').FileHandle, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await file.write(bytes, at, bytes.length - at);
    at += bytesWritten;
  }
}

/**
 * float32 to bfloat16 bits, rounded to nearest even: the top 16 bits of x + 0x7fff + (bit 16 of
 * x); NaN to 0x7fc0 as PyTorch (c10::BFloat16) converts it. Overflow rounds to ±Inf.
 */
export function toBfloat16(src: Float32Array, dst: Uint16Array): Uint16Array {
  const bits = new Uint32Array(src.buffer, src.byteOffset, src.length);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    dst[i] = (b & 0x7fffffff) > 0x7f800000 ? 0x7fc0 : (b + 0x7fff + ((b >>> 16) & 1)) >>> 16;
  }
  return dst;
}

/**
 * float32 to IEEE 754 binary16 bits, rounded to nearest even: magnitudes from 65520 (halfway
 * past the largest half, 65504) become ±Inf, those below 2^-14 subnormal multiples of 2^-24, NaN
 * a quiet NaN with its sign (0x7e00).
 */
export function toFloat16(src: Float32Array, dst: Uint16Array): Uint16Array {
  const bits = new Uint32Array(src.buffer, src.byteOffset, src.length);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    const sign = (b >>> 16) & 0x8000;
    const abs = b & 0x7fffffff;
    let h: number;
    if (abs > 0x7f800000) h = 0x7e00;
    else if (abs >= 0x477ff000) h = 0x7c00;
    else if (abs < 0x38800000) h = roundHalfEven(Math.abs(src[i]) * 2 ** 24);
    else {
      // Rebias the exponent (127 -> 15) and keep 10 of the 23 mantissa bits; a carry rounds up the exponent.
      h = (abs - 0x38000000) >>> 13;
      const rest = abs & 0x1fff;
      if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++;
    }
    dst[i] = sign | h;
  }
  return dst;
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
}

function toInt64(src: Float32Array, dst: BigInt64Array, name: string): void {
  for (let i = 0; i < src.length; i++) {
    if (!Number.isInteger(src[i])) fail(name, src[i], 'integers in an int64 tensor (a constant initializer such as zeros)');
    dst[i] = BigInt(src[i]);
  }
}

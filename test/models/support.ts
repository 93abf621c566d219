/** Reading what init-model wrote, by hand: the header and each tensor's raw bytes. */
import { readFileSync } from 'node:fs';

export interface RawTensor {
  dtype: string;
  shape: number[];
  bytes: Uint8Array;
}

/** The tensors of a safetensors file with their raw little-endian bytes, and its metadata. */
export function readRaw(path: string): { tensors: Record<string, RawTensor>; metadata: Record<string, string>; order: string[] } {
  const file = new Uint8Array(readFileSync(path));
  const n = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + n))) as Record<string, any>;
  const tensors: Record<string, RawTensor> = {};
  const order: string[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const [begin, end] = info.data_offsets as [number, number];
    tensors[name] = { dtype: info.dtype, shape: info.shape, bytes: file.slice(8 + n + begin, 8 + n + end) };
    order.push(name);
  }
  return { tensors, metadata: header.__metadata__ ?? {}, order };
}

/** float32 values of an F32 tensor. */
export function f32(t: RawTensor): Float32Array {
  return new Float32Array(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength / 4);
}

export function moments(x: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const mean = s / x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - mean) ** 2;
  return { mean, std: Math.sqrt(v / x.length) };
}

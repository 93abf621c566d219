/**
 * Checkpoint files for the inspector's tests: tensors drawn by initlab's initializers, written
 * with initlab's own writers (F32/F64), and a raw safetensors builder for the dtypes initlab does
 * not write (BF16, F16, integers), rounding float32 draws to nearest even.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initializer } from '../../src/init/initializer.js';
import { foldIn, keyFromSeed } from '../../src/random/key.js';
import type { Tensor } from '../../src/tensor.js';

/** `spec` drawn for `shape` with seed `seed` (the layout for initlab's own names). */
export function draw(spec: string, shape: number[], seed = 1, layout?: 'oi' | 'io'): Tensor {
  return initializer(spec)(foldIn(keyFromSeed(seed), spec), shape, layout === undefined ? {} : { layout });
}

export interface RawTensor {
  code: string;
  shape: number[];
  bytes: Uint8Array;
}

/** A safetensors file of raw tensors, laid out in the order given. */
export function rawSafetensors(tensors: Record<string, RawTensor>): Uint8Array {
  let end = 0;
  const entries = Object.entries(tensors).map(([name, t]) => {
    const begin = end;
    end += t.bytes.length;
    return `${JSON.stringify(name)}:{"dtype":"${t.code}","shape":[${t.shape.join(',')}],"data_offsets":[${begin},${end}]}`;
  });
  let json = `{${entries.join(',')}}`;
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + json.length + end);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(new TextEncoder().encode(json), 8);
  let at = 8 + json.length;
  for (const t of Object.values(tensors)) {
    out.set(t.bytes, at);
    at += t.bytes.length;
  }
  return out;
}

/** float32 values as bfloat16 (round to nearest even) or float16 bytes. */
export function toHalf(values: Float32Array, code: 'BF16' | 'F16'): Uint8Array {
  const out = new Uint16Array(values.length);
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  for (let i = 0; i < values.length; i++) {
    const b = bits[i];
    out[i] = code === 'BF16' ? (b + 0x7fff + ((b >> 16) & 1)) >>> 16 : float16Bits(values[i]);
  }
  return new Uint8Array(out.buffer);
}

/** IEEE binary16 bits of x, rounded to nearest even (normal and subnormal range). */
function float16Bits(x: number): number {
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00;
  if (a < 2 ** -14) return sign | roundEven(a / 2 ** -24);
  let e = Math.floor(Math.log2(a));
  if (a / 2 ** e >= 2) e++;
  if (a / 2 ** e < 1) e--;
  const m = roundEven((a / 2 ** e - 1) * 1024);
  return m === 1024 ? sign | ((e + 16) << 10) : sign | ((e + 15) << 10) | m;
}

function roundEven(x: number): number {
  const f = Math.floor(x);
  const r = x - f;
  return r > 0.5 || (r === 0.5 && f % 2 === 1) ? f + 1 : f;
}

export function write(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

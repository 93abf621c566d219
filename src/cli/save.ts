/**
 * `--out`: where `initlab sample` writes its tensor.
 *
 * - `.npy` holds one array: the file is written (or replaced) with this tensor alone.
 * - `.safetensors` holds named tensors: an existing file is read first, the tensor is put under
 *   its `--name` beside the others (replacing a tensor of that name), and the whole file is
 *   written back through `writeTensors` (a temporary file renamed over the target, so a reader
 *   never sees half a file). So several `sample` calls can fill one file, one tensor each.
 *
 * The target is opened before the tensor is generated, so a wrong extension or a file that cannot
 * be read fails at once, not after minutes of sampling.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ArgumentError, fail } from '../errors.js';
import { decodeSafetensors, formatOf, writeTensors, type SafetensorsContents } from '../io/index.js';
import type { Tensor } from '../tensor.js';

export interface Target {
  readonly path: string;
  readonly format: ReturnType<typeof formatOf>;
  /** What the `.safetensors` file already holds (empty for a new file and for `.npy`). */
  readonly existing: SafetensorsContents;
}

/** Checks the extension and, for an existing `.safetensors` file, reads what it holds. */
export function openTarget(path: string): Target {
  const format = formatOf('--out', path);
  const existing = format === '.safetensors' ? readExisting(path) : { tensors: {}, metadata: {} };
  return { path, format, existing };
}

function readExisting(path: string): SafetensorsContents {
  if (!existsSync(path)) return { tensors: {}, metadata: {} };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    return fail('--out', path, `a .safetensors file that can be read to add the tensor to, or a new path (${code ?? message})`);
  }
  try {
    return decodeSafetensors(bytes);
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    return fail('--out', path, `a valid .safetensors file to add the tensor to, or a new path (${e.message})`);
  }
}

/**
 * Writes `tensor` under `name` with string `metadata` (merged over the file's own; `.npy` has
 * neither names nor metadata). Returns the names of the tensors a `.safetensors` file holds
 * afterwards, undefined for `.npy`.
 */
export function save(target: Target, name: string, tensor: Tensor, metadata: Record<string, string>): string[] | undefined {
  if (target.format === '.npy') {
    writeTensors(target.path, tensor);
    return undefined;
  }
  const tensors = { ...target.existing.tensors, [name]: tensor };
  writeTensors(target.path, tensors, { metadata: { ...target.existing.metadata, ...metadata } });
  return Object.keys(tensors);
}

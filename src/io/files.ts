/**
 * Tensor files on disk, the format chosen by extension: `.npy` (one array; see `npy.ts`) or
 * `.safetensors` (named tensors and string metadata; see `safetensors.ts`).
 *
 * Writes go to a temporary file in the target's directory that is then renamed over the target,
 * so a reader never sees a half-written file. File system failures become
 * {@link ArgumentError}s naming the path and the reason, never raw errno stacks.
 *
 * Example: `writeTensors('w.safetensors', { w, b })`, then `readTensors('w.safetensors')`.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { ArgumentError, fail } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { decodeNpy, encodeNpy } from './npy.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';

const FORMATS = ['.npy', '.safetensors'] as const;
type Format = (typeof FORMATS)[number];

export interface WriteOptions {
  /** String metadata, stored in `.safetensors` under `__metadata__` (`.npy` has no place for it). */
  metadata?: Record<string, string>;
}

/**
 * Writes one tensor or named tensors to `path`. `.npy` takes exactly one tensor; `.safetensors`
 * takes any number, and stores a lone tensor under the name "weight".
 */
export function writeTensors(path: string, tensors: Tensor | Record<string, Tensor>, options: WriteOptions = {}): void {
  const format = formatOf('out', path);
  if (typeof tensors !== 'object' || tensors === null) fail('tensors', tensors, 'a tensor or an object mapping names to tensors');
  const single = isTensor(tensors);
  let bytes: Uint8Array;
  if (format === '.npy') {
    const metadata = options.metadata ?? {};
    if (Object.keys(metadata).length > 0) fail('metadata', metadata, 'no metadata for .npy, which has no place for it (use .safetensors)');
    const all = single ? [tensors] : Object.values(tensors);
    if (all.length !== 1) {
      fail('tensors', Object.keys(tensors), `one tensor for ${path} (.npy holds one array; use .safetensors for several)`);
    }
    bytes = encodeNpy(all[0]);
  } else {
    bytes = encodeSafetensors(single ? { weight: tensors } : tensors, options.metadata);
  }
  const temporary = temporaryBeside(path);
  let written = false;
  try {
    writeFileSync(temporary, bytes, { flag: 'wx' });
    written = true;
    renameSync(temporary, path);
  } catch (e) {
    if (written) rmSync(temporary, { force: true });
    fail('out', path, `a writable file path (${describe(e, path, 'write')})`);
  }
}

/**
 * Checks that `path` can be written, before any work that ends in writing it: its directory
 * exists and takes a new file (an empty probe file is created there and removed), and the path
 * itself is not a directory. A failure is the error the write itself would give:
 * `argument=path, expected a writable file path (directory d does not exist)`.
 */
export function checkWritable(argument: string, path: string): void {
  const why = unwritable(path);
  if (why !== undefined) fail(argument, path, `a writable file path (${why})`);
}

/** Why `path` cannot be written, or undefined when it can. */
function unwritable(path: string): string | undefined {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) return `${path} is a directory`;
    const probe = temporaryBeside(path);
    writeFileSync(probe, '', { flag: 'wx' });
    rmSync(probe, { force: true });
    return undefined;
  } catch (e) {
    return describe(e, path, 'write');
  }
}

/** A new file name in `path`'s directory, hidden and unique, for a write renamed over `path`. */
function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Reads the tensors in `path`: a `.npy` file gives `{ [its name without extension]: tensor }`,
 * a `.safetensors` file its named tensors (use `decodeSafetensors` for its metadata too).
 */
export function readTensors(path: string): Record<string, Tensor> {
  const format = formatOf('file', path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return fail('file', path, `a readable ${format} file (${describe(e, path, 'read')})`);
  }
  try {
    if (format === '.npy') return Object.fromEntries([[basename(path, extname(path)), decodeNpy(bytes)]]);
    return decodeSafetensors(bytes).tensors;
  } catch (e) {
    // The decoders describe what they found as an object; add the path to it.
    if (e instanceof ArgumentError && e.argument === 'file') fail('file', { path, ...(e.value as object) }, e.expected);
    throw e;
  }
}

/** The tensor-file format named by `path`'s extension; an error naming `argument` otherwise. */
export function formatOf(argument: string, path: unknown): Format {
  const expected = `a file path ending in ${FORMATS.join(', ')}`;
  if (typeof path !== 'string' || path === '') fail(argument, path, expected);
  const extension = extname(path).toLowerCase();
  return FORMATS.find((f) => f === extension) ?? fail(argument, path, expected);
}

function isTensor(value: object): value is Tensor {
  return ArrayBuffer.isView((value as Partial<Tensor>).data);
}

/** Says why a file system call on `path` failed, from its errno code. */
function describe(error: unknown, path: string, access: 'read' | 'write'): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const directory = dirname(path);
  switch (code) {
    case 'ENOENT':
      return access === 'read' ? `${path} does not exist` : `directory ${directory} does not exist`;
    case 'ENOTDIR':
      return `a parent of ${path} is not a directory`;
    case 'EISDIR':
      return `${path} is a directory`;
    case 'EACCES':
    case 'EPERM':
      return access === 'read' ? `permission denied reading ${path}` : `permission denied writing in ${directory}`;
    case 'EROFS':
      return `${directory} is on a read-only file system`;
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return `${code ?? 'error'}: ${message}`;
  }
}

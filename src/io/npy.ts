/**
 * NumPy `.npy` files (NEP 1; `numpy/lib/format.py`,
 * https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html). A file is
 *
 *   magic `\x93NUMPY` · major, minor version bytes · header length (u16 LE in 1.0, u32 LE in
 *   2.0 and 3.0) · header · data
 *
 * where the header is a Python dict literal, latin-1 (UTF-8 in 3.0), padded with spaces and ended
 * by `\n` so that magic + version + length + header is a multiple of 64 bytes:
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`. The data is the raw elements in
 * C order in the byte order that `descr` names.
 *
 * {@link encodeNpy} writes version 1.0 byte for byte as `np.save` does, including the spaces NumPy
 * reserves for growing the first axis in place; {@link decodeNpy} reads versions 1.0 to 3.0 with
 * descr `'<f4'` or `'<f8'` in C order. Decoding errors are `file={...what was found}, expected ...`.
 *
 * Example: `decodeNpy(encodeNpy(t))` equals `t`, and `np.load` reads `encodeNpy(t)` as the same array.
 *
 * The helpers after the decoder (tensor checks, byte order) are shared with `safetensors.ts`.
 */
import { ArgumentError, fail } from '../errors.js';
import { checkShape, DTYPES, numel, type DType, type FloatArray, type Tensor } from '../tensor.js';
import { choice } from '../validate.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const MAGIC_HEX = '93 4e 55 4d 50 59';
/** NumPy's ARRAY_ALIGN: the preamble is padded to a multiple of this. */
const ARRAY_ALIGN = 64;
/** NumPy's GROWTH_AXIS_MAX_DIGITS: room left in the header for the first axis to grow in place. */
const GROWTH_AXIS_MAX_DIGITS = 21;
/** NumPy's default max_header_size for np.load: larger headers are refused as unsafe. */
const MAX_HEADER_SIZE = 10_000;
const DESCR: Record<DType, string> = { float32: '<f4', float64: '<f8' };

/** Encodes a tensor as a version 1.0 `.npy` file, byte-identical to `np.save`. */
export function encodeNpy(t: Tensor): Uint8Array {
  checkTensor('tensor', t);
  let dict = `{'descr': '${DESCR[t.dtype]}', 'fortran_order': False, 'shape': ${pythonTuple(t.shape)}, }`;
  if (t.shape.length > 0) dict += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(t.shape[0]).length);
  // As NumPy's _wrap_header: 1 to 64 spaces (never 0), then '\n'.
  const pad = ARRAY_ALIGN - ((10 + dict.length + 1) % ARRAY_ALIGN);
  const header = `${dict}${' '.repeat(pad)}\n`;
  const out = new Uint8Array(10 + header.length + t.data.byteLength);
  out.set(MAGIC);
  out[6] = 1;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  writeLittleEndian(t.data, out, 10 + header.length);
  return out;
}

/** Decodes a `.npy` file (versions 1.0, 2.0, 3.0; descr '<f4' or '<f8'; C order). */
export function decodeNpy(bytes: Uint8Array): Tensor {
  const { dtype, shape, dataStart: end } = readNpyHeader(bytes);
  const n = numel(shape);
  const need = n * (dtype === 'float64' ? 8 : 4);
  const have = bytes.length - end;
  if (have !== need) {
    const what = have < need ? 'it is truncated' : 'it has bytes after the array';
    fail('file', { data_bytes: have }, `exactly ${need} data bytes for shape ${pythonTuple(shape)} descr '${DESCR[dtype]}' (${what})`);
  }
  return { shape, dtype, data: readLittleEndian(bytes, end, dtype, n) };
}

/**
 * The bytes a `.npy` header can take at most: magic, version, length and {@link MAX_HEADER_SIZE}.
 * A prefix of this many bytes (or the whole file, if shorter) is enough for {@link readNpyHeader}.
 */
export const NPY_MAX_PREAMBLE = 12 + MAX_HEADER_SIZE;

/**
 * Reads and checks the preamble of a `.npy` file from `bytes`, the file or a prefix of at least
 * {@link NPY_MAX_PREAMBLE} bytes of it: the dtype, the shape, and where the data starts. The
 * size of the data is left to the caller to check.
 */
export function readNpyHeader(bytes: Uint8Array): { dtype: DType; shape: number[]; dataStart: number } {
  if (!(bytes instanceof Uint8Array)) fail('file', bytes, 'the bytes of a .npy file as a Uint8Array');
  const magic = Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(' ');
  if (magic !== MAGIC_HEX.slice(0, magic.length)) fail('file', { magic }, `a .npy file, which starts with the bytes ${MAGIC_HEX} (\\x93NUMPY)`);
  if (bytes.length < 10) fail('file', { bytes: bytes.length }, 'a complete .npy file (magic, version and header length take 10 bytes)');
  const version = `${bytes[6]}.${bytes[7]}`;
  if (!['1.0', '2.0', '3.0'].includes(version)) fail('file', { version }, '.npy format version 1.0, 2.0 or 3.0');
  const start = version === '1.0' ? 10 : 12;
  if (bytes.length < start) fail('file', { bytes: bytes.length }, `a complete .npy file (a version ${version} header starts at byte 12)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = version === '1.0' ? view.getUint16(8, true) : view.getUint32(8, true);
  if (length > MAX_HEADER_SIZE) fail('file', { header_bytes: length }, `a .npy header of at most ${MAX_HEADER_SIZE} bytes (NumPy's max_header_size)`);
  const end = start + length;
  if (bytes.length < end) fail('file', { bytes: bytes.length, header_end: end }, 'a complete .npy file (it ends inside the header)');
  const header = decodeHeaderText(bytes.subarray(start, end), version === '3.0');
  return { ...parseHeader(header), dataStart: end };
}

/** A shape as Python's repr of a tuple: `()`, `(5,)`, `(2, 3)`. */
function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function decodeHeaderText(bytes: Uint8Array, utf8: boolean): string {
  if (!utf8) return String.fromCharCode(...bytes); // latin-1: one code point per byte
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('file', { header: 'not valid UTF-8' }, 'a version 3.0 header in UTF-8');
  }
}

function parseHeader(text: string): { dtype: DType; shape: number[] } {
  const expected = "a header dict {'descr': ..., 'fortran_order': ..., 'shape': (...), }";
  let dict: unknown;
  try {
    dict = parsePythonLiteral(text);
  } catch (e) {
    fail('file', { header: text.trim().slice(0, 200), error: (e as Error).message }, expected);
  }
  if (typeof dict !== 'object' || dict === null || Array.isArray(dict)) fail('file', { header: text.trim().slice(0, 200) }, expected);
  const keys = Object.keys(dict).sort();
  if (keys.join() !== 'descr,fortran_order,shape') fail('file', { header_keys: keys }, expected);
  const { descr, fortran_order: fortranOrder, shape } = dict as Record<string, unknown>;
  const dtype = DTYPES.find((d) => DESCR[d] === descr);
  if (dtype === undefined) fail('file', { descr }, "descr '<f4' or '<f8' (little-endian float32 or float64)");
  if (fortranOrder !== false) fail('file', { fortran_order: fortranOrder }, 'fortran_order False (C order; save np.ascontiguousarray(a) instead)');
  return { dtype, shape: checkFileShape(shape, {}) };
}

/**
 * Parses the subset of Python literals that .npy headers use: dicts, tuples, lists, strings,
 * integers, True, False, None (tuples and lists both become arrays). Throws SyntaxError.
 */
function parsePythonLiteral(text: string): unknown {
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const expect = (what: string): never => {
    throw new SyntaxError(`expected ${what} at offset ${i}, found ${JSON.stringify(text.slice(i, i + 12))}`);
  };
  const value = (): unknown => {
    skipSpace();
    const c = text[i];
    if (c === '{' || c === '(' || c === '[') return sequence(c);
    if (c === "'" || c === '"') {
      let s = '';
      for (i++; i < text.length && text[i] !== c; i++) s += text[i] === '\\' ? text[++i] : text[i];
      if (i++ >= text.length) expect(`closing ${c}`);
      return s;
    }
    const atom = /^(?:-?\d+|True|False|None)/.exec(text.slice(i))?.[0] ?? expect('a value');
    i += atom.length;
    return atom === 'True' ? true : atom === 'False' ? false : atom === 'None' ? null : Number(atom);
  };
  const sequence = (open: string): unknown => {
    const close = open === '{' ? '}' : open === '(' ? ')' : ']';
    const items: unknown[] = [];
    const entries: [string, unknown][] = [];
    i++;
    for (skipSpace(); text[i] !== close; skipSpace()) {
      const item = value();
      if (open === '{') {
        if (typeof item !== 'string') expect('a string key');
        skipSpace();
        if (text[i] !== ':') expect("':'");
        i++;
        entries.push([item as string, value()]);
      } else {
        items.push(item);
      }
      skipSpace();
      if (text[i] === ',') i++;
      else if (text[i] !== close) expect(`',' or '${close}'`);
    }
    i++;
    return open === '{' ? Object.fromEntries(entries) : items;
  };
  const result = value();
  skipSpace();
  if (i < text.length) expect('the end of the header');
  return result;
}

// ---- Shared with safetensors.ts -------------------------------------------------------------

/** Checks that `t` is a well-formed {@link Tensor}: valid shape, known dtype, matching data. */
export function checkTensor(name: string, t: unknown): Tensor {
  if (typeof t !== 'object' || t === null) fail(name, t, 'a tensor { shape, dtype, data }');
  const { shape, dtype, data } = t as Tensor;
  const n = checkShape(shape, `${name}.shape`);
  choice(`${name}.dtype`, dtype, DTYPES);
  const type = dtype === 'float64' ? Float64Array : Float32Array;
  if (!(data instanceof type) || data.length !== n) {
    const found = ArrayBuffer.isView(data) ? `${data.constructor.name}(${(data as FloatArray).length})` : data;
    fail(`${name}.data`, found, `a ${type.name} of ${n} elements for shape [${shape.join(',')}] ${dtype}`);
  }
  return t as Tensor;
}

/**
 * Checks a shape read from a file with {@link checkShape}'s rules (positive integer sizes, at most
 * 32 dimensions and 2^31 - 1 elements); `found` describes where it was read, for the message.
 */
export function checkFileShape(shape: unknown, found: Record<string, unknown>): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d))) fail('file', { ...found, shape }, 'a shape of integers');
  try {
    checkShape(shape);
  } catch (e) {
    if (e instanceof ArgumentError) fail('file', { ...found, shape }, `a shape with ${e.expected}`);
    throw e;
  }
  return shape as number[];
}

/** Whether this host stores numbers little-endian (both formats store them little-endian). */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the bytes of each `itemSize`-byte element of `bytes`, in place. */
export function swapBytes(bytes: Uint8Array, itemSize: number): Uint8Array {
  for (let at = 0; at < bytes.length; at += itemSize) bytes.subarray(at, at + itemSize).reverse();
  return bytes;
}

/** Copies `data` into `out` at `offset` as little-endian bytes. */
export function writeLittleEndian(data: FloatArray, out: Uint8Array, offset: number): void {
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
  if (!HOST_LITTLE_ENDIAN) swapBytes(out.subarray(offset, offset + data.byteLength), data.BYTES_PER_ELEMENT);
}

/**
 * Reads `n` little-endian elements starting at `bytes[begin]` into a new, aligned typed array.
 * The copy does not depend on the alignment of `bytes.byteOffset` or of `begin`.
 */
export function readLittleEndian(bytes: Uint8Array, begin: number, dtype: DType, n: number): FloatArray {
  const size = dtype === 'float64' ? 8 : 4;
  const copy = new Uint8Array(n * size); // not bytes.slice: on a Node Buffer that is a view
  copy.set(bytes.subarray(begin, begin + n * size));
  if (!HOST_LITTLE_ENDIAN) swapBytes(copy, size);
  return dtype === 'float64' ? new Float64Array(copy.buffer) : new Float32Array(copy.buffer);
}

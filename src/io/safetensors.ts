/**
 * safetensors files (https://github.com/huggingface/safetensors#format). A file is
 *
 *   N (u64 little-endian) · N bytes of UTF-8 JSON header · byte buffer
 *
 * The header maps each tensor name to `{"dtype": "F32", "shape": [2, 3], "data_offsets": [begin,
 * end]}`, offsets relative to the start of the byte buffer, and may hold `"__metadata__"`, a map of
 * strings to strings. The header starts with `{` and may end in spaces (0x20); the offsets cover
 * the buffer exactly, with no holes and no overlaps; data is little-endian, C order.
 *
 * {@link encodeSafetensors} writes what the reference implementation (`safetensors::serialize`)
 * writes: compact JSON with `__metadata__` first, tensors ordered by decreasing alignment (F64
 * before F32, so every tensor's data is aligned to its element size) and then by name, header
 * keys in that same order, N padded with spaces to a multiple of 8.
 * {@link decodeSafetensors} checks the header as the reference reader does and reads F32 and F64;
 * {@link safetensorsHeaderSize} and {@link parseSafetensorsHeader} are those checks on their own,
 * for readers that stream a file tensor by tensor and read every dtype code.
 * Decoding errors are `file={...what was found}, expected ...`.
 *
 * Example: `decodeSafetensors(encodeSafetensors({ w }, { step: '3' }))` gives back
 * `{ tensors: { w }, metadata: { step: '3' } }`.
 */
import { fail } from '../errors.js';
import { numel, type DType, type Tensor } from '../tensor.js';
import { checkFileShape, checkTensor, readLittleEndian, writeLittleEndian } from './npy.js';

/** What a safetensors file holds: named tensors and string metadata. */
export interface SafetensorsContents {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

/** The reference reader's limit on N. */
const MAX_HEADER_SIZE = 100_000_000;
const CODE: Record<DType, string> = { float32: 'F32', float64: 'F64' };
const METADATA = '__metadata__';

/** Encodes named tensors and optional string metadata as a safetensors file. */
export function encodeSafetensors(tensors: Record<string, Tensor>, metadata: Record<string, string> = {}): Uint8Array {
  if (typeof tensors !== 'object' || tensors === null || Array.isArray(tensors)) {
    fail('tensors', tensors, 'an object mapping tensor names to tensors');
  }
  const names = Object.keys(tensors);
  for (const name of names) {
    if (name === '' || name === METADATA || !wellFormed(name)) {
      fail('tensors', name, `tensor names that are non-empty, well-formed Unicode and not "${METADATA}"`);
    }
    checkTensor(`tensors[${JSON.stringify(name)}]`, tensors[name]);
  }
  const { bytes: header, order } = safetensorsHeader(
    names.map((name) => ({ name, dtype: CODE[tensors[name].dtype], shape: tensors[name].shape, byteLength: tensors[name].data.byteLength })),
    metadata,
  );
  const out = new Uint8Array(header.length + order.reduce((sum, e) => sum + e.byteLength, 0));
  out.set(header);
  let at = header.length;
  for (const { name } of order) {
    writeLittleEndian(tensors[name].data, out, at);
    at += tensors[name].data.byteLength;
  }
  return out;
}

/** One tensor of a header: its safetensors dtype code (`F32`, `BF16`, `I64`, ...), shape and size. */
export interface HeaderEntry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly byteLength: number;
}

/**
 * The first bytes of a safetensors file as `safetensors::serialize` writes them: N, then the
 * compact JSON header padded with spaces to a multiple of 8 bytes, `__metadata__` first, tensors
 * by decreasing dtype (the order of safetensors' Dtype enum, increasing in alignment, so every
 * tensor's data is aligned to its element size) and then by name. `order` is the order of the
 * tensors' data in the byte buffer that follows.
 */
export function safetensorsHeader(entries: readonly HeaderEntry[], metadata: Record<string, string> = {}): { bytes: Uint8Array; order: HeaderEntry[] } {
  const order = [...entries].sort((a, b) => {
    const byDtype = dtypeRank(b.dtype) - dtypeRank(a.dtype);
    return byDtype !== 0 ? byDtype : byCodePoint(a.name, b.name);
  });
  // Built by hand, not with JSON.stringify(object): JS objects put integer-like keys first.
  const parts: string[] = [];
  const meta = checkMetadata(metadata);
  if (meta.length > 0) parts.push(`"${METADATA}":{${meta.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`);
  let end = 0;
  for (const e of order) {
    const begin = end;
    end += e.byteLength;
    parts.push(`${JSON.stringify(e.name)}:{"dtype":"${e.dtype}","shape":[${e.shape.join(',')}],"data_offsets":[${begin},${end}]}`);
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const n = json.length + ((8 - (json.length % 8)) % 8);
  const bytes = new Uint8Array(8 + n);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(n), true);
  bytes.set(json, 8);
  bytes.fill(0x20, 8 + json.length);
  return { bytes, order };
}

/** safetensors' Dtype enum, in increasing alignment. */
const DTYPE_ORDER = ['BOOL', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'I16', 'U16', 'F16', 'BF16', 'I32', 'U32', 'F32', 'F64', 'I64', 'U64'];

function dtypeRank(code: string): number {
  const rank = DTYPE_ORDER.indexOf(code);
  return rank >= 0 ? rank : fail('dtype', code, `a safetensors dtype (${DTYPE_ORDER.join(', ')})`);
}

/** Decodes a safetensors file holding F32 and F64 tensors; other dtypes are refused by name. */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) fail('file', bytes, 'the bytes of a .safetensors file as a Uint8Array');
  const size = safetensorsHeaderSize(bytes, bytes.length);
  const { entries, metadata } = parseSafetensorsHeader(bytes.subarray(8, 8 + size), bytes.length - 8 - size, FLOAT_CODES);
  const tensors = entries.map(({ name, code, shape, begin }): [string, Tensor] => {
    const dtype = code === 'F64' ? 'float64' : 'float32';
    const data = readLittleEndian(bytes, 8 + size + begin, dtype, numel(shape));
    return [name, { shape, dtype, data }];
  });
  return { tensors: Object.fromEntries(tensors), metadata };
}

/**
 * The header size N read from the first 8 bytes of a file of `fileBytes` bytes, checked as the
 * reference reader does (at most 100 MB, within the file, a JSON object). `prefix` holds at
 * least the first 9 bytes of the file when the file has them.
 */
export function safetensorsHeaderSize(prefix: Uint8Array, fileBytes: number): number {
  if (fileBytes < 8) fail('file', { bytes: fileBytes }, 'a complete .safetensors file (the header size alone takes 8 bytes)');
  const n = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_SIZE)) fail('file', { header_size: String(n) }, `a header size of at most ${MAX_HEADER_SIZE} bytes`);
  const size = Number(n);
  if (8 + size > fileBytes) {
    fail('file', { header_size: size, bytes: fileBytes }, `a complete .safetensors file (the header alone needs ${8 + size} bytes)`);
  }
  if (size === 0 || prefix[8] !== 0x7b) {
    fail('file', { header_start: size === 0 ? 'empty header' : String.fromCharCode(prefix[8]) }, 'a JSON header starting with "{"');
  }
  return size;
}

/** One tensor of a safetensors header: its dtype code (`BF16`) and byte range in the buffer. */
export interface SafetensorsEntry {
  name: string;
  code: string;
  shape: number[];
  begin: number;
  end: number;
}

/** Which dtype codes a reader accepts, and how to say so when a file holds another. */
export interface AcceptedCodes {
  readonly codes: readonly string[];
  readonly expected: string;
}

const FLOAT_CODES: AcceptedCodes = { codes: ['F32', 'F64'], expected: 'dtype "F32" or "F64" (initlab reads float32 and float64 tensors)' };

/**
 * Bytes per element of every safetensors dtype code (`safetensors::Dtype`); booleans take a byte,
 * as in the reference.
 */
export const SAFETENSORS_ITEM_SIZE: Readonly<Record<string, number>> = {
  BOOL: 1, U8: 1, I8: 1, F8_E4M3: 1, F8_E5M2: 1,
  I16: 2, U16: 2, F16: 2, BF16: 2,
  I32: 4, U32: 4, F32: 4,
  I64: 8, U64: 8, F64: 8,
};

/**
 * Parses and checks a header (the N bytes after the size) of a file whose byte buffer holds
 * `bufferBytes` bytes: each tensor's dtype among `accepted`, its shape, its offsets spanning its
 * size, and the offsets covering the buffer exactly. Entries come sorted by offset.
 */
export function parseSafetensorsHeader(
  bytes: Uint8Array,
  bufferBytes: number,
  accepted: AcceptedCodes,
): { entries: SafetensorsEntry[]; metadata: Record<string, string> } {
  const header = parseHeader(bytes);
  const metadata = Object.hasOwn(header, METADATA) ? readMetadata(header[METADATA]) : {};
  const entries = Object.entries(header)
    .filter(([name]) => name !== METADATA)
    .map(([name, info]) => readInfo(name, info, accepted))
    .sort((a, b) => (a.begin !== b.begin ? a.begin - b.begin : a.end - b.end));
  let end = 0;
  for (const { name, begin, end: stop } of entries) {
    if (begin !== end) {
      const problem = begin < end ? 'it overlaps the tensor before it' : `bytes ${end} to ${begin} belong to no tensor`;
      fail('file', { tensor: name, data_offsets: [begin, stop] }, `data_offsets starting at ${end}, where the tensor before it ends (${problem})`);
    }
    end = stop;
  }
  if (end !== bufferBytes) fail('file', { buffer_bytes: bufferBytes }, `data_offsets that cover the byte buffer exactly (the tensors end at ${end})`);
  return { entries, metadata };
}

function parseHeader(bytes: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('file', { header: 'not valid UTF-8' }, 'a header in UTF-8');
  }
  try {
    return JSON.parse(text) as Record<string, unknown>; // an object: the text starts with '{'
  } catch (e) {
    return fail('file', { header: text.slice(0, 200), error: (e as Error).message }, 'a header in JSON');
  }
}

function readInfo(name: string, info: unknown, accepted: AcceptedCodes): SafetensorsEntry {
  if (typeof info !== 'object' || info === null || Array.isArray(info)) {
    fail('file', { tensor: name, info }, '{"dtype": ..., "shape": [...], "data_offsets": [begin, end]} for each tensor');
  }
  const { dtype: code, shape, data_offsets: offsets } = info as Record<string, unknown>;
  if (typeof code !== 'string' || !accepted.codes.includes(code)) fail('file', { tensor: name, dtype: code }, accepted.expected);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[0] > offsets[1]) {
    fail('file', { tensor: name, data_offsets: offsets }, 'data_offsets [begin, end] with integers 0 <= begin <= end');
  }
  const checked = checkFileShape(shape, { tensor: name });
  const [begin, end] = offsets as [number, number];
  const need = numel(checked) * SAFETENSORS_ITEM_SIZE[code];
  if (end - begin !== need) {
    fail('file', { tensor: name, dtype: code, shape, data_offsets: offsets }, `data_offsets spanning ${need} bytes, the size of shape [${checked.join(',')}] in ${code}`);
  }
  return { name, code, shape: checked, begin, end };
}

function readMetadata(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    fail('file', { [METADATA]: value }, `"${METADATA}" mapping strings to strings`);
  }
  return value as Record<string, string>;
}

/** Metadata entries sorted by key; every key and value a well-formed string. */
function checkMetadata(metadata: unknown): [string, string][] {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) fail('metadata', metadata, 'an object mapping strings to strings');
  const entries = Object.entries(metadata);
  for (const [key, value] of entries) {
    if (typeof value !== 'string' || !wellFormed(key) || !wellFormed(value)) {
      fail(`metadata[${JSON.stringify(key)}]`, value, 'a well-formed string (safetensors metadata keys and values are strings; JSON.stringify others)');
    }
  }
  return entries.sort(([a], [b]) => byCodePoint(a, b)) as [string, string][];
}

/** False for strings with a lone surrogate, which UTF-8 cannot encode. */
function wellFormed(s: string): boolean {
  return !/\p{Cs}/u.test(s);
}

/** Orders strings as their UTF-8 bytes compare (as Rust sorts `String`s). */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

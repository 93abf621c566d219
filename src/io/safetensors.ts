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
 * {@link decodeSafetensors} checks the header as the reference reader does and reads F32 and F64.
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
const ITEM_SIZE: Record<DType, number> = { float32: 4, float64: 8 };
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
  names.sort((a, b) => {
    const byAlignment = ITEM_SIZE[tensors[b].dtype] - ITEM_SIZE[tensors[a].dtype];
    return byAlignment !== 0 ? byAlignment : byCodePoint(a, b);
  });
  // Built by hand, not with JSON.stringify(object): JS objects put integer-like keys first.
  const entries: string[] = [];
  const meta = checkMetadata(metadata);
  if (meta.length > 0) entries.push(`"${METADATA}":{${meta.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`);
  let end = 0;
  for (const name of names) {
    const t = tensors[name];
    const begin = end;
    end += t.data.byteLength;
    entries.push(`${JSON.stringify(name)}:{"dtype":"${CODE[t.dtype]}","shape":[${t.shape.join(',')}],"data_offsets":[${begin},${end}]}`);
  }
  const json = new TextEncoder().encode(`{${entries.join(',')}}`);
  const n = json.length + ((8 - (json.length % 8)) % 8);
  const out = new Uint8Array(8 + n + end);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + n);
  let at = 8 + n;
  for (const name of names) {
    writeLittleEndian(tensors[name].data, out, at);
    at += tensors[name].data.byteLength;
  }
  return out;
}

/** Decodes a safetensors file holding F32 and F64 tensors; other dtypes are refused by name. */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) fail('file', bytes, 'the bytes of a .safetensors file as a Uint8Array');
  if (bytes.length < 8) fail('file', { bytes: bytes.length }, 'a complete .safetensors file (the header size alone takes 8 bytes)');
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_SIZE)) fail('file', { header_size: String(n) }, `a header size of at most ${MAX_HEADER_SIZE} bytes`);
  const size = Number(n);
  if (8 + size > bytes.length) {
    fail('file', { header_size: size, bytes: bytes.length }, `a complete .safetensors file (the header alone needs ${8 + size} bytes)`);
  }
  if (size === 0 || bytes[8] !== 0x7b) {
    fail('file', { header_start: size === 0 ? 'empty header' : String.fromCharCode(bytes[8]) }, 'a JSON header starting with "{"');
  }
  const header = parseHeader(bytes.subarray(8, 8 + size));
  const metadata = Object.hasOwn(header, METADATA) ? readMetadata(header[METADATA]) : {};
  const infos = Object.entries(header)
    .filter(([name]) => name !== METADATA)
    .map(([name, info]) => readInfo(name, info))
    .sort((a, b) => (a.begin !== b.begin ? a.begin - b.begin : a.end - b.end));
  let end = 0;
  for (const { name, begin, end: stop } of infos) {
    if (begin !== end) {
      const problem = begin < end ? 'it overlaps the tensor before it' : `bytes ${end} to ${begin} belong to no tensor`;
      fail('file', { tensor: name, data_offsets: [begin, stop] }, `data_offsets starting at ${end}, where the tensor before it ends (${problem})`);
    }
    end = stop;
  }
  const buffer = bytes.length - 8 - size;
  if (end !== buffer) fail('file', { buffer_bytes: buffer }, `data_offsets that cover the byte buffer exactly (the tensors end at ${end})`);
  const tensors = infos.map(({ name, dtype, shape, begin }): [string, Tensor] => {
    const data = readLittleEndian(bytes, 8 + size + begin, dtype, numel(shape));
    return [name, { shape, dtype, data }];
  });
  return { tensors: Object.fromEntries(tensors), metadata };
}

interface Info {
  name: string;
  dtype: DType;
  shape: number[];
  begin: number;
  end: number;
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

function readInfo(name: string, info: unknown): Info {
  if (typeof info !== 'object' || info === null || Array.isArray(info)) {
    fail('file', { tensor: name, info }, '{"dtype": ..., "shape": [...], "data_offsets": [begin, end]} for each tensor');
  }
  const { dtype: code, shape, data_offsets: offsets } = info as Record<string, unknown>;
  const dtype = (Object.keys(CODE) as DType[]).find((d) => CODE[d] === code);
  if (dtype === undefined) fail('file', { tensor: name, dtype: code }, 'dtype "F32" or "F64" (initlab reads float32 and float64 tensors)');
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[0] > offsets[1]) {
    fail('file', { tensor: name, data_offsets: offsets }, 'data_offsets [begin, end] with integers 0 <= begin <= end');
  }
  const checked = checkFileShape(shape, { tensor: name });
  const [begin, end] = offsets as [number, number];
  const need = numel(checked) * ITEM_SIZE[dtype];
  if (end - begin !== need) {
    fail('file', { tensor: name, dtype: code, shape, data_offsets: offsets }, `data_offsets spanning ${need} bytes, the size of shape [${checked.join(',')}] in ${code}`);
  }
  return { name, dtype, shape: checked, begin, end };
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

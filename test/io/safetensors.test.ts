import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/io/safetensors.js';
import type { DType, Tensor } from '../../src/tensor.js';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const u64 = (n: number): number[] => Array.from({ length: 8 }, (_, i) => Math.floor(n / 256 ** i) % 256);
const bytesOf = (t: Tensor): Uint8Array => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
const headerOf = (file: Uint8Array): string => {
  const n = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  return new TextDecoder().decode(file.subarray(8, 8 + n));
};

function tensor(shape: number[], dtype: DType = 'float32', seed = 0): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (i + seed) * 0.25 - 1;
  if (n > 3) data.set([-0, NaN, -Infinity]);
  return { shape, dtype, data };
}

/** A safetensors file with a hand-written header (padded to 8 bytes) and data buffer. */
function craft(header: unknown, buffer: number): Uint8Array {
  let text = typeof header === 'string' ? header : JSON.stringify(header);
  text += ' '.repeat((8 - (text.length % 8)) % 8);
  return new Uint8Array([...u64(text.length), ...new TextEncoder().encode(text), ...new Uint8Array(buffer)]);
}

describe('encodeSafetensors known answers', () => {
  it('one float32 [1, 1, 2, 3] tensor: N = 72, compact JSON padded with 7 spaces, then the data', () => {
    const out = encodeSafetensors({ attn0: { shape: [1, 1, 2, 3], dtype: 'float32', data: new Float32Array([0, 1, 2, 3, 4, 5]) } });
    const header = '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}' + ' '.repeat(7);
    expect(header.length).toBe(72);
    expect(Array.from(out)).toEqual([
      72, 0, 0, 0, 0, 0, 0, 0,
      ...ascii(header),
      0, 0, 0, 0, 0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0x80, 0x40, 0, 0, 0xa0, 0x40,
    ]);
  });

  it('metadata first (keys sorted), then F64 before F32 for alignment, then by name', () => {
    const out = encodeSafetensors(
      { a: { shape: [3], dtype: 'float32', data: new Float32Array([1, 2, 3]) }, z: { shape: [], dtype: 'float64', data: new Float64Array([0.5]) } },
      { step: '3', format: 'pt' },
    );
    const header =
      '{"__metadata__":{"format":"pt","step":"3"},' +
      '"z":{"dtype":"F64","shape":[],"data_offsets":[0,8]},' +
      '"a":{"dtype":"F32","shape":[3],"data_offsets":[8,20]}}' +
      '   ';
    expect(header.length).toBe(152);
    expect(Array.from(out)).toEqual([
      152, 0, 0, 0, 0, 0, 0, 0,
      ...ascii(header),
      0, 0, 0, 0, 0, 0, 0xe0, 0x3f,
      0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40,
    ]);
  });

  it('no tensors and no metadata: "{}" and 6 spaces', () => {
    expect(Array.from(encodeSafetensors({}))).toEqual([8, 0, 0, 0, 0, 0, 0, 0, ...ascii('{}      ')]);
    expect(decodeSafetensors(encodeSafetensors({}))).toEqual({ tensors: {}, metadata: {} });
  });

  it('orders names by code point, integer-like names included, in the header and in the buffer', () => {
    const names = ['b', '10', '9', 'a.weight', 'a', '__proto__', 'é', '😀', '\uffff'];
    const out = encodeSafetensors(Object.fromEntries(names.map((name, i) => [name, tensor([2], 'float32', i)])));
    const header = JSON.parse(headerOf(out)) as Record<string, { data_offsets: [number, number] }>;
    const sorted = ['10', '9', '__proto__', 'a', 'a.weight', 'b', 'é', '\uffff', '😀'];
    expect(Object.keys(header).sort((x, y) => header[x].data_offsets[0] - header[y].data_offsets[0])).toEqual(sorted);
    const text = headerOf(out);
    const positions = sorted.map((name) => text.indexOf(JSON.stringify(name)));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    const back = decodeSafetensors(out).tensors;
    names.forEach((name, i) => expect(Array.from(back[name].data)).toEqual(Array.from(tensor([2], 'float32', i).data)));
  });
});

describe('safetensors round trips', () => {
  it('float32 and float64 tensors of ranks 0 to 5 in one file, bit for bit', () => {
    const shapes = [[], [5], [2, 3], [4, 1, 3], [2, 3, 2, 2], [1, 2, 1, 3, 2]];
    const tensors: Record<string, Tensor> = {};
    for (const dtype of ['float32', 'float64'] as const) shapes.forEach((shape, rank) => (tensors[`${dtype}.rank${rank}`] = tensor(shape, dtype, rank)));
    const back = decodeSafetensors(encodeSafetensors(tensors));
    expect(Object.keys(back.tensors).sort()).toEqual(Object.keys(tensors).sort());
    for (const [name, t] of Object.entries(tensors)) {
      expect(back.tensors[name].shape).toEqual(t.shape);
      expect(back.tensors[name].dtype).toBe(t.dtype);
      expect(back.tensors[name].data).toBeInstanceOf(t.dtype === 'float64' ? Float64Array : Float32Array);
      expect(bytesOf(back.tensors[name])).toEqual(bytesOf(t));
    }
    expect(back.metadata).toEqual({});
  });

  it('metadata, with unicode, quotes and empty strings', () => {
    const metadata = { format: 'pt', 'init "spec"': '{"kind":"kaiming"}', 'ключ': 'значение 😀', empty: '' };
    const back = decodeSafetensors(encodeSafetensors({ w: tensor([2, 2]) }, metadata));
    expect(back.metadata).toEqual(metadata);
  });

  it('omits __metadata__ when there is none', () => {
    expect(headerOf(encodeSafetensors({ w: tensor([2]) }, {}))).not.toContain('__metadata__');
  });

  it('pads 8 + N to a multiple of 8, so every tensor starts aligned to its element size', () => {
    for (let length = 1; length <= 24; length++) {
      const out = encodeSafetensors({ ['x'.repeat(length)]: tensor([3], 'float32'), y: tensor([1], 'float64'), z: tensor([3, 1], 'float32') });
      const n = Number(new DataView(out.buffer).getBigUint64(0, true));
      expect((8 + n) % 8).toBe(0);
      const header = JSON.parse(headerOf(out)) as Record<string, { dtype: string; data_offsets: [number, number] }>;
      for (const info of Object.values(header)) expect((8 + n + info.data_offsets[0]) % (info.dtype === 'F64' ? 8 : 4)).toBe(0);
    }
  });

  it('reads from a Uint8Array at an odd byteOffset into aligned copies', () => {
    const file = encodeSafetensors({ a: tensor([3], 'float64'), b: tensor([5], 'float32') });
    for (const shift of [1, 3, 5]) {
      const view = new Uint8Array(file.length + shift).subarray(shift);
      view.set(file);
      const back = decodeSafetensors(view).tensors;
      expect(back.a.data.byteOffset).toBe(0);
      expect(bytesOf(back.a)).toEqual(bytesOf(tensor([3], 'float64')));
      expect(bytesOf(back.b)).toEqual(bytesOf(tensor([5], 'float32')));
    }
  });

  it('reads from a Node Buffer, whose slice() is a view into a shared pool', () => {
    const file = Buffer.concat([Buffer.from([1, 2, 3]), encodeSafetensors({ a: tensor([3], 'float64'), b: tensor([2]) })]).subarray(3);
    const back = decodeSafetensors(file).tensors;
    expect(bytesOf(back.a)).toEqual(bytesOf(tensor([3], 'float64')));
    expect(bytesOf(back.b)).toEqual(bytesOf(tensor([2])));
  });

  it('reads headers in any key order, with unknown fields, and tensors stored in any order', () => {
    const file = craft({ b: { data_offsets: [0, 4], shape: [1], dtype: 'F32', extra: 1 }, a: { dtype: 'F32', shape: [], data_offsets: [4, 8] } }, 8);
    const back = decodeSafetensors(file);
    expect(Object.keys(back.tensors)).toEqual(['b', 'a']);
    expect(back.tensors.a.shape).toEqual([]);
  });
});

describe('safetensors decoding errors', () => {
  const f32 = (shape: number[], offsets: unknown): object => ({ dtype: 'F32', shape, data_offsets: offsets });
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(0), /^file=\{"bytes":0\}, expected a complete \.safetensors file \(the header size alone takes 8 bytes\)/],
    ['a file shorter than the header size', new Uint8Array(7), /^file=\{"bytes":7\}/],
    ['a header size over 100 MB', new Uint8Array([...u64(2 ** 40), ...ascii('{}')]), /^file=\{"header_size":"1099511627776"\}, expected a header size of at most 100000000 bytes/],
    ['a u64 header size past 2^53', new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0xff, ...ascii('{}')]), /^file=\{"header_size":"18374686479671623680"\}/],
    ['a header running past the end of the file', new Uint8Array([...u64(64), ...ascii('{}      ')]), /^file=\{"header_size":64,"bytes":16\}, expected a complete \.safetensors file \(the header alone needs 72 bytes\)/],
    ['an empty header', new Uint8Array(u64(0)), /^file=\{"header_start":"empty header"\}, expected a JSON header starting with "\{"/],
    ['a header that does not start with {', craft('  {}', 0), /^file=\{"header_start":" "\}, expected a JSON header starting with "\{"/],
    ['a JSON array header', craft('[1,2]', 0), /^file=\{"header_start":"\["\}/],
    ['a header that is not UTF-8', new Uint8Array([...u64(8), 0x7b, 0xff, 0xfe, 0x7d, 32, 32, 32, 32]), /^file=\{"header":"not valid UTF-8"\}, expected a header in UTF-8/],
    ['a header that is not JSON', craft('{"a":', 0), /^file=\{"header":"\{\\"a\\":   ","error":".*"\}, expected a header in JSON/],
    ['dtype BF16', craft({ w: { dtype: 'BF16', shape: [2], data_offsets: [0, 4] } }, 4), /^file=\{"tensor":"w","dtype":"BF16"\}, expected dtype "F32" or "F64" \(initlab reads float32 and float64 tensors\)/],
    ['dtype I64', craft({ w: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, 8), /^file=\{"tensor":"w","dtype":"I64"\}, expected dtype "F32" or "F64"/],
    ['a missing dtype', craft({ w: { shape: [1], data_offsets: [0, 4] } }, 4), /^file=\{"tensor":"w"\}, expected dtype "F32" or "F64"/],
    ['a tensor entry that is not an object', craft({ w: [1, 2] }, 0), /^file=\{"tensor":"w","info":\[1,2\]\}, expected \{"dtype": \.\.\., "shape": \[\.\.\.\], "data_offsets": \[begin, end\]\} for each tensor/],
    ['overlapping offsets', craft({ a: f32([3], [0, 12]), b: f32([3], [8, 20]) }, 20), /^file=\{"tensor":"b","data_offsets":\[8,20\]\}, expected data_offsets starting at 12, where the tensor before it ends \(it overlaps the tensor before it\)/],
    ['the same offsets twice', craft({ a: f32([3], [0, 12]), b: f32([3], [0, 12]) }, 12), /^file=\{"tensor":"[ab]","data_offsets":\[0,12\]\}, expected data_offsets starting at 12, .*overlaps/],
    ['a hole between tensors', craft({ a: f32([3], [0, 12]), b: f32([3], [16, 28]) }, 28), /^file=\{"tensor":"b","data_offsets":\[16,28\]\}, expected data_offsets starting at 12, where the tensor before it ends \(bytes 12 to 16 belong to no tensor\)/],
    ['a hole at the start', craft({ a: f32([1], [4, 8]) }, 8), /^file=\{"tensor":"a","data_offsets":\[4,8\]\}, expected data_offsets starting at 0, .*bytes 0 to 4 belong to no tensor/],
    ['bytes after the last tensor', craft({ a: f32([1], [0, 4]) }, 8), /^file=\{"buffer_bytes":8\}, expected data_offsets that cover the byte buffer exactly \(the tensors end at 4\)/],
    ['a buffer shorter than the offsets (truncated file)', craft({ a: f32([4], [0, 16]) }, 12), /^file=\{"buffer_bytes":12\}, expected data_offsets that cover the byte buffer exactly \(the tensors end at 16\)/],
    ['offsets that disagree with shape and dtype', craft({ w: f32([2, 3], [0, 20]) }, 20), /^file=\{"tensor":"w","dtype":"F32","shape":\[2,3\],"data_offsets":\[0,20\]\}, expected data_offsets spanning 24 bytes, the size of shape \[2,3\] in F32/],
    ['an empty tensor', craft({ w: f32([0, 3], [0, 0]) }, 0), /^file=\{"tensor":"w","shape":\[0,3\]\}, expected a shape with positive integer sizes \(dimension 0 is 0\)/],
    ['a shape that is not a list of integers', craft({ w: f32([1.5] as number[], [0, 4]) }, 4), /^file=\{"tensor":"w","shape":\[1\.5\]\}, expected a shape of integers/],
    ['end before begin', craft({ w: f32([1], [4, 0]) }, 4), /^file=\{"tensor":"w","data_offsets":\[4,0\]\}, expected data_offsets \[begin, end\] with integers 0 <= begin <= end/],
    ['negative offsets', craft({ w: f32([1], [-4, 0]) }, 0), /^file=\{"tensor":"w","data_offsets":\[-4,0\]\}/],
    ['three offsets', craft({ w: f32([1], [0, 4, 8]) }, 8), /^file=\{"tensor":"w","data_offsets":\[0,4,8\]\}/],
    ['metadata that is not strings', craft({ __metadata__: { epoch: 3 } }, 0), /^file=\{"__metadata__":\{"epoch":3\}\}, expected "__metadata__" mapping strings to strings/],
  ];
  for (const [what, bytes, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => decodeSafetensors(bytes)).toThrow(ArgumentError);
      expect(() => decodeSafetensors(bytes)).toThrow(message);
    });
  }

  it('refuses input that is not a Uint8Array', () => {
    expect(() => decodeSafetensors([1, 2] as unknown as Uint8Array)).toThrow(/^file=\[1,2\], expected the bytes of a \.safetensors file as a Uint8Array/);
  });
});

describe('safetensors encoding errors', () => {
  const w = tensor([2]);
  it('refuses empty, reserved and malformed names', () => {
    expect(() => encodeSafetensors({ '': w })).toThrow(/^tensors="", expected tensor names that are non-empty, well-formed Unicode and not "__metadata__"/);
    expect(() => encodeSafetensors({ __metadata__: w })).toThrow(/^tensors="__metadata__", expected tensor names/);
    expect(() => encodeSafetensors({ ['a\ud800']: w })).toThrow(/^tensors="a\\ud800", expected tensor names/);
  });

  it('refuses metadata values that are not strings', () => {
    expect(() => encodeSafetensors({ w }, { epoch: 3 } as unknown as Record<string, string>)).toThrow(
      'metadata["epoch"]=3, expected a well-formed string (safetensors metadata keys and values are strings; JSON.stringify others)',
    );
    expect(() => encodeSafetensors({ w }, null as unknown as Record<string, string>)).toThrow('metadata=null, expected an object mapping strings to strings');
  });

  it('refuses a tensor list or malformed tensors, naming the tensor', () => {
    expect(() => encodeSafetensors([w] as unknown as Record<string, Tensor>)).toThrow(/^tensors=\[.*\], expected an object mapping tensor names to tensors/);
    expect(() => encodeSafetensors({ w: { shape: [3], dtype: 'float64', data: new Float64Array(2) } })).toThrow(
      'tensors["w"].data="Float64Array(2)", expected a Float64Array of 3 elements for shape [3] float64',
    );
  });
});

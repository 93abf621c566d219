import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import { decodeNpy, encodeNpy, HOST_LITTLE_ENDIAN, swapBytes } from '../../src/io/npy.js';
import type { DType, Tensor } from '../../src/tensor.js';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const bytesOf = (t: Tensor): Uint8Array => new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);

/** A tensor whose values are exact in float32 and include -0, ±Infinity and NaN when large enough. */
function tensor(shape: number[], dtype: DType = 'float32'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  const special = [-0, Infinity, -Infinity, NaN, 2 ** -140];
  for (let i = 0; i < n; i++) data[i] = i < special.length && n > special.length ? special[i] : i * 0.25 - 1;
  return { shape, dtype, data };
}

/** A .npy file with a hand-written header (no padding rules applied). */
function npyFile(header: string, data: ArrayLike<number> = [], version: [number, number] = [1, 0]): Uint8Array {
  const text = new TextEncoder().encode(header);
  const lengthBytes = version[0] === 1 ? [text.length & 0xff, text.length >> 8] : [text.length & 0xff, (text.length >> 8) & 0xff, text.length >> 16, 0];
  return new Uint8Array([...ascii('\x93NUMPY'), ...version, ...lengthBytes, ...text, ...Array.from(data)]);
}

const F32_2x3_HEADER = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";

describe('encodeNpy known answers', () => {
  it('float32 [2, 3]: 10-byte prefix, 118-byte header, 128-byte preamble, then the data', () => {
    const t: Tensor = { shape: [2, 3], dtype: 'float32', data: new Float32Array([0, 1, 2, 3, 4, 5]) };
    const header = F32_2x3_HEADER + ' '.repeat(58) + '\n';
    expect(header.length).toBe(118);
    const expected = [
      0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, // \x93NUMPY
      1, 0, // version 1.0
      118, 0, // header length, u16 LE
      ...ascii(header),
      0, 0, 0, 0, 0, 0, 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0x80, 0x40, 0, 0, 0xa0, 0x40,
    ];
    expect(expected.length).toBe(128 + 24);
    expect(Array.from(encodeNpy(t))).toEqual(expected);
  });

  it("float64 scalar: shape '()'", () => {
    const out = encodeNpy({ shape: [], dtype: 'float64', data: new Float64Array([1.5]) });
    const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (), }" + ' '.repeat(62) + '\n';
    expect(Array.from(out)).toEqual([...ascii('\x93NUMPY'), 1, 0, 118, 0, ...ascii(header), 0, 0, 0, 0, 0, 0, 0xf8, 0x3f]);
  });

  it("1-D: shape '(5,)'", () => {
    const out = encodeNpy({ shape: [5], dtype: 'float32', data: new Float32Array(5) });
    const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }" + ' '.repeat(60) + '\n';
    expect(Array.from(out.subarray(0, 128))).toEqual([...ascii('\x93NUMPY'), 1, 0, 118, 0, ...ascii(header)]);
    expect(out.length).toBe(128 + 20);
  });

  it("keeps NumPy's room for the first axis to grow (21 digits), which can add a 64-byte block", () => {
    // Without the growth spaces this header would fit a 128-byte preamble; np.save writes 192.
    const shape = [2, ...Array<number>(14).fill(1)];
    const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (2${', 1'.repeat(14)}), }`;
    expect(dict.length).toBe(98);
    const out = encodeNpy({ shape, dtype: 'float32', data: new Float32Array(2) });
    expect(Array.from(out.subarray(0, 192))).toEqual([...ascii('\x93NUMPY'), 1, 0, 182, 0, ...ascii(dict + ' '.repeat(83) + '\n')]);
    expect(out.length).toBe(192 + 8);
  });

  it('pads every preamble to a multiple of 64 with at least one space before the newline', () => {
    for (let rank = 0; rank <= 20; rank++) {
      for (const first of [1, 10, 1000, 100_000]) {
        const shape = rank === 0 ? [] : [first, ...Array<number>(rank - 1).fill(1)];
        const out = encodeNpy(tensor(shape));
        const preamble = 10 + (out[8] | (out[9] << 8));
        expect(preamble % 64).toBe(0);
        expect(out[preamble - 1]).toBe(0x0a);
        expect(out[preamble - 2]).toBe(0x20);
      }
    }
  });
});

describe('npy round trips', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const shape of [[], [5], [2, 3], [4, 1, 3], [2, 3, 2, 2], [1, 2, 1, 3, 2]]) {
      it(`${dtype} rank ${shape.length} [${shape.join(',')}], bit for bit`, () => {
        const t = tensor(shape, dtype);
        const back = decodeNpy(encodeNpy(t));
        expect(back.shape).toEqual(shape);
        expect(back.dtype).toBe(dtype);
        expect(back.data).toBeInstanceOf(dtype === 'float64' ? Float64Array : Float32Array);
        expect(bytesOf(back)).toEqual(bytesOf(t));
      });
    }
  }

  it('encodes a subarray view from its own offset', () => {
    const whole = new Float64Array([9, 1, 2, 3, 9]);
    const back = decodeNpy(encodeNpy({ shape: [3], dtype: 'float64', data: whole.subarray(1, 4) }));
    expect(Array.from(back.data)).toEqual([1, 2, 3]);
  });

  it('reads from a Uint8Array at an odd byteOffset into an aligned copy', () => {
    const file = encodeNpy(tensor([3, 5], 'float64'));
    for (const shift of [1, 3, 7]) {
      const view = new Uint8Array(file.length + shift).subarray(shift);
      view.set(file);
      const back = decodeNpy(view);
      expect(back.data.byteOffset).toBe(0);
      expect(bytesOf(back)).toEqual(bytesOf(tensor([3, 5], 'float64')));
    }
  });

  it('reads from a Node Buffer, whose slice() is a view into a shared pool', () => {
    const file = Buffer.concat([Buffer.from([1, 2, 3]), encodeNpy(tensor([4], 'float64'))]).subarray(3);
    expect(bytesOf(decodeNpy(file))).toEqual(bytesOf(tensor([4], 'float64')));
  });

  it('reads versions 2.0 and 3.0 (u32 header length) and headers written by other tools', () => {
    const data = [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40];
    expect(Array.from(decodeNpy(npyFile(F32_2x3_HEADER.replace('(2, 3)', '(2,)'), data, [2, 0])).data)).toEqual([1, 2]);
    expect(Array.from(decodeNpy(npyFile(F32_2x3_HEADER.replace('(2, 3)', '(2,)') + '  \n', data, [3, 0])).data)).toEqual([1, 2]);
    const other = '{"shape":(2,1),"fortran_order":False,"descr":"<f4"}\n';
    expect(decodeNpy(npyFile(other, data)).shape).toEqual([2, 1]);
  });
});

describe('npy errors', () => {
  const good = encodeNpy({ shape: [2, 3], dtype: 'float32', data: new Float32Array(6) });
  const withHeader = (dict: string, data: number[] = []): Uint8Array => npyFile(`${dict}\n`, data);
  const cases: [string, Uint8Array, RegExp][] = [
    ['bad magic', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0]), /^file=\{"magic":"50 4b 03 04 00 00"\}, expected a \.npy file, which starts with the bytes 93 4e 55 4d 50 59/],
    ['an empty file', new Uint8Array(0), /^file=\{"bytes":0\}, expected a complete \.npy file/],
    ['a file cut inside the magic', good.subarray(0, 4), /^file=\{"bytes":4\}, expected a complete \.npy file/],
    ['a file cut before the header length', good.subarray(0, 9), /^file=\{"bytes":9\}, expected a complete \.npy file/],
    ['version 4.0', npyFile(F32_2x3_HEADER, [], [4, 0]), /^file=\{"version":"4\.0"\}, expected \.npy format version 1\.0, 2\.0 or 3\.0/],
    ['version 2.0 cut before its u32 length', npyFile('', [], [2, 0]).subarray(0, 11), /^file=\{"bytes":11\}, expected a complete \.npy file/],
    ['a file cut inside the header', good.subarray(0, 50), /^file=\{"bytes":50,"header_end":128\}, expected a complete \.npy file \(it ends inside the header\)/],
    ['a file cut inside the data', good.subarray(0, good.length - 4), /^file=\{"data_bytes":20\}, expected exactly 24 data bytes for shape \(2, 3\) descr '<f4' \(it is truncated\)/],
    ['bytes after the data', new Uint8Array([...good, 0]), /^file=\{"data_bytes":25\}, expected exactly 24 data bytes .* \(it has bytes after the array\)/],
    ['big-endian float32', withHeader(F32_2x3_HEADER.replace('<f4', '>f4')), /^file=\{"descr":">f4"\}, expected descr '<f4' or '<f8' \(little-endian float32 or float64\)/],
    ['int32', withHeader(F32_2x3_HEADER.replace('<f4', '<i4')), /^file=\{"descr":"<i4"\}, expected descr '<f4' or '<f8'/],
    ['bool', withHeader(F32_2x3_HEADER.replace("'<f4'", "'|b1'")), /^file=\{"descr":"\|b1"\}/],
    ['float16', withHeader(F32_2x3_HEADER.replace('<f4', '<f2')), /^file=\{"descr":"<f2"\}/],
    ['a structured dtype', withHeader(F32_2x3_HEADER.replace("'<f4'", "[('x', '<f4'), ('y', '<f4')]")), /^file=\{"descr":\[\["x","<f4"\],\["y","<f4"\]\]\}, expected descr/],
    ['Fortran order', withHeader(F32_2x3_HEADER.replace('False', 'True')), /^file=\{"fortran_order":true\}, expected fortran_order False \(C order; save np\.ascontiguousarray\(a\) instead\)/],
    ['an empty shape (0, 3)', withHeader(F32_2x3_HEADER.replace('(2, 3)', '(0, 3)')), /^file=\{"shape":\[0,3\]\}, expected a shape with positive integer sizes \(dimension 0 is 0\)/],
    ['a shape of strings', withHeader(F32_2x3_HEADER.replace('(2, 3)', "('2',)")), /^file=\{"shape":\["2"\]\}, expected a shape of integers/],
    ['a huge shape', withHeader(F32_2x3_HEADER.replace('(2, 3)', '(65536, 65536)')), /^file=\{"shape":\[65536,65536\]\}, expected a shape with at most 2147483647 elements/],
    ['a missing key', withHeader("{'descr': '<f4', 'shape': (2, 3)}"), /^file=\{"header_keys":\["descr","shape"\]\}, expected a header dict/],
    ['an extra key', withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'x': 1}"), /^file=\{"header_keys":\["descr","fortran_order","shape","x"\]\}/],
    ['a header that is not a dict', withHeader('(1, 2)'), /^file=\{"header":"\(1, 2\)"\}, expected a header dict/],
    ['an unterminated header', withHeader("{'descr': '<f4'"), /^file=\{"header":"\{'descr': '<f4'","error":"expected ',' or '\}' at offset 16/],
    ['an unterminated string', withHeader("{'descr: '<f4'}"), /"error":"expected ':' at offset 10/],
    ['text after the dict', withHeader(`${F32_2x3_HEADER} x`), /"error":"expected the end of the header at offset 60/],
    ['a header over NumPy\'s 10000 bytes', npyFile(' '.repeat(10_001), [], [2, 0]), /^file=\{"header_bytes":10001\}, expected a \.npy header of at most 10000 bytes/],
    ['a version 3.0 header that is not UTF-8', new Uint8Array([...ascii('\x93NUMPY'), 3, 0, 2, 0, 0, 0, 0xff, 0xfe]), /^file=\{"header":"not valid UTF-8"\}, expected a version 3\.0 header in UTF-8/],
  ];
  for (const [what, bytes, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => decodeNpy(bytes)).toThrow(ArgumentError);
      expect(() => decodeNpy(bytes)).toThrow(message);
    });
  }

  it('refuses input that is not a Uint8Array', () => {
    expect(() => decodeNpy(new ArrayBuffer(8) as unknown as Uint8Array)).toThrow(/^file=\{\}, expected the bytes of a \.npy file as a Uint8Array/);
  });

  it('refuses malformed tensors when encoding', () => {
    const bad = (t: unknown): (() => Uint8Array) => () => encodeNpy(t as Tensor);
    expect(bad({ shape: [2, 3], dtype: 'float32', data: new Float32Array(5) })).toThrow(
      'tensor.data="Float32Array(5)", expected a Float32Array of 6 elements for shape [2,3] float32',
    );
    expect(bad({ shape: [2], dtype: 'float32', data: new Float64Array(2) })).toThrow('tensor.data="Float64Array(2)", expected a Float32Array of 2 elements');
    expect(bad({ shape: [2], dtype: 'float16', data: new Float32Array(2) })).toThrow(/^tensor\.dtype="float16", expected one of "float32", "float64"/);
    expect(bad({ shape: [0], dtype: 'float32', data: new Float32Array(0) })).toThrow(/^tensor\.shape=\[0\], expected positive integer sizes/);
    expect(bad({ shape: [2], dtype: 'float32', data: [1, 2] })).toThrow('tensor.data=[1,2], expected a Float32Array of 2 elements');
    expect(bad(null)).toThrow('tensor=null, expected a tensor { shape, dtype, data }');
  });
});

describe('byte order', () => {
  it('is checked on the host (little-endian here)', () => {
    expect(HOST_LITTLE_ENDIAN).toBe(true);
  });

  it('swapBytes turns native float32 and float64 bytes into big-endian ones, as a big-endian host needs', () => {
    const big = new DataView(new ArrayBuffer(12));
    big.setFloat32(0, 1.5, false);
    big.setFloat64(4, -2.25, false);
    expect(swapBytes(new Uint8Array(new Float32Array([1.5]).buffer), 4)).toEqual(new Uint8Array(big.buffer, 0, 4));
    expect(swapBytes(new Uint8Array(new Float64Array([-2.25]).buffer), 8)).toEqual(new Uint8Array(big.buffer, 4, 8));
  });
});

import { describe, expect, it } from 'vitest';
import { philox4x32, philoxBlocks } from '../../src/random/philox.js';

// Random123 kat_vectors, "philox4x32 10": counter (4 words), key (2 words), expected output.
const KAT: [number[], number[], number[]][] = [
  [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
  [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
  [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
];

describe('philox4x32-10', () => {
  it.each(KAT)('matches the Random123 known-answer vector for counter %j', (ctr, key, want) => {
    const out = new Uint32Array(4);
    philox4x32(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], out);
    expect([...out]).toEqual(want);
  });

  it('bulk blocks equal single blocks, including across the 2^32 counter carry', () => {
    const first = 2 ** 32 - 3;
    const bulk = new Uint32Array(4 * 6);
    philoxBlocks(7, 9, first, 6, bulk);
    const one = new Uint32Array(4);
    for (let b = 0; b < 6; b++) {
      const i = first + b;
      philox4x32(i % 2 ** 32, Math.floor(i / 2 ** 32), 0, 0, 7, 9, one);
      expect([...bulk.subarray(4 * b, 4 * b + 4)]).toEqual([...one]);
    }
  });
});

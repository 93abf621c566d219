/**
 * The shared driver of every sampler: walks the Philox data blocks that cover elements
 * [offset, offset + length) of a stream, a chunk at a time, so a sampler only says how many
 * elements one block yields and how to turn words into values.
 *
 * Element e of a stream always comes from block floor(e / perBlock): filling a slice gives
 * exactly the elements of a whole fill, whatever the chunking.
 */
import type { Key } from './key.js';
import { philoxBlocks } from './philox.js';

const CHUNK_BLOCKS = 1024;
const words = new Uint32Array(4 * CHUNK_BLOCKS);

/**
 * Calls `body(words, chunkStart, begin, end)` for consecutive element ranges [begin, end) (absolute
 * stream indices) covering [offset, offset + length). `words[0..]` holds the blocks starting at
 * element `chunkStart` (a multiple of `perBlock`), so element e's block is
 * `words[4 * floor((e - chunkStart) / perBlock) ..]`.
 */
export function forEachChunk(
  key: Key,
  offset: number,
  length: number,
  perBlock: number,
  body: (words: Uint32Array, chunkStart: number, begin: number, end: number) => void,
): void {
  const end = offset + length;
  let block = Math.floor(offset / perBlock);
  let begin = offset;
  while (begin < end) {
    const chunkStart = block * perBlock;
    const chunkEnd = Math.min(end, chunkStart + CHUNK_BLOCKS * perBlock);
    const blocks = Math.ceil((chunkEnd - chunkStart) / perBlock);
    philoxBlocks(key.k0, key.k1, block, blocks, words);
    body(words, chunkStart, begin, chunkEnd);
    block += blocks;
    begin = chunkEnd;
  }
}

/** 2^-32 and 2^-53: word-to-unit-interval scales. */
export const TWO_M32 = 2 ** -32;
export const TWO_M53 = 2 ** -53;

/** A uniform in [0, 1) with 53 random bits from two words (full float64 mantissa resolution). */
export function unit53(w0: number, w1: number): number {
  return ((w0 >>> 5) * 67108864 + (w1 >>> 6)) * TWO_M53;
}

/** A uniform in the open interval (0, 1) from two words: (k + 1/2)·2^-53, k a 53-bit integer. */
export function unit53Open(w0: number, w1: number): number {
  return ((w0 >>> 5) * 67108864 + (w1 >>> 6) + 0.5) * TWO_M53;
}

/** A uniform in the open interval (0, 1) from one word: (w + 1/2)·2^-32. */
export function unit32Open(w: number): number {
  return ((w >>> 0) + 0.5) * TWO_M32;
}

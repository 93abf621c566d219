/**
 * Explicit random keys, in the style of JAX: a key is an immutable 64-bit value; every random
 * draw is a pure function of (key, element index). Keys for the tensors of a model are derived
 * from one root key by name or index, so each tensor has its own independent stream and adding a
 * tensor never shifts the values of another.
 *
 * Counter space of Philox under one key (word 2 of the counter tells the uses apart):
 *   [block_lo, block_hi, 0, 0]      data blocks of a fill (see ./bits.ts)
 *   [value, index, 1, length]       key derivation (foldIn)
 * so deriving keys never reuses the blocks a fill draws from.
 */
import { fail } from '../errors.js';
import { philox4x32 } from './philox.js';

export interface Key {
  readonly k0: number;
  readonly k1: number;
}

const DERIVE = 1;
const scratch = new Uint32Array(4);

/**
 * The root key for an integer seed in [0, 2^53): its low and high 32-bit words.
 * `seed = 0` is a real seed (TF.js treats 0 as "unseeded"; initlab does not).
 */
export function keyFromSeed(seed: number): Key {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    fail('seed', seed, 'an integer in [0, 2^53)');
  }
  return Object.freeze({ k0: seed >>> 0, k1: Math.floor(seed / 2 ** 32) >>> 0 });
}

function derive(key: Key, word: number, index: number, length: number): Key {
  philox4x32(word, index, DERIVE, length, key.k0, key.k1, scratch);
  return Object.freeze({ k0: scratch[0], k1: scratch[1] });
}

/**
 * A new key derived from `key` and `data`: an unsigned 32-bit integer, or a string (hashed by
 * folding its UTF-8 bytes in 4-byte words). Different data give independent keys.
 * `foldIn(root, 'layer3/weight')` is the stream of one named tensor.
 */
export function foldIn(key: Key, data: number | string): Key {
  if (typeof data === 'number') {
    if (!Number.isInteger(data) || data < 0 || data > 0xffffffff) fail('data', data, 'an integer in [0, 2^32) or a string');
    return derive(key, data, 0, 0xffffffff);
  }
  if (typeof data !== 'string') fail('data', data, 'an integer in [0, 2^32) or a string');
  const bytes = new TextEncoder().encode(data);
  let k = key;
  const words = Math.max(1, Math.ceil(bytes.length / 4));
  for (let w = 0; w < words; w++) {
    const b = 4 * w;
    const word = (bytes[b] ?? 0) | ((bytes[b + 1] ?? 0) << 8) | ((bytes[b + 2] ?? 0) << 16) | ((bytes[b + 3] ?? 0) << 24);
    k = derive(k, word >>> 0, w, bytes.length);
  }
  return k;
}

/** `n` independent keys, `split(key, n)[i] = foldIn(key, i)`. */
export function split(key: Key, n: number): Key[] {
  if (!Number.isInteger(n) || n < 1 || n > 0xffffffff) fail('n', n, 'a positive integer');
  return Array.from({ length: n }, (_, i) => foldIn(key, i));
}

/** Hex form `0x<k1><k0>`, used in reports and the JSON output. */
export function keyToString(key: Key): string {
  return `0x${key.k1.toString(16).padStart(8, '0')}${key.k0.toString(16).padStart(8, '0')}`;
}

export function isKey(value: unknown): value is Key {
  return typeof value === 'object' && value !== null
    && Number.isInteger((value as Key).k0) && Number.isInteger((value as Key).k1);
}

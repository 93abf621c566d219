/**
 * PyTorch's CPU generator (aten/src/ATen/CPUGeneratorImpl.cpp): an MT19937 engine seeded as
 * `torch.manual_seed(seed)` seeds it, plus the two cached Box-Muller partners that the scalar
 * normal sampler leaves behind (`next_double_normal_sample`, `next_float_normal_sample`).
 * One generator carries its state across calls, so drawing several tensors in a row from it gives
 * what the same calls in the same order give after `torch.manual_seed(seed)`.
 *
 * - `random()` is one 32-bit output; `random64()` is two, the first in the high word:
 *   (r1 << 32) | r2 (make64BitsFrom32Bits(hi = random1, lo = random2)).
 * - Seeds: `manual_seed` accepts integers in [-2^63, 2^64); a negative one is read as its 64-bit
 *   two's complement (2^64 + seed). The engine keeps only the low 32 bits (init_with_uint32:
 *   state[0] = seed & 0xffffffff), so seeds that agree mod 2^32 give the same stream.
 */
import { fail } from '../../errors.js';
import { MT19937, type MT19937State } from './mt19937.js';

const TWO_64 = 1n << 64n;
const SEED_RANGE = 'an integer in [-2^63, 2^64), the range torch.manual_seed accepts (a negative seed is read as 2^64 + seed)';

/** Everything that decides the generator's next outputs. */
export interface TorchGeneratorState {
  readonly seed: bigint;
  readonly engine: MT19937State;
  readonly nextDoubleNormal?: number;
  readonly nextFloatNormal?: number;
}

/**
 * The 64-bit seed `torch.manual_seed(seed)` stores for `seed`: an integer (number, bigint or
 * decimal string) in [-2^63, 2^64), negatives wrapped to 2^64 + seed.
 */
export function torchSeed(seed: number | bigint | string, argument = 'seed'): bigint {
  let s: bigint;
  if (typeof seed === 'bigint') s = seed;
  else if (typeof seed === 'number' && Number.isSafeInteger(seed)) s = BigInt(seed);
  else if (typeof seed === 'string' && /^\s*-?\d+\s*$/.test(seed)) s = BigInt(seed.trim());
  else return fail(argument, seed, SEED_RANGE);
  if (s < -(1n << 63n) || s >= TWO_64) fail(argument, seed, SEED_RANGE);
  return s < 0n ? s + TWO_64 : s;
}

export class TorchGenerator {
  private engine: MT19937;
  private seedValue: bigint;
  /** The Box-Muller partner `normal_distribution<double>` cached (next_double_normal_sample_). */
  nextDoubleNormal: number | undefined;
  /** next_float_normal_sample_: no float32 kernel initlab reproduces sets it; kept for state fidelity. */
  nextFloatNormal: number | undefined;

  constructor(seed: number | bigint | string = 67280421310721n) {
    this.seedValue = torchSeed(seed);
    this.engine = new MT19937(Number(this.seedValue & 0xffffffffn));
  }

  /** `generator.manual_seed(seed)`: a fresh engine and no cached normals (set_current_seed). */
  manualSeed(seed: number | bigint | string): this {
    this.seedValue = torchSeed(seed);
    this.engine = new MT19937(Number(this.seedValue & 0xffffffffn));
    this.nextDoubleNormal = undefined;
    this.nextFloatNormal = undefined;
    return this;
  }

  /** `generator.initial_seed()`: the 64-bit seed as stored (negatives wrapped). */
  initialSeed(): bigint {
    return this.seedValue;
  }

  /** `random()`: the next 32-bit output. */
  random(): number {
    return this.engine.nextUint32();
  }

  /** `random64()` as an exact bigint: (first << 32) | second. */
  random64(): bigint {
    const hi = this.engine.nextUint32();
    return (BigInt(hi) << 32n) | BigInt(this.engine.nextUint32());
  }

  /**
   * uniform_real_distribution<float>(0, 1)'s draw: the low 24 bits of `random()` times 2^-24,
   * a multiple of 2^-24 in [0, 1) (exact in float32).
   */
  uniform24(): number {
    return (this.engine.nextUint32() & 0xffffff) * 2 ** -24;
  }

  /**
   * uniform_real_distribution<double>(0, 1)'s draw: the low 53 bits of `random64()` times 2^-53,
   * i.e. ((first mod 2^21)·2^32 + second)·2^-53, a multiple of 2^-53 in [0, 1).
   */
  uniform53(): number {
    const hi = this.engine.nextUint32() & 0x1fffff;
    const lo = this.engine.nextUint32();
    return (hi * 2 ** 32 + lo) * 2 ** -53;
  }

  /** `get_state()`: a copy, so `setState` can rewind to it. */
  getState(): TorchGeneratorState {
    return { seed: this.seedValue, engine: this.engine.snapshot(), nextDoubleNormal: this.nextDoubleNormal, nextFloatNormal: this.nextFloatNormal };
  }

  setState(state: TorchGeneratorState): this {
    this.seedValue = state.seed;
    this.engine = new MT19937(0);
    this.engine.restore(state.engine);
    this.nextDoubleNormal = state.nextDoubleNormal;
    this.nextFloatNormal = state.nextFloatNormal;
    return this;
  }
}

/** A generator in the state `torch.manual_seed(seed)` leaves the default CPU generator in. */
export function torchGenerator(seed: number | bigint | string): TorchGenerator {
  return new TorchGenerator(seed);
}

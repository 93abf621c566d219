/**
 * MT19937, the 32-bit Mersenne Twister (Matsumoto and Nishimura, "Mersenne Twister: a
 * 623-dimensionally equidistributed uniform pseudo-random number generator", ACM TOMACS 8(1),
 * 1998), in the form PyTorch's CPU generator runs it (aten/src/ATen/core/MT19937RNGEngine.h):
 * seeded with the reference `init_genrand` on the low 32 bits of a 64-bit seed,
 * state[0] = seed mod 2^32, state[j] = 1812433253·(state[j-1] ⊕ (state[j-1] >> 30)) + j (mod 2^32),
 * the whole state twisted every 624 outputs, each output tempered.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

/** A snapshot of the engine: what `torch.get_rng_state()` holds of it. */
export interface MT19937State {
  readonly state: Uint32Array;
  /** Index of the next state word to temper (624: the state is twisted before the next output). */
  readonly next: number;
}

export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private next = N;

  /** Seeds with `seed32`, the low 32 bits of the 64-bit seed (an integer in [0, 2^32)). */
  constructor(seed32: number) {
    const mt = this.mt;
    mt[0] = seed32 >>> 0;
    for (let j = 1; j < N; j++) {
      const prev = mt[j - 1] ^ (mt[j - 1] >>> 30);
      mt[j] = (Math.imul(1812433253, prev) + j) >>> 0;
    }
  }

  /** The next 32-bit output, an integer in [0, 2^32). */
  nextUint32(): number {
    if (this.next === N) this.twist();
    let y = this.mt[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  snapshot(): MT19937State {
    return { state: this.mt.slice(), next: this.next };
  }

  restore(s: MT19937State): void {
    this.mt.set(s.state);
    this.next = s.next;
  }

  private twist(): void {
    const mt = this.mt;
    for (let k = 0; k < N; k++) {
      const y = (mt[k] & UPPER) | (mt[(k + 1) % N] & LOWER);
      mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.next = 0;
  }
}

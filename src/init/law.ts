/**
 * The law of an elementwise initializer: every element is drawn iid from it. Most initializers
 * (constant, uniform, normal, truncated normal and everything built on variance scaling) differ
 * only in how they compute their law from the parameters and the fans; this file is the one
 * place that samples a law, states its moments and CDF, and writes it down for people.
 */
import type { Key } from '../random/key.js';
import { fillNormal } from '../random/normal.js';
import { fillTruncatedNormal } from '../random/truncatedNormal.js';
import { fillUniform } from '../random/uniform.js';
import { ndtr } from '../math/special.js';
import { standardize, truncatedNormalCdf, truncatedNormalMoments } from '../math/truncatedNormal.js';
import type { FloatArray } from '../tensor.js';

export type Law =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly std: number }
  /** N(mean, std²) restricted to the absolute interval [low, high]; std is the scale before truncation. */
  | { readonly kind: 'truncatedNormal'; readonly mean: number; readonly std: number; readonly low: number; readonly high: number };

/** Fills `out` with elements [offset, offset + out.length) of the law's stream under `key`. */
export function sampleLaw<T extends FloatArray>(law: Law, key: Key, out: T, offset = 0): T {
  switch (law.kind) {
    case 'constant':
      out.fill(law.value);
      return out;
    case 'uniform':
      return fillUniform(key, out, { low: law.low, high: law.high, offset });
    case 'normal':
      return fillNormal(key, out, { mean: law.mean, std: law.std, offset });
    case 'truncatedNormal':
      return fillTruncatedNormal(key, out, law.std === 0 ? { mean: law.mean, offset } : { ...law, offset });
  }
}

export interface Expected {
  readonly mean: number;
  readonly std: number;
  /** Bounds of the support (±Infinity for a normal). */
  readonly min: number;
  readonly max: number;
}

export function lawMoments(law: Law): Expected {
  switch (law.kind) {
    case 'constant':
      return { mean: law.value, std: 0, min: law.value, max: law.value };
    case 'uniform':
      return { mean: (law.low + law.high) / 2, std: (law.high - law.low) / Math.sqrt(12), min: law.low, max: law.high };
    case 'normal':
      return { mean: law.mean, std: law.std, min: law.std === 0 ? law.mean : -Infinity, max: law.std === 0 ? law.mean : Infinity };
    case 'truncatedNormal': {
      const m = truncatedNormalMoments((law.low - law.mean) / law.std, (law.high - law.mean) / law.std);
      return { mean: law.mean + law.std * m.mean, std: law.std * Math.sqrt(m.variance), min: law.low, max: law.high };
    }
  }
}

/** The CDF, for Kolmogorov-Smirnov checks; undefined for a point mass. */
export function lawCdf(law: Law): ((x: number) => number) | undefined {
  switch (law.kind) {
    case 'constant':
      return undefined;
    case 'uniform':
      return (x) => Math.min(1, Math.max(0, (x - law.low) / (law.high - law.low)));
    case 'normal':
      return law.std === 0 ? undefined : (x) => ndtr((x - law.mean) / law.std);
    case 'truncatedNormal': {
      const s = standardize((law.low - law.mean) / law.std, (law.high - law.mean) / law.std);
      return (x) => truncatedNormalCdf((x - law.mean) / law.std, s);
    }
  }
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(6)).toString());

/** `U(-0.144338, 0.144338)`, `N(0, 0.0833333²)`, `TN(0, 0.0947373², [-0.189475, 0.189475])`. */
export function formatLaw(law: Law): string {
  switch (law.kind) {
    case 'constant':
      return `constant ${num(law.value)}`;
    case 'uniform':
      return `U(${num(law.low)}, ${num(law.high)})`;
    case 'normal':
      return `N(${num(law.mean)}, ${num(law.std)}²)`;
    case 'truncatedNormal':
      return `TN(${num(law.mean)}, ${num(law.std)}², [${num(law.low)}, ${num(law.high)}])`;
  }
}

/**
 * What an initializer is, as data: its name and aliases, the formula in one line, its parameter
 * schema, and either a law (elementwise initializers) or a generator (structured ones). Framework
 * namespaces are lists of definitions plus the framework's own fan rule.
 */
import type { Fans, Layout } from '../init/fans.js';
import type { Expected, Law } from '../init/law.js';
import type { Key } from '../random/key.js';
import type { FloatArray } from '../tensor.js';
import type { Param, Params } from './params.js';

export const FRAMEWORKS = ['initlab', 'torch', 'keras', 'tfjs', 'jax', 'caffe'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** How to read a shape: only initlab's own names use it; framework names follow their framework. */
export interface TensorLayout {
  layout?: Layout;
  groups?: number;
  inAxes?: number | number[];
  outAxes?: number | number[];
  batchAxes?: number | number[];
}

export interface Context {
  readonly shape: readonly number[];
  readonly params: Params;
  /** The fans by the namespace's rule; computed lazily, only for definitions that use them. */
  readonly fans: () => Fans;
  readonly layout: TensorLayout;
}

export interface Definition {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** The law and formula in one line, e.g. `N(0, std²), std = gain / √fan`. */
  readonly summary: string;
  readonly params: Readonly<Record<string, Param>>;
  /** Allowed ranks [min, max] (default [0, 32]). */
  readonly rank?: readonly [number, number];
  /**
   * Elementwise initializers: the law every element follows. May return undefined for parameter
   * values that make the initializer structured (Caffe's sparse gaussian), then `generate` runs.
   */
  readonly law?: (c: Context) => Law | undefined;
  /** Structured initializers: write the tensor into `out` (length = numel). */
  readonly generate?: (key: Key, c: Context, out: FloatArray) => void;
  /** Expected moments of a structured initializer's elements, where known in closed form. */
  readonly expected?: (c: Context) => Expected;
  /** Extra numbers worth reporting (gain, fan used, correction factor...). */
  readonly details?: (c: Context) => Record<string, number | string>;
  /** Whether the definition reads fans (shown in reports). */
  readonly usesFans?: boolean;
  /**
   * What a user should know about these parameters: where the framework itself gives a
   * degenerate but well-defined tensor (`uniform_(1, 1)` is all ones), or would read a value
   * differently than initlab does. Shown by the CLI on stderr.
   */
  readonly notes?: (c: Context) => string[];
}

export interface Namespace {
  readonly framework: Framework;
  readonly title: string;
  /** The framework's fan rule. */
  readonly fans: (shape: readonly number[], params: Params, layout: TensorLayout) => Fans;
  /** Whether a layout/groups/axes context is honoured (only initlab's namespace). */
  readonly layoutAware: boolean;
  /**
   * Where the framework returns an empty tensor for a shape with a 0 dimension: what it does,
   * as a note. Absent: such shapes are refused.
   */
  readonly emptyTensors?: string;
  readonly definitions: readonly Definition[];
}

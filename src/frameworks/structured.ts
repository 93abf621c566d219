/**
 * Structured initializers (not iid per element), shared by every namespace that offers them:
 * orthogonal, identity, Dirac, delta-orthogonal, sparse, and Caffe's positive_unitball, bilinear
 * and sparse gaussian. Namespaces differ only in parameter names, axes and layouts.
 */
import { fail } from '../errors.js';
import type { Expected } from '../init/law.js';
import { sampleLaw } from '../init/law.js';
import { placeAtCentre, type Centre, type TapLayout } from '../init/structured/centerTap.js';
import { orthogonalInto } from '../init/structured/orthogonal.js';
import { haarOrthogonal } from '../linalg/qr.js';
import { fillBernoulli } from '../random/bernoulli.js';
import { foldIn } from '../random/key.js';
import { fillNormal } from '../random/normal.js';
import { fillUniform } from '../random/uniform.js';
import type { Context, Definition } from '../catalog/definition.js';
import type { Param, Params } from '../catalog/params.js';

const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

function moments(values: Iterable<[value: number, count: number]>, n: number, min: number, max: number): Expected {
  let s1 = 0, s2 = 0;
  for (const [v, k] of values) {
    s1 += v * k;
    s2 += v * v * k;
  }
  const mean = s1 / n;
  return { mean, std: Math.sqrt(Math.max(0, s2 / n - mean * mean)), min, max };
}

export function orthogonalDef(o: { name?: string; aliases?: string[]; summary?: string; gain: string; params: Record<string, Param>; axis: (c: Context) => number }): Definition {
  const resolveAxis = (c: Context) => {
    const a = o.axis(c);
    const r = c.shape.length;
    if (!Number.isInteger(a) || a < -r || a >= r) fail('axis', a, `an axis in [${-r}, ${r - 1}] for shape [${c.shape.join(',')}]`);
    return a < 0 ? a + r : a;
  };
  return {
    name: o.name ?? 'orthogonal',
    aliases: o.aliases,
    summary: o.summary ?? `Haar-random orthogonal (QR with sign fix) x ${o.gain}; unit vectors along the unit axis orthonormal`,
    params: o.params,
    rank: [2, 32],
    generate: (key, c, out) => orthogonalInto(key, c.shape, resolveAxis(c), c.params[o.gain] as number, out),
    expected: (c) => {
      const units = c.shape[resolveAxis(c)];
      const g = c.params[o.gain] as number;
      return { mean: 0, std: Math.abs(g) / Math.sqrt(Math.max(units, prod(c.shape) / units)), min: -Math.abs(g), max: Math.abs(g) };
    },
    details: (c) => ({ unitAxis: resolveAxis(c), units: c.shape[resolveAxis(c)], vectorLength: prod(c.shape) / c.shape[resolveAxis(c)] }),
  };
}

export function identityDef(o: { aliases?: string[]; gain?: string; square?: boolean; params?: Record<string, Param> }): Definition {
  const g = (p: Params) => (o.gain ? (p[o.gain] as number) : 1);
  return {
    name: 'identity',
    aliases: o.aliases,
    summary: `${o.gain ?? '1'} on the main diagonal, 0 elsewhere${o.square ? ' (square matrices only)' : ' (rectangular allowed)'}`,
    params: o.params ?? {},
    rank: [2, 2],
    generate: (_key, c, out) => {
      const [r, k] = c.shape;
      if (o.square && r !== k) fail('shape', c.shape, 'a square matrix (TF.js Identity supports only square matrices)');
      out.fill(0);
      for (let i = 0; i < Math.min(r, k); i++) out[i * k + i] = g(c.params);
    },
    expected: (c) => {
      const [r, k] = c.shape;
      const v = g(c.params);
      return moments([[v, Math.min(r, k)]], r * k, Math.min(0, v), Math.max(0, v));
    },
  };
}

/** In/out channel counts of a conv kernel in a tap layout. */
function channels(shape: readonly number[], layout: TapLayout): { cin: number; cout: number } {
  return layout === 'oi' ? { cout: shape[0], cin: shape[1] } : { cin: shape[shape.length - 2], cout: shape[shape.length - 1] };
}

/** Dirac/identity-preserving conv kernel (PyTorch `dirac_`): per group, ones at (g·out/groups + d, d, centre k//2). */
export function diracDef(o: { layout: (c: Context) => TapLayout; aliases?: string[] }): Definition {
  const centre: Centre = 'floor-half';
  const ones = (c: Context) => {
    const { cin, cout } = channels(c.shape, o.layout(c));
    const groups = c.params.groups as number;
    if (cout % groups !== 0) fail('groups', groups, `a divisor of the output channels (dim 0 must be divisible by groups; out=${cout})`);
    const per = cout / groups;
    return { count: groups * Math.min(per, cin), per, groups, cin };
  };
  return {
    name: 'dirac',
    aliases: o.aliases,
    summary: 'zeros, with 1 at (g·out/groups + d, d, centre k//2) for every group g and d < min(out/groups, in)',
    params: { groups: { type: 'integer', doc: 'number of convolution groups', default: 1, min: 1 } },
    rank: [3, 5],
    generate: (_key, c, out) => {
      const { per, groups, cin } = ones(c);
      const entries: [number, number, number][] = [];
      for (let g = 0; g < groups; g++) for (let d = 0; d < Math.min(per, cin); d++) entries.push([d, g * per + d, 1]);
      placeAtCentre(out, c.shape, o.layout(c), centre, entries);
    },
    expected: (c) => moments([[1, ones(c).count]], prod(c.shape), 0, 1),
  };
}

/** Delta-orthogonal conv kernel (Xiao et al. 2018): a random orthogonal in×out matrix at centre (k-1)//2. */
export function deltaOrthogonalDef(o: { gain: string; params: Record<string, Param>; layout: (c: Context) => TapLayout }): Definition {
  return {
    name: 'deltaOrthogonal',
    summary: `zeros, with a Haar-random orthogonal in×out matrix x ${o.gain} at the centre tap (k-1)//2 (needs in <= out)`,
    params: o.params,
    rank: [3, 5],
    generate: (key, c, out) => {
      const { cin, cout } = channels(c.shape, o.layout(c));
      if (cin > cout) fail('shape', c.shape, `in channels <= out channels for delta-orthogonal (fan_in must be <= fan_out; in=${cin}, out=${cout})`);
      const m = haarOrthogonal(fillNormal(key, new Float64Array(cin * cout)), cin, cout);
      const g = c.params[o.gain] as number;
      const entries: [number, number, number][] = [];
      for (let i = 0; i < cin; i++) for (let j = 0; j < cout; j++) entries.push([i, j, g * m[i * cout + j]]);
      placeAtCentre(out, c.shape, o.layout(c), 'floor-half-minus-one', entries);
    },
    expected: (c) => {
      const { cin } = channels(c.shape, o.layout(c));
      const g = Math.abs(c.params[o.gain] as number);
      return { mean: 0, std: g * Math.sqrt(cin / prod(c.shape)), min: -g, max: g };
    },
  };
}

/**
 * Sparse initialization (Martens 2010), PyTorch `sparse_`: N(0, std²), then in every column
 * min(rows, ceil(sparsity·rows)) entries set to 0, chosen uniformly (the rows with the smallest
 * 53-bit keys of the stream `foldIn(key, "sparse/mask")` at index col·rows + row). Values use
 * `key` directly. `sparsity` is the namespace's schema for the fraction (PyTorch takes any
 * value above 1 as "every entry"; initlab's own name wants a probability).
 */
export function sparseDef(o: { sparsity: Param; notes?: (c: Context) => string[] }): Definition {
  const zeros = (c: Context) => Math.min(c.shape[0], Math.ceil((c.params.sparsity as number) * c.shape[0]));
  return {
    name: 'sparse',
    summary: 'N(0, std²) with ceil(sparsity·rows) zeros in every column',
    params: {
      sparsity: o.sparsity,
      std: { type: 'number', check: 'nonNegative', doc: 'standard deviation of the non-zero values', default: 0.01 },
    },
    rank: [2, 2],
    generate: (key, c, out) => {
      const [rows, cols] = c.shape;
      const count = zeros(c);
      sampleLaw({ kind: 'normal', mean: 0, std: c.params.std as number }, key, out);
      const keys = fillUniform(foldIn(key, 'sparse/mask'), new Float64Array(rows * cols));
      const order = new Uint32Array(rows);
      for (let j = 0; j < cols; j++) {
        for (let r = 0; r < rows; r++) order[r] = r;
        const base = j * rows;
        order.sort((a, b) => keys[base + a] - keys[base + b] || a - b);
        for (let z = 0; z < count; z++) out[order[z] * cols + j] = 0;
      }
    },
    expected: (c) => {
      const rows = c.shape[0];
      const kept = rows - zeros(c);
      return { mean: 0, std: (c.params.std as number) * Math.sqrt(kept / rows), min: kept === 0 ? 0 : -Infinity, max: kept === 0 ? 0 : Infinity };
    },
    notes: o.notes,
  };
}

/** Caffe `positive_unitball`: U[0, 1), then each of the shape[0] rows (count/shape[0] values) scaled to sum 1. */
export const positiveUnitballDef: Definition = {
  name: 'positiveUnitball',
  summary: 'U[0, 1) normalized so each of the shape[0] rows sums to 1',
  params: {},
  rank: [1, 32],
  generate: (key, c, out) => {
    fillUniform(key, out);
    const len = out.length / c.shape[0];
    for (let r = 0; r < c.shape[0]; r++) {
      const row = out.subarray(r * len, (r + 1) * len);
      let s = 0;
      for (let i = 0; i < len; i++) s += row[i];
      for (let i = 0; i < len; i++) row[i] /= s;
    }
  },
  expected: (c) => {
    const len = prod(c.shape) / c.shape[0];
    return { mean: 1 / len, std: len > 1 ? 1 / (len * Math.sqrt(3)) : 0, min: 0, max: 1 };
  },
};

/**
 * Caffe `bilinear` upsampling kernel: for a K×K kernel, f = ceil(K/2), c = (K-1)/(2f),
 * w(x, y) = (1 - |x/f - c|)·(1 - |y/f - c|), the same in every (n, c) slice.
 */
export const bilinearDef: Definition = {
  name: 'bilinear',
  summary: 'w(x, y) = (1 - |x/f - c|)(1 - |y/f - c|), f = ceil(K/2), c = (K-1)/(2f); for Deconvolution upsampling',
  params: {},
  rank: [4, 4],
  generate: (_key, c, out) => {
    const [, , h, w] = c.shape;
    if (h !== w) fail('shape', c.shape, 'a square kernel (Caffe bilinear: "Filter must be square")');
    const f = Math.ceil(w / 2);
    const centre = (w - 1) / (2 * f);
    const tap = (x: number) => 1 - Math.abs(x / f - centre);
    for (let i = 0; i < out.length; i++) out[i] = tap(i % w) * tap(Math.floor(i / w) % h);
  },
};

/**
 * Caffe `gaussian`: N(mean, std²); with `sparse` >= 0 each weight is kept with probability
 * p = sparse / shape[0] (Bernoulli mask from `foldIn(key, "gaussian/mask")`), else zeroed.
 */
export const caffeGaussianDef: Definition = {
  name: 'gaussian',
  summary: 'N(mean, std²); with sparse = s >= 0, each weight kept with probability s / shape[0]',
  params: {
    mean: { type: 'number', check: 'finite', doc: 'mean', default: 0 },
    std: { type: 'number', check: 'positive', doc: 'standard deviation', default: 1 },
    sparse: { type: 'integer', min: -1, doc: 'expected non-zero weights per output (-1: dense)', default: -1 },
  },
  rank: [1, 32],
  law: (c) => ((c.params.sparse as number) < 0 ? { kind: 'normal', mean: c.params.mean as number, std: c.params.std as number } : undefined),
  generate: (key, c, out) => {
    const p = (c.params.sparse as number) / c.shape[0];
    if (p > 1) fail('sparse', c.params.sparse, `at most shape[0]=${c.shape[0]} (the keep probability sparse/shape[0] must be <= 1)`);
    sampleLaw({ kind: 'normal', mean: c.params.mean as number, std: c.params.std as number }, key, out);
    const mask = fillBernoulli(foldIn(key, 'gaussian/mask'), new Uint8Array(out.length), p);
    for (let i = 0; i < out.length; i++) if (mask[i] === 0) out[i] = 0;
  },
  expected: (c) => {
    const p = (c.params.sparse as number) / c.shape[0];
    const m = c.params.mean as number;
    const s = c.params.std as number;
    return { mean: p * m, std: Math.sqrt(p * (s * s + m * m) - (p * m) ** 2), min: -Infinity, max: Infinity };
  },
};

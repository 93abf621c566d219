/**
 * Table-driven checks over the whole registry: every initializer of every namespace samples its
 * stated law (moments and KS at n >= 1e5), is reproducible and slice-invariant, round-trips as a
 * JSON spec and as a string, and its first outputs are pinned by a snapshot.
 */
import { describe, expect, it } from 'vitest';
import { initializer } from '../../src/init/initializer.js';
import { lawCdf } from '../../src/init/law.js';
import { keyFromSeed } from '../../src/random/key.js';
import { entries } from '../../src/catalog/registry.js';
import { formatSpec } from '../../src/catalog/format.js';
import { normalizeSpec, type InitSpec } from '../../src/catalog/spec.js';
import { parseSpec } from '../../src/catalog/parse.js';
import { ksTest } from '../../src/stats/ks.js';
import { summarize } from '../../src/stats/moments.js';

/** Parameters the registry cannot default (required ones), per qualified name. */
const REQUIRED: Record<string, Record<string, unknown>> = {
  'torch:sparse': { sparsity: 0.25 },
  'initlab:sparse': { sparsity: 0.25 },
  'torch:defaultBias': { fanIn: 288 },
  'torch:convBias': { fanIn: 288 },
  'torch:rnnDefault': { hiddenSize: 64 },
  'torch:bilinearDefault': { in1Features: 20 },
  'jax:varianceScaling': { scale: 2, mode: 'fan_avg', distribution: 'truncated_normal' },
  'caffe:gaussian': { std: 0.5 },
  'initlab:constant': { value: 0.5 },
  'torch:constant': { val: 0.5 },
  'tfjs:constant': { value: 0.5 },
  'jax:constant': { value: 0.5 },
};

const cases = entries().map(({ namespace, definition }) => {
  const q = `${namespace.framework}:${definition.name}`;
  const spec: InitSpec = { name: definition.name, framework: namespace.framework, ...REQUIRED[q] };
  const [, maxRank] = definition.rank ?? [0, 32];
  const shape = q === 'tfjs:identity' ? [512, 512] : maxRank === 2 ? [256, 512] : definition.name === 'bilinear' ? [64, 32, 8, 8] : [128, 64, 4, 4];
  return { q, spec, shape };
});

describe('every registered initializer', () => {
  it('covers every namespace with the core catalog', () => {
    const names = new Set(cases.map((c) => c.q));
    for (const n of ['zeros', 'ones', 'constant', 'uniform', 'normal', 'truncatedNormal', 'varianceScaling', 'glorotUniform', 'glorotNormal', 'heUniform', 'heNormal', 'lecunUniform', 'lecunNormal', 'orthogonal', 'identity', 'dirac', 'deltaOrthogonal', 'sparse', 'positiveUnitball', 'bilinear']) {
      expect(names.has(`initlab:${n}`)).toBe(true);
    }
    for (const n of ['xavier', 'msra', 'gaussian', 'positiveUnitball', 'bilinear', 'uniform', 'constant']) expect(names.has(`caffe:${n}`)).toBe(true);
  });

  it.each(cases)('$q: samples its law (moments within 5 SE, KS p > 1e-4), expected moments hold', ({ spec, shape }) => {
    const init = initializer(spec);
    const plan = init.plan(shape);
    const t = init(keyFromSeed(11), shape);
    const s = summarize(t.data);
    expect(Number.isFinite(s.mean) && Number.isFinite(s.std)).toBe(true);
    const e = plan.expected;
    if (!e) return; // bilinear: deterministic, checked by value elsewhere
    expect(s.min).toBeGreaterThanOrEqual(Math.fround(e.min) - 1e-7);
    expect(s.max).toBeLessThanOrEqual(Math.fround(e.max) + 1e-7);
    const se = e.std / Math.sqrt(s.n);
    // Structured initializers are not iid; their element moments still concentrate at this size.
    expect(Math.abs(s.mean - e.mean)).toBeLessThanOrEqual(Math.max(5 * se, 1e-6 * Math.abs(e.mean)) + (plan.law ? 0 : 1e-3 * e.std));
    expect(Math.abs(s.std - e.std)).toBeLessThanOrEqual(e.std * (plan.law ? 5 / Math.sqrt(s.n) * 1.5 : 0.02) + 1e-7);
    const cdf = plan.law && lawCdf(plan.law);
    if (cdf) expect(ksTest(t.data, cdf).pValue).toBeGreaterThan(1e-4);
  });

  it.each(cases)('$q: reproducible, and fill() over any split gives the same bytes', ({ spec, shape }) => {
    const init = initializer(spec);
    const k = keyFromSeed(3);
    const whole = init(k, shape).data as Float32Array;
    expect(Buffer.from(init(k, shape).data.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
    const n = whole.length;
    const pieces = new Float32Array(n);
    for (const [start, end] of [[0, 1], [1, 999], [999, Math.floor(n / 2)], [Math.floor(n / 2), n]]) {
      init.fill(k, shape, pieces.subarray(start, end), { offset: start });
    }
    expect(Buffer.from(pieces.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
  });

  it.each(cases)('$q: JSON spec and string form round-trip', ({ spec }) => {
    const normal = normalizeSpec(spec);
    expect(normalizeSpec(JSON.parse(JSON.stringify(normal)))).toEqual(normal);
    const text = formatSpec(normal);
    expect(normalizeSpec(parseSpec(text))).toEqual(normal);
    expect(formatSpec(text)).toBe(text);
  });

  it.each(cases)('$q: no-regression snapshot of the first outputs', ({ spec, shape }) => {
    const t = initializer(spec)(keyFromSeed(0), shape);
    expect(Array.from(t.data.subarray(0, 6))).toMatchSnapshot();
  });
});

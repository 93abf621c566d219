/**
 * The inspector's verdicts on tensors drawn by initlab's initializers in each framework's
 * namespace and layout: the law that drew a tensor is among its matches (best, or sharing the
 * best p with laws equal to it), and tensors from no initializer match nothing.
 */
import { describe, expect, it } from 'vitest';
import { encodeSafetensors } from '../../src/io/safetensors.js';
import { inspect, type TensorReport } from '../../src/inspect/inspect.js';
import { ALPHA } from '../../src/inspect/match.js';
import type { Tensor } from '../../src/tensor.js';
import { scratch } from '../cli/cli.js';
import { draw, write } from './fixtures.js';

const dir = scratch('initlab-inspect-');

/** Inspects named tensors written to one .safetensors file. */
function verdicts(tensors: Record<string, Tensor>): Record<string, TensorReport> {
  const path = write(dir.fresh(), 'model.safetensors', encodeSafetensors(tensors));
  return Object.fromEntries(inspect(path).tensors.map((t) => [t.name, t]));
}

/** Every name of the best match's law, and of laws that tie with it. */
function names(t: TensorReport): string[] {
  return t.matches.flatMap((m) => [m.layout === undefined ? m.spec : `${m.spec} [${m.layout}]`, ...m.same]);
}

describe('tensors drawn by an initializer match it', () => {
  const r = verdicts({
    'fc.weight': draw('torch:default_weight', [384, 256], 2),
    'fc.bias': draw('torch:default_bias(fan_in=256)', [384], 2),
    kaimingA5: draw('torch:kaiming_uniform(a=2.2360679774997896)', [256, 384], 3),
    conv: draw('torch:kaiming_normal(mode=fan_out)', [64, 32, 3, 3], 2),
    glorot: draw('keras:glorot_uniform', [256, 512], 2),
    heJax: draw('jax:he_normal', [3, 3, 32, 64], 2),
    gpt2: draw('normal(std=0.02)', [768, 768], 2),
    timm: draw('torch:trunc_normal(std=0.02)', [768, 384], 2),
    flax: draw('truncated_normal(std=0.02)', [512, 256], 2),
    orthogonal: draw('torch:orthogonal', [256, 512], 2),
    zeros: draw('zeros', [256]),
    ones: draw('ones', [256]),
    residual: draw('normal(std=0.00408248290463863)', [768, 3072], 2),
    scaled: draw('normal(std=0.003)', [768, 3072], 2),
  });

  it('nn.Linear default: torch:default_weight (= kaiming_uniform(a=√5)) is best', () => {
    expect(r['fc.weight'].matches[0].spec).toBe('torch:default_weight');
    expect(r['fc.weight'].matches[0].law).toBe('U(-0.0625, 0.0625)');
    expect(r['fc.weight'].matches[0].p).toBeGreaterThanOrEqual(ALPHA);
    // kaiming_uniform(a=√5) gives the very same law: the inspector names it by the default.
    expect(r.kaimingA5.matches[0].spec).toBe('torch:default_weight');
  });

  it("nn.Linear's default bias, its fan_in read from the weight beside it", () => {
    expect(r['fc.bias'].matches[0]).toMatchObject({ spec: 'torch:default_bias(fan_in=256)', law: 'U(-0.0625, 0.0625)' });
  });

  it('torchvision conv: kaiming_normal(mode=fan_out) is among the equal best laws', () => {
    expect(names(r.conv).slice(0, 1 + r.conv.matches[0].same.length)).toContain('torch:kaiming_normal(mode=fan_out)');
  });

  it('Keras glorot_uniform on [in, out], and JAX he_normal on [h, w, in, out]', () => {
    expect([r.glorot.matches[0].spec, ...r.glorot.matches[0].same]).toContain('keras:glorot_uniform');
    expect([r.heJax.matches[0].spec, ...r.heJax.matches[0].same]).toContain('jax:he_normal');
    expect(r.heJax.matches[0].law).toMatch(/^TN\(0, /);
  });

  it('fixed-std normals: normal(std=0.02), trunc_normal at ±2 and at ±2σ', () => {
    expect(r.gpt2.matches[0].spec).toBe('normal(std=0.02)');
    // trunc_normal_(std=0.02, a=-2, b=2) cuts at 100σ: the same law as normal(std=0.02) to the test.
    expect(r.timm.matches.slice(0, 2).map((m) => m.spec).sort()).toEqual(['normal(std=0.02)', 'torch:trunc_normal(std=0.02)']);
    expect(r.flax.matches[0].spec).toBe('truncated_normal(std=0.02)');
    expect(r.flax.matches.map((m) => m.spec)).not.toContain('normal(std=0.02)');
  });

  it('orthogonal: consistent with orthogonal (its marginal) and the normal of the same std', () => {
    expect(names(r.orthogonal)).toContain('torch:orthogonal');
    expect(r.orthogonal.std).toBeCloseTo(1 / Math.sqrt(512), 6);
  });

  it('constants match the constant initializers, exactly', () => {
    expect(r.zeros.matches[0]).toMatchObject({ spec: 'torch:zeros', p: 1 });
    expect(r.zeros.zeroFraction).toBe(1);
    expect(r.ones.matches[0]).toMatchObject({ spec: 'torch:ones', p: 1 });
    expect(names(r.ones)).toContain('keras:ones');
  });

  it("GPT-2's residual projections, 0.02/√(2·12)", () => {
    expect(r.residual.matches[0].spec).toBe('normal(std=0.004082482904638631)');
  });

  it('a std from no catalog law matches only a fitted normal, said so', () => {
    expect(r.scaled.matches.length).toBeGreaterThan(0);
    expect(r.scaled.matches.every((m) => m.fitted === true)).toBe(true);
    // The fitted std is within 3 standard errors (std·3/√(2n)) of the one drawn.
    const fitted = Number(/^normal\(std=(.*)\)$/.exec(r.scaled.matches[0].spec)![1]);
    expect(Math.abs(fitted - 0.003)).toBeLessThan(0.003 * (3 / Math.sqrt(2 * 768 * 3072)) + 5e-7);
  });

  it('nothing is flagged on fresh weights but the fitted one, whose variance no fan rule explains', () => {
    for (const [name, t] of Object.entries(r)) if (name !== 'scaled') expect(t.flags).toEqual([]);
    expect(r.scaled.flags).toEqual(['variance 0.00000900 is 12.1× below the nearest fan rule (0.000109)']);
  });
});

describe('tensors from no initializer match nothing', () => {
  const mixture = draw('normal', [512, 512], 4);
  mixture.data.forEach((x, i) => (mixture.data[i] = x * (i % 3 === 0 ? 0.05 : 0.02)));
  const shifted = draw('torch:default_weight', [512, 512], 4);
  shifted.data.forEach((x, i) => (shifted.data[i] = x + 0.01));
  const heavy = draw('normal(std=0.02)', [512, 512], 4);
  heavy.data.forEach((x, i) => (heavy.data[i] = x * x * x * 2500));
  const r = verdicts({ mixture, shifted, heavy });

  it.each(['mixture', 'shifted', 'heavy'])('%s: no match', (name) => {
    expect(r[name].matches).toEqual([]);
  });
});

describe('flags', () => {
  const nan = draw('normal(std=0.02)', [64, 64], 5);
  nan.data[3] = NaN;
  nan.data[7] = Infinity;
  // N(0, 1) is a catalog law (torch:normal): scaled by 1.1 it is from none.
  const grown = draw('normal', [256, 256], 5);
  grown.data.forEach((x, i) => (grown.data[i] = 1.1 * x));
  const r = verdicts({ nan, constant: draw('ones', [64, 64]), grown });

  it('non-finite values are counted and flagged; the statistics are of the finite ones', () => {
    expect(r.nan.nonFinite).toBe(2);
    expect(r.nan.flags).toEqual(['non-finite values: 1 NaN, 1 ±Inf']);
    expect(Number.isFinite(r.nan.std)).toBe(true);
  });
  it('a constant weight', () => {
    expect(r.constant.flags).toEqual(['constant (every element 1) where a weight is expected']);
  });
  it('a variance far from every fan rule', () => {
    // Var 1.21 on a 256-wide layer: 155× the largest rule, 2/256.
    expect(r.grown.matches.every((m) => m.fitted === true)).toBe(true);
    expect(r.grown.flags).toHaveLength(1);
    expect(r.grown.flags[0]).toMatch(/^variance 1\.2\d is 15\d× above the nearest fan rule \(0\.00781\)$/);
  });
});

describe('determinism', () => {
  it('the same file gives the same report, byte for byte', () => {
    const path = write(dir.fresh(), 'model.safetensors', encodeSafetensors({ w: draw('he_normal', [300, 200], 9, 'io') }));
    expect(JSON.stringify(inspect(path))).toBe(JSON.stringify(inspect(path)));
  });
});

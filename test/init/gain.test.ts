import { describe, it, expect } from 'vitest';
import { activation, custom } from '../../src/activations/index.js';
import { gain, gainTable, torchGain } from '../../src/init/gain.js';
import { ndtr, normalPdf } from '../../src/math/special.js';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

/** E[f(z)²] by composite Simpson on [-12, 12]: an integration independent of the code under test. */
function simpsonSecondMoment(f: (z: number) => number, intervals = 24000): number {
  const h = 24 / intervals;
  const g = (z: number) => (f(z) ** 2 * Math.exp(-0.5 * z * z)) / Math.sqrt(2 * Math.PI);
  let sum = g(-12) + g(12);
  for (let i = 1; i < intervals; i++) sum += (i % 2 === 1 ? 4 : 2) * g(-12 + i * h);
  return (sum * h) / 3;
}

describe('torchGain (calculate_gain, reference §8.4)', () => {
  it.each(['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid'])(
    '%s -> 1',
    (name) => expect(torchGain(name)).toBe(1),
  );

  it('matches every value PyTorch returns', () => {
    expect(torchGain('tanh')).toBe(1.6666666666666667);
    expect(torchGain('relu')).toBe(1.4142135623730951);
    expect(torchGain('leaky_relu')).toBe(1.4141428569978354);
    expect(torchGain('leaky_relu', null)).toBe(1.4141428569978354);
    expect(torchGain('leaky_relu', 0.2)).toBe(1.3867504905630728);
    expect(torchGain('leaky_relu', Math.sqrt(5))).toBe(0.5773502691896257);
    expect(torchGain('leaky_relu', 0)).toBe(1.4142135623730951);
    expect(torchGain('selu')).toBe(0.75);
  });

  it('ignores param for everything but leaky_relu, as kaiming relies on', () => {
    expect(torchGain('relu', 0)).toBe(Math.SQRT2);
    expect(torchGain('tanh', true)).toBe(5 / 3);
  });

  it('rejects activations PyTorch has no gain for, pointing to gain()', () => {
    expect(() => torchGain('gelu')).toThrow(/^nonlinearity="gelu", expected one of "linear", .*"selu".*gain\(\) computes one/);
    expect(() => torchGain('Tanh')).toThrow(/did you mean "tanh"/);
  });

  it('rejects a boolean or non-finite slope', () => {
    expect(() => torchGain('leaky_relu', true)).toThrow('param=true, expected a number (the negative slope), not a boolean');
    expect(() => torchGain('leaky_relu', false)).toThrow('param=false');
    expect(() => torchGain('leaky_relu', NaN)).toThrow('param=NaN, expected a finite number');
    expect(() => torchGain('leaky_relu', Infinity)).toThrow('param=Infinity');
  });
});

describe('gain (second-moment criterion)', () => {
  it('is √2 for relu, √(2/(1 + a²)) for leaky relu, 1 for identity', () => {
    expect(rel(gain('relu'), Math.SQRT2)).toBeLessThan(5e-16);
    expect(rel(gain('leaky_relu', 0.2), Math.sqrt(2 / 1.04))).toBeLessThan(5e-16);
    expect(rel(gain('leaky_relu'), torchGain('leaky_relu'))).toBeLessThan(5e-16);
    expect(rel(gain('leaky_relu', -1), 1)).toBeLessThan(5e-16);
    expect(gain('identity')).toBeCloseTo(1, 15);
    expect(gain('linear')).toBeCloseTo(1, 15);
  });

  it('is 1 for selu: its constants make E[selu(z)²] = 1 to double precision', () => {
    // E[selu(z)²] = λ²(½ + α²(e²Φ(-2) - 2√e Φ(-1) + ½)); 30-digit integration of the rounded
    // constants gives 1 - 1.3e-16, so the gain is 1 to within rounding.
    const [lambda, alpha] = [1.0507009873554805, 1.6732632423543772];
    const moment = lambda ** 2 * (0.5 + alpha ** 2 * (Math.E ** 2 * ndtr(-2) - 2 * Math.sqrt(Math.E) * ndtr(-1) + 0.5));
    expect(Math.abs(moment - 1)).toBeLessThan(1e-15);
    expect(Math.abs(gain('selu') - 1)).toBeLessThan(1e-15);
  });

  it('is 1.5925374197228314 for tanh (PyTorch: 5/3), as Simpson integration gives', () => {
    const simpson = 1 / Math.sqrt(simpsonSecondMoment(Math.tanh));
    expect(Math.abs(gain('tanh') - simpson)).toBeLessThan(1e-12);
    expect(rel(gain('tanh'), 1.5925374197228314)).toBeLessThan(5e-16);
    expect(rel(gain('sigmoid'), 1 / Math.sqrt(simpsonSecondMoment(activation('sigmoid').f)))).toBeLessThan(1e-12);
  });

  it('matches closed forms for activations with kinks', () => {
    // E[elu(z)²] = 1 + e²Φ(-2) - 2√e Φ(-1), from E[e^{tz}; z < 0] = e^{t²/2} Φ(-t).
    const elu = 1 + Math.E ** 2 * ndtr(-2) - 2 * Math.sqrt(Math.E) * ndtr(-1);
    expect(rel(gain('elu'), 1 / Math.sqrt(elu))).toBeLessThan(1e-15);
    // E[clip(z, -1, 1)²] = 1 - 2φ(1): Gauss-Hermite with 200 nodes is off by 7e-3 here.
    expect(rel(gain('hardtanh'), 1 / Math.sqrt(1 - 2 * normalPdf(1)))).toBeLessThan(1e-15);
  });

  it('finds kinks wherever they are, e.g. ReLU shifted by 0.3', () => {
    // E[max(z - a, 0)²] = (1 + a²)Φ(-a) - aφ(a).
    const a = 0.3;
    const shifted = custom('shifted_relu', (z) => Math.max(z - a, 0));
    expect(rel(gain(shifted), 1 / Math.sqrt((1 + a * a) * ndtr(-a) - a * normalPdf(a)))).toBeLessThan(2e-15);
  });

  it('accepts an Activation object, which carries its own parameter', () => {
    expect(gain(custom('double', (z) => 2 * z))).toBeCloseTo(0.5, 15);
    expect(gain(activation('leaky_relu', 0.2))).toBe(gain('leaky_relu', 0.2));
    expect(() => gain(activation('relu'), 0.2)).toThrow('param=0.2, expected undefined when an Activation object is given');
  });

  it('rejects unknown names, misplaced parameters and activations without a second moment', () => {
    expect(() => gain('gleu')).toThrow('activation="gleu"');
    expect(() => gain('tanh', 0.5)).toThrow('param=0.5, expected undefined ("tanh" takes no parameter)');
    expect(() => gain(custom('zero', () => 0))).toThrow('activation="zero", expected an activation with 0 < E[φ(z)²] < ∞');
  });
});

describe('gainTable', () => {
  const table = gainTable();

  it('has a row for every registered activation, PyTorch beside it where PyTorch has a value', () => {
    expect(table.map((r) => r.activation)).toEqual([
      'identity', 'tanh', 'sigmoid', 'softsign', 'relu', 'leaky_relu', 'elu', 'selu',
      'gelu', 'gelu_tanh', 'silu', 'softplus', 'mish', 'hardtanh',
    ]);
    expect(table.filter((r) => 'torch' in r).map((r) => r.activation)).toEqual(['identity', 'tanh', 'sigmoid', 'relu', 'leaky_relu', 'selu']);
    expect(table.filter((r) => 'param' in r).map((r) => [r.activation, r.param])).toEqual([['leaky_relu', 0.01], ['elu', 1]]);
  });

  it('shows where PyTorch and the criterion part ways', () => {
    const row = (name: string) => table.find((r) => r.activation === name)!;
    expect(row('tanh').torch).toBe(5 / 3);
    expect(row('tanh').computed).toBeCloseTo(1.5925374197228314, 14);
    expect(row('sigmoid').torch).toBe(1);
    expect(row('sigmoid').computed).toBeCloseTo(1.846228545338605, 14);
    expect(row('selu').torch).toBe(0.75);
    expect(row('selu').computed).toBeCloseTo(1, 14);
    expect(row('relu').computed).toBeCloseTo(row('relu').torch!, 15);
    expect(row('leaky_relu').computed).toBeCloseTo(row('leaky_relu').torch!, 15);
  });

  it('matches 30-digit integrations for the activations PyTorch does not cover', () => {
    const want: Record<string, number> = {
      softsign: 2.3375333631085396599,
      elu: 1.2451983007007065503,
      gelu: 1.5335304411955352338,
      gelu_tanh: 1.5335805216661469188,
      silu: 1.6765324703310911586,
      softplus: 1.041866835535301708,
      mish: 1.486847581273208102,
      hardtanh: 1.3920361404483097513,
    };
    for (const [name, value] of Object.entries(want)) {
      expect(rel(table.find((r) => r.activation === name)!.computed, value)).toBeLessThan(1e-15);
    }
  });
});

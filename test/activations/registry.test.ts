import { describe, it, expect } from 'vitest';
import { ACTIVATION_NAMES, activation } from '../../src/activations/index.js';

describe('activation registry', () => {
  it('lists every activation once, under its canonical name', () => {
    expect(ACTIVATION_NAMES).toEqual([
      'identity', 'tanh', 'sigmoid', 'softsign', 'relu', 'leaky_relu', 'elu', 'selu',
      'gelu', 'gelu_tanh', 'silu', 'softplus', 'mish', 'hardtanh',
    ]);
    for (const name of ACTIVATION_NAMES) expect(activation(name).name).toBe(name);
  });

  it('resolves aliases to the canonical entry', () => {
    expect(activation('linear')).toBe(activation('identity'));
    expect(activation('swish')).toBe(activation('silu'));
    expect(activation('swish').name).toBe('silu');
  });

  it('rejects unknown names with the list and the closest match', () => {
    expect(() => activation('gleu')).toThrow(/^activation="gleu", expected one of "identity", .*"swish" \(did you mean .*"gelu"/);
    expect(() => activation('Relu6')).toThrow('activation="Relu6"');
  });

  it('applies parameter defaults', () => {
    expect(activation('leaky_relu').param).toBe(0.01);
    expect(activation('leaky_relu').f(-1)).toBe(-0.01);
    expect(activation('elu').param).toBe(1);
    expect(activation('tanh').param).toBeUndefined();
  });

  it('uses given parameters', () => {
    expect(activation('leaky_relu', 0.2).f(-1)).toBe(-0.2);
    expect(activation('leaky_relu', 0).f(-1)).toBe(-0);
    expect(activation('leaky_relu', -0.5).f(-2)).toBe(1);
    expect(activation('elu', 2).f(-Infinity)).toBe(-2);
    expect(activation('elu', 0.5).param).toBe(0.5);
  });

  it('validates parameters', () => {
    expect(() => activation('leaky_relu', NaN)).toThrow('negative_slope=NaN, expected a finite number');
    expect(() => activation('leaky_relu', Infinity)).toThrow('negative_slope=Infinity, expected a finite number');
    expect(() => activation('elu', 0)).toThrow('alpha=0, expected a number > 0');
    expect(() => activation('elu', -1)).toThrow('alpha=-1, expected a number > 0');
    expect(() => activation('elu', Infinity)).toThrow('alpha=Infinity, expected a finite number');
    expect(() => activation('tanh', 1)).toThrow('param=1, expected undefined ("tanh" takes no parameter)');
  });
});

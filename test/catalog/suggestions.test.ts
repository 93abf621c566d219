import { describe, expect, it } from 'vitest';
import { closeNames, lookup, namespace } from '../../src/catalog/registry.js';

describe('"did you mean" for an unknown initializer name', () => {
  it('a name that begins known names suggests them all, in registry order, as spec strings spell them', () => {
    expect(() => lookup('glorot')).toThrow(/^name="glorot", expected an initializer of initlab \(did you mean "glorot_uniform" or "glorot_normal"\?\); `initlab list` shows them all$/);
    expect(closeNames('kaiming', namespace('initlab'))).toEqual(['kaiming_uniform', 'kaiming_normal']);
    expect(closeNames('he', namespace('keras'))).toEqual(['he_uniform', 'he_normal']);
    expect(closeNames('delta', namespace('jax'))).toEqual(['delta_orthogonal']);
  });
  it('otherwise the names a few edits away, one per initializer', () => {
    expect(closeNames('glorot_unifrom', namespace('initlab'))).toEqual(['glorot_uniform']);
    expect(closeNames('kaiming_norml', namespace('torch'))[0]).toBe('kaiming_normal');
    expect(closeNames('xyzzy', namespace('initlab'))).toEqual([]);
  });
  it('per namespace: a name of another framework is pointed to, not suggested', () => {
    expect(() => lookup('msra')).toThrow(/also defined as caffe:msra/);
    expect(closeNames('glorot', namespace('torch'))).toEqual([]);
  });
});

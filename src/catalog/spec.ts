/**
 * Initializer specs as data. A spec is a flat JSON object: `{"name": "kaimingNormal",
 * "framework": "torch", "mode": "fan_out"}` (framework omitted for initlab's own names), or its
 * string form `torch:kaiming_normal(mode=fan_out)`. `normalizeSpec` fills every default, so two
 * specs that mean the same initializer normalize to the same object.
 */
import { fail } from '../errors.js';
import type { Framework } from './definition.js';
import { normalizeParams, type Params } from './params.js';
import { checkFramework, lookup, type Entry } from './registry.js';
import { parseSpec } from './parse.js';

export interface InitSpec {
  readonly name: string;
  readonly framework?: Framework;
  readonly [param: string]: unknown;
}

export interface Resolved {
  readonly entry: Entry;
  readonly params: Params;
  /** Normalized spec: canonical name, framework unless initlab, every parameter. */
  readonly spec: InitSpec;
}

export function resolveSpec(spec: InitSpec | string, framework?: Framework): Resolved {
  const s = typeof spec === 'string' ? parseSpec(spec, framework) : spec;
  if (typeof s !== 'object' || s === null || Array.isArray(s)) fail('spec', s, 'an object like {"name": "heNormal"} or a string like "he_normal(mode=fan_out)"');
  const { name, framework: fw, ...given } = s;
  const entry = lookup(name as string, fw === undefined ? framework : checkFramework(fw));
  const owner = `${entry.namespace.framework}:${entry.definition.name}`;
  const params = normalizeParams(owner, entry.definition.params, given);
  const head = entry.namespace.framework === 'initlab' ? { name: entry.definition.name } : { name: entry.definition.name, framework: entry.namespace.framework };
  return { entry, params, spec: { ...head, ...params } };
}

export function normalizeSpec(spec: InitSpec | string, framework?: Framework): InitSpec {
  return resolveSpec(spec, framework).spec;
}

/**
 * An architecture as data (`--arch model.json`): a list of named tensors, or an object with the
 * tensors and pattern rules that give the specs of tensors listed without one.
 *
 *   [{ "name": "w", "shape": [64, 32], "spec": "torch:normal(std=0.02)" }, ...]
 *   { "tensors": [{ "name": "h.0.w", "shape": [64, 32] }, ...],
 *     "rules": [{ "match": "*.bias", "spec": "torch:zeros" }, { "match": "*", "spec": "jax:lecun_normal" }] }
 *
 * A rule's `match` is a glob over the whole name (`*` any characters, `?` one); the first
 * matching rule applies. Optional per tensor: `layout` (fan layout for layout-aware specs),
 * `dtype: "int64"` (an integer buffer), `paddingRow` (a row zeroed after the draw).
 */
import { readFileSync } from 'node:fs';
import { fail } from '../errors.js';
import type { TensorLayout } from '../catalog/definition.js';
import type { TensorDef } from './architecture.js';

interface Rule {
  readonly pattern: RegExp;
  readonly spec: string;
}

/** The tensors of an arch.json file, each with its spec; every name once. */
export function readArchFile(path: string): TensorDef[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail('--arch', path, `an architecture name or a readable JSON file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail('--arch', path, `a JSON file (${(e as Error).message})`);
  }
  return parseArch(path, data);
}

export function parseArch(path: string, data: unknown): TensorDef[] {
  const shapeOfFile = 'a list of {"name", "shape", "spec"} or {"tensors": [...], "rules": [{"match", "spec"}]}';
  const object = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  const list = Array.isArray(data) ? data : object?.tensors;
  if (!Array.isArray(list) || list.length === 0) fail('--arch', path, shapeOfFile);
  const rules = readRules(path, object?.rules);
  const seen = new Set<string>();
  return list.map((entry, i) => {
    const where = `${path} tensors[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) fail(where, entry, '{"name", "shape", "spec"}');
    const { name, shape, spec, layout, dtype, paddingRow } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || name === '' || name === '__metadata__') fail(`${where}.name`, name, 'a non-empty tensor name');
    if (seen.has(name)) fail(`${where}.name`, name, 'each tensor named once (this name appears twice)');
    seen.add(name);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 1)) fail(`${where}.shape`, shape, 'a list of positive integers ([] for a scalar)');
    const resolved = spec ?? rules.find((r) => r.pattern.test(name))?.spec;
    if (typeof resolved !== 'string') fail(`${where}.spec`, spec, `an initializer spec, or a rule matching "${name}"`);
    if (dtype !== undefined && dtype !== 'int64') fail(`${where}.dtype`, dtype, '"int64" or no dtype (floats follow --dtype)');
    if (paddingRow !== undefined && !(Number.isSafeInteger(paddingRow) && (paddingRow as number) >= 0 && shape.length === 2 && (paddingRow as number) < shape[0])) {
      fail(`${where}.paddingRow`, paddingRow, 'a row index of a 2-D shape');
    }
    if (layout !== undefined && (typeof layout !== 'object' || layout === null || Array.isArray(layout))) fail(`${where}.layout`, layout, 'an object such as {"layout": "keras"}');
    return {
      name,
      shape: shape as number[],
      spec: resolved,
      ...(layout === undefined ? {} : { layout: layout as TensorLayout }),
      ...(dtype === undefined ? {} : { dtype: 'int64' as const }),
      ...(paddingRow === undefined ? {} : { paddingRow: paddingRow as number }),
    };
  });
}

function readRules(path: string, rules: unknown): Rule[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules)) fail(`${path} rules`, rules, 'a list of {"match": "glob", "spec": "..."}');
  return rules.map((r, i) => {
    const { match, spec } = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
    if (typeof match !== 'string' || typeof spec !== 'string') fail(`${path} rules[${i}]`, r, '{"match": "glob", "spec": "..."}');
    const source = match.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    return { pattern: new RegExp(`^${source}$`), spec };
  });
}

/** Writes a spec in the compact string form that `parseSpec` reads back. */
import { snakeCase } from './names.js';
import type { Value } from './params.js';
import { resolveSpec, type InitSpec } from './spec.js';

function formatValue(v: Value): string {
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  if (typeof v === 'string') return /^[A-Za-z_][A-Za-z0-9_.\-]*$/.test(v) && !['true', 'false', 'null', 'None', 'True', 'False', 'sqrt', 'inf', 'Infinity'].includes(v) ? v : JSON.stringify(v);
  return String(v);
}

/** `torch:kaiming_normal(mode=fan_out)`: framework prefix unless initlab, only non-default parameters. */
export function formatSpec(spec: InitSpec | string): string {
  const { entry, params } = resolveSpec(spec);
  const { definition, namespace } = entry;
  const args = Object.entries(params)
    .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(definition.params[k].default ?? null))
    .map(([k, v]) => `${snakeCase(k)}=${formatValue(v)}`);
  const head = `${namespace.framework === 'initlab' ? '' : `${namespace.framework}:`}${snakeCase(definition.name)}`;
  return args.length > 0 ? `${head}(${args.join(', ')})` : head;
}

/**
 * `initlab list [--framework F]`: every initializer by namespace, with its aliases, its formula
 * (`Definition.summary`) and its parameters with their defaults, all read from the registry.
 * Names are shown in the snake_case of spec strings; any spelling that differs only in case,
 * `_` or `-` is the same name.
 */
import type { Command } from 'commander';
import type { Definition, Framework, Namespace } from '../catalog/definition.js';
import { FRAMEWORKS } from '../catalog/definition.js';
import { snakeCase } from '../catalog/names.js';
import type { Param, Value } from '../catalog/params.js';
import { namespace } from '../catalog/registry.js';
import { oneOf } from './args.js';
import { print, printJson, table, type Io } from './output.js';

/** Printed first: the spelling rule of `nameKey`, so the names below need no variants. */
const NAMES = `names match ignoring case, "_" and "-", and a trailing "_" (PyTorch's in-place suffix): torch:kaiming_normal_ is torch:kaimingNormal`;

interface ListOptions {
  framework?: Framework;
  json?: boolean;
}

export function listCommand(program: Command, io: Io): void {
  program
    .command('list')
    .summary('every initializer with its names, parameters and formula')
    .description('Every initializer by namespace: aliases, parameters with their defaults, and the formula. '
      + 'Spec strings name them as framework:name(param=value, ...), the prefix omitted for initlab.')
    .option('--framework <name>', `only this namespace: ${FRAMEWORKS.join(', ')}`, oneOf('--framework', FRAMEWORKS))
    .option('--json', 'print one JSON object instead of text')
    .action((options: ListOptions) => {
      const shown = (options.framework === undefined ? FRAMEWORKS : [options.framework]).map(namespace);
      if (options.json === true) printJson(io, { namespaces: shown.map(namespaceJson) });
      else print(io, [NAMES, '', ...shown.flatMap(namespaceText)]);
    });
}

/** A default as a spec string writes it; `required` when there is none, `none` for null. */
function defaultText(p: Param): string {
  if (p.default === undefined) return 'required';
  if (p.default === null) return 'none';
  return Array.isArray(p.default) ? `[${p.default.join(', ')}]` : String(p.default);
}

function paramDoc(p: Param): string {
  return p.type === 'choice' ? `${p.doc} (one of ${p.choices.join(', ')})` : p.doc;
}

function namespaceText(ns: Namespace): string[] {
  const prefix = ns.framework === 'initlab' ? '' : `${ns.framework}:`;
  const layout = ns.layoutAware ? 'fans by --layout/--groups/axes' : "fans by the framework's own rule";
  const lines = [`${ns.framework}: ${ns.title}; ${layout}`];
  for (const d of ns.definitions) {
    const aliases = (d.aliases ?? []).map((a) => `${prefix}${a}`);
    lines.push(`  ${prefix}${snakeCase(d.name)}${aliases.length > 0 ? `  (also ${aliases.join(', ')})` : ''}`);
    lines.push(`      ${d.summary}`);
    const params = Object.entries(d.params).map(([name, p]) => [`${snakeCase(name)} = ${defaultText(p)}`, paramDoc(p)]);
    lines.push(...table(params).map((l) => `      ${l}`));
  }
  return [...lines, ''];
}

function definitionJson(ns: Namespace, d: Definition): Record<string, unknown> {
  const params = Object.fromEntries(
    Object.entries(d.params).map(([name, p]) => {
      const dflt: { default?: Value } = p.default === undefined ? {} : { default: p.default };
      return [name, { type: p.type, ...dflt, required: p.default === undefined, doc: p.doc, ...(p.type === 'choice' && { choices: p.choices }) }];
    }),
  );
  return { name: d.name, qualified: `${ns.framework}:${d.name}`, aliases: d.aliases ?? [], summary: d.summary, rank: d.rank ?? [0, 32], params };
}

function namespaceJson(ns: Namespace): Record<string, unknown> {
  return { framework: ns.framework, title: ns.title, layoutAware: ns.layoutAware, initializers: ns.definitions.map((d) => definitionJson(ns, d)) };
}

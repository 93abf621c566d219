/**
 * The registry: every framework namespace and its definitions, name lookup with aliases, and
 * suggestions for unknown names. `lookup('keras:he_normal')`, `lookup('kaiming_normal_', 'torch')`.
 */
import { fail } from '../errors.js';
import { suggest } from '../suggest.js';
import { NAMESPACES } from '../frameworks/index.js';
import type { Definition, Framework, Namespace } from './definition.js';
import { FRAMEWORKS } from './definition.js';
import { choice } from '../validate.js';
import { nameKey, snakeCase } from './names.js';

export interface Entry {
  readonly namespace: Namespace;
  readonly definition: Definition;
}

const index = new Map<Framework, Map<string, Definition>>();
for (const ns of NAMESPACES) {
  const names = new Map<string, Definition>();
  for (const d of ns.definitions) {
    for (const n of [d.name, ...(d.aliases ?? [])]) {
      const k = nameKey(n);
      if (names.has(k) && names.get(k) !== d) throw new Error(`duplicate initializer name ${ns.framework}:${n}`);
      names.set(k, d);
    }
  }
  index.set(ns.framework, names);
}

export function namespace(framework: Framework): Namespace {
  return NAMESPACES.find((n) => n.framework === framework)!;
}

export function checkFramework(framework: unknown): Framework {
  return choice('framework', framework, FRAMEWORKS);
}

/** Splits `keras:he_normal` into its framework and name. */
export function splitQualified(name: string, framework?: Framework): { framework: Framework; name: string } {
  const m = /^([A-Za-z]+):(.*)$/.exec(name);
  if (m) {
    const fw = checkFramework(m[1].toLowerCase() === 'pytorch' ? 'torch' : m[1].toLowerCase());
    if (framework !== undefined && framework !== fw) fail('framework', framework, `the framework named in "${name}" (${fw})`);
    return { framework: fw, name: m[2] };
  }
  return { framework: framework ?? 'initlab', name };
}

export function lookup(name: string, framework?: Framework): Entry {
  if (typeof name !== 'string' || name.trim() === '') fail('name', name, 'an initializer name (see `initlab list`)');
  const q = splitQualified(name.trim(), framework);
  const ns = namespace(q.framework);
  const d = index.get(q.framework)!.get(nameKey(q.name));
  if (d) return { namespace: ns, definition: d };
  const hint = closeNames(q.name, ns);
  const elsewhere = NAMESPACES.filter((n) => n !== ns && index.get(n.framework)!.has(nameKey(q.name))).map((n) => `${n.framework}:${q.name}`);
  const parts = [
    hint.length > 0 ? `did you mean ${hint.map((h) => JSON.stringify(h)).join(' or ')}?` : '',
    elsewhere.length > 0 ? `also defined as ${elsewhere.join(', ')}` : '',
  ].filter(Boolean);
  return fail('name', q.name, `an initializer of ${q.framework}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}; \`initlab list\` shows them all`);
}

/** Suggestions shown at most. */
const HINTS = 4;

/**
 * The names of `ns` a user most likely meant by the unknown `name`, one per initializer, as
 * spec strings spell them (snake case): those that `name` begins (`glorot` → glorot_uniform,
 * glorot_normal, in registry order), or failing that the ones a few edits away (../suggest.ts).
 */
export function closeNames(name: string, ns: Namespace): string[] {
  const spellings = ns.definitions.map((d) => [d.name, ...(d.aliases ?? [])].map(snakeCase));
  const key = nameKey(name);
  const prefixed = key === '' ? [] : spellings.flatMap((names) => names.filter((n) => nameKey(n).startsWith(key)).slice(0, 1));
  if (prefixed.length > 0) return prefixed.slice(0, HINTS);
  const owners = new Set<number>();
  const near: string[] = [];
  for (const n of suggest(name, spellings.flat(), spellings.length)) {
    const owner = spellings.findIndex((names) => names.includes(n));
    if (!owners.has(owner)) near.push(n);
    owners.add(owner);
  }
  return near.slice(0, HINTS);
}

/** Every (namespace, definition) pair, in registry order. */
export function entries(): Entry[] {
  return NAMESPACES.flatMap((namespace) => namespace.definitions.map((definition) => ({ namespace, definition })));
}

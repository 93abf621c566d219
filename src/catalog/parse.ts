/**
 * The compact string form of a spec, for command lines:
 *   kaiming_normal(mode=fan_out, nonlinearity=relu)
 *   keras:he_normal
 *   torch:kaiming_uniform(a=sqrt(5))
 *   constant(0.5)                       positional arguments follow the parameter order
 *   jax:variance_scaling(2, fan_in, truncated_normal, in_axis=0, out_axis=[1, 2])
 * Values: numbers (and sqrt(x)), true/false (True/False), null/None, bare words or quoted
 * strings, lists in [] or (). Positional arguments are kept under the numeric keys "0", "1", ...
 * until the registry maps them to names.
 */
import { fail } from '../errors.js';
import type { Value } from './params.js';
import { lookup } from './registry.js';
import type { InitSpec } from './spec.js';
import type { Framework } from './definition.js';

class Reader {
  pos = 0;
  constructor(readonly src: string) {}
  ws() {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }
  peek() {
    this.ws();
    return this.src[this.pos];
  }
  expect(ch: string) {
    if (this.peek() !== ch) this.error(`"${ch}"`);
    this.pos++;
  }
  error(what: string): never {
    const at = this.pos >= this.src.length ? 'the end' : `position ${this.pos + 1} ("${this.src.slice(this.pos, this.pos + 10)}")`;
    return fail('spec', this.src, `${what} at ${at}; the form is name(key=value, ...), e.g. "kaiming_normal(mode=fan_out, nonlinearity=relu)"`);
  }
  word(): string {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_.\-]*/.exec(this.src.slice(this.pos));
    if (!m) this.error('a name');
    this.pos += m[0].length;
    return m[0];
  }
  value(): Value {
    const ch = this.peek();
    if (ch === '[' || ch === '(') {
      const close = ch === '[' ? ']' : ')';
      this.pos++;
      const items: number[] = [];
      while (this.peek() !== close) {
        const v = this.value();
        if (typeof v !== 'number') this.error('a number in the list');
        items.push(v);
        if (this.peek() === ',') this.pos++;
        else if (this.peek() !== close) this.error(`"," or "${close}"`);
      }
      this.pos++;
      return items;
    }
    if (ch === '"' || ch === "'") {
      const end = this.src.indexOf(ch, this.pos + 1);
      if (end < 0) this.error('a closing quote');
      const s = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return s;
    }
    const num = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|^[+-]?(Infinity|inf)\b/.exec(this.src.slice(this.pos));
    if (num) {
      this.pos += num[0].length;
      return num[3] !== undefined ? (num[0].startsWith('-') ? -Infinity : Infinity) : Number(num[0]);
    }
    const w = this.word();
    if (w === 'sqrt') {
      this.expect('(');
      const x = this.value();
      this.expect(')');
      if (typeof x !== 'number' || x < 0) this.error('a non-negative number inside sqrt()');
      return Math.sqrt(x);
    }
    const words: Record<string, Value> = { true: true, True: true, false: false, False: false, null: null, None: null };
    return w in words ? words[w] : w;
  }
}

/** Parses the string form into a spec object (names resolved, positional arguments named). */
export function parseSpec(src: string, framework?: Framework): InitSpec {
  if (typeof src !== 'string') fail('spec', src, 'a string');
  const r = new Reader(src);
  let name = r.word();
  if (r.peek() === ':') {
    r.pos++;
    name = `${name}:${r.word()}`;
  }
  const given: Record<string, Value> = {};
  const positional: Value[] = [];
  if (r.peek() === '(') {
    r.pos++;
    while (r.peek() !== ')') {
      const save = r.pos;
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(src.slice(r.pos));
      if (m) {
        r.pos += m[0].length;
        const key = m[1];
        if (key in given) r.error(`a parameter given once ("${key}" repeats)`);
        given[key] = r.value();
      } else {
        r.pos = save;
        if (Object.keys(given).length > 0) r.error('key=value (positional arguments must come first)');
        positional.push(r.value());
      }
      if (r.peek() === ',') r.pos++;
      else if (r.peek() !== ')') r.error('"," or ")"');
    }
    r.pos++;
  }
  if (r.peek() !== undefined) r.error('the end of the spec');
  const { definition, namespace } = lookup(name, framework);
  const order = Object.keys(definition.params);
  if (positional.length > order.length) fail('spec', src, `at most ${order.length} positional argument(s) for ${definition.name}`);
  positional.forEach((v, i) => {
    if (order[i] in given) fail('spec', src, `"${order[i]}" given once (both by position and by name)`);
    given[order[i]] = v;
  });
  const params = Object.fromEntries(Object.entries(given).map(([k, v]) => [camelParam(k, order), v]));
  return namespace.framework === 'initlab' ? { name: definition.name, ...params } : { name: definition.name, framework: namespace.framework, ...params };
}

/** `in_axis` -> `inAxis` when the schema uses camelCase; unknown keys pass through for the error. */
function camelParam(key: string, known: readonly string[]): string {
  if (known.includes(key)) return key;
  const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return known.includes(camel) ? camel : key;
}

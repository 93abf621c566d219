/**
 * `npm run bench [-- --json] [-- --only NAME]`: issue 4's table, measured in one run on this
 * machine: initlab's JavaScript reference, its wasm kernels on one thread and on every core, and
 * TensorFlow.js (cpu and wasm backends) on the same work (./work.ts). Not a test: numbers depend
 * on the machine and its load; compare ratios taken in the same run.
 *
 * Output: a table (median time and rate per system, and initlab-wasm's speed relative to each
 * other system), or with `--json` one JSON line per figure:
 * `{"name", "system", "median_s", "elements_per_s" | "gflops" | "examples_per_s", "reps"}` (skipped figures:
 * `{"name", "system", "skipped": reason}`). Run with `--expose-gc` (as `npm run bench` does) to
 * collect garbage before every repetition, outside the timed region.
 */
import { SYSTEMS, measure, type Figure, type Result, type System } from './figure.js';
import { initlabFigures } from './initlab.js';
import { tfjsFigures } from './tfjs.js';

/** Bad command line: one line on stderr, exit code 2. */
function usage(message: string): never {
  console.error(`bench: ${message}; usage: run.js [--json] [--only NAME]`);
  process.exit(2);
}

function parseArgs(argv: string[]): { json: boolean; only?: string } {
  let json = false;
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = true;
    else if (argv[i] === '--only' && i + 1 < argv.length) only = argv[++i];
    else usage(`unknown argument ${JSON.stringify(argv[i])}`);
  }
  return { json, only };
}

const time = (s: number): string => (s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1e3).toFixed(1)} ms`);

function rate(r: Result): string {
  if (r.gflops !== undefined) return `${r.gflops.toPrecision(3)} GF/s`;
  if (r.examples_per_s !== undefined) return `${r.examples_per_s.toPrecision(3)} ex/s`;
  const e = r.elements_per_s!;
  return e >= 1e9 ? `${(e / 1e9).toPrecision(3)} G/s` : `${(e / 1e6).toPrecision(3)} M/s`;
}

/** One row per figure name: each system's median time and rate, then initlab-wasm's speed-ups. */
function printTable(results: Result[], skipped: Map<string, string>): void {
  const names = [...new Set([...results.map((r) => r.name), ...[...skipped.keys()].map((k) => k.split('|')[0])])];
  const others: System[] = ['initlab-js', 'tfjs-cpu', 'tfjs-wasm'];
  const rows = [['figure', ...SYSTEMS, ...others.map((s) => `wasm vs ${s}`)]];
  const find = (name: string, system: System) => results.find((r) => r.name === name && r.system === system);
  for (const name of names) {
    const ours = find(name, 'initlab-wasm');
    rows.push([
      name,
      ...SYSTEMS.map((s) => {
        const r = find(name, s);
        return r ? `${time(r.median_s)} ${rate(r)}` : skipped.has(`${name}|${s}`) ? 'skipped' : '-';
      }),
      ...others.map((s) => {
        const r = find(name, s);
        return ours && r ? `${(r.median_s / ours.median_s).toFixed(2)}x` : '-';
      }),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  console.log('\nmedian of the timed runs after a warm-up; 4096x4096 float32 fills (TF.js allocates its result); "wasm vs X" > 1: initlab-wasm is faster');
  for (const [k, why] of skipped) console.log(`skipped ${k.replace('|', ' on ')}: ${why}`);
}

async function main(): Promise<void> {
  const { json, only } = parseArgs(process.argv.slice(2));
  const all: Figure[] = [...initlabFigures(), ...tfjsFigures()];
  const figures = all.filter((f) => only === undefined || f.name === only);
  if (figures.length === 0) usage(`no figure named ${JSON.stringify(only)} (names: ${[...new Set(all.map((f) => f.name))].join(', ')})`);
  const results: Result[] = [];
  const skipped = new Map<string, string>();
  for (const f of figures) {
    if (f.skip !== undefined) {
      skipped.set(`${f.name}|${f.system}`, f.skip);
      if (json) console.log(JSON.stringify({ name: f.name, system: f.system, skipped: f.skip }));
      continue;
    }
    const r = await measure(f);
    results.push(r);
    if (json) console.log(JSON.stringify(r));
    else process.stderr.write(`${f.name} ${f.system}: ${time(r.median_s)}\n`);
  }
  if (!json) printTable(results, skipped);
  process.exit(0); // worker threads and TF.js keep no work, but do not wait for their handles
}

await main();

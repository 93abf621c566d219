/**
 * `npm run bench [-- --json] [-- --only NAME]`: the pure-JS baseline of initlab's samplers, which
 * the kernels issue will speed up. Not a test: numbers depend on the machine and its load.
 *
 * Figures, each the median of several timed repetitions after one untimed warm-up:
 * - uniform, normal and truncated-normal (±2σ) fills of 4096×4096 float32, into one buffer reused
 *   across calls (`*-fill-4096`) and into a new Float32Array per call (`*-fill-4096-new`, which
 *   pays for the page faults of fresh memory; see shared/reference/performance.md);
 * - `orthogonal-1024`: `initializer('orthogonal')` on [1024, 1024] (a Householder QR).
 * Beside each fill, plain JavaScript on `Math.random()` in the same run, for ratios that survive
 * a change of machine: U(-1, 1) as `2·Math.random() − 1`, the Box–Muller normal, and a truncated
 * normal that redraws Box–Muller values outside ±2 (the usual JS approach).
 *
 * Output: a table, or with `--json` one JSON line per figure:
 * `{"name", "system": "initlab-js" | "js-math-random", "median_s", "elements_per_s", "reps", "elements"}`.
 * With `--expose-gc` (as `npm run bench` runs it) garbage is collected before every repetition,
 * outside the timed region.
 */
import { initializer } from '../src/init/initializer.js';
import { fillNormal, fillTruncatedNormal, fillUniform, keyFromSeed } from '../src/random/index.js';

type System = 'initlab-js' | 'js-math-random';

interface Figure {
  readonly name: string;
  readonly system: System;
  readonly elements: number;
  readonly reps: number;
  /** One timed call. */
  readonly run: () => void;
}

interface Result {
  readonly name: string;
  readonly system: System;
  readonly median_s: number;
  readonly elements_per_s: number;
  readonly reps: number;
  readonly elements: number;
}

const SIDE = 4096;
const N = SIDE * SIDE;
const FILL_REPS = 5;
const ORTHOGONAL_SIDE = 1024;
const ORTHOGONAL_REPS = 3;

const key = keyFromSeed(0);
const buffer = new Float32Array(N);

function mathRandomUniform(out: Float32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = 2 * Math.random() - 1;
}

function mathRandomNormal(out: Float32Array): void {
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - Math.random()));
    const theta = 2 * Math.PI * Math.random();
    out[i] = r * Math.cos(theta);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(theta);
  }
}

function mathRandomTruncatedNormal(out: Float32Array): void {
  for (let i = 0; i < out.length; i++) {
    let x: number;
    do {
      x = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
    } while (x < -2 || x > 2);
    out[i] = x;
  }
}

/** The fills, each into the shared buffer and into a new array, by initlab and by Math.random. */
function fillFigures(): Figure[] {
  const fills: [string, (out: Float32Array) => void, (out: Float32Array) => void][] = [
    ['uniform', (out) => fillUniform(key, out, { low: -1, high: 1 }), mathRandomUniform],
    ['normal', (out) => fillNormal(key, out), mathRandomNormal],
    ['truncnormal', (out) => fillTruncatedNormal(key, out, { low: -2, high: 2 }), mathRandomTruncatedNormal],
  ];
  const figures: Figure[] = [];
  for (const fresh of [false, true]) {
    for (const [kind, initlab, reference] of fills) {
      const name = `${kind}-fill-${SIDE}${fresh ? '-new' : ''}`;
      const target = fresh ? () => new Float32Array(N) : () => buffer;
      figures.push({ name, system: 'initlab-js', elements: N, reps: FILL_REPS, run: () => initlab(target()) });
      figures.push({ name, system: 'js-math-random', elements: N, reps: FILL_REPS, run: () => reference(target()) });
    }
  }
  return figures;
}

function orthogonalFigure(): Figure {
  const init = initializer('orthogonal');
  const shape = [ORTHOGONAL_SIDE, ORTHOGONAL_SIDE];
  return { name: `orthogonal-${ORTHOGONAL_SIDE}`, system: 'initlab-js', elements: ORTHOGONAL_SIDE ** 2, reps: ORTHOGONAL_REPS, run: () => void init(key, shape) };
}

const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function measure(f: Figure): Result {
  collect();
  f.run(); // warm-up: compiles the loops, touches the buffer
  const times: number[] = [];
  for (let r = 0; r < f.reps; r++) {
    collect();
    const start = process.hrtime.bigint();
    f.run();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  const median_s = median(times);
  return { name: f.name, system: f.system, median_s, elements_per_s: f.elements / median_s, reps: f.reps, elements: f.elements };
}

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
const rate = (r: number): string => `${(r / 1e6).toPrecision(3)} M/s`;

/** One row per name: initlab's median and rate, Math.random's, and their ratio. */
function printTable(results: Result[]): void {
  const names = [...new Set(results.map((r) => r.name))];
  const rows = [['figure', 'initlab-js', 'elements/s', 'js-math-random', 'elements/s', 'speed vs js']];
  for (const name of names) {
    const ours = results.find((r) => r.name === name && r.system === 'initlab-js');
    const ref = results.find((r) => r.name === name && r.system === 'js-math-random');
    rows.push([
      name,
      ours ? time(ours.median_s) : '-',
      ours ? rate(ours.elements_per_s) : '-',
      ref ? time(ref.median_s) : '-',
      ref ? rate(ref.elements_per_s) : '-',
      ours && ref ? `${(ref.median_s / ours.median_s).toFixed(2)}x` : '-',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  console.log(`\nmedian of ${FILL_REPS} (fills) or ${ORTHOGONAL_REPS} (orthogonal) runs after a warm-up; ${SIDE}x${SIDE} float32; speed vs js > 1: initlab faster than Math.random`);
}

function main(): void {
  const { json, only } = parseArgs(process.argv.slice(2));
  const all = [...fillFigures(), orthogonalFigure()];
  const figures = all.filter((f) => only === undefined || f.name === only);
  if (figures.length === 0) usage(`no figure named ${JSON.stringify(only)} (names: ${[...new Set(all.map((f) => f.name))].join(', ')})`);
  const results: Result[] = [];
  for (const f of figures) {
    const r = measure(f);
    results.push(r);
    if (json) console.log(JSON.stringify(r));
  }
  if (!json) printTable(results);
}

main();

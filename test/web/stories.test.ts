// The guided stories' claims, checked in the Node lab with the exact settings each scene applies
// (its query read by the page's own state parser, web/state.ts), and the playground scenes with
// the training session the playground runs.
import { describe, expect, it } from 'vitest';
import { propagate, type LabResult } from '../../src/lab/index.js';
import { createSession } from '../../src/train/session.js';
import { parsePlaygroundQuery, sessionConfig } from '../../web/playground/config.js';
import { scene, SCENES, STANDARD_INIT, type Scene } from '../../web/stories/scenes.js';
import { renderTex } from '../../web/stories/tex.js';
import { parseState, stateFromQuery } from '../../web/state.js';

const runs = new Map<string, LabResult>();

/** The lab's result for a page query (each query runs once). */
function lab(query: string): LabResult {
  const done = runs.get(query);
  if (done !== undefined) return done;
  const parsed = parseState(stateFromQuery(query));
  if (!('run' in parsed)) throw new Error(`${query}: ${parsed.errors.map((e) => e.message).join('; ')}`);
  const result = propagate(parsed.run.config, { seeds: parsed.run.seeds });
  runs.set(query, result);
  return result;
}

/** The query with some settings changed. */
function override(query: string, settings: Record<string, string>): string {
  const params = new URLSearchParams(query);
  for (const [k, v] of Object.entries(settings)) params.set(k, v);
  return params.toString();
}

const get = (id: string): Scene => scene(id) ?? expect.fail(`no scene ${id}`);
/** Run i of a compare scene. */
const compareRun = (id: string, i: number) => lab(get(id).queries![i]);
/** A measured variance (NaN when the lab has none, which fails every comparison). */
const variance = (stats: { readonly variance: number | null } | null | undefined) => stats?.variance ?? NaN;
const preVar = (r: LabResult, l: number) => variance(r.layers[l - 1].preact);
const actVar = (r: LabResult, l: number) => variance(r.layers[l - 1].act);
const gradVar = (r: LabResult, l: number) => variance(r.layers[l - 1].preactGrad);
/** Within a factor f of the target. */
const near = (value: number, target: number, f: number) => {
  expect(value).toBeGreaterThan(target / f);
  expect(value).toBeLessThan(target * f);
};

describe('guided stories: the scenes as data', () => {
  it('have unique ids, text, formulas KaTeX renders, and settings of their kind', () => {
    expect(new Set(SCENES.map((s) => s.id)).size).toBe(SCENES.length);
    for (const s of SCENES) {
      expect(s.text.length, s.id).toBeGreaterThan(100);
      expect(s.formulas.length, s.id).toBeGreaterThan(0);
      for (const f of s.formulas) {
        const html = renderTex(f);
        expect(html, f).toMatch(/^<span class="katex"><math/);
        expect(html, f).not.toMatch(/katex-error/);
      }
      if (s.kind === 'propagate') expect(parseState(stateFromQuery(s.query!))).toHaveProperty('run');
      if (s.kind === 'compare') {
        expect(s.queries!.length).toBeGreaterThan(1);
        expect(s.queries!.length).toBeLessThanOrEqual(4);
        for (const q of s.queries!) expect(parseState(stateFromQuery(q)), q).toHaveProperty('run');
      }
      if (s.kind === 'playground') expect(() => parsePlaygroundQuery(s.playground!)).not.toThrow();
    }
  });
  it('write queries with the CLI flag names the page reads back', () => {
    expect(get('he-relu').queries![1]).toBe('depth=100&width=512&activation=relu&init=he_normal&seed=0&batch=128&backward=1');
    expect(stateFromQuery(get('glorot-compromise').queries![0]).init).toBe(STANDARD_INIT);
  });
});

describe('guided stories: the claims hold in the lab', () => {
  it('variance-product: 20 linear layers of 256 with N(0, 0.05²) scale the variance by 0.64^20 forward and backward', () => {
    const r = lab(get('variance-product').query!);
    const factor = 0.64 ** 20; // 1.3e-4
    near(preVar(r, 20), factor, 1.5); // measured 1.2e-4 ("1.2·10⁻⁴")
    near(variance(r.inputGrad.measured) / gradVar(r, 20), factor, 1.5);
    // std = 1/√256 keeps it.
    const kept = lab(override(get('variance-product').query!, { init: 'normal(std=0.0625)' }));
    near(preVar(kept, 20), 1, 2);
  });

  it('float32-overflow: N(0, 1) weights in a linear network of 512 overflow float32 at layer 28, not float64 by layer 40', () => {
    const q = get('float32-overflow').query!;
    const r = lab(q);
    expect(r.events[0]).toMatchObject({ kind: 'overflow', layer: 28, pass: 'forward' });
    near(Math.sqrt(512) ** 28, 8.5e37, 1.01);
    // Any batch shows it; a small one keeps float64 (the JavaScript reference) quick.
    expect(lab(override(q, { dtype: 'float64', batch: '16', backward: '0' })).events).toEqual([]);
  });

  it('glorot-compromise: standard init vanishes in tanh (activations and gradients), weight gradients stay level; Glorot decays slowly', () => {
    const standard = compareRun('glorot-compromise', 0);
    expect(standard.summary.sigmaW2 ?? NaN).toBeCloseTo(1 / 3, 4);
    near(actVar(standard, 10), 1e-5, 3); // "about 10⁻⁵ by layer 10"
    near(actVar(standard, 100), 1e-48, 10); // "10⁻⁴⁸ by layer 100"
    near(gradVar(standard, 1) / gradVar(standard, 100), 1e-48, 10); // "10⁻⁴⁸ of the one at the top"
    const wg = standard.layers.map((l) => variance(l.weightGrad));
    expect(Math.max(...wg) / Math.min(...wg)).toBeLessThan(1.5); // "about the same variance in every layer"
    const glorot = compareRun('glorot-compromise', 1);
    near(actVar(glorot, 100), 0.006, 1.25); // "0.006 at layer 100"
    near(gradVar(glorot, 1) / gradVar(glorot, 100), 0.01, 1.5); // "still about 1%"
  });

  it("he-relu: ReLU with Glorot's variance halves it per layer (2^-99 at layer 100); He's keeps it between 1.4 and 5", () => {
    const glorot = compareRun('he-relu', 0);
    near(glorot.layers[99].theory?.preactVariance ?? NaN, 2 ** -99, 1.05); // "1.6·10⁻³⁰ predicted"
    near(preVar(glorot, 100), 4e-30, 1.25); // "4·10⁻³⁰ measured"
    expect(gradVar(glorot, 1) / gradVar(glorot, 100)).toBeLessThan(1e-29); // "the gradient reaching layer 1 is as small"
    const he = compareRun('he-relu', 1);
    const v = he.layers.map((l) => variance(l.preact));
    expect(Math.min(...v)).toBeGreaterThan(1.4);
    expect(Math.max(...v)).toBeLessThan(5.1);
    expect(he.layers[99].theory?.preactVariance ?? NaN).toBeCloseTo(2, 1); // "near 2"
  });

  it('three-stories: tanh + Glorot decays like 1/l (0.005 at layer 100); ReLU + Glorot at 10^-30; ReLU + He of order 1', () => {
    const tanh = compareRun('three-stories', 0);
    near(actVar(tanh, 100), 0.005, 1.25);
    near((100 * actVar(tanh, 100)) / (10 * actVar(tanh, 10)), 1, 1.25);
    near(actVar(compareRun('three-stories', 1), 100), 1e-30, 3);
    for (const l of compareRun('three-stories', 2).layers) near(variance(l.act), 1, 3);
  });
});

describe('guided stories: the training scenes in the playground session', () => {
  it('zero-symmetry: zeros and a constant keep one distinct unit per layer at chance; Glorot uniform separates the circles', () => {
    const base = parsePlaygroundQuery(get('zero-symmetry').playground!);
    for (const init of ['zeros', 'constant(value=0.1)']) {
      const s = createSession(sessionConfig({ ...base, init }));
      for (let i = 0; i < 4; i++) {
        const snap = s.step(250);
        expect(snap.distinctUnits, init).toEqual([1, 1, 1]);
        if (init === 'zeros') expect(snap.testError).toBe(0.5); // "stays at 50%"
        else expect(snap.testError, init).toBeGreaterThan(0.35); // "near chance"
      }
      if (init === 'zeros') expect(s.model.weights[0].every((w) => w === 0)).toBe(true); // "do not even move"
      else expect(s.model.weights[0][0]).not.toBeCloseTo(0.1, 4);
    }
    const glorot = createSession(sessionConfig({ ...base, init: 'glorot_uniform' }));
    expect(glorot.step(1).distinctUnits).toEqual([16, 16, 16]);
    expect(glorot.step(499).testError).toBeLessThan(0.05); // "in a few hundred"
  });

  it("deep-stall: 30 ReLU layers with Glorot's init start with a first-layer gradient near 1e-7 and stay at ln 2; He's learns", () => {
    const base = parsePlaygroundQuery(get('deep-stall').playground!);
    const stalled = createSession(sessionConfig(base));
    near(stalled.snapshot().layers[0].weightGradStd, 1e-7, 5);
    const after = stalled.step(1000);
    expect(Math.abs(after.loss - Math.LN2)).toBeLessThan(0.01);
    expect(after.testError).toBeGreaterThan(0.4);
    const he = createSession(sessionConfig({ ...base, init: 'he_normal' }));
    expect(he.step(1000).testError).toBeLessThan(0.05); // "within about a thousand updates"
  });
});

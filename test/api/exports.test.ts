/**
 * The package as a user installs it: a scratch project whose node_modules/initlab is this
 * repository, importing the root and every documented subpath by name through package.json's
 * `exports` (so the built dist/ is what runs: `npm test` builds it first, or
 * `npx tsc -p tsconfig.build.json`). Each subpath exports exactly what its source module does,
 * the entry points run, `require` works where Node has require(esm), deep imports stay closed,
 * and the types resolve under `nodenext` and `bundler`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Each documented subpath and the source module it is built from. */
const SUBPATHS: Record<string, string> = {
  initlab: 'src/index.ts',
  'initlab/random': 'src/random/index.ts',
  'initlab/lab': 'src/lab/index.ts',
  'initlab/theory': 'src/lab/theory/index.ts',
  'initlab/train': 'src/train/index.ts',
};

let project: string;

beforeAll(() => {
  if (!existsSync(join(repo, 'dist/index.js'))) throw new Error('dist/ is missing: build it first (npx tsc -p tsconfig.build.json; npm test does)');
  project = mkdtempSync(join(tmpdir(), 'initlab-api-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(repo, join(project, 'node_modules/initlab'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Runs `code` as a file of the scratch project (`.mjs` or `.cjs`) and parses the JSON it prints. */
function runIn(name: string, code: string): any {
  writeFileSync(join(project, name), code);
  return JSON.parse(execFileSync(process.execPath, [name], { cwd: project, encoding: 'utf8' }));
}

const keysOf = (m: object) => Object.keys(m).sort();

describe('import by package name', () => {
  it('each subpath exports what its source module exports (dist is built and current)', async () => {
    const built = runIn('keys.mjs', `
      const out = {};
      for (const name of ${JSON.stringify(Object.keys(SUBPATHS))}) out[name] = Object.keys(await import(name)).sort();
      console.log(JSON.stringify(out));`);
    for (const [name, source] of Object.entries(SUBPATHS)) {
      expect(built[name], `${name} (from ${source}; rebuild dist/ if it differs)`).toEqual(keysOf(await import(join(repo, source))));
    }
  });

  it('the root holds the entry points of the library, the lab, the theory and the trainer', () => {
    const built = runIn('root.mjs', `
      import * as root from 'initlab';
      console.log(JSON.stringify(Object.keys(root)));`);
    for (const name of ['initializer', 'keyFromSeed', 'foldIn', 'propagate', 'resolveConfig', 'meanField', 'criticalSigmaW2', 'predictLayers', 'train', 'createModel', 'activation']) {
      expect(built).toContain(name);
    }
  });

  it('the entry points run: propagate, meanField and train with its { result, model }', () => {
    const out = runIn('run.mjs', `
      import { propagate, meanField, activation, train } from 'initlab';
      import { criticalSigmaW2 } from 'initlab/theory';
      import { modelTensors } from 'initlab/train';
      const lab = propagate({ depth: 3, width: 8, batch: 4, activation: 'tanh', init: 'glorot_normal', backward: true });
      const mf = meanField(activation('relu'), 2, 0);
      const { result, model } = train({ data: 'circles', depth: 1, width: 4, activation: 'tanh', init: 'glorot_uniform', updates: 4, trainSize: 40, validationSize: 20, testSize: 20, monitorSize: 0 });
      console.log(JSON.stringify({
        layers: lab.layers.length, grad: lab.layers[0].grad !== null, verdict: lab.summary.verdict,
        chi1: mf.chi1, critical: criticalSigmaW2(activation('relu'), 0),
        updates: result.config.updates, final: Object.keys(result.final), tensors: Object.keys(modelTensors(model)),
      }));`);
    expect(out).toMatchObject({ layers: 3, grad: true, updates: 4, tensors: ['layer1/weight', 'layer1/bias', 'layer2/weight', 'layer2/bias'] });
    expect(['ordered', 'critical', 'chaotic']).toContain(out.verdict);
    // ReLU: χ₁ = σ_w²/2, so σ_w² = 2 is the critical point (He et al. 2015).
    expect(out.chi1).toBeCloseTo(1, 10);
    expect(out.critical).toBeCloseTo(2, 6);
    expect(out.final).toEqual(expect.arrayContaining(['loss', 'testError']));
  });

  it('files inside the package are not importable: only the documented subpaths are', () => {
    writeFileSync(join(project, 'deep.mjs'), "await import('initlab/dist/lab/propagate.js');");
    const r = spawnSync(process.execPath, ['deep.mjs'], { cwd: project, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});

describe('require from CommonJS', () => {
  // Node 20.19+ and 22.12+ load an ES module with require() (process.features.require_module);
  // older ones refuse every ES module with ERR_REQUIRE_ESM, which the test then expects.
  const supported = (process.features as { require_module?: boolean }).require_module === true;

  it(supported ? 'require() gives the same exports as import for every subpath' : 'require() fails with ERR_REQUIRE_ESM', () => {
    const out = runIn('required.cjs', `
      const out = {};
      for (const name of ${JSON.stringify(Object.keys(SUBPATHS))}) {
        try { out[name] = Object.keys(require(name)).sort(); } catch (e) { out[name] = e.code; }
      }
      console.log(JSON.stringify(out));`);
    const imported = runIn('imported.mjs', `
      const out = {};
      for (const name of ${JSON.stringify(Object.keys(SUBPATHS))}) out[name] = Object.keys(await import(name)).sort();
      console.log(JSON.stringify(out));`);
    for (const name of Object.keys(SUBPATHS)) {
      // require() of an ES module adds the namespace's __esModule marker.
      if (supported) expect(out[name].filter((k: string) => k !== '__esModule')).toEqual(imported[name]);
      else expect(out[name]).toBe('ERR_REQUIRE_ESM');
    }
  });
});

describe('types', () => {
  const consumer = `
    import { propagate, meanField, activation, train, type LabResult, type MeanField, type TrainOutcome } from 'initlab';
    import { runExperiment, type ExperimentResult } from 'initlab/lab';
    import { criticalSigmaW2, type Verdict } from 'initlab/theory';
    import { createModel, type Model, type TrainResult } from 'initlab/train';
    import { keyFromSeed, type Key } from 'initlab/random';

    const lab: LabResult = propagate({ depth: 2, width: 4, activation: 'tanh', init: 'glorot_normal' });
    const theory: MeanField = meanField(activation('tanh'), 1, 0);
    const verdict: Verdict = theory.verdict;
    const { result, model }: TrainOutcome = train({ data: 'circles', depth: 1, width: 4, activation: 'tanh', init: 'zeros' });
    const r: TrainResult = result;
    const m: Model = model;
    const critical: number | null = criticalSigmaW2(activation('relu'), 0);
    const key: Key = keyFromSeed(0);
    export const used = [lab, verdict, r, m, critical, key, createModel, runExperiment as (...a: never[]) => ExperimentResult];
    // The types are real, not any: a wrong use is an error.
    // @ts-expect-error verdict is 'ordered' | 'critical' | 'chaotic'
    export const wrong: number = theory.verdict;
  `;

  it.each([
    ['nodenext', ['--module', 'nodenext', '--moduleResolution', 'nodenext'], 'consumer.mts'],
    ['bundler', ['--module', 'esnext', '--moduleResolution', 'bundler'], 'consumer.ts'],
  ])('resolve under moduleResolution %s', (_mode, flags, file) => {
    writeFileSync(join(project, file), consumer);
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--types', 'node', '--typeRoots', join(repo, 'node_modules/@types'), ...flags, file], { cwd: project, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

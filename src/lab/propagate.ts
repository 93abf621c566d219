/**
 * One lab experiment: build the network, run it for one or several seeds forward (and backward),
 * and put the mean-field theory beside every measurement.
 *
 * @example
 * const r = propagate({ depth: 20, width: 256, batch: 64, activation: 'tanh', init: 'glorot_normal' });
 * r.layers[9].act?.variance;           // measured Var[x^10]
 * r.layers[9].theory?.actVariance;     // its mean-field prediction
 * r.summary.verdict;                   // 'ordered'
 */
import { keyFromSeed } from '../random/key.js';
import { integer } from '../validate.js';
import { backward } from './backward.js';
import { resolveConfig, type LabConfig, type ResolvedConfig } from './config.js';
import { forward } from './forward.js';
import { makeInput, type Input } from './input.js';
import { buildNetwork, type Network } from './network.js';
import { topGradient } from './loss.js';
import { aggregateLayers, aggregateStats } from './seeds.js';
import type { ArrayStats } from './arrayStats.js';
import { engineFor, type Engine } from './engine.js';
import { meanField } from './theory/summary.js';
import { predictLayers, type LayerTheory } from './theory/layers.js';
import { overflowLayer } from './theory/overflow.js';
import type { LabEvent, LayerRecord, RunResult, RunSummary } from './types.js';

export interface PropagateOptions {
  /** Independent networks, seeds config.seed, config.seed + 1, ... (default 1). */
  readonly seeds?: number;
  /** Called after every layer of every pass: done and total layer passes. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called after every layer of every pass with that seed's records so far, filled in place
   * (forward fills `preact` and `act` from layer 1 up, backward `grad`, `preactGrad` and
   * `weightGrad` from the top down; no theory yet). The explorer streams these to the page.
   */
  readonly onLayer?: (seed: number, layers: readonly LayerRecord[]) => void;
}

/** The JSON-able configuration: a fixed input batch appears as its description. */
export type ConfigRecord = Omit<ResolvedConfig, 'input'> & { readonly input: unknown; readonly seeds: number };

export interface LabResult {
  readonly config: ConfigRecord;
  /** Each layer's weight law in words, and the input's. */
  readonly network: { readonly sizes: readonly number[]; readonly weightLaw: readonly string[]; readonly input: string };
  /**
   * ∂ℓ/∂x⁰ at the network's input (the seeds' "var(grad in)" of layer 1; their layer l > 1 is this
   * result's `grad` of layer l - 1), measured (median with several seeds) and predicted.
   */
  readonly inputGrad: { readonly measured: ArrayStats | null; readonly theoryVariance: number | null };
  /** One run's layers, or with several seeds the medians and bands. */
  readonly layers: LayerRecord[];
  readonly summary: RunSummary;
  readonly events: LabEvent[];
  /** Each seed's run (only with several seeds). */
  readonly runs?: RunResult[];
  readonly notes: string[];
}

/** The run of one seed; its layers carry no theory (the result's layers do). */
function runOnce(net: Network, seed: number, onLayer: (seed: number, layers: readonly LayerRecord[]) => void): { run: RunResult; input: Input } {
  const engine = engineFor(net);
  return engine.session(() => runWith(net, engine, seed, onLayer));
}

function runWith(net: Network, engine: Engine, seed: number, onLayer: (seed: number, layers: readonly LayerRecord[]) => void): { run: RunResult; input: Input } {
  const { config } = net;
  const root = keyFromSeed(seed);
  const input = makeInput(config, root);
  const layers: LayerRecord[] = config.widths.map((width, i) => ({
    index: i + 1, width, preact: null, act: null, grad: null, preactGrad: null, weightGrad: null, jacobian: null, theory: null,
  }));
  const events: LabEvent[] = [];
  const progress = () => onLayer(seed, layers);
  const x0 = engine.adopt(input.data);
  const fwd = forward(net, engine, root, x0, layers, progress);
  let loss: number | undefined;
  let topGradSecondMoment: number | undefined;
  let inputGrad: ArrayStats | null = null;
  if (fwd.event) events.push(fwd.event);
  if (config.backward && fwd.top !== undefined) {
    const top = topGradient(config.loss, fwd.top, config.batch, config.widths[config.depth - 1], config.dtype, root, input.labels);
    loss = top.loss;
    let m2 = 0;
    for (const v of top.grad) m2 += v * v;
    topGradSecondMoment = m2 / top.grad.length;
    const back = backward(net, engine, x0, fwd.preacts, fwd.weights, engine.adopt(top.grad), layers, progress);
    if (back.event) events.push(back.event);
    if (back.inputGrad) inputGrad = engine.stats(back.inputGrad, { bins: config.bins });
  }
  const run: RunResult = {
    seed, layers, events, inputGrad,
    ...(loss === undefined ? {} : { loss }),
    ...(topGradSecondMoment === undefined ? {} : { topGradSecondMoment }),
  };
  return { run, input };
}

const NO_THEORY = 'the weights have a nonzero mean; the mean-field theory assumes zero-mean weights';

/**
 * The infinite-depth summary at the deepest layer's σ_w² and σ_b², the length orbit started at
 * layer 1's q; with LSUV at the deepest layer's q, which the calibration holds near 1 (with zero
 * biases the calibrated σ_w² = 1 / E[φ(z)²], z ~ N(0, 1), makes q = 1 the map's fixed point).
 */
function summaryOf(net: Network, theory: readonly LayerTheory[] | null): RunSummary {
  if (theory === null) {
    return { sigmaW2: null, sigmaB2: null, qStar: null, marginal: false, chi1: null, cStar: null, chiC: null, xiQ: null, xiC: null, verdict: null, overflowLayer: null, note: NO_THEORY };
  }
  const { batch, dtype } = net.config;
  const overflow = overflowLayer(theory.map((t) => t.preactVariance + t.preactMean ** 2), batch * Math.max(...net.config.widths), dtype);
  const last = net.laws[net.laws.length - 1];
  const top = theory[theory.length - 1];
  const start = net.lsuv === undefined ? theory[0] : top;
  const sigmaB2 = last.biasVariance + last.biasMean ** 2;
  const mf = meanField(net.phi, top.sigmaW2, sigmaB2, start.preactVariance + start.preactMean ** 2);
  return {
    sigmaW2: top.sigmaW2, sigmaB2, qStar: mf.qStar, marginal: mf.marginal, chi1: mf.chi1, cStar: mf.cStar, chiC: mf.chiC, xiQ: mf.xiQ, xiC: mf.xiC,
    verdict: mf.verdict, overflowLayer: overflow,
  };
}

function configRecord(config: ResolvedConfig, input: Input, seeds: number): ConfigRecord {
  return { ...config, input: typeof config.input === 'object' && 'data' in config.input ? input.description : config.input, seeds };
}

/** What LSUV did to the measured network, and what the theory beside it is. */
function lsuvNote(net: Network, run: RunResult, theory: readonly LayerTheory[] | null): string {
  const done = run.layers.filter((l) => l.lsuv !== undefined);
  const iterations = done.map((l) => l.lsuv!.iterations);
  const worst = Math.max(...done.map((l) => Math.abs(l.lsuv!.variance - 1)));
  const measured = done.map((l) => net.laws[l.index - 1].nIn * net.laws[l.index - 1].weightVariance * l.lsuv!.scale ** 2);
  const range = (xs: readonly number[]) => `${Math.min(...xs).toPrecision(4)}-${Math.max(...xs).toPrecision(4)}`;
  const head = `LSUV: orthogonal weights rescaled on the input batch, ${Math.min(...iterations)}-${Math.max(...iterations)} iterations per layer, `
    + `largest |Var(z) - 1| after calibration ${worst.toPrecision(2)}, calibrated σw² ${range(measured)}`;
  if (theory === null) return head;
  return `${head}; the theory calibrates its own network by the same rule (σw² ${range(theory.map((t) => t.sigmaW2))}), `
    + 'so its Var(z) is near 1 at every layer by construction, and the summary is the phase of the deepest layer\'s calibrated σw²';
}

/** Runs the experiment; blow-ups are reported as events, never thrown. */
export function propagate(config: LabConfig, options: PropagateOptions = {}): LabResult {
  const resolved = resolveConfig(config);
  const seeds = integer('seeds', options.seeds ?? 1, 1, 10_000);
  const net = buildNetwork(resolved);
  const total = seeds * resolved.depth * (resolved.backward ? 2 : 1);
  let done = 0;
  const progress = (seed: number, layers: readonly LayerRecord[]) => {
    options.onProgress?.(++done, total);
    options.onLayer?.(seed, layers);
  };
  const runs: RunResult[] = [];
  let first: Input | undefined;
  for (let s = 0; s < seeds; s++) {
    const { run, input } = runOnce(net, resolved.seed + s, progress);
    runs.push(run);
    first ??= input;
  }
  const input = first!;
  const topGrad = resolved.loss === 'none' ? 1 : (runs[0].topGradSecondMoment ?? 1);
  const theory = predictLayers(net.phi, net.laws, input.moments, topGrad, net.lsuv);
  const withTheory = (layers: readonly LayerRecord[]) => layers.map((l, i) => ({ ...l, theory: theory?.[i] ?? null }));
  const layers = seeds === 1 ? withTheory(runs[0].layers) : aggregateLayers(runs.map((r) => r.layers), withTheory(runs[0].layers));
  const events = seeds === 1 ? runs[0].events : runs.flatMap((r) => r.events.map((e) => ({ ...e, seed: r.seed })));
  const ratio = resolved.depth / Math.min(...resolved.widths);
  const notes: string[] = [];
  if (ratio > 0.1) {
    notes.push(seeds === 1
      ? `depth/width = ${ratio.toPrecision(2)} > 0.1: single runs spread widely at this depth (Hanin & Rolnick 2018); use several seeds and compare medians`
      : `depth/width = ${ratio.toPrecision(2)} > 0.1: runs spread widely at this depth; layers hold medians over ${seeds} seeds with 10-90% bands`);
  }
  if (theory === null) notes.push(`no mean-field theory: ${NO_THEORY}`);
  if (net.lsuv !== undefined) notes.push(lsuvNote(net, runs[0], theory));
  return {
    config: configRecord(resolved, input, seeds),
    network: { sizes: net.sizes, weightLaw: net.weightLaw, input: input.description },
    inputGrad: {
      measured: seeds === 1 ? runs[0].inputGrad : aggregateStats(runs.map((r) => r.inputGrad).filter((g): g is ArrayStats => g !== null)),
      theoryVariance: theory === null || !resolved.backward ? null : theory[0].backwardFactor * theory[0].preactGradVariance,
    },
    layers,
    summary: summaryOf(net, theory),
    events,
    ...(seeds === 1 ? {} : { runs }),
    notes,
  };
}

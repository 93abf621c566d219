/**
 * initlab's chart views: pure functions from lab and training results to Vega-Lite specs, the same
 * in the HTML reports and in the browser page (no Node import anywhere below this folder).
 *
 * Every view returns a Vega-Lite `TopLevelSpec`. A view that has nothing it may draw (all values
 * exactly 0 on a log scale, no data yet) returns a small text spec stating the fact, and
 * `factOf(spec)` gives that sentence (undefined for a chart). Results may be partial: a run with
 * fewer layers than its depth (streaming in), or stats that are still null.
 *
 *   type ViewRun = { label: string; result: ViewResult; colour?: string; family?: string }
 *     ViewResult: a LabResult or a partial one ({ config: { depth, init, ... }, layers, events, runs? })
 *
 *   depthView(runs: ViewRun[], { quantity: 'preact'|'act'|'grad'|'preactGrad'|'weightGrad',
 *             statistic?: 'variance'|'mean', theory?: boolean, title?, width?, height? }): TopLevelSpec
 *     measured solid, mean-field theory dashed, median + 10-90% band with several seeds,
 *     blow-ups as labelled markers ("overflow at layer 28") that end their line.
 *   histogramView(runs, { tensor, layers: number[], columns?, title?, width?, height? }): TopLevelSpec
 *     small multiples, one panel per layer (Glorot & Bengio Figs 6-7).
 *   histogramLayerView(runs, { tensor, layer: number, title?, width?, height? }): TopLevelSpec
 *     one layer, for a layer slider.
 *   phaseDiagram(phi: Activation, { sigmaW2: [lo, hi], sigmaB2: [lo, hi], nw?, nb?, cap? }): PhaseDiagram
 *   phaseWindow(phi, points): { sigmaW2, sigmaB2 }   (re-exported from src/lab/theory/phase.ts)
 *   phaseView(diagram: PhaseDiagram, { points?: { sigmaW2, sigmaB2, label }[], title?, width?, height? }): TopLevelSpec
 *     ξ_c heat map, critical line, points; cells carry sigmaW2/sigmaB2; selection param `pick`
 *     (fields sigmaW2, sigmaB2) on click; Vega scales `x` and `y` invert pixel positions.
 *   trainingCurveView(runs: CurveRun[], { quantity: 'loss'|'testError'|'weightGradNorm', ... }): TopLevelSpec
 *   trainingLayersView(run: CurveRun, { statistic: 'activations'|'weightGradStd', layers?, ... }): TopLevelSpec
 *     CurveRun = { label, curve: CurvePoint[], init?, family?, colour? }
 *   logDomain(values, focus?): the zeros-on-log rule every log view uses.
 *   initFamily(init), runColours(families): the colour-blind-safe palette by initializer family.
 *   renderSvg(spec): Promise<string>   the SVG text of a spec (vega View.toSVG; Node and browser).
 */
export { depthView, depthTitle, QUANTITY, type DepthQuantity, type DepthStatistic, type DepthViewOptions } from './depth.js';
export { histogramView, histogramLayerView, type HistogramViewOptions, type HistogramLayerOptions } from './histogram.js';
export { phaseView, type PhasePointLabel, type PhaseViewOptions } from './phase.js';
export { phaseDiagram, phaseWindow, type PhaseDiagram, type PhaseCell, type PhaseWindow } from '../../lab/theory/phase.js';
export { trainingCurveView, trainingLayersView, type CurveRun, type CurveQuantity, type LayerStatistic } from './training.js';
export { factOf, factSpec, legendOf, type LegendEntry, type ViewResult, type ViewRun, type ViewSize } from './common.js';
export { LOG_LABEL, LOG_LIMITS, logDomain, linearDomain, type LogDomain } from './logScale.js';
export { initFamily, runColours } from './palette.js';
export { renderSvg } from '../svg.js';

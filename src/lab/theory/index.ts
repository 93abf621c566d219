/** Mean-field theory of deep random networks: maps, fixed points, depth scales, the edge of chaos, per-layer predictions. */
export { chi1, chiC, cMap, gaussianMoments, qMap, qSlope, type GaussianMoments } from './maps.js';
export { fixedPointC, fixedPointQ, isMarginal, type QOrbit } from './fixedPoints.js';
export { CRITICAL_TOL, depthScale, meanField, verdictOf, type MeanField, type Verdict } from './summary.js';
export { chi1AtFixedPoint, criticalLine, criticalSigmaW2, type CriticalPoint } from './critical.js';
export { predictLayers, type InputMoments, type LayerLaw, type LayerTheory } from './layers.js';
export { bracketRoot } from './solve.js';
export { exceedProbability, MAX_FINITE, overflowLayer } from './overflow.js';

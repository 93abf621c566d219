/** Sample statistics for checking initializers: moments, quantiles, histograms, KS tests. */
export { countNonFinite, quantiles, summarize, type Summary } from './moments.js';
export { histogram, type Histogram, type HistogramOptions } from './histogram.js';
export { kolmogorovCdfExact, kolmogorovSf, ksPValue, ksStatistic, ksTest, smirnovSf, type KSResult } from './ks.js';

/**
 * Fan-in and fan-out of weight shapes: semantic layouts and explicit axes (`computeFans`,
 * `convFans`, `expertFans`), and each framework's own rule for parity (`torchFans`, `kerasFans`,
 * `tfjsFans`, `jaxFans`, `caffeFans`). All of them go through one axis-product routine.
 */
export { type Axes, type Fans, axisFans, axisProduct, normalizeAxes } from './fans/axes.js';
export { LAYOUTS, LAYOUT_RULES, type Layout, type LayoutRule, describeLayout } from './fans/layouts.js';
export { type FanOptions, computeFans } from './fans/compute.js';
export { caffeFans, jaxFans, kerasFans, tfjsFans, torchFans } from './fans/frameworks.js';
export { type ConvSpec, convFans, expertFans } from './fans/semantic.js';

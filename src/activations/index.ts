/** Activation functions shared by gains, the mean-field theory and the lab. */
export type { Activation, Saturation } from './types.js';
export { ACTIVATION_NAMES, activation } from './registry.js';
export { custom } from './custom.js';

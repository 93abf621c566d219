/**
 * `initlab/tfjs`: initlab's initializers inside TensorFlow.js (an optional peer dependency).
 *
 *   import * as tf from '@tensorflow/tfjs';
 *   import { initializeModel, formatInitReport, tfjsInitializer } from 'initlab/tfjs';
 *   const report = initializeModel(model, { seed: 0, defaults: 'torch' });   // PyTorch's layer defaults on a TF.js model
 *   console.log(formatInitReport(report));
 *   tf.layers.dense({ units: 64, kernelInitializer: tfjsInitializer('he_normal', { seed: 0, layout: 'io' }) });
 *
 * Only this subpath imports TF.js; the rest of initlab never does.
 */
export { tfjsInitializer, InitlabInitializer, type TfInitializer, type TfjsInitializerOptions, type TfjsInitializerConfig } from './initializer.js';
export { initializeModel, formatInitReport, type InitRule, type RuleMatch, type InitializeModelOptions, type InitReportRow } from './model.js';
export { DEFAULTS, LAYER_KINDS, defaultPlan, weightLayout, type DefaultsName, type WeightPlan, type WeightSite } from './defaults.js';

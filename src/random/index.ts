/** Counter-based random streams: keys, Philox-4x32-10 and bulk samplers into typed arrays. */
export { philox4x32, philoxBlocks } from './philox.js';
export { type Key, keyFromSeed, foldIn, split, keyToString, isKey } from './key.js';
export { fillUniform, fillUniformF32At, type UniformOptions } from './uniform.js';
export { fillNormal, fillNormalF32At, type NormalOptions } from './normal.js';
export { fillTruncatedNormal, fillTruncatedNormalF32At, type TruncatedNormalOptions } from './truncatedNormal.js';
export { fillBernoulli } from './bernoulli.js';
export { permutation } from './permutation.js';

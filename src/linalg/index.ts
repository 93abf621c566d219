/** Dense linear algebra: Householder QR, the Haar-orthogonal sampler, matrix products (wasm sgemm for float32), symmetric eigenvalues. */
export { haarOrthogonal, qr, type QR } from './qr.js';
export { haarOrthogonalF32 } from './haarF32.js';
export { matmul, matmulTransA, matmulTransB } from './products.js';
export { type Like } from './matmul.js';
export { symmetricEigenvalues } from './eigenvalues.js';

/** Dense linear algebra in plain JS: Householder QR, the Haar-orthogonal sampler, reference products. */
export { haarOrthogonal, qr, type QR } from './qr.js';
export { matmul, matmulTransA, matmulTransB, type Like } from './matmul.js';

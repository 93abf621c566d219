/** Dense linear algebra in plain JS: Householder QR, the Haar-orthogonal sampler, reference products, symmetric eigenvalues. */
export { haarOrthogonal, qr, type QR } from './qr.js';
export { matmul, matmulTransA, matmulTransB, type Like } from './matmul.js';
export { symmetricEigenvalues } from './eigenvalues.js';

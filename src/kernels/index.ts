export { configureKernels, kernelInfo, BACKENDS, type BackendChoice, type KernelOptions, type KernelInfo } from './backend.js';

export { configureKernels, chooseBackend, kernelInfo, BACKENDS, type Features, type BackendChoice, type KernelOptions, type KernelInfo } from './backend.js';

export { configureKernels, chooseBackend, kernelInfo, kernelsStarted, BACKENDS, type Features, type BackendChoice, type KernelOptions, type KernelInfo } from './backend.js';

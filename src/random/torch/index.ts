/** PyTorch's CPU random stream: MT19937 seeded as torch.manual_seed, and its uniform_/normal_ kernels. */
export { MT19937, type MT19937State } from './mt19937.js';
export { TorchGenerator, torchGenerator, torchSeed, type TorchGeneratorState } from './generator.js';
export { erfinvF32, erff } from './erfinvF32.js';
export { torchUniform, torchNormal, TORCH_KERNELS, type TorchArray, type TorchKernel, type TorchKernelOptions } from './kernels.js';

/** Tensor files: NumPy `.npy` and safetensors, as bytes and on disk. */
export { decodeNpy, encodeNpy } from './npy.js';
export { decodeSafetensors, encodeSafetensors, type SafetensorsContents } from './safetensors.js';
export { checkWritable, formatOf, readTensors, writeTensors, type WriteOptions } from './files.js';

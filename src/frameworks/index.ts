/** Every namespace, in the order `initlab list` shows them. */
import type { Namespace } from '../catalog/definition.js';
import { caffe } from './caffe.js';
import { initlab } from './initlab.js';
import { jax } from './jax.js';
import { keras } from './keras.js';
import { tfjs } from './tfjs.js';
import { torch } from './torch.js';

export const NAMESPACES: readonly Namespace[] = [initlab, torch, keras, tfjs, jax, caffe];
export { caffe, initlab, jax, keras, tfjs, torch };

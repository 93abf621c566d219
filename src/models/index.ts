/** Architectures by name, and the model an `--arch` and `--set` settings give. */
import { fail } from '../errors.js';
import { suggest } from '../suggest.js';
import { readArchFile } from './archFile.js';
import { resolveModel, type Architecture, type Model } from './architecture.js';
import { RESNET50 } from './resnet.js';
import { BERT_BASE, GPT2, GPT2_MEDIUM, LLAMA, VIT_BASE } from './transformers.js';

export { resolveModel, type Architecture, type Model, type TensorDef, type Config } from './architecture.js';
export { parseArch, readArchFile } from './archFile.js';
export { planShards, writeModel, parseByteSize, type ShardPlan, type WriteOptions, type WriteSummary } from './writer.js';

export const ARCHITECTURES: readonly Architecture[] = [GPT2, GPT2_MEDIUM, LLAMA, BERT_BASE, VIT_BASE, RESNET50];

/** `--arch`: a built-in name, or a path ending in .json; `--set` applies to built-ins only. */
export function modelOf(arch: string, settings: readonly string[] = []): Model {
  if (arch.toLowerCase().endsWith('.json')) {
    if (settings.length > 0) fail('--set', settings[0], 'no --set with an arch.json file (edit the file: it lists every tensor)');
    return { arch, config: {}, tensors: readArchFile(arch) };
  }
  const found = ARCHITECTURES.find((a) => a.name === arch);
  if (found === undefined) {
    const close = suggest(arch, ARCHITECTURES.map((a) => a.name));
    fail('--arch', arch, `one of ${ARCHITECTURES.map((a) => a.name).join(', ')}, or an arch.json file${close.length > 0 ? ` (did you mean ${close.join(', ')}?)` : ''}`);
  }
  return resolveModel(found, settings);
}

/**
 * `inspect` on checkpoints that `init-model` writes (reduced sizes, so the test stays fast): for
 * every floating-point tensor, the law its rule gives is among the laws the inspector reports.
 */
import { describe, expect, it } from 'vitest';
import { initializer } from '../../src/init/initializer.js';
import { formatLaw } from '../../src/init/law.js';
import { inspect } from '../../src/inspect/inspect.js';
import { modelOf, writeModel } from '../../src/models/index.js';
import { scratch } from '../cli/cli.js';

const dir = scratch('initlab-inspect-models-');

const MODELS: [string, string[]][] = [
  ['gpt2', ['n_layer=2', 'n_embd=256', 'n_head=4', 'vocab_size=2000', 'n_positions=256']],
  ['llama', ['num_hidden_layers=2', 'hidden_size=256', 'intermediate_size=512', 'num_attention_heads=4', 'num_key_value_heads=2', 'vocab_size=2000']],
  ['bert-base', ['num_hidden_layers=1', 'hidden_size=256', 'intermediate_size=512', 'num_attention_heads=4', 'vocab_size=2000', 'max_position_embeddings=128']],
  ['vit-base', ['num_hidden_layers=1', 'hidden_size=256', 'intermediate_size=512', 'num_attention_heads=4', 'image_size=64']],
];

describe.each(MODELS)('%s, as init-model writes it', (arch, settings) => {
  it('every tensor: the law of its rule is among the matches', async () => {
    const model = modelOf(arch, settings);
    const out = dir.fresh();
    await writeModel(model.tensors, { out, seed: 3, dtype: 'bfloat16', maxShardSize: 1e6, force: true });
    const report = inspect(out);
    const byName = new Map(report.tensors.map((t) => [t.name, t]));
    const missed: string[] = [];
    for (const def of model.tensors) {
      if (def.dtype === 'int64') continue;
      const plan = initializer(def.spec).plan(def.shape, def.layout);
      const found = byName.get(def.name)!;
      if (!found.matches.some((m) => m.law === formatLaw(plan.law!))) missed.push(`${def.name} ${def.spec}: ${found.matches.map((m) => m.spec).join(', ')}`);
    }
    expect(missed).toEqual([]);
    expect(report.summary.files.length).toBeGreaterThan(1);
    expect(report.summary.flagged).toBe(0);
  }, 60_000);
});

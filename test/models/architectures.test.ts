/**
 * State-dict names, shapes and init rules against the reference implementations: parameter
 * counts as the references report them (`model.num_parameters()`, torchvision's 25,557,032 for
 * ResNet-50) and the full lists of small configs, written out from transformers' and
 * torchvision's module code.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import { ARCHITECTURES, modelOf, parseArch, type TensorDef } from '../../src/models/index.js';

const params = (tensors: readonly TensorDef[]) => tensors.filter((t) => t.dtype !== 'int64' && !/running_(mean|var)$/.test(t.name)).reduce((s, t) => s + t.shape.reduce((a, b) => a * b, 1), 0);
const listing = (tensors: readonly TensorDef[]) => tensors.map((t) => `${t.name} [${t.shape.join(',')}]`);
const specOf = (tensors: readonly TensorDef[], name: string) => tensors.find((t) => t.name === name)?.spec;

describe('parameter counts of the reference configs', () => {
  it.each([
    ['gpt2', [], 124_439_808],
    ['gpt2-medium', [], 354_823_168],
    ['llama', ['size=tinyllama'], 1_100_048_384],
    ['llama', ['size=7b'], 6_738_415_616],
    ['llama', [], 6_738_415_616],
    ['bert-base', [], 109_482_240],
    ['vit-base', [], 86_389_248],
    ['resnet50', [], 25_557_032],
  ] as const)('%s %j has %i parameters', (arch, settings, count) => {
    expect(params(modelOf(arch, settings).tensors)).toBe(count);
  });

  it('names each tensor once', () => {
    for (const a of ARCHITECTURES) {
      const names = modelOf(a.name).tensors.map((t) => t.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });
});

describe('gpt2 (GPT2LMHeadModel)', () => {
  const m = modelOf('gpt2', ['n_layer=1', 'vocab_size=100', 'n_positions=16', 'n_embd=8', 'n_head=2']);

  it('lists the state dict save_pretrained writes: Conv1D weights [in, out], no lm_head (tied), no attn.bias buffer', () => {
    expect(listing(m.tensors)).toEqual([
      'transformer.wte.weight [100,8]',
      'transformer.wpe.weight [16,8]',
      'transformer.h.0.ln_1.weight [8]',
      'transformer.h.0.ln_1.bias [8]',
      'transformer.h.0.attn.c_attn.weight [8,24]',
      'transformer.h.0.attn.c_attn.bias [24]',
      'transformer.h.0.attn.c_proj.weight [8,8]',
      'transformer.h.0.attn.c_proj.bias [8]',
      'transformer.h.0.ln_2.weight [8]',
      'transformer.h.0.ln_2.bias [8]',
      'transformer.h.0.mlp.c_fc.weight [8,32]',
      'transformer.h.0.mlp.c_fc.bias [32]',
      'transformer.h.0.mlp.c_proj.weight [32,8]',
      'transformer.h.0.mlp.c_proj.bias [8]',
      'transformer.ln_f.weight [8]',
      'transformer.ln_f.bias [8]',
    ]);
  });

  it('draws c_proj weights with std 0.02/√(2·n_layer), the others with 0.02', () => {
    const g = modelOf('gpt2', ['n_layer=8']).tensors;
    expect(specOf(g, 'transformer.h.3.attn.c_proj.weight')).toBe('torch:normal(std=0.005)');
    expect(specOf(g, 'transformer.h.7.mlp.c_proj.weight')).toBe('torch:normal(std=0.005)');
    expect(specOf(g, 'transformer.h.3.attn.c_attn.weight')).toBe('torch:normal(std=0.02)');
    expect(specOf(g, 'transformer.wte.weight')).toBe('torch:normal(std=0.02)');
    expect(specOf(g, 'transformer.h.3.attn.c_proj.bias')).toBe('torch:zeros');
    expect(specOf(g, 'transformer.ln_f.weight')).toBe('torch:ones');
  });

  it('stores lm_head.weight [vocab, n_embd] when tie_word_embeddings=false', () => {
    const u = modelOf('gpt2', ['n_layer=1', 'tie_word_embeddings=false']).tensors;
    expect(u.at(-1)).toEqual({ name: 'lm_head.weight', shape: [50257, 768], spec: 'torch:normal(std=0.02)' });
  });

  it('gpt2-medium has 24 layers of width 1024', () => {
    const t = modelOf('gpt2-medium').tensors;
    expect(t.find((x) => x.name === 'transformer.h.23.attn.c_attn.weight')?.shape).toEqual([1024, 3072]);
  });
});

describe('llama (LlamaForCausalLM)', () => {
  it('lists q/k/v/o and gate/up/down without bias, RMSNorm weights, an untied lm_head; grouped k/v heads', () => {
    const m = modelOf('llama', ['num_hidden_layers=1', 'vocab_size=100', 'hidden_size=16', 'intermediate_size=40', 'num_attention_heads=4', 'num_key_value_heads=2']);
    expect(listing(m.tensors)).toEqual([
      'model.embed_tokens.weight [100,16]',
      'model.layers.0.self_attn.q_proj.weight [16,16]',
      'model.layers.0.self_attn.k_proj.weight [8,16]',
      'model.layers.0.self_attn.v_proj.weight [8,16]',
      'model.layers.0.self_attn.o_proj.weight [16,16]',
      'model.layers.0.mlp.gate_proj.weight [40,16]',
      'model.layers.0.mlp.up_proj.weight [40,16]',
      'model.layers.0.mlp.down_proj.weight [16,40]',
      'model.layers.0.input_layernorm.weight [16]',
      'model.layers.0.post_attention_layernorm.weight [16]',
      'model.norm.weight [16]',
      'lm_head.weight [100,16]',
    ]);
    expect(new Set(m.tensors.map((t) => t.spec))).toEqual(new Set(['torch:normal(std=0.02)', 'torch:ones']));
  });

  it('takes TinyLlama-1.1B sizes by name, and --set after them', () => {
    const t = modelOf('llama', ['num_hidden_layers=2', 'size=tinyllama']).tensors;
    expect(t.find((x) => x.name === 'model.layers.1.self_attn.k_proj.weight')?.shape).toEqual([256, 2048]);
    expect(t.find((x) => x.name === 'model.layers.1.mlp.down_proj.weight')?.shape).toEqual([2048, 5632]);
    expect(t.some((x) => x.name.startsWith('model.layers.2.'))).toBe(false);
  });
});

describe('bert-base (BertModel)', () => {
  it('lists embeddings, encoder layers and pooler, LayerNorm weight/bias; zeroes the padding row of word_embeddings', () => {
    const m = modelOf('bert-base', ['num_hidden_layers=1', 'vocab_size=50', 'hidden_size=8', 'num_attention_heads=2', 'intermediate_size=32', 'max_position_embeddings=20']);
    expect(listing(m.tensors)).toEqual([
      'embeddings.word_embeddings.weight [50,8]',
      'embeddings.position_embeddings.weight [20,8]',
      'embeddings.token_type_embeddings.weight [2,8]',
      'embeddings.LayerNorm.weight [8]',
      'embeddings.LayerNorm.bias [8]',
      'encoder.layer.0.attention.self.query.weight [8,8]',
      'encoder.layer.0.attention.self.query.bias [8]',
      'encoder.layer.0.attention.self.key.weight [8,8]',
      'encoder.layer.0.attention.self.key.bias [8]',
      'encoder.layer.0.attention.self.value.weight [8,8]',
      'encoder.layer.0.attention.self.value.bias [8]',
      'encoder.layer.0.attention.output.dense.weight [8,8]',
      'encoder.layer.0.attention.output.dense.bias [8]',
      'encoder.layer.0.attention.output.LayerNorm.weight [8]',
      'encoder.layer.0.attention.output.LayerNorm.bias [8]',
      'encoder.layer.0.intermediate.dense.weight [32,8]',
      'encoder.layer.0.intermediate.dense.bias [32]',
      'encoder.layer.0.output.dense.weight [8,32]',
      'encoder.layer.0.output.dense.bias [8]',
      'encoder.layer.0.output.LayerNorm.weight [8]',
      'encoder.layer.0.output.LayerNorm.bias [8]',
      'pooler.dense.weight [8,8]',
      'pooler.dense.bias [8]',
    ]);
    expect(m.tensors[0].paddingRow).toBe(0);
    expect(m.tensors[1].paddingRow).toBeUndefined();
  });
});

describe('vit-base (ViTModel)', () => {
  it('lists cls_token, position_embeddings, the patch conv, encoder layers, layernorm and pooler; trunc_normal weights', () => {
    const m = modelOf('vit-base', ['num_hidden_layers=1', 'hidden_size=8', 'num_attention_heads=2', 'intermediate_size=32', 'image_size=32', 'patch_size=16']);
    expect(listing(m.tensors)).toEqual([
      'embeddings.cls_token [1,1,8]',
      'embeddings.position_embeddings [1,5,8]',
      'embeddings.patch_embeddings.projection.weight [8,3,16,16]',
      'embeddings.patch_embeddings.projection.bias [8]',
      'encoder.layer.0.attention.attention.query.weight [8,8]',
      'encoder.layer.0.attention.attention.query.bias [8]',
      'encoder.layer.0.attention.attention.key.weight [8,8]',
      'encoder.layer.0.attention.attention.key.bias [8]',
      'encoder.layer.0.attention.attention.value.weight [8,8]',
      'encoder.layer.0.attention.attention.value.bias [8]',
      'encoder.layer.0.attention.output.dense.weight [8,8]',
      'encoder.layer.0.attention.output.dense.bias [8]',
      'encoder.layer.0.intermediate.dense.weight [32,8]',
      'encoder.layer.0.intermediate.dense.bias [32]',
      'encoder.layer.0.output.dense.weight [8,32]',
      'encoder.layer.0.output.dense.bias [8]',
      'encoder.layer.0.layernorm_before.weight [8]',
      'encoder.layer.0.layernorm_before.bias [8]',
      'encoder.layer.0.layernorm_after.weight [8]',
      'encoder.layer.0.layernorm_after.bias [8]',
      'layernorm.weight [8]',
      'layernorm.bias [8]',
      'pooler.dense.weight [8,8]',
      'pooler.dense.bias [8]',
    ]);
    expect(specOf(m.tensors, 'embeddings.cls_token')).toBe('torch:trunc_normal(std=0.02)');
    expect(specOf(m.tensors, 'encoder.layer.0.attention.attention.query.weight')).toBe('torch:trunc_normal(std=0.02)');
  });
});

describe('resnet50 (torchvision)', () => {
  const t = modelOf('resnet50').tensors;

  it('starts with conv1 and bn1 with its buffers, has a downsample in block 0 of each stage, ends with fc', () => {
    expect(listing(t.slice(0, 12))).toEqual([
      'conv1.weight [64,3,7,7]',
      'bn1.weight [64]',
      'bn1.bias [64]',
      'bn1.running_mean [64]',
      'bn1.running_var [64]',
      'bn1.num_batches_tracked []',
      'layer1.0.conv1.weight [64,64,1,1]',
      'layer1.0.bn1.weight [64]',
      'layer1.0.bn1.bias [64]',
      'layer1.0.bn1.running_mean [64]',
      'layer1.0.bn1.running_var [64]',
      'layer1.0.bn1.num_batches_tracked []',
    ]);
    expect(listing(t.filter((x) => x.name.includes('downsample.0')))).toEqual([
      'layer1.0.downsample.0.weight [256,64,1,1]',
      'layer2.0.downsample.0.weight [512,256,1,1]',
      'layer3.0.downsample.0.weight [1024,512,1,1]',
      'layer4.0.downsample.0.weight [2048,1024,1,1]',
    ]);
    expect(t.filter((x) => /^layer3\.\d+\.conv2\.weight$/.test(x.name)).map((x) => x.shape)).toEqual(Array(6).fill([256, 256, 3, 3]));
    expect(listing(t.slice(-2))).toEqual(['fc.weight [1000,2048]', 'fc.bias [1000]']);
    expect(t.length).toBe(320);
  });

  it('uses kaiming_normal(fan_out, relu) convs, BN ones/zeros, int64 num_batches_tracked, the default Linear for fc', () => {
    expect(specOf(t, 'layer2.1.conv2.weight')).toBe('torch:kaiming_normal(mode=fan_out,nonlinearity=relu)');
    expect(t.find((x) => x.name === 'layer2.1.bn3.num_batches_tracked')).toMatchObject({ spec: 'torch:zeros', dtype: 'int64', shape: [] });
    expect(specOf(t, 'layer2.1.bn3.weight')).toBe('torch:ones');
    expect(specOf(t, 'layer2.1.bn3.running_var')).toBe('torch:ones');
    expect(specOf(t, 'fc.weight')).toBe('torch:default_weight');
    expect(specOf(t, 'fc.bias')).toBe('torch:default_bias(fan_in=2048)');
    const z = modelOf('resnet50', ['zero_init_residual=true']).tensors;
    expect(specOf(z, 'layer2.1.bn3.weight')).toBe('torch:zeros');
    expect(specOf(z, 'layer2.1.bn2.weight')).toBe('torch:ones');
  });
});

describe('bad input', () => {
  const message = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ArgumentError);
      return (e as Error).message;
    }
    throw new Error('expected an ArgumentError');
  };

  it('suggests close architecture names and config keys', () => {
    expect(message(() => modelOf('lama'))).toContain('(did you mean llama?)');
    expect(message(() => modelOf('gpt2', ['n_layers=2']))).toContain('--set="n_layers=2", expected a config key of gpt2 (did you mean n_layer?)');
    expect(message(() => modelOf('llama', ['size=13b']))).toBe('--set size="13b", expected one of 7b, tinyllama');
    expect(message(() => modelOf('gpt2', ['n_layer=two']))).toBe('--set n_layer="two", expected a finite number');
    expect(message(() => modelOf('gpt2', ['n_layer=1.5']))).toBe('--set n_layer="1.5", expected a non-negative integer');
    expect(message(() => modelOf('gpt2', ['n_head=5']))).toBe('--set n_head=5, expected a divisor of n_embd=768');
    expect(message(() => modelOf('resnet50', ['zero_init_residual=yes']))).toBe('--set zero_init_residual="yes", expected true or false');
  });

  it('refuses an arch.json naming a tensor twice, or a tensor without a spec or rule', () => {
    expect(message(() => parseArch('a.json', [{ name: 'w', shape: [2], spec: 'torch:zeros' }, { name: 'w', shape: [3], spec: 'torch:ones' }]))).toBe(
      'a.json tensors[1].name="w", expected each tensor named once (this name appears twice)',
    );
    expect(message(() => parseArch('a.json', { tensors: [{ name: 'w', shape: [2] }], rules: [{ match: '*.bias', spec: 'torch:zeros' }] }))).toContain('expected an initializer spec, or a rule matching "w"');
    expect(message(() => parseArch('a.json', { layers: [] }))).toContain('--arch="a.json", expected a list of');
  });

  it('applies the first matching rule of an arch.json', () => {
    const t = parseArch('a.json', {
      tensors: [{ name: 'h.0.bias', shape: [4] }, { name: 'h.0.weight', shape: [4, 4] }, { name: 'emb', shape: [8, 4], spec: 'torch:normal(std=1)', paddingRow: 2 }],
      rules: [{ match: '*.bias', spec: 'torch:zeros' }, { match: 'h.?.*', spec: 'jax:lecun_normal' }],
    });
    expect(t.map((x) => x.spec)).toEqual(['torch:zeros', 'jax:lecun_normal', 'torch:normal(std=1)']);
    expect(t[2].paddingRow).toBe(2);
  });
});

/**
 * Hugging Face transformers architectures as their state dicts, with `_init_weights`:
 * nn.Linear / Conv1D weights and nn.Embedding N(0, initializer_range²) (the padding_idx row zeroed),
 * biases zero, LayerNorm and RMSNorm weights one and biases zero; GPT-2 draws its residual
 * projections (`c_proj.weight`) with std initializer_range/√(2·n_layer) (Radford et al. 2019,
 * "Language Models are Unsupervised Multitask Learners", §2.3), and ViT draws linear and conv
 * weights, the [CLS] token and position embeddings from `trunc_normal_(std=initializer_range)`.
 *
 * Names and shapes are those `model.state_dict()` gives and `save_pretrained` writes: tied
 * weights (GPT-2's lm_head, tied to wte) are not stored, nor are non-persistent buffers (GPT-2's
 * causal mask `attn.bias`, BERT's `position_ids`, LLaMA's rotary `inv_freq`). GPT-2's Conv1D
 * stores its weight as [in, out].
 */
import { fail } from '../errors.js';
import { count, layerNorm, linear, normal, ONES, positive, ZEROS, type Architecture, type Config, type TensorDef } from './architecture.js';

const GPT2_DEFAULTS = {
  vocab_size: 50257,
  n_positions: 1024,
  n_embd: 768,
  n_layer: 12,
  n_head: 12,
  /** 0: 4·n_embd (the config's None). */
  n_inner: 0,
  initializer_range: 0.02,
  tie_word_embeddings: true,
};

function gpt2Tensors(c: Config): TensorDef[] {
  const d = count(c, 'n_embd');
  const layers = count(c, 'n_layer');
  const heads = count(c, 'n_head');
  if (d % heads !== 0) fail('--set n_head', heads, `a divisor of n_embd=${d}`);
  const inner = count(c, 'n_inner', 0) === 0 ? 4 * d : count(c, 'n_inner');
  const std = positive(c, 'initializer_range');
  const residual = normal(std / Math.sqrt(2 * layers));
  /** Conv1D(nf=out, nx=in): weight [in, out]. */
  const conv1d = (prefix: string, nx: number, nf: number, spec = normal(std)): TensorDef[] => [
    { name: `${prefix}.weight`, shape: [nx, nf], spec },
    { name: `${prefix}.bias`, shape: [nf], spec: ZEROS },
  ];
  const out: TensorDef[] = [
    { name: 'transformer.wte.weight', shape: [count(c, 'vocab_size'), d], spec: normal(std) },
    { name: 'transformer.wpe.weight', shape: [count(c, 'n_positions'), d], spec: normal(std) },
  ];
  for (let i = 0; i < layers; i++) {
    const h = `transformer.h.${i}`;
    out.push(
      ...layerNorm(`${h}.ln_1`, d),
      ...conv1d(`${h}.attn.c_attn`, d, 3 * d),
      ...conv1d(`${h}.attn.c_proj`, d, d, residual),
      ...layerNorm(`${h}.ln_2`, d),
      ...conv1d(`${h}.mlp.c_fc`, d, inner),
      ...conv1d(`${h}.mlp.c_proj`, inner, d, residual),
    );
  }
  out.push(...layerNorm('transformer.ln_f', d));
  if (c.tie_word_embeddings !== true) out.push(...linear('lm_head', d, count(c, 'vocab_size'), std, false));
  return out;
}

export const GPT2: Architecture = { name: 'gpt2', reference: 'transformers GPT2LMHeadModel', defaults: GPT2_DEFAULTS, tensors: gpt2Tensors };
export const GPT2_MEDIUM: Architecture = {
  name: 'gpt2-medium',
  reference: 'transformers GPT2LMHeadModel (gpt2-medium config)',
  defaults: { ...GPT2_DEFAULTS, n_embd: 1024, n_layer: 24, n_head: 16 },
  tensors: gpt2Tensors,
};

/** LlamaConfig's defaults are Llama-2-7B's sizes. */
const LLAMA_7B = { vocab_size: 32000, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32, num_key_value_heads: 32 };

export const LLAMA: Architecture = {
  name: 'llama',
  reference: 'transformers LlamaForCausalLM',
  defaults: {
    ...LLAMA_7B,
    /** 0: hidden_size / num_attention_heads (the config's None). */
    head_dim: 0,
    initializer_range: 0.02,
    tie_word_embeddings: false,
    attention_bias: false,
    mlp_bias: false,
  },
  sizes: {
    '7b': LLAMA_7B,
    tinyllama: { vocab_size: 32000, hidden_size: 2048, intermediate_size: 5632, num_hidden_layers: 22, num_attention_heads: 32, num_key_value_heads: 4 },
  },
  tensors(c) {
    const d = count(c, 'hidden_size');
    const heads = count(c, 'num_attention_heads');
    const kvHeads = count(c, 'num_key_value_heads');
    if (heads % kvHeads !== 0) fail('--set num_key_value_heads', kvHeads, `a divisor of num_attention_heads=${heads}`);
    const headDim = count(c, 'head_dim', 0) === 0 ? d / heads : count(c, 'head_dim');
    if (!Number.isInteger(headDim)) fail('--set num_attention_heads', heads, `a divisor of hidden_size=${d} (or set head_dim)`);
    const ff = count(c, 'intermediate_size');
    const vocab = count(c, 'vocab_size');
    const std = positive(c, 'initializer_range');
    const attnBias = c.attention_bias === true;
    const mlpBias = c.mlp_bias === true;
    const out: TensorDef[] = [{ name: 'model.embed_tokens.weight', shape: [vocab, d], spec: normal(std) }];
    for (let i = 0; i < count(c, 'num_hidden_layers'); i++) {
      const l = `model.layers.${i}`;
      out.push(
        ...linear(`${l}.self_attn.q_proj`, d, heads * headDim, std, attnBias),
        ...linear(`${l}.self_attn.k_proj`, d, kvHeads * headDim, std, attnBias),
        ...linear(`${l}.self_attn.v_proj`, d, kvHeads * headDim, std, attnBias),
        ...linear(`${l}.self_attn.o_proj`, heads * headDim, d, std, attnBias),
        ...linear(`${l}.mlp.gate_proj`, d, ff, std, mlpBias),
        ...linear(`${l}.mlp.up_proj`, d, ff, std, mlpBias),
        ...linear(`${l}.mlp.down_proj`, ff, d, std, mlpBias),
        { name: `${l}.input_layernorm.weight`, shape: [d], spec: ONES },
        { name: `${l}.post_attention_layernorm.weight`, shape: [d], spec: ONES },
      );
    }
    out.push({ name: 'model.norm.weight', shape: [d], spec: ONES });
    if (c.tie_word_embeddings !== true) out.push(...linear('lm_head', d, vocab, std, false));
    return out;
  },
};

/**
 * The linear layers of an encoder layer BERT and ViT share, in state-dict order: the attention
 * (query, key, value, output.dense), then intermediate.dense and output.dense.
 */
function encoderLayer(prefix: string, c: Config, d: number, std: number, attention: string, spec: (std: number) => string, qkvBias: boolean): { attention: TensorDef[]; feedForward: TensorDef[] } {
  const ff = count(c, 'intermediate_size');
  const lin = (name: string, inF: number, outF: number, bias = true): TensorDef[] => [
    { name: `${name}.weight`, shape: [outF, inF], spec: spec(std) },
    ...(bias ? [{ name: `${name}.bias`, shape: [outF], spec: ZEROS }] : []),
  ];
  return {
    attention: [
      ...lin(`${prefix}.${attention}.query`, d, d, qkvBias),
      ...lin(`${prefix}.${attention}.key`, d, d, qkvBias),
      ...lin(`${prefix}.${attention}.value`, d, d, qkvBias),
      ...lin(`${prefix}.attention.output.dense`, d, d),
    ],
    feedForward: [...lin(`${prefix}.intermediate.dense`, d, ff), ...lin(`${prefix}.output.dense`, ff, d)],
  };
}

function heads(c: Config, d: number): void {
  const h = count(c, 'num_attention_heads');
  if (d % h !== 0) fail('--set num_attention_heads', h, `a divisor of hidden_size=${d}`);
}

export const BERT_BASE: Architecture = {
  name: 'bert-base',
  reference: 'transformers BertModel (bert-base-uncased config)',
  defaults: {
    vocab_size: 30522,
    hidden_size: 768,
    num_hidden_layers: 12,
    num_attention_heads: 12,
    intermediate_size: 3072,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: 0,
    initializer_range: 0.02,
    add_pooling_layer: true,
  },
  tensors(c) {
    const d = count(c, 'hidden_size');
    heads(c, d);
    const std = positive(c, 'initializer_range');
    const vocab = count(c, 'vocab_size');
    const pad = count(c, 'pad_token_id', 0);
    if (pad >= vocab) fail('--set pad_token_id', pad, `a token id below vocab_size=${vocab}`);
    const out: TensorDef[] = [
      { name: 'embeddings.word_embeddings.weight', shape: [vocab, d], spec: normal(std), paddingRow: pad },
      { name: 'embeddings.position_embeddings.weight', shape: [count(c, 'max_position_embeddings'), d], spec: normal(std) },
      { name: 'embeddings.token_type_embeddings.weight', shape: [count(c, 'type_vocab_size'), d], spec: normal(std) },
      ...layerNorm('embeddings.LayerNorm', d),
    ];
    for (let i = 0; i < count(c, 'num_hidden_layers'); i++) {
      const l = `encoder.layer.${i}`;
      const { attention, feedForward } = encoderLayer(l, c, d, std, 'attention.self', normal, true);
      out.push(...attention, ...layerNorm(`${l}.attention.output.LayerNorm`, d), ...feedForward, ...layerNorm(`${l}.output.LayerNorm`, d));
    }
    if (c.add_pooling_layer === true) out.push(...linear('pooler.dense', d, d, std));
    return out;
  },
};

const truncNormal = (std: number): string => `torch:trunc_normal(std=${std})`;

export const VIT_BASE: Architecture = {
  name: 'vit-base',
  reference: 'transformers ViTModel (vit-base-patch16-224 config)',
  defaults: {
    hidden_size: 768,
    num_hidden_layers: 12,
    num_attention_heads: 12,
    intermediate_size: 3072,
    image_size: 224,
    patch_size: 16,
    num_channels: 3,
    qkv_bias: true,
    initializer_range: 0.02,
    add_pooling_layer: true,
    use_mask_token: false,
  },
  tensors(c) {
    const d = count(c, 'hidden_size');
    heads(c, d);
    const std = positive(c, 'initializer_range');
    const image = count(c, 'image_size');
    const patch = count(c, 'patch_size');
    if (image % patch !== 0) fail('--set patch_size', patch, `a divisor of image_size=${image}`);
    const patches = (image / patch) ** 2;
    const out: TensorDef[] = [
      { name: 'embeddings.cls_token', shape: [1, 1, d], spec: truncNormal(std) },
      ...(c.use_mask_token === true ? [{ name: 'embeddings.mask_token', shape: [1, 1, d], spec: ZEROS }] : []),
      { name: 'embeddings.position_embeddings', shape: [1, patches + 1, d], spec: truncNormal(std) },
      { name: 'embeddings.patch_embeddings.projection.weight', shape: [d, count(c, 'num_channels'), patch, patch], spec: truncNormal(std) },
      { name: 'embeddings.patch_embeddings.projection.bias', shape: [d], spec: ZEROS },
    ];
    for (let i = 0; i < count(c, 'num_hidden_layers'); i++) {
      const l = `encoder.layer.${i}`;
      const { attention, feedForward } = encoderLayer(l, c, d, std, 'attention.attention', truncNormal, c.qkv_bias === true);
      out.push(...attention, ...feedForward, ...layerNorm(`${l}.layernorm_before`, d), ...layerNorm(`${l}.layernorm_after`, d));
    }
    out.push(...layerNorm('layernorm', d));
    if (c.add_pooling_layer === true) {
      out.push({ name: 'pooler.dense.weight', shape: [d, d], spec: truncNormal(std) }, { name: 'pooler.dense.bias', shape: [d], spec: ZEROS });
    }
    return out;
  },
};

/**
 * initlab/tfjs on real TF.js models (cpu backend): values byte for byte against `initializer`,
 * moments against each framework's layer default, a save/load round trip, a training step,
 * determinism and the errors.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/errors.js';
import { initializer } from '../../src/init/initializer.js';
import { lawCdf } from '../../src/init/law.js';
import { foldIn, keyFromSeed, keyToString } from '../../src/random/key.js';
import { ksTest } from '../../src/stats/ks.js';
import { formatInitReport, initializeModel, tfjsInitializer, type InitReportRow } from '../../src/tfjs/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const bytes = (a: ArrayLike<number>): Buffer => Buffer.from(Float32Array.from(a).buffer);
const values = (m: tf.LayersModel, name: string): Float32Array => {
  const v = m.layers.flatMap((l) => l.weights).find((w) => w.originalName === name);
  if (v === undefined) throw new Error(`no weight ${name}`);
  return v.read().dataSync() as Float32Array;
};
const row = (report: InitReportRow[], name: string): InitReportRow => {
  const r = report.find((x) => x.weight === name);
  if (r === undefined) throw new Error(`no row ${name}`);
  return r;
};
/** Sample mean and variance. */
function moments(x: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const mean = s / x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - mean) ** 2;
  return { mean, variance: v / (x.length - 1) };
}
/** KS p-value of a weight against the law its report row names. */
function ksP(data: ArrayLike<number>, r: InitReportRow): number {
  const plan = initializer(r.spec).plan(r.shape, r.layout === undefined ? {} : { layout: r.layout });
  const cdf = lawCdf(plan.law!);
  return ksTest(data, cdf!).pValue;
}

/** Dense, Conv2D, DepthwiseConv2D, Conv2DTranspose and BatchNormalization, with fixed names. */
function convModel(): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ name: 'conv', filters: 16, kernelSize: 3, inputShape: [6, 6, 8], padding: 'same' }));
  m.add(tf.layers.depthwiseConv2d({ name: 'dw', kernelSize: 3, depthMultiplier: 2, padding: 'same' }));
  m.add(tf.layers.conv2dTranspose({ name: 'up', filters: 4, kernelSize: 3, padding: 'same' }));
  m.add(tf.layers.batchNormalization({ name: 'bn' }));
  m.add(tf.layers.flatten({ name: 'flat' }));
  m.add(tf.layers.dense({ name: 'fc', units: 32 }));
  return m;
}
/** Embedding then LSTM then Dense. */
function sequenceModel(): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.embedding({ name: 'emb', inputDim: 500, outputDim: 32, inputLength: 5 }));
  m.add(tf.layers.lstm({ name: 'lstm', units: 16 }));
  m.add(tf.layers.dense({ name: 'out', units: 3 }));
  return m;
}

describe('tfjsInitializer', () => {
  const specs = ['he_normal(mode=fan_out)', 'torch:kaiming_uniform(a=sqrt(5))', 'keras:glorot_normal', 'tfjs:orthogonal', 'jax:lecun_normal', 'caffe:xavier', 'torch:trunc_normal(std=0.02)'];
  it.each(specs)('%s: values equal initializer(spec)(key, shape) byte for byte', (spec) => {
    const shape = [3, 3, 8, 16];
    const root = keyFromSeed(7);
    const got = tfjsInitializer(spec, { seed: 7 }).apply(shape).dataSync();
    expect(bytes(got).equals(bytes(initializer(spec)(root, shape).data))).toBe(true);
    const named = tfjsInitializer(spec, { key: root, name: 'conv/kernel' }).apply(shape).dataSync();
    expect(bytes(named).equals(bytes(initializer(spec)(foldIn(root, 'conv/kernel'), shape).data))).toBe(true);
    expect(bytes(named).equals(bytes(got))).toBe(false);
  });

  it('reads a layout for initlab names: Conv2DTranspose [k, k, out, in] has fan_in = in·k²', () => {
    const shape = [3, 3, 4, 32];
    const got = tfjsInitializer('he_normal', { seed: 1, layout: 'io-transposed' }).apply(shape).dataSync();
    expect(bytes(got).equals(bytes(initializer('he_normal')(keyFromSeed(1), shape, { layout: 'io-transposed' }).data))).toBe(true);
    expect(initializer('he_normal').plan(shape, { layout: 'io-transposed' }).fans?.fanIn).toBe(9 * 32);
  });

  it('getConfig holds the spec string and the seed or the key', () => {
    expect(tfjsInitializer('torch:kaiming_normal(mode=fan_out, nonlinearity=relu)', { seed: 3 }).getConfig())
      .toEqual({ name: 'torch:kaiming_normal(mode=fan_out, nonlinearity=relu)', seed: 3 });
    const root = keyFromSeed(3);
    expect(tfjsInitializer('keras:orthogonal', { key: root, name: 'lstm/recurrent_kernel', layout: undefined }).getConfig())
      .toEqual({ name: 'keras:orthogonal', key: keyToString(foldIn(root, 'lstm/recurrent_kernel')) });
  });

  it('a model saved with it loads again with the same initializer configuration and weights', async () => {
    const spec = 'torch:kaiming_normal(a=0.1, mode=fan_out)';
    const m = tf.sequential();
    m.add(tf.layers.dense({ name: 'd', units: 8, inputShape: [5], kernelInitializer: tfjsInitializer(spec, { seed: 11 }), biasInitializer: tfjsInitializer('uniform(low=-0.5, high=0.5)', { seed: 12, name: 'd/bias' }) }));
    let saved: tf.io.ModelArtifacts | undefined;
    await m.save(tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }));
    // The spec with its underscores is in the saved JSON verbatim (TF.js re-cases other strings).
    expect(JSON.stringify(saved!.modelTopology)).toContain(`"name":"${spec}"`);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const config = loaded.layers[0].getConfig() as Record<string, unknown>;
    expect(config.kernelInitializer).toEqual({ className: 'InitlabInitializer', config: { name: spec, seed: 11 } });
    expect((config.biasInitializer as { config: unknown }).config).toEqual({ name: 'uniform(low=-0.5, high=0.5)', key: keyToString(foldIn(keyFromSeed(12), 'd/bias')) });
    expect(bytes(values(loaded, 'd/kernel')).equals(bytes(initializer(spec)(keyFromSeed(11), [5, 8]).data))).toBe(true);
    // A fresh layer from the loaded configuration draws the same kernel again.
    const again = tf.layers.dense(config as never);
    again.build([null, 5]);
    expect(bytes(again.getWeights()[0].dataSync()).equals(bytes(values(loaded, 'd/kernel')))).toBe(true);
  });

  it('refuses bad input with one typed line', () => {
    expect(() => tfjsInitializer('he_normal', {})).toThrow(/seed=undefined, expected a seed or a key/);
    expect(() => tfjsInitializer('he_normal', { seed: 1, key: keyFromSeed(1) })).toThrow(ArgumentError);
    expect(() => tfjsInitializer('torch:kaiming_uniform', { seed: 1, layout: 'io' })).toThrow(/layout="io", expected nothing for torch:kaiming_uniform/);
    expect(() => tfjsInitializer('he_normall', { seed: 1 })).toThrow(ArgumentError);
    expect(() => tfjsInitializer('he_normal', { seed: 1 }).apply([4, 4], 'int32')).toThrow(/dtype="int32", expected "float32"/);
  });
});

describe('initializeModel', () => {
  it("'torch' gives U(±1/√fan_in) with PyTorch's fan_in for each TF.js layout, bytes equal to initializer", () => {
    const m = convModel();
    const report = initializeModel(m, { seed: 0, defaults: 'torch' });
    expect(report.map((r) => r.weight)).toEqual(m.layers.flatMap((l) => l.weights.map((w) => w.originalName)));
    // PyTorch's fan_in: Conv2d in·k² = 72; depthwise [in·mult, 1, k, k] → k² = 9; ConvTranspose2d
    // reads shape[1] of [in, out, k, k] → out·k² = 36; Linear in_features = 6·6·4 = 144.
    const fanIn = { 'conv/kernel': 72, 'conv/bias': 72, 'dw/depthwise_kernel': 9, 'dw/bias': 9, 'up/kernel': 36, 'up/bias': 36, 'fc/kernel': 144, 'fc/bias': 144 };
    for (const [name, n] of Object.entries(fanIn)) {
      const r = row(report, name);
      expect(r.fanIn, name).toBe(n);
      const data = values(m, name);
      expect(bytes(data).equals(bytes(initializer(r.spec)(foldIn(keyFromSeed(0), name), r.shape).data)), name).toBe(true);
      const b = 1 / Math.sqrt(n);
      expect(Math.max(...data.map(Math.abs)), name).toBeLessThanOrEqual(b);
      if (data.length >= 100) expect(ksP(data, r), name).toBeGreaterThan(1e-4);
    }
    // Variance of U(±b) is b²/3; the sample variance of n draws has sd ≈ b²·√(4/(45n)).
    const k = values(m, 'fc/kernel');
    const b2 = 1 / 144;
    expect(Math.abs(moments(k).variance - b2 / 3)).toBeLessThan(5 * b2 * Math.sqrt(4 / (45 * k.length)));
    expect(Array.from(values(m, 'bn/gamma'))).toEqual(new Array(4).fill(1));
    expect(Array.from(values(m, 'bn/beta'))).toEqual(new Array(4).fill(0));
    expect(Array.from(values(m, 'bn/moving_mean'))).toEqual(new Array(4).fill(0));
    expect(Array.from(values(m, 'bn/moving_variance'))).toEqual(new Array(4).fill(1));
  });

  it("'torch' on Embedding and LSTM: N(0, 1) and U(±1/√units)", () => {
    const m = sequenceModel();
    const report = initializeModel(m, { seed: 1, defaults: 'torch' });
    const emb = values(m, 'emb/embeddings');
    const { mean, variance } = moments(emb);
    // n = 16000: sd of the mean 1/√n, of the variance √(2/n).
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(emb.length));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / emb.length));
    for (const name of ['lstm/kernel', 'lstm/recurrent_kernel', 'lstm/bias']) {
      const r = row(report, name);
      expect(r.spec).toBe('torch:rnn_default(hidden_size=16)');
      const data = values(m, name);
      expect(Math.max(...data.map(Math.abs))).toBeLessThanOrEqual(0.25);
      expect(ksP(data, r), name).toBeGreaterThan(1e-4);
    }
  });

  it("'keras': glorot_uniform kernels, orthogonal recurrent kernel, unit forget bias, Embedding U(±0.05)", () => {
    const m = sequenceModel();
    const report = initializeModel(m, { seed: 2, defaults: 'keras' });
    const bias = values(m, 'lstm/bias');
    expect(Array.from(bias)).toEqual([...new Array(16).fill(0), ...new Array(16).fill(1), ...new Array(32).fill(0)]);
    // Recurrent kernel [16, 64]: rows orthonormal, R·Rᵀ = I.
    const r = tf.tensor(values(m, 'lstm/recurrent_kernel'), [16, 64]);
    const gram = tf.matMul(r, r, false, true).sub(tf.eye(16)).abs().max().dataSync()[0];
    expect(gram).toBeLessThan(1e-5);
    const k = row(report, 'lstm/kernel');
    expect(k.spec).toBe('keras:glorot_uniform');
    expect(ksP(values(m, 'lstm/kernel'), k)).toBeGreaterThan(1e-4);
    const e = values(m, 'emb/embeddings');
    expect(Math.max(...e.map(Math.abs))).toBeLessThanOrEqual(0.05);
    // GRU has no unit forget bias: zeros.
    const g = tf.sequential();
    g.add(tf.layers.gru({ name: 'gru', units: 4, inputShape: [3, 2] }));
    expect(initializeModel(g, { seed: 2, defaults: 'keras' }).map((r) => r.spec)).toEqual(['keras:glorot_uniform', 'keras:orthogonal', 'keras:zeros']);
    expect(Array.from(values(g, 'gru/bias'))).toEqual(new Array(12).fill(0));
    expect(ksP(e, row(report, 'emb/embeddings'))).toBeGreaterThan(1e-4);
  });

  it("'flax': lecun_normal (truncated, variance 1/fan_in) with the semantic fans, Embed N(0, 1/features)", () => {
    const m = convModel();
    const report = initializeModel(m, { seed: 3, defaults: 'flax' });
    expect(row(report, 'dw/depthwise_kernel').fanIn).toBe(9);
    expect(row(report, 'up/kernel').fanIn).toBe(9 * 32);
    const k = values(m, 'fc/kernel');
    // Variance 1/144, truncated at ±2σ: sd of the sample variance ≈ σ²·√(0.79/n) (kurtosis of the truncated normal ≈ 2.6).
    const v = 1 / 144;
    expect(Math.abs(moments(k).variance - v)).toBeLessThan(5 * v * Math.sqrt(0.8 / k.length));
    expect(Math.max(...k.map(Math.abs))).toBeLessThanOrEqual((2 * Math.sqrt(v)) / 0.87962566103423978 + 1e-7);
    expect(Array.from(values(m, 'fc/bias'))).toEqual(new Array(32).fill(0));
    const s = tf.sequential();
    s.add(tf.layers.embedding({ name: 'e', inputDim: 400, outputDim: 16 }));
    initializeModel(s, { seed: 3, defaults: 'flax' });
    const emb = values(s, 'e/embeddings');
    expect(Math.abs(moments(emb).variance - 1 / 16)).toBeLessThan((5 / 16) * Math.sqrt(2 / emb.length));
  });

  it("'tfjs': TF.js's own defaults (glorotNormal kernels, glorotUniform depthwise, randomUniform embeddings)", () => {
    const m = convModel();
    const report = initializeModel(m, { seed: 4, defaults: 'tfjs' });
    expect(row(report, 'conv/kernel').spec).toBe('tfjs:glorot_normal');
    expect(row(report, 'dw/depthwise_kernel').spec).toBe('tfjs:glorot_uniform');
    // TF.js's glorotNormal is a ±2σ truncated normal without the variance correction: its std is σ·0.8796.
    const k = values(m, 'fc/kernel');
    const sigma = Math.sqrt(2 / (144 + 32));
    expect(Math.abs(Math.sqrt(moments(k).variance) / sigma - 0.87962566103423978)).toBeLessThan(0.03);
    // The laws the report names fit what TF.js itself draws for these layers (seeded, so the test is fixed).
    const own = tf.sequential();
    own.add(tf.layers.dense({ name: 'fc', units: 50, inputShape: [400], kernelInitializer: tf.initializers.glorotNormal({ seed: 1 }) }));
    own.add(tf.layers.reshape({ targetShape: [5, 5, 2] }));
    own.add(tf.layers.depthwiseConv2d({ name: 'dw', kernelSize: 3, depthMultiplier: 8, depthwiseInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
    const drawn = [own.layers[0].getWeights()[0].dataSync(), own.layers[2].getWeights()[0].dataSync()];
    const ours = initializeModel(own, { seed: 4, defaults: 'tfjs' });
    expect(ksP(drawn[0], row(ours, 'fc/kernel'))).toBeGreaterThan(1e-4);
    expect(ksP(drawn[1], row(ours, 'dw/depthwise_kernel'))).toBeGreaterThan(1e-4);
    // ... and the corrected law of Keras's glorot_normal does not (TF.js omits the correction).
    expect(ksP(drawn[0], { ...row(ours, 'fc/kernel'), spec: 'keras:glorot_normal' })).toBeLessThan(1e-6);
  });

  it('rules: first match wins, by className, weight (string or RegExp) and layer; initlab names read the layer layout', () => {
    const m = convModel();
    const report = initializeModel(m, {
      seed: 5,
      rules: [
        { match: { className: 'Conv2DTranspose', weight: 'kernel' }, spec: 'he_normal' },
        { match: { weight: /bias$/ }, spec: 'constant(value=0.5)' },
        { match: { layer: 'bn' }, spec: 'ones' },
        { match: { layer: /^(conv|dw|fc)$/ }, spec: 'glorot_uniform' },
        { match: { weight: 'kernel' }, spec: 'zeros' },
      ],
    });
    const up = row(report, 'up/kernel');
    expect([up.rule, up.layout, up.fanIn]).toEqual(['rules[0]', 'io-transposed', 9 * 32]);
    expect(bytes(values(m, 'up/kernel')).equals(bytes(initializer('he_normal')(foldIn(keyFromSeed(5), 'up/kernel'), [3, 3, 4, 32], { layout: 'io-transposed' }).data))).toBe(true);
    expect(Array.from(values(m, 'up/bias'))).toEqual(new Array(4).fill(0.5));
    expect(row(report, 'bn/moving_mean').rule).toBe('rules[2]');
    expect(Array.from(values(m, 'bn/moving_mean'))).toEqual(new Array(4).fill(1));
    expect([row(report, 'dw/depthwise_kernel').rule, row(report, 'dw/depthwise_kernel').layout, row(report, 'dw/depthwise_kernel').fanIn]).toEqual(['rules[3]', 'io-depthwise', 9]);
    const table = formatInitReport(report);
    expect(table.split('\n')).toHaveLength(report.length + 2);
    expect(table).toMatch(/^weight\s+class\s+shape\s+rule\s+spec\s+law\s+fan_in\s+fan_out$/m);
    expect(table).toMatch(/up\/kernel\s+Conv2DTranspose\s+\[3,3,4,32\]\s+rules\[0\]\s+he_normal \{layout=io-transposed\}\s+N\(0, /);
  });

  it('reaches the layers of a model nested in a model', () => {
    const inner = tf.sequential({ name: 'inner' });
    inner.add(tf.layers.dense({ name: 'a', units: 3, inputShape: [2] }));
    const outer = tf.sequential();
    outer.add(inner);
    outer.add(tf.layers.dense({ name: 'b', units: 1 }));
    const report = initializeModel(outer, { seed: 0, defaults: 'torch' });
    expect(report.map((r) => [r.weight, r.layer, r.fanIn])).toEqual([['a/kernel', 'a', 2], ['a/bias', 'a', 2], ['b/kernel', 'b', 3], ['b/bias', 'b', 3]]);
    expect(bytes(values(inner, 'a/kernel')).equals(bytes(initializer(report[0].spec)(foldIn(keyFromSeed(0), 'a/kernel'), [2, 3]).data))).toBe(true);
  });

  it('a training step after initialization gives a finite loss that the step lowers', async () => {
    const m = convModel();
    initializeModel(m, { seed: 6, defaults: 'torch' });
    m.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const x = tf.randomNormal([8, 6, 6, 8], 0, 1, 'float32', 1);
    const y = tf.randomNormal([8, 32], 0, 1, 'float32', 2);
    const h = await m.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    const losses = h.history.loss as number[];
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[1]).toBeLessThan(losses[0]);
  });

  it('is deterministic: same seed, same weights (re-run or a fresh model); another seed, other weights', () => {
    const a = sequenceModel();
    const b = sequenceModel();
    initializeModel(a, { seed: 9, defaults: 'keras' });
    const first = bytes(values(a, 'lstm/kernel'));
    initializeModel(a, { seed: 9, defaults: 'keras' });
    initializeModel(b, { key: keyFromSeed(9), defaults: 'keras' });
    for (const name of ['emb/embeddings', 'lstm/kernel', 'lstm/recurrent_kernel', 'out/kernel']) {
      expect(bytes(values(a, name)).equals(bytes(values(b, name))), name).toBe(true);
    }
    expect(bytes(values(a, 'lstm/kernel')).equals(first)).toBe(true);
    initializeModel(b, { seed: 10, defaults: 'keras' });
    expect(bytes(values(b, 'lstm/kernel')).equals(first)).toBe(false);
  });

  it('refuses uncovered weights and bad rules with one clear line, leaving the model unchanged', () => {
    const m = sequenceModel();
    initializeModel(m, { seed: 0, defaults: 'torch' });
    const before = bytes(values(m, 'emb/embeddings'));
    const err = (f: () => unknown): ArgumentError => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ArgumentError);
        expect((e as Error).message).not.toContain('\n');
        return e as ArgumentError;
      }
      throw new Error('no error');
    };
    expect(err(() => initializeModel(m, { seed: 1, defaults: 'flax' })).message).toMatch(/^weight="lstm\/kernel", expected a rule .*defaults 'flax' has no default for LSTM's kernel/);
    expect(err(() => initializeModel(m, { seed: 1 })).message).toMatch(/^weight="emb\/embeddings", .*no defaults were given/);
    expect(err(() => initializeModel(m, { seed: 1, defaults: 'pytorch' as never })).message).toMatch(/^defaults="pytorch", expected/);
    expect(err(() => initializeModel(m, { seed: 1, defaults: 'torch', rules: [{ match: { className: 'Dense', weight: 'kernel' }, spec: 'torch:kaiming_normal' }] })).message)
      .toMatch(/^rules\[0\]\.spec="torch:kaiming_normal", expected a spec that reads TF\.js's kernel layout for weight out\/kernel/);
    expect(err(() => initializeModel(m, { seed: 1, rules: [{ match: { weight: 'bias' }, spec: 'he_normal' }], defaults: 'torch' })).message).toMatch(/^rules\[0\]\.spec="he_normal", expected a spec that fits weight lstm\/bias/);
    expect(err(() => initializeModel(m, { seed: 1, rules: [{ match: { name: 'x' } as never, spec: 'zeros' }] })).message).toMatch(/^rules\[0\]\.match\.name="x", expected no such field/);
    expect(err(() => initializeModel(m, { seed: 1, rules: [{ match: {}, spec: 'he_normall' }] })).message).toMatch(/^rules\[0\]\.spec="he_normall"/);
    expect(err(() => initializeModel(m, {} as never)).message).toMatch(/^seed=undefined/);
    const p = tf.sequential();
    p.add(tf.layers.dense({ name: 'd', units: 4, inputShape: [3] }));
    p.add(tf.layers.prelu({ name: 'act' }));
    expect(err(() => initializeModel(p, { seed: 0, defaults: 'torch' })).message).toMatch(/weight="act\/alpha", .*defaults 'torch' has no default for PReLU's alpha/);
    expect(bytes(values(m, 'emb/embeddings')).equals(before)).toBe(true);
  });
});

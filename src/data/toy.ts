/**
 * Two-dimensional toy sets for fast runs (the TensorFlow Playground's and the deeplearning.ai
 * explorer's circle, spiral and Gaussian sets), each a pure function of (key, n):
 *
 * - `spirals`: two interleaved arms, class c at angle θ = 3π·t + cπ and radius r = t for
 *   t ~ U(0, 1), plus N(0, 0.05²) noise on each coordinate (inputs scaled by 2, in about [-2, 2]).
 * - `circles`: class 0 on a circle of radius 0.5, class 1 of radius 1.5, angle U(0, 2π), noise
 *   N(0, 0.15²) on each coordinate.
 * - `blobs`: three Gaussian clusters N(μ_c, 0.6²·I) with centres μ_c = 1.5·(cos 2πc/3, sin 2πc/3).
 *
 * Labels are c = i mod classes (balanced); the trainer shuffles.
 */
import { foldIn, type Key } from '../random/key.js';
import { fillNormal } from '../random/normal.js';
import { fillUniform } from '../random/uniform.js';
import { dataset, type Dataset } from './dataset.js';

export const TOY_SETS = ['spirals', 'circles', 'blobs'] as const;
export type ToySet = (typeof TOY_SETS)[number];

const CLASSES: Readonly<Record<ToySet, number>> = { spirals: 2, circles: 2, blobs: 3 };

export function toySet(name: ToySet, key: Key, n: number): Dataset {
  const classes = CLASSES[name];
  const u = fillUniform(foldIn(key, 'position'), new Float64Array(n));
  const noise = fillNormal(foldIn(key, 'noise'), new Float64Array(2 * n));
  const inputs = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    labels[i] = c;
    let x: number;
    let y: number;
    if (name === 'spirals') {
      const t = u[i];
      const theta = 3 * Math.PI * t + c * Math.PI;
      x = 2 * (t * Math.cos(theta) + 0.05 * noise[2 * i]);
      y = 2 * (t * Math.sin(theta) + 0.05 * noise[2 * i + 1]);
    } else if (name === 'circles') {
      const r = c === 0 ? 0.5 : 1.5;
      const theta = 2 * Math.PI * u[i];
      x = r * Math.cos(theta) + 0.15 * noise[2 * i];
      y = r * Math.sin(theta) + 0.15 * noise[2 * i + 1];
    } else {
      const a = (2 * Math.PI * c) / classes;
      x = 1.5 * Math.cos(a) + 0.6 * noise[2 * i];
      y = 1.5 * Math.sin(a) + 0.6 * noise[2 * i + 1];
    }
    inputs[2 * i] = x;
    inputs[2 * i + 1] = y;
  }
  return dataset(name, 2, classes, inputs, labels);
}

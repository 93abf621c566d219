/**
 * The forward pass: for l = 1..L, z^l = x^{l-1} W^l + b^l and x^l = φ(z^l), with statistics of both
 * per layer (and, when asked, the singular values of each layer's Jacobian, ./jacobian.ts). Arrays have the configured dtype and the
 * work is done by an engine (./engine.ts): in float32 the WebAssembly kernels by default, which
 * accumulate products in float32 as a framework's GEMM does and evaluate φ in float32; the
 * JavaScript reference (float64 runs, `backend: 'js'`) accumulates each dot product in float64,
 * evaluates φ in float64 and rounds once. The two differ by a few float32 ulps per layer, not in
 * where a run overflows.
 *
 * Blow-ups are results: the first layer with a non-finite pre-activation or activation is an
 * `overflow` event, the first layer whose activations are all exactly 0 a `vanished` event (above
 * it the signal holds nothing of the input); statistics stop at that layer.
 */
import { calibrateLayer } from '../init/lsuv.js';
import type { Key } from '../random/key.js';
import { summarize } from '../stats/moments.js';
import type { FloatArray } from '../tensor.js';
import type { Engine } from './engine.js';
import { layerJacobian } from './jacobian.js';
import type { Network } from './network.js';
import type { LabEvent, LayerRecord } from './types.js';

export interface ForwardResult {
  /** z^l for every layer reached, when kept for the backward pass (index l - 1). */
  readonly preacts: FloatArray[];
  /** W^l likewise (drawing them again would cost as much time as a matrix product). */
  readonly weights: FloatArray[];
  /** x^L, when the pass reached the top. */
  readonly top?: FloatArray;
  readonly event?: LabEvent;
}

export function forward(net: Network, engine: Engine, root: Key, input: FloatArray, records: LayerRecord[], progress: () => void): ForwardResult {
  const { config, sizes, phi } = net;
  const batch = config.batch;
  const saturation = phi.saturation;
  const actRange = saturation === undefined ? undefined : ([saturation.low, saturation.high] as const);
  const stats = {
    z: { bins: config.bins },
    h: { bins: config.bins, ...(saturation === undefined ? {} : { saturation, range: actRange }) },
  };
  const preacts: FloatArray[] = [];
  const weights: FloatArray[] = [];
  // Activations alternate between two buffers; weights and pre-activations are kept for the
  // backward pass, else they reuse one buffer each.
  const keep = config.backward;
  const widest = batch * Math.max(...sizes);
  const acts = [engine.alloc(widest), engine.alloc(widest)];
  let largest = 0;
  for (let l = 1; l <= config.depth; l++) largest = Math.max(largest, sizes[l - 1] * sizes[l]);
  const wBuf = keep ? null : engine.alloc(largest);
  const zBuf = keep ? null : engine.alloc(widest);
  let x = input;
  for (let l = 1; l <= config.depth; l++) {
    const nIn = sizes[l - 1];
    const nOut = sizes[l];
    const w = engine.weight(net, root, l, wBuf?.subarray(0, nIn * nOut));
    const b = net.bias(root, l);
    const hasBias = b.some((v) => v !== 0);
    const preact = (): FloatArray => {
      const out = engine.product('nn', x, w, batch, nIn, nOut, 1, zBuf?.subarray(0, batch * nOut));
      if (hasBias) engine.addBias(out, b, batch, nOut);
      return out;
    };
    const rec = records[l - 1];
    let z!: FloatArray;
    // LSUV on the input batch: rescale W^l until Var(z^l) is within tol of 1 (../init/lsuv.ts);
    // each measurement recomputes z^l with the current W^l.
    if (net.lsuv !== undefined) rec.lsuv = calibrateLayer(l, w, () => summarize((z = preact())).variance, net.lsuv);
    else z = preact();
    const act = engine.activate(net, z, { z: stats.z, h: { ...stats.h, units: nOut } }, acts[l % 2].subarray(0, batch * nOut));
    rec.preact = act.inStats!;
    rec.act = act.outStats!;
    if (config.jacobian > 0 && rec.preact.nonFinite === 0) {
      const slopes = (row: number) => Float64Array.from(z.subarray(row * nOut, (row + 1) * nOut), (v) => phi.df(v));
      rec.jacobian = layerJacobian(w, nIn, nOut, slopes, config.jacobian);
    }
    progress();
    if (rec.preact.nonFinite > 0 || rec.act.nonFinite > 0) {
      const tensor = rec.preact.nonFinite > 0 ? 'preact' : 'act';
      const limit = config.dtype === 'float32' ? '3.4e38 (float32)' : '1.8e308 (float64)';
      return { preacts, weights, event: { kind: 'overflow', layer: l, pass: 'forward', tensor, message: `overflow at layer ${l}: ${rec[tensor]!.nonFinite} ${tensor} values beyond ${limit}` } };
    }
    if (rec.act.zeroFraction === 1) {
      return { preacts, weights, event: { kind: 'vanished', layer: l, pass: 'forward', tensor: 'act', message: `vanished at layer ${l}: every activation is exactly 0` } };
    }
    if (config.backward) {
      preacts.push(z);
      weights.push(w);
    }
    x = act.out;
  }
  return { preacts, weights, top: x };
}

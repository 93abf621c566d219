/**
 * The lab's engine on the WebAssembly kernels, for float32: every array of a pass lives in the
 * kernels' memory (no copies between layers), products are sgemm (../kernels/gemm.ts), and the
 * activation or its slope is fused with the statistics of its input and output
 * (../kernels/stats.ts, ./kernelStats.ts). Activations without a kernel (the exact GELU, custom
 * functions) are evaluated in JavaScript on the same arrays, their statistics still by kernel.
 */
import type { Wasm } from '../kernels/backend.js';
import { sgemm } from '../kernels/gemm.js';
import { activate, activateSlope, activationCode, addBias, ceil32, floor32, moments, NO_BOUNDS, type Bounds, type Moments } from '../kernels/stats.js';
import type { FloatArray } from '../tensor.js';
import { arrayStats, SATURATION_MARGIN, type StatsOptions } from './arrayStats.js';
import type { Engine } from './engine.js';
import { KERNEL_SCRATCH, peakBytes } from './config.js';
import { kernelArrayStats } from './kernelStats.js';
import type { Network } from './network.js';

/**
 * The saturation test of arrayStats (x ≤ low + margin or x ≥ high − margin, in float64) as float32
 * bounds: for a float32 x, x ≤ t exactly when x ≤ floor32(t), and x ≥ t when x ≥ ceil32(t).
 */
function boundsOf(options: StatsOptions): Bounds {
  const s = options.saturation;
  if (s === undefined) return NO_BOUNDS;
  const margin = SATURATION_MARGIN * (s.high - s.low);
  return { lo: floor32(s.low + margin), hi: ceil32(s.high - margin) };
}

export function wasmEngine(w: Wasm, net: Network): Engine {
  const { kernels } = w;
  const code = activationCode(net.phi);
  const param = net.phi.param ?? 0;
  const { f, df } = net.phi;
  const alloc = (n: number): Float32Array => kernels.f32(kernels.alloc(4 * n), n);
  const ptr = (a: FloatArray): number => a.byteOffset;
  const pair = (a: FloatArray, ma: Moments, oa: StatsOptions, b: FloatArray, mb: Moments, ob: StatsOptions) =>
    kernelArrayStats(w, [{ data: a as Float32Array, m: ma, options: oa }, { data: b as Float32Array, m: mb, options: ob }]);
  return {
    alloc,
    adopt(a) {
      const copy = alloc(a.length);
      copy.set(a);
      return copy;
    },
    weight(n, root, l, out) {
      return n.weight(root, l, out ?? alloc(n.sizes[l - 1] * n.sizes[l]));
    },
    product(op, a, b, m, k, n, divisor = 1, out) {
      const c = out ?? alloc(m * n);
      sgemm(w, op, ptr(a), ptr(b), ptr(c), m, k, n, 1 / divisor);
      return c;
    },
    addBias(z, b, rows, cols) {
      addBias(w, ptr(z), b, rows, cols);
    },
    activate(_, z, stats, out) {
      const h = out ?? alloc(z.length);
      const bounds = stats === null ? null : boundsOf(stats.h);
      let m: ReturnType<typeof activate>;
      if (code !== undefined) m = activate(w, code, param, ptr(z), ptr(h), z.length, bounds);
      else {
        for (let i = 0; i < z.length; i++) h[i] = f(z[i]);
        m = bounds === null ? null : [moments(w, ptr(z), z.length), moments(w, ptr(h), h.length, bounds)];
      }
      if (stats === null || m === null) return { out: h };
      const [inStats, outStats] = pair(z, m[0], stats.z, h, m[1], stats.h);
      return { out: h, inStats, outStats };
    },
    activateSlope(_, g, z, options, out) {
      const d = out ?? alloc(g.length);
      let m: [Moments, Moments];
      if (code !== undefined) m = activateSlope(w, code, param, ptr(g), ptr(z), ptr(d), g.length);
      else {
        for (let i = 0; i < g.length; i++) d[i] = g[i] * df(z[i]);
        m = [moments(w, ptr(g), g.length), moments(w, ptr(d), d.length)];
      }
      const [inStats, outStats] = pair(g, m[0], options, d, m[1], options);
      return { out: d, inStats, outStats };
    },
    stats(a, options) {
      if (!(a instanceof Float32Array)) return arrayStats(a, options);
      return kernelArrayStats(w, [{ data: a, m: moments(w, ptr(a), a.length, boundsOf(options)), options }])[0];
    },
    session(body) {
      return kernels.scoped(() => {
        // Reserve the run's peak up front, once: every run (the seeds' 30, say) then allocates
        // from the same base and never grows the memory again (growing restarts the workers, and
        // a plain unshared memory detaches its views).
        kernels.scoped(() => kernels.alloc(peakBytes(net.config) + KERNEL_SCRATCH));
        return body();
      });
    },
  };
}

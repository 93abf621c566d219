/**
 * PyTorch's CPU `uniform_` and `normal_` kernels (aten/src/ATen/native/cpu/DistributionTemplates.h,
 * transformation::uniform_real in aten/src/ATen/core/TransformationHelper.h, normal_distribution in
 * aten/src/ATen/core/DistributionsHelper.h), writing into a contiguous Float32Array (float32) or
 * Float64Array (float64) and advancing the generator exactly as PyTorch does.
 *
 * Two builds of these kernels exist and round differently; `kernel` picks one:
 * - 'avx2' (default): what x86-64 builds run on any CPU with AVX2 (PyTorch dispatches to its
 *   AVX2-compiled kernels there). The compiler fuses every `a·b + c` of the scalar code into one
 *   fused multiply-add, and float32 normal_ of 16 or more elements runs `normal_fill_AVX2`.
 * - 'generic': the portable kernels as x86-64 builds run them on a CPU without AVX2 (no fused
 *   multiply-add, libm's log/sin/cos). Not checked against a PyTorch run: the machines here have
 *   AVX2. aarch64 builds are neither: their compilers fuse multiply-adds in the portable kernels.
 *
 * uniform_(from, to): from and to are first cast to the tensor's dtype; each element is
 * x·(to - from) + from with x = (random() & (2^24 - 1))·2^-24 (float32, computed in float32) or
 * x = (random64() & (2^53 - 1))·2^-53 (float64).
 *
 * normal_(mean, std):
 * - n >= 16 (contiguous): `normal_fill`. All n uniforms are drawn first (24-bit for float32, 53-bit
 *   for float64); each block of 16 becomes 16 normals by Box-Muller, with u1 = 1 - data[j],
 *   u2 = data[j + 8], r = √(-2 ln u1), θ = 2π·u2, data[j] = r·cos θ·std + mean and
 *   data[j + 8] = r·sin θ·std + mean (j = 0..7). When 16 does not divide n, 16 fresh uniforms
 *   overwrite the last 16 elements and are transformed again.
 *   float32 on x86-64 runs `normal_fill_AVX2` (Cephes-style log256_ps/sincos256_ps, 2π as a
 *   float32, a fused multiply-add for ·std + mean) in the 'avx2' build; the portable
 *   `normal_fill_16` (libm logf/cosf/sinf, θ rounded from a double 2π·u2) in the 'generic' one.
 * - n < 16: one `normal_distribution<double>` draw per element: u1, u2 53-bit,
 *   r = √(-2·log1p(-u2)) (PyTorch 1.13 writes log(1 - u2): the same number, as 1 - u2 is exact,
 *   up to libm rounding), θ = 2π·u1, returns r·cos θ·std + mean and caches r·sin θ on the
 *   generator for the next scalar draw (of either dtype); a cached value is used first.
 *
 * float64 results use V8's log/sin/cos where PyTorch uses glibc's: against PyTorch 1.13.1,
 * 5.7% of 60 000 float64 normals differ, each by one ulp. Cast to float32 (small float32 tensors),
 * such a difference changes the result only when it straddles a float32 rounding boundary.
 */
import { fail } from '../../errors.js';
import { fma64, fmaF32, log256, sincos256 } from './avxMath.js';
import type { TorchGenerator } from './generator.js';

const fr = Math.fround;
const TWO_PI = 2 * Math.PI;
const TWO_PI_F32 = fr(2 * Math.PI);

export type TorchArray = Float32Array | Float64Array;

/** Which build of PyTorch's CPU kernels to reproduce (see above). */
export type TorchKernel = 'avx2' | 'generic';
export const TORCH_KERNELS: readonly TorchKernel[] = ['avx2', 'generic'];

export interface TorchKernelOptions {
  /** 'avx2' (default): x86-64 PyTorch on a CPU with AVX2; 'generic': the portable kernels. */
  readonly kernel?: TorchKernel;
}

const plain = (a: number, b: number, c: number): number => a * b + c;
const plainF32 = (a: number, b: number, c: number): number => fr(fr(a * b) + c);
const fused = (o: TorchKernelOptions): boolean => (o.kernel ?? 'avx2') === 'avx2';

/** PyTorch's `tensor.uniform_(from, to)` on the contiguous `out`. */
export function torchUniform(generator: TorchGenerator, out: TorchArray, from: number, to: number, options: TorchKernelOptions = {}): TorchArray {
  const single = out instanceof Float32Array;
  const lo = single ? fr(from) : from;
  const hi = single ? fr(to) : to;
  checkUniformRange(from, to, lo, hi, single);
  if (single) {
    const width = fr(hi - lo);
    const madd = fused(options) ? fmaF32 : plainF32;
    for (let i = 0; i < out.length; i++) out[i] = madd(generator.uniform24(), width, lo);
  } else {
    const width = hi - lo;
    const madd = fused(options) ? fma64 : plain;
    for (let i = 0; i < out.length; i++) out[i] = madd(generator.uniform53(), width, lo);
  }
  return out;
}

function checkUniformRange(from: number, to: number, lo: number, hi: number, single: boolean): void {
  if (!Number.isFinite(from)) fail('from', from, 'a finite number (uniform_ needs finite bounds)');
  if (!Number.isFinite(to)) fail('to', to, 'a finite number (uniform_ needs finite bounds)');
  if (!(lo <= hi)) fail('from', from, `at most to=${to} (uniform_ draws from [from, to))`);
  if (!Number.isFinite(single ? fr(hi - lo) : hi - lo)) {
    fail('to', to, `to - from within the ${single ? 'float32' : 'float64'} range (PyTorch checks to - from <= the dtype's largest value)`);
  }
}

/** PyTorch's `tensor.normal_(mean, std)` on the contiguous `out`. */
export function torchNormal(generator: TorchGenerator, out: TorchArray, mean: number, std: number, options: TorchKernelOptions = {}): TorchArray {
  if (!Number.isFinite(mean)) fail('mean', mean, 'a finite number');
  if (!(std >= 0) || !Number.isFinite(std)) fail('std', std, 'a finite number >= 0 (normal_ expects std >= 0.0)');
  const n = out.length;
  const avx2 = fused(options);
  if (n < 16) {
    for (let i = 0; i < n; i++) out[i] = scalarNormal(generator, mean, std, avx2 ? fma64 : plain);
  } else if (out instanceof Float32Array) {
    normalFill(generator, out, fr(mean), fr(std), avx2 ? normalBlockAvx2 : normalBlockF32);
  } else {
    normalFill(generator, out, mean, std, avx2 ? normalBlockF64Fused : normalBlockF64);
  }
  return out;
}

type Block<A extends TorchArray> = (data: A, at: number, mean: number, std: number) => void;

/** normal_fill: uniforms first, Box-Muller per block of 16, the last 16 redrawn when 16 ∤ n. */
function normalFill<A extends TorchArray>(generator: TorchGenerator, data: A, mean: number, std: number, block: Block<A>): void {
  const n = data.length;
  const draw = data instanceof Float32Array ? () => generator.uniform24() : () => generator.uniform53();
  for (let i = 0; i < n; i++) data[i] = draw();
  for (let i = 0; i + 16 <= n; i += 16) block(data, i, mean, std);
  if (n % 16 !== 0) {
    for (let i = n - 16; i < n; i++) data[i] = draw();
    block(data, n - 16, mean, std);
  }
}

/** normal_fill_16_AVX2 on one block of float32 (mean and std already float32). */
function normalBlockAvx2(d: Float32Array, at: number, mean: number, std: number): void {
  for (let j = at; j < at + 8; j++) {
    const radius = fr(Math.sqrt(fr(-2 * log256(fr(1 - d[j])))));
    const { sin, cos } = sincos256(fr(TWO_PI_F32 * d[j + 8]));
    d[j] = fmaF32(fr(radius * cos), std, mean);
    d[j + 8] = fmaF32(fr(radius * sin), std, mean);
  }
}

/** normal_fill_16<float> (generic build): libm's float log/cos/sin, taken here as correctly rounded. */
function normalBlockF32(d: Float32Array, at: number, mean: number, std: number): void {
  for (let j = at; j < at + 8; j++) {
    const radius = fr(Math.sqrt(fr(-2 * fr(Math.log(fr(1 - d[j]))))));
    const theta = fr(TWO_PI * d[j + 8]);
    d[j] = fr(fr(fr(radius * fr(Math.cos(theta))) * std) + mean);
    d[j + 8] = fr(fr(fr(radius * fr(Math.sin(theta))) * std) + mean);
  }
}

/** normal_fill_16<double>, its `·std + mean` one multiply-add (fused or not). */
const normalBlockDouble = (madd: (a: number, b: number, c: number) => number) => (d: Float64Array, at: number, mean: number, std: number): void => {
  for (let j = at; j < at + 8; j++) {
    const radius = Math.sqrt(-2 * Math.log(1 - d[j]));
    const theta = TWO_PI * d[j + 8];
    d[j] = madd(radius * Math.cos(theta), std, mean);
    d[j + 8] = madd(radius * Math.sin(theta), std, mean);
  }
};
const normalBlockF64 = normalBlockDouble(plain);
const normalBlockF64Fused = normalBlockDouble(fma64);

/** One `normal_distribution<double>(mean, std)` draw, using and refilling the generator's cache; `madd` is v·std + mean. */
function scalarNormal(generator: TorchGenerator, mean: number, std: number, madd: (a: number, b: number, c: number) => number): number {
  const cached = generator.nextDoubleNormal;
  if (cached !== undefined) {
    generator.nextDoubleNormal = undefined;
    return madd(cached, std, mean);
  }
  const u1 = generator.uniform53();
  const u2 = generator.uniform53();
  const r = Math.sqrt(-2 * Math.log1p(-u2));
  const theta = TWO_PI * u1;
  generator.nextDoubleNormal = r * Math.sin(theta);
  return madd(r * Math.cos(theta), std, mean);
}

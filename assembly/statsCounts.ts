// The second and third passes of a tensor's statistics, once the first (./stats.ts) gave its
// finite min, max and mean. Tasks are the same fixed chunks; several tensors go in one call, each
// described by a job of JOB_FIELDS float64s, task t working on job ⌊t / tasksPer⌋, chunk
// t mod tasksPer.
//
// statsCount, per task, into its own block (layout below): M2 = Σ(x − mean)² in float64 about
// the tensor's mean, the counts of x = min, x = max and x < 0, the histogram, and the counts of
// the quantile regions. statsGather then copies out the values of chosen quantile regions.

// Job layout (bytes; i32, u32 pointers, f32, and the mean in f64). Fields are typed, not all
// f64: V8 moves pure conversions of loop-invariant values into the loop (measured 4x slower).
const J_X = 0;
const J_N = 4;
/** 1 when the tensor has no NaN or ±∞ (the vector path), 0 otherwise (element by element). */
const J_CLEAN = 8;
/** bins + 1 float32 bounds B (see histRegion), their count of bins, and the guess's scale. */
const J_BINS = 12;
const J_BOUNDS = 16;
const J_HSCALE = 20;
/** The quantile regions' origin, scale and bins (quantileRegions). */
const J_QLO = 24;
const J_QSCALE = 28;
const J_QBINS = 32;
const J_MIN = 36;
const J_MAX = 40;
/** Where task blocks start, and bytes per block. */
const J_OUT = 44;
const J_BLOCK = 48;
const J_MEAN = 56;
/** statsGather: two ranges of quantile regions (i32 r1, r2; u32 out, offsets), A then B; r1 > r2 is empty. */
const J_RANGES = 64;
const JOB_BYTES: i32 = 96;

/**
 * Block layout (bytes): f64 M2, u32 [x = min, x = max, x < 0], f32 [low, high] margins of the
 * histogram's guess, then the histogram's 8 sub-histograms, then the quantile counts.
 */
const B_MARGINS = 20;
const B_HIST: i32 = 32;

const CHUNK: i32 = 16384;

export function statsJobBytes(): i32 {
  return JOB_BYTES;
}

export function statsHistOffset(): i32 {
  return B_HIST;
}

export function statsQuantileOffset(bins: i32): i32 {
  return B_HIST + 32 * (bins + 2);
}

export function statsBlockBytes(bins: i32, qbins: i32): i32 {
  return (statsQuantileOffset(bins) + 4 * (qbins + 3) + 15) & ~15;
}

// @ts-ignore: decorator
@inline function int(job: usize, at: i32): i32 {
  return load<i32>(job + <usize>at);
}

// @ts-ignore: decorator
@inline function float(job: usize, at: i32): f32 {
  return load<f32>(job + <usize>at);
}

// @ts-ignore: decorator
@inline function bump(c: usize, r: i32): void {
  const p = c + (<usize>r << 2);
  store<u32>(p, load<u32>(p) + 1);
}

/**
 * The histogram region of a finite float32 v: the number of bounds B[j] ≤ v, j = 0..bins, where
 * B[j] (j < bins) is the smallest float32 ≥ edge j and B[bins] the float32 just above the largest
 * float32 ≤ the last edge: 0 below the range, b + 1 in bin b, bins + 1 above. Binary search.
 */
// @ts-ignore: decorator
@inline function histRegion(v: f32, bounds: usize, bins: i32): i32 {
  let lo = 0, hi = bins + 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (load<f32>(bounds + (<usize>mid << 2)) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Constants splatted by loading (V8 rebuilds a v128 constant at every use inside a loop). */
const KF: usize = memory.data<f32>([-1, 12582912]);
const KI: usize = memory.data<i32>([0x4b400000 - 1]);

/**
 * ⌊t⌋ clamped to [−1, top], plus 1, as i32 lanes (NaN counts as top): the clamp by pmin/pmax
 * (pmin(a, b) = b < a ? b : a) and the conversion by adding 1.5·2^23 and reading the bits, a
 * handful of instructions where i32x4.trunc_sat and f32x4.min are about eight each in V8.
 */
// @ts-ignore: decorator
@inline function floorPlus1(t: v128, top: v128): v128 {
  const c = f32x4.pmax(v128.load32_splat(KF), f32x4.pmin(top, f32x4.floor(t)));
  return i32x4.sub(f32x4.add(c, v128.load32_splat(KF, 4)), v128.load32_splat(KI));
}

/**
 * The regions of the quantile search for finite lanes: 0 for x < lo, 1 + ⌊(x − lo)·scale⌋ up to
 * bins + 1 (everything from the top bin on). In float32 arithmetic the region is a
 * non-decreasing function of x, so counting regions and then gathering the values of some
 * regions (with this same function) finds order statistics exactly.
 */
// @ts-ignore: decorator
@inline function finiteRegions(v: v128, lo: v128, scale: v128, top: v128): v128 {
  return v128.andnot(floorPlus1(f32x4.mul(f32x4.sub(v, lo), scale), top), f32x4.lt(v, lo));
}

/** finiteRegions, and −1 (in no range, never counted) for NaN and ±∞; `top` is bins as a float. */
// @ts-ignore: decorator
@inline function quantileRegions(v: v128, lo: v128, scale: v128, top: v128): v128 {
  const d = f32x4.sub(v, v);
  return v128.or(finiteRegions(v, lo, scale, top), f32x4.ne(d, d));
}

/**
 * Margins of the histogram's vector guess. With t(x) = (x − B[0])·scale in float32 (a
 * non-decreasing function of x) and τ_j = t(B[j]), δ = max_j |τ_j − j|: x ≥ B[j] whenever
 * t(x) > τ_j and x < B[j] whenever t(x) < τ_j, so if t(x) lies in (m + δ, m + 1 − δ), m = ⌊t⌋,
 * every τ_j with j ≤ m is below t and every other above: the region is min(m, bins) + 1 exactly
 * (and 0 for t < 0 = τ_0). Returns (low, high) float32 margins on t − m (exact in float32) that
 * contain (δ, 1 − δ) strictly, or low = 2 (never met) when δ is not small, at `out`.
 */
function guessMargins(bounds: usize, bins: i32, scale: f32, out: usize): void {
  const lo = load<f32>(bounds);
  let delta = 0.0;
  for (let j = 0; j <= bins; j++) {
    const tau = (load<f32>(bounds + (<usize>j << 2)) - lo) * scale;
    delta = max(delta, abs(<f64>tau - <f64>j));
  }
  const small = delta < 0.25;
  store<f32>(out, small ? <f32>(delta + 1e-6) : 2);
  store<f32>(out, small ? <f32>(1 - delta - 1e-6) : 0, 4);
}

/** Task t's block of job ⌊t / tasksPer⌋ (see the file comment). */
export function statsCount(jobs: usize, tasksPer: i32, task: i32): void {
  const job = jobs + <usize>(task / tasksPer) * JOB_BYTES;
  const t = task % tasksPer;
  const n = int(job, J_N);
  const bins = int(job, J_BINS);
  const qbins = int(job, J_QBINS);
  const block = <usize>int(job, J_OUT) + <usize>t * <usize>int(job, J_BLOCK);
  memory.fill(block, 0, <usize>statsBlockBytes(bins, qbins));
  const i0 = t * CHUNK;
  const len = min(CHUNK, n - i0);
  if (len <= 0) return;
  const x = <usize>int(job, J_X) + (<usize>i0 << 2);
  const bounds = <usize>int(job, J_BOUNDS);
  const hist = block + B_HIST;
  const quant = block + statsQuantileOffset(bins);
  const mean = load<f64>(job + J_MEAN);
  const mn = float(job, J_MIN), mx = float(job, J_MAX);
  const vqlo = f32x4.splat(float(job, J_QLO)), vqscale = f32x4.splat(float(job, J_QSCALE)), vqbins = f32x4.splat(<f32>qbins);
  guessMargins(bounds, bins, float(job, J_HSCALE), block + B_MARGINS);
  const clean = int(job, J_CLEAN) != 0 && load<f32>(block + B_MARGINS) < 1;
  let m2 = 0.0;
  let cmin = 0, cmax = 0, neg = 0;
  const body = clean ? len & ~3 : 0;
  if (body > 0) {
    const vmean = f64x2.splat(mean);
    const vmin = f32x4.splat(mn), vmax = f32x4.splat(mx), zero = f32x4.splat(0);
    const hlo = f32x4.splat(load<f32>(bounds)), hs = f32x4.splat(float(job, J_HSCALE));
    const mlo = f32x4.splat(load<f32>(block + B_MARGINS)), mhi = f32x4.splat(load<f32>(block + B_MARGINS + 4));
    const vbins = f32x4.splat(<f32>bins), ibins = i32x4.splat(bins);
    // B[1], B[bins − 1], B[bins]: the first bin is [B[0], B[1]), the last [B[bins − 1], B[bins]).
    const b1 = f32x4.splat(load<f32>(bounds, 4));
    const blast = f32x4.splat(load<f32>(bounds + (<usize>(bins - 1) << 2)));
    const vtop = f32x4.splat(load<f32>(bounds + (<usize>bins << 2)));
    const lane = <usize>(bins + 2) << 2;
    let q0 = f64x2.splat(0), q1 = f64x2.splat(0);
    let vcmin = i32x4.splat(0), vcmax = i32x4.splat(0), vneg = i32x4.splat(0);
    for (let i = 0; i < body; i += 4) {
      const v = v128.load(x + (<usize>i << 2));
      const d0 = f64x2.sub(f64x2.promote_low_f32x4(v), vmean);
      const d1 = f64x2.sub(f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)), vmean);
      q0 = f64x2.add(q0, f64x2.mul(d0, d0));
      q1 = f64x2.add(q1, f64x2.mul(d1, d1));
      vcmin = i32x4.sub(vcmin, f32x4.eq(v, vmin));
      vcmax = i32x4.sub(vcmax, f32x4.eq(v, vmax));
      vneg = i32x4.sub(vneg, f32x4.lt(v, zero));
      const th = f32x4.mul(f32x4.sub(v, hlo), hs);
      const m = f32x4.floor(th);
      const fr = f32x4.sub(th, m);
      const sure = v128.or(v128.and(f32x4.gt(fr, mlo), f32x4.lt(fr, mhi)), f32x4.lt(th, zero));
      // Eight sub-histograms, by lane and by the parity of the vector: consecutive vectors that
      // hit the same bin (frequent with few bins) do not wait on each other's counter.
      const h = hist + (<usize>((i >> 2) & 1) << 2) * lane;
      let r = floorPlus1(th, vbins);
      let exact = i32x4.all_true(sure);
      if (!exact) {
        // Ties at min, max or a range end (ReLU's zeros, saturated units) sit on an edge, where
        // the guess is unsure: the first and last bins and the outside are exact comparisons.
        const below = f32x4.lt(v, hlo);
        const above = f32x4.ge(v, vtop);
        const first = v128.andnot(f32x4.lt(v, b1), below);
        const last = v128.andnot(f32x4.ge(v, blast), above);
        exact = i32x4.all_true(v128.or(v128.or(sure, v128.or(below, above)), v128.or(first, last)));
        r = v128.andnot(r, below);
        r = v128.bitselect(i32x4.splat(1), r, first);
        r = v128.bitselect(ibins, r, last);
        r = v128.bitselect(i32x4.add(ibins, i32x4.splat(1)), r, above);
      }
      if (exact) {
        bump(h, i32x4.extract_lane(r, 0));
        bump(h + lane, i32x4.extract_lane(r, 1));
        bump(h + 2 * lane, i32x4.extract_lane(r, 2));
        bump(h + 3 * lane, i32x4.extract_lane(r, 3));
      } else {
        bump(h, histRegion(f32x4.extract_lane(v, 0), bounds, bins));
        bump(h + lane, histRegion(f32x4.extract_lane(v, 1), bounds, bins));
        bump(h + 2 * lane, histRegion(f32x4.extract_lane(v, 2), bounds, bins));
        bump(h + 3 * lane, histRegion(f32x4.extract_lane(v, 3), bounds, bins));
      }
      const qr = finiteRegions(v, vqlo, vqscale, vqbins);
      bump(quant, i32x4.extract_lane(qr, 0));
      bump(quant, i32x4.extract_lane(qr, 1));
      bump(quant, i32x4.extract_lane(qr, 2));
      bump(quant, i32x4.extract_lane(qr, 3));
    }
    const q = f64x2.add(q0, q1);
    m2 = f64x2.extract_lane(q, 0) + f64x2.extract_lane(q, 1);
    cmin = i32x4.extract_lane(vcmin, 0) + i32x4.extract_lane(vcmin, 1) + i32x4.extract_lane(vcmin, 2) + i32x4.extract_lane(vcmin, 3);
    cmax = i32x4.extract_lane(vcmax, 0) + i32x4.extract_lane(vcmax, 1) + i32x4.extract_lane(vcmax, 2) + i32x4.extract_lane(vcmax, 3);
    neg = i32x4.extract_lane(vneg, 0) + i32x4.extract_lane(vneg, 1) + i32x4.extract_lane(vneg, 2) + i32x4.extract_lane(vneg, 3);
  }
  // The ragged end, or every element of a tensor with non-finite values: one by one, skipping them.
  for (let i = body; i < len; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    if (!isFinite(v)) continue;
    const d = <f64>v - mean;
    m2 += d * d;
    if (v == mn) cmin++;
    if (v == mx) cmax++;
    if (v < 0) neg++;
    bump(hist, histRegion(v, bounds, bins));
    bump(quant, i32x4.extract_lane(quantileRegions(f32x4.splat(v), vqlo, vqscale, vqbins), 0));
  }
  // Fold the sub-histograms into the first.
  const regions = bins + 2;
  const stride = <usize>regions << 2;
  for (let r = 0; r < regions; r++) {
    const p = hist + (<usize>r << 2);
    let total: u32 = 0;
    for (let j = 0; j < 8; j++) total += load<u32>(p + <usize>j * stride);
    store<u32>(p, total);
  }
  store<f64>(block, m2);
  store<u32>(block, cmin, 8);
  store<u32>(block, cmax, 12);
  store<u32>(block, neg, 16);
}

/**
 * dst[w] = Σ over tasks of the u32 word w after the block's M2 (words = (block − 8)/4), in task
 * order: the totals of every count of statsCount's blocks for one job.
 */
export function statsSum(blocks: usize, tasks: i32, blockBytes: i32, dst: usize): void {
  const words = (blockBytes - 8) >> 2;
  const body = words & ~3;
  memory.fill(dst, 0, <usize>words << 2);
  for (let t = 0; t < tasks; t++) {
    const src = blocks + <usize>t * blockBytes + 8;
    for (let w = 0; w < body; w += 4) {
      const p = <usize>w << 2;
      v128.store(dst + p, i32x4.add(v128.load(dst + p), v128.load(src + p)));
    }
    for (let w = body; w < words; w++) {
      const p = <usize>w << 2;
      store<u32>(dst + p, load<u32>(dst + p) + load<u32>(src + p));
    }
  }
}

/**
 * Copies the values of task t's chunk whose quantile region lies in range A (or B), in index
 * order, to A's output from A's offset for the task (likewise B): job fields J_RANGES.. hold
 * r1, r2, out, offsets for A then for B (an empty range has r1 > r2).
 */
export function statsGather(jobs: usize, tasksPer: i32, task: i32): void {
  const job = jobs + <usize>(task / tasksPer) * JOB_BYTES;
  const t = task % tasksPer;
  const i0 = t * CHUNK;
  const len = min(CHUNK, int(job, J_N) - i0);
  if (len <= 0) return;
  const ra = job + J_RANGES;
  const rb = ra + 16;
  gatherChunk(
    <usize>int(job, J_X) + (<usize>i0 << 2), len, float(job, J_QLO), float(job, J_QSCALE), int(job, J_QBINS),
    load<i32>(ra), load<i32>(ra, 4), <usize>load<u32>(ra, 8) + (<usize>load<u32>(<usize>load<u32>(ra, 12) + (<usize>t << 2)) << 2),
    load<i32>(rb), load<i32>(rb, 4), <usize>load<u32>(rb, 8) + (<usize>load<u32>(<usize>load<u32>(rb, 12) + (<usize>t << 2)) << 2),
  );
}

/** statsGather's loop over one chunk. */
function gatherChunk(x: usize, len: i32, lo: f32, scale: f32, bins: i32, a1: i32, a2: i32, oa: usize, b1: i32, b2: i32, ob: usize): void {
  const vlo = f32x4.splat(lo), vscale = f32x4.splat(scale), vbins = f32x4.splat(<f32>bins);
  const va1 = i32x4.splat(a1), va2 = i32x4.splat(a2), vb1 = i32x4.splat(b1), vb2 = i32x4.splat(b2);
  for (let i = 0; i < len; i += 4) {
    const r = quantileRegions(v128.load(x + (<usize>i << 2)), vlo, vscale, vbins);
    const inA = v128.andnot(v128.not(i32x4.lt_s(r, va1)), i32x4.gt_s(r, va2));
    const inB = v128.andnot(v128.not(i32x4.lt_s(r, vb1)), i32x4.gt_s(r, vb2));
    const live = (1 << min(4, len - i)) - 1; // lanes past the chunk's end
    const ma = i32x4.bitmask(inA) & live;
    const mb = i32x4.bitmask(inB) & live;
    if ((ma | mb) == 0) continue;
    for (let j = 0; j < 4; j++) {
      const value = load<f32>(x + (<usize>(i + j) << 2));
      if ((ma & (1 << j)) != 0) {
        store<f32>(oa, value);
        oa += 4;
      }
      if ((mb & (1 << j)) != 0) {
        store<f32>(ob, value);
        ob += 4;
      }
    }
  }
}

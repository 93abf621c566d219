/**
 * Quantiles by selection instead of sorting: the same values as `quantiles` in
 * ../stats/moments.ts (NumPy's default linear rule, Hyndman & Fan type 7) in O(n) per probability
 * rather than O(n log n), because the lab takes the 2nd and 98th percentiles of several tensors of
 * up to a million values per layer, for hundreds of layers.
 *
 * For probability p with h = (n - 1)p, k = ⌊h⌋: Hoare's FIND (quickselect with a median-of-three
 * pivot; Hoare, CACM 4 (1961) 321) puts the k-th smallest value at index k with nothing larger
 * before it and nothing smaller after it; the (k+1)-th is then the minimum of what follows. The two
 * are interpolated by `quantiles` itself on the pair [x_k, x_{k+1}] at t = h - k (for two values
 * its virtual index is exactly t), so the rounding rule has one home.
 */
import { fail } from '../errors.js';
import { quantiles } from '../stats/moments.js';
import { probability } from '../validate.js';

/** Quantiles of finite values (no NaN): equal to `quantiles(data, ps)`. */
export function selectQuantiles(data: ArrayLike<number>, ps: readonly number[]): number[] {
  const n = data.length;
  if (n === 0) fail('data.length', 0, 'at least one value');
  ps.forEach((p, i) => probability(`ps[${i}]`, p));
  const a = Float64Array.from(data);
  return ps.map((p) => {
    const h = (n - 1) * p;
    const k = Math.floor(h);
    const lower = select(a, k);
    if (k + 1 >= n) return lower;
    let upper = Infinity;
    for (let i = k + 1; i < n; i++) if (a[i] < upper) upper = a[i];
    return interpolate(lower, upper, h - k);
  });
}

/**
 * The quantile between the order statistics x_k (`lower`) and x_{k+1} (`upper`) at t = h − k, by
 * `quantiles` itself on the pair (for two values its virtual index is exactly t).
 */
export function interpolate(lower: number, upper: number, t: number): number {
  return quantiles([lower, upper], [t])[0];
}

/** Rearranges `a` so that a[k] is its k-th smallest value, a[..k] ≤ a[k] ≤ a[k..]; returns a[k]. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot.
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  // Insertion sort of the short remaining range.
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

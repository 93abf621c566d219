/** Float32 neighbours, so float32 outputs can be held inside bounds that float32 cannot represent. */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function step(x: number, up: boolean): number {
  f32[0] = x;
  if (x === 0) return up ? 1.401298464324817e-45 : -1.401298464324817e-45;
  // For positive floats the bit pattern grows with the value; for negative ones it shrinks.
  u32[0] += (x > 0) === up ? 1 : -1;
  return f32[0];
}

/** The largest float32 that is <= x (x finite or infinite). */
export function f32AtMost(x: number): number {
  const f = Math.fround(x);
  return f > x ? step(f, false) : f;
}

/** The smallest float32 that is >= x. */
export function f32AtLeast(x: number): number {
  const f = Math.fround(x);
  return f < x ? step(f, true) : f;
}

/** The largest float32 strictly below x. */
export function f32Below(x: number): number {
  const f = f32AtMost(x);
  return f < x ? f : step(f, false);
}

/** The largest float64 strictly below x (x finite). */
export function f64Below(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const b = new Float64Array([x]);
  const i = new BigInt64Array(b.buffer);
  i[0] += x > 0 ? -1n : 1n;
  return b[0];
}

// A 4×4 float32 block transposed in registers (shared by the products' packing and QR's transposes).

/**
 * Stores the transpose of the 4×4 float32 block whose rows start at src, src + ls, src + 2ls,
 * src + 3ls as rows at dst, dst + ld, dst + 2ld, dst + 3ld (byte strides), in registers.
 */
// @ts-ignore: decorator
@inline export function transpose4x4(src: usize, ls: usize, dst: usize, ld: usize): void {
  const r0 = v128.load(src);
  const r1 = v128.load(src + ls);
  const r2 = v128.load(src + 2 * ls);
  const r3 = v128.load(src + 3 * ls);
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f64>(t0, t1, 0, 2));
  v128.store(dst + ld, v128.shuffle<f64>(t0, t1, 1, 3));
  v128.store(dst + 2 * ld, v128.shuffle<f64>(t2, t3, 0, 2));
  v128.store(dst + 3 * ld, v128.shuffle<f64>(t2, t3, 1, 3));
}


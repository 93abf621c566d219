/**
 * The kernels' module declares its imported memory shared (so worker threads can run on it).
 * Where shared memory is unavailable (a browser page that is not cross-origin isolated), the same
 * module runs on one thread over a plain memory once its import is declared unshared: the kernels
 * use no atomic instructions, so the shared flag is the only difference. `unshareMemoryImport`
 * clears that flag in the binary (WebAssembly core spec §5.5.5, import section; §5.3.7, limits:
 * flag 0x03 = shared with a maximum, 0x01 = unshared with a maximum), changing no length.
 */

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
function leb(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  let b: number;
  do {
    b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [value, at];
}

/** Skips a limits record (flag, minimum, maximum when flagged); returns the next offset. */
function skipLimits(bytes: Uint8Array, at: number): number {
  const flag = bytes[at];
  let next = leb(bytes, at + 1)[1];
  if (flag & 1) next = leb(bytes, next)[1];
  return next;
}

/** A copy of the module `bytes` whose memory imports are unshared. */
export function unshareMemoryImport(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  let at = 8; // magic and version
  while (at < out.length) {
    const id = out[at];
    const [size, body] = leb(out, at + 1);
    if (id === 2) {
      let [count, p] = leb(out, body);
      for (; count > 0; count--) {
        const [moduleLength, m] = leb(out, p);
        const [fieldLength, f] = leb(out, m + moduleLength);
        p = f + fieldLength;
        const kind = out[p++];
        if (kind === 0x00) p = leb(out, p)[1]; // function: type index
        else if (kind === 0x01) p = skipLimits(out, p + 1); // table: element type, limits
        else if (kind === 0x02) {
          out[p] &= ~0x02; // memory: clear the shared bit
          p = skipLimits(out, p);
        } else p += 2; // global: value type, mutability
      }
      return out;
    }
    at = body + size;
  }
  return out;
}

/**
 * The part of the WebAssembly JavaScript API the kernels use. TypeScript declares it only in its
 * DOM and web-worker libraries, which this Node-and-browser package does not load.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(delta: number): number;
  }
  function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
}

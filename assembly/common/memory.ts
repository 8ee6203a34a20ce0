// Memory is handed out here and managed by src/wasm/memory.ts (the one gateway on the TypeScript side).
import { MAX_ALLOC_BYTES } from "./layout";

/**
 * Allocates `bytes` of memory, 16-byte aligned; 0 when `bytes` is not a whole number from 0 to
 * MAX_ALLOC_BYTES. The size arrives as an f64 so that a request past 2^32 is refused, not wrapped.
 */
export function alloc(bytes: f64): usize {
  if (!(bytes >= 0 && bytes <= <f64>MAX_ALLOC_BYTES) || bytes != Math.floor(bytes)) return 0;
  return heap.alloc(<usize>bytes);
}

export function free(ptr: usize): void {
  heap.free(ptr);
}

/** Field `field` (an index, common/layout.ts) of the f64 descriptor at `desc`. */
@inline export function descField(desc: usize, field: i32): f64 {
  return load<f64>(desc + (<usize>field << 3));
}

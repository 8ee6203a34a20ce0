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

/** n rounded up to an even count of f64, so that the block after n values starts 16-byte aligned. */
@inline export function evenCount(n: i32): i32 {
  return n + (n & 1);
}

/** Slot `slot` (an index, common/layout.ts: OUT_*, SAMPLE_*, …) of the f64 block at `block` ← v. */
@inline export function putSlot(block: usize, slot: i32, v: f64): void {
  store<f64>(block + (<usize>slot << 3), v);
}

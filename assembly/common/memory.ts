// Memory is handed out here and managed by src/wasm/memory.ts (the one gateway on the TypeScript side).

/** Allocates `bytes` of memory, 16-byte aligned. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

export function free(ptr: usize): void {
  heap.free(ptr);
}

/** Field `field` (an index, common/layout.ts) of the f64 descriptor at `desc`. */
@inline export function descField(desc: usize, field: i32): f64 {
  return load<f64>(desc + (<usize>field << 3));
}

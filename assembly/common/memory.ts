// Memory is handed out here and managed by src/wasm/memory.ts (the one gateway on the TypeScript side).

/** Allocates `bytes` of memory, 16-byte aligned. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

export function free(ptr: usize): void {
  heap.free(ptr);
}

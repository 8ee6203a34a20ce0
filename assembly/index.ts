// The engine's exports. Memory is handed out here and managed by src/wasm/memory.ts.
export { runVector } from "./run";
export { lossAndGradients } from "./gradients";

/** Allocates `bytes` of memory, 16-byte aligned. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

export function free(ptr: usize): void {
  heap.free(ptr);
}
export { runReducedMany } from "./reduced";

import { acosPair } from "./acosPair";

/** y_i ← acos(y_i) as the reduced engine's steps take it (tests compare it with Math.acos's port). */
export function acosEach(y: usize, n: i32): void {
  let i = 0;
  for (; i + 1 < n; i += 2) v128.store(y + (<usize>i << 3), acosPair(v128.load(y + (<usize>i << 3))));
  if (i < n) store<f64>(y + (<usize>i << 3), f64x2.extract_lane(acosPair(f64x2.splat(load<f64>(y + (<usize>i << 3)))), 0));
}

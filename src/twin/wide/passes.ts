// TypeScript twin of assembly/wide/passes.ts: the same operations in the same order, and the same
// eight-lane reductions (the sampled twin's dot8, the population twin's sumOf and maxAbs).
// Rows are addressed as (array, offset).
import { dot8 } from '../sampled/forward.js';

/** ⟨x[xo …], y[yo …]⟩ over n entries: the eight-lane dot product of the sampled twin. */
export function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): number {
  return dot8(x, xo, yo === 0 ? y : y.subarray(yo), n);
}

/** out ← c·y over n entries. */
export function scaled(out: Float64Array, oo: number, c: number, y: Float64Array, yo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = c * y[yo + i];
}

/** out ← out + c·y over n entries. */
export function addScaled(out: Float64Array, oo: number, c: number, y: Float64Array, yo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = out[oo + i] + c * y[yo + i];
}

/** g ← ((g + sumD·o) − d)·h over n entries. */
export function finishRowA(g: Float64Array, go: number, d: Float64Array, o: Float64Array, sumD: number, h: number, n: number): void {
  for (let i = 0; i < n; i++) g[go + i] = (g[go + i] + sumD * o[i] - d[i]) * h;
}

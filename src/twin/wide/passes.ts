// TypeScript twin of assembly/wide/passes.ts: the same operations in the same order (eight partial
// sums per reduction, combined as ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))).
// Rows are addressed as (array, offset).

const lanes = new Float64Array(8);

function combined(): number {
  return ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));
}

/** ⟨x, y⟩ over n entries. */
export function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, n: number): number {
  lanes.fill(0);
  for (let i = 0; i < n; i++) lanes[i & 7] += x[xo + i] * y[yo + i];
  return combined();
}

/** Σ y_i over n entries. */
export function sum(y: Float64Array, yo: number, n: number): number {
  lanes.fill(0);
  for (let i = 0; i < n; i++) lanes[i & 7] += y[yo + i];
  return combined();
}

/** out ← c·y over n entries. */
export function scaled(out: Float64Array, oo: number, c: number, y: Float64Array, yo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = c * y[yo + i];
}

/** out ← out + c·y over n entries. */
export function addScaled(out: Float64Array, oo: number, c: number, y: Float64Array, yo: number, n: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = out[oo + i] + c * y[yo + i];
}

/** g ← ((g + sumD) − d)·h over n entries. */
export function finishRowA(g: Float64Array, go: number, d: Float64Array, sumD: number, h: number, n: number): void {
  for (let i = 0; i < n; i++) g[go + i] = ((g[go + i] + sumD) - d[i]) * h;
}

/** max |y_i| over n entries. */
export function maxAbs(y: Float64Array, yo: number, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(y[yo + i]));
  return m;
}

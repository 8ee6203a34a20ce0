// Matrices as the wide engines hold them: rows padded to an even length, so that every row of an
// aligned block starts 16-byte aligned (the SIMD passes load pairs).
import type { Outcome, Problem, RawResult } from '../../problem.js';

/** `rows` rows of n entries (flat, row after row) as rows of even(n) entries. */
export function padRows(flat: Float64Array, rows: number, n: number): Float64Array {
  const stride = n + (n & 1);
  if (stride === n) return Float64Array.from(flat);
  const out = new Float64Array(rows * stride);
  for (let i = 0; i < rows; i++) out.set(flat.subarray(i * n, (i + 1) * n), i * stride);
  return out;
}

/** The inverse of padRows. */
export function unpadRows(padded: Float64Array, rows: number, n: number): Float64Array {
  const stride = n + (n & 1);
  if (stride === n) return padded.slice(0, rows * n);
  const out = new Float64Array(rows * n);
  for (let i = 0; i < rows; i++) out.set(padded.subarray(i * stride, i * stride + n), i * n);
  return out;
}

/**
 * A wide run's RawResult from its out block ([outcome, iterations, φ, L, ‖∇L‖, samples], r angles) and padded final
 * rows; a run on sampled data adds its out block's batch and training losses.
 */
export function wideResult(
  pr: Problem,
  out: ArrayLike<number>,
  angles: Float64Array,
  x: Float64Array,
  a: Float64Array,
  trajectory: Float64Array,
  losses?: { batchLoss: number; trainLoss: number },
): RawResult {
  const r = pr.wide!.r;
  return {
    ...losses,
    outcome: out[0] as Outcome,
    iterations: out[1],
    phi: out[2],
    loss: out[3],
    norm: NaN,
    x: unpadRows(x, r, pr.p),
    a: unpadRows(a, r, pr.k),
    trajectory,
    wide: { r, gradNorm: out[4], angles },
  };
}

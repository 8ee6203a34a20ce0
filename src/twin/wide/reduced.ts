// The reduced wide engine (SPEC §9): every filter stays in span{x_10 … x_r0, w*_1 … w*_r*} and every row
// of A in span{rows of A_0, rows of A*, 1_k}, so the run loop can advance coordinates in orthonormal bases
// of those spans: the same loop (the kernel), with p and k replaced by the spans' dimensions and 1_k by
// its coordinates. Exact up to rounding; the final rows are rebuilt from the coordinates.
import type { Problem, RawResult } from '../../problem.js';
import { DROP } from '../../layout.js';

/** The rows of a flat matrix with rows of n. */
const rowsOf = (flat: Float64Array, n: number) => Array.from({ length: flat.length / n }, (_, i) => flat.subarray(i * n, (i + 1) * n));

function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/**
 * An orthonormal basis of the span of `vectors`: Gram–Schmidt, each vector orthogonalised twice (once
 * more restores orthogonality to rounding), a residual below DROP of its vector's norm dropped.
 */
export function orthonormalBasis(vectors: Float64Array[]): Float64Array[] {
  const basis: Float64Array[] = [];
  for (const v of vectors) {
    const w = Float64Array.from(v),
      size = Math.sqrt(dot(v, v));
    for (let pass = 0; pass < 2; pass++) {
      for (const e of basis) {
        const c = dot(w, e);
        for (let i = 0; i < w.length; i++) w[i] -= c * e[i];
      }
    }
    const n = Math.sqrt(dot(w, w));
    if (n > DROP * size) basis.push(w.map((wi) => wi / n));
  }
  return basis;
}

/** The coordinates of each row in `basis`, flat. */
function coordinates(rows: Float64Array[], basis: Float64Array[]): Float64Array {
  return Float64Array.from(rows.flatMap((row) => basis.map((e) => dot(row, e))));
}

/** Rows of n rebuilt from their coordinates in `basis`, flat. */
function rebuilt(coords: Float64Array, basis: Float64Array[], n: number): Float64Array {
  const out = new Float64Array((coords.length / basis.length) * n);
  rowsOf(coords, basis.length).forEach((c, i) =>
    basis.forEach((e, b) => {
      for (let j = 0; j < n; j++) out[i * n + j] += c[b] * e[j];
    }),
  );
  return out;
}

/** Runs a wide Problem on `kernel` in the coordinates of its invariant subspaces; the result in the full space. */
export function inCoordinates(pr: Problem, kernel: (pr: Problem, ones: Float64Array) => RawResult): RawResult {
  const xs = rowsOf(pr.x0, pr.p),
    ws = rowsOf(pr.wStar, pr.p),
    as = rowsOf(pr.a0, pr.k),
    aStars = rowsOf(pr.aStar, pr.k);
  const E = orthonormalBasis([...xs, ...ws]),
    F = orthonormalBasis([...as, ...aStars, new Float64Array(pr.k).fill(1)]);
  const reduced: Problem = {
    ...pr,
    p: E.length,
    k: F.length,
    x0: coordinates(xs, E),
    wStar: coordinates(ws, E),
    a0: coordinates(as, F),
    aStar: coordinates(aStars, F),
  };
  const res = kernel(reduced, coordinates([new Float64Array(pr.k).fill(1)], F));
  return { ...res, x: rebuilt(res.x, E, pr.p), a: rebuilt(res.a, F, pr.k) };
}

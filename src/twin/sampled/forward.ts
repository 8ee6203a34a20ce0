// TypeScript twin of assembly/sampled/forward.ts: the same dot products (eight partial sums, entry i
// in partial i mod 8, combined as ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7))) and passes.

/** ⟨z[zAt …], v⟩ over n entries. */
export function dot8(z: Float64Array, zAt: number, v: Float64Array, n: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0,
    s4 = 0,
    s5 = 0,
    s6 = 0,
    s7 = 0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const o = zAt + i;
    s0 += z[o] * v[i];
    s1 += z[o + 1] * v[i + 1];
    s2 += z[o + 2] * v[i + 2];
    s3 += z[o + 3] * v[i + 3];
    s4 += z[o + 4] * v[i + 4];
    s5 += z[o + 5] * v[i + 5];
    s6 += z[o + 6] * v[i + 6];
    s7 += z[o + 7] * v[i + 7];
  }
  const m = n - i,
    o = zAt + i;
  if (m > 0) s0 += z[o] * v[i];
  if (m > 1) s1 += z[o + 1] * v[i + 1];
  if (m > 2) s2 += z[o + 2] * v[i + 2];
  if (m > 3) s3 += z[o + 3] * v[i + 3];
  if (m > 4) s4 += z[o + 4] * v[i + 4];
  if (m > 5) s5 += z[o + 5] * v[i + 5];
  if (m > 6) s6 += z[o + 6] * v[i + 6];
  return s0 + s4 + (s2 + s6) + (s1 + s5 + (s3 + s7));
}

/** The online forward pass's label Σ_j a*_j σ(⟨Z_j, w*⟩) (set by forward when given w*). */
export const teacher = { label: 0 };

/**
 * Forward pass of the sample at z[zAt …] (k patches of p entries): h_j = σ(⟨Z_j, w̄⟩), returns
 * f = Σ_j a_j h_j; with ws (online data) also the teacher's label, in teacher.label.
 */
export function forward(
  z: Float64Array,
  zAt: number,
  wb: Float64Array,
  ws: Float64Array | null,
  a: Float64Array,
  as: Float64Array,
  h: Float64Array,
  k: number,
  p: number,
): number {
  let f = 0,
    y = 0;
  for (let j = 0; j < k; j++) {
    const zj = zAt + j * p;
    const s = dot8(z, zj, wb, p);
    if (ws) {
      const t = dot8(z, zj, ws, p);
      y += as[j] * (t > 0 ? t : 0);
    }
    const hj = s > 0 ? s : 0;
    h[j] = hj;
    f += a[j] * hj;
  }
  teacher.label = y;
  return f;
}

/** Backward pass with residual r: ga_j += r h_j; gw += (r a_j) Z_j where h_j > 0. */
export function backward(
  z: Float64Array,
  zAt: number,
  h: Float64Array,
  a: Float64Array,
  r: number,
  ga: Float64Array,
  gw: Float64Array,
  k: number,
  p: number,
): void {
  for (let j = 0; j < k; j++) {
    const hj = h[j];
    ga[j] += r * hj;
    if (hj > 0) {
      const c = r * a[j],
        zj = zAt + j * p;
      for (let i = 0; i < p; i++) gw[i] += c * z[zj + i];
    }
  }
}

// TypeScript twin of assembly/passes.ts: same operations in the same order, four partial
// sums per reduction (entry i goes to partial i mod 4), combined as (s0 + s2) + (s1 + s3).

/** Results of the last reduction pass: ‖x‖², ⟨x, w*⟩, 1ᵀ(a − a*), aᵀa*, max|a_i|. */
export const sums = { xx: 0, xw: 0, d: 0, aAs: 0, maxAbsA: 0 };

const part = new Float64Array(8);

/** x ← x + K·(w* − cn·x), then ‖x‖² and ⟨x, w*⟩ of the new x. K = 0 only reduces. */
export function updateX(x: Float64Array, ws: Float64Array, p: number, K: number, cn: number): void {
  part.fill(0);
  for (let i = 0; i < p; i++) {
    const wi = ws[i];
    const xi = x[i] + K * (wi - cn * x[i]);
    x[i] = xi;
    const l = i & 3;
    part[l] += xi * xi;
    part[4 + l] += xi * wi;
  }
  sums.xx = (part[0] + part[2]) + (part[1] + part[3]);
  sums.xw = (part[4] + part[6]) + (part[5] + part[7]);
}

/** a ← a − (A·(a − a*) + B + C·a*), then 1ᵀ(a − a*), aᵀa* and max|a_i| of the new a. */
export function updateA(a: Float64Array, as: Float64Array, k: number, A: number, B: number, C: number): void {
  part.fill(0);
  let mx = 0;
  for (let i = 0; i < k; i++) {
    const si = as[i];
    const ai = a[i] - ((A * (a[i] - si) + B) + C * si);
    a[i] = ai;
    const l = i & 3;
    part[l] += ai - si;
    part[4 + l] += ai * si;
    mx = Math.max(mx, Math.abs(ai));
  }
  sums.d = (part[0] + part[2]) + (part[1] + part[3]);
  sums.aAs = (part[4] + part[6]) + (part[5] + part[7]);
  sums.maxAbsA = mx;
}

/** ‖y/s − z‖² over n entries (s = 1 gives ‖y − z‖²). */
export function distSq(y: Float64Array, z: Float64Array, n: number, s: number): number {
  let r0 = 0, r1 = 0, r2 = 0, r3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const t0 = y[i] / s - z[i], t1 = y[i + 1] / s - z[i + 1];
    const t2 = y[i + 2] / s - z[i + 2], t3 = y[i + 3] / s - z[i + 3];
    r0 += t0 * t0; r1 += t1 * t1; r2 += t2 * t2; r3 += t3 * t3;
  }
  for (let lane = 0; i < n; i++, lane++) {
    const t = y[i] / s - z[i];
    if (lane === 0) r0 += t * t;
    else if (lane === 1) r1 += t * t;
    else r2 += t * t;
  }
  return (r0 + r2) + (r1 + r3);
}

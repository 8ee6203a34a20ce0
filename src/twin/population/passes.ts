// TypeScript twin of assembly/population/passes.ts: same operations in the same order, eight partial
// sums per reduction (entry i goes to partial i mod 8), combined as
// ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)).

/** Results of the last reduction pass: ‖x‖², ⟨x, w*⟩, 1ᵀa, aᵀa*. */
export const sums = { xx: 0, xw: 0, a: 0, aAs: 0 };

const part = new Float64Array(16);

function combine(s: Float64Array, at: number): number {
  return s[at] + s[at + 4] + (s[at + 2] + s[at + 6]) + (s[at + 1] + s[at + 5] + (s[at + 3] + s[at + 7]));
}

/** x ← x + K·(w* − cn·x), then ‖x‖² and ⟨x, w*⟩ of the new x. K = 0 only reduces. */
export function updateX(x: Float64Array, ws: Float64Array, p: number, K: number, cn: number): void {
  part.fill(0);
  for (let i = 0; i < p; i++) {
    const wi = ws[i];
    const xi = x[i] + K * (wi - cn * x[i]);
    x[i] = xi;
    const l = i & 7;
    part[l] += xi * xi;
    part[8 + l] += xi * wi;
  }
  sums.xx = combine(part, 0);
  sums.xw = combine(part, 8);
}

/** a ← a − (A·(a − a*) + B + C·a*), then 1ᵀa and aᵀa* of the new a. A = B = C = 0 only reduces. */
export function updateA(a: Float64Array, as: Float64Array, k: number, A: number, B: number, C: number): void {
  part.fill(0);
  for (let i = 0; i < k; i++) {
    const si = as[i];
    const ai = a[i] - (A * (a[i] - si) + B + C * si);
    a[i] = ai;
    const l = i & 7;
    part[l] += ai;
    part[8 + l] += ai * si;
  }
  sums.a = combine(part, 0);
  sums.aAs = combine(part, 8);
}

/** max |y_i| (exact; the run loop calls it only when its cheap bound is large). */
export function maxAbs(y: Float64Array, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(y[i]));
  return m;
}

/** Σ y_i in the eight-lane order of the passes (for 1ᵀa*, once per run). */
export function sumOf(y: Float64Array, n: number): number {
  part.fill(0);
  for (let i = 0; i < n; i++) part[i & 7] += y[i];
  return combine(part, 0);
}

/** ‖s·y − z‖² over n entries (s = 1 gives ‖y − z‖² exactly). */
export function distSq(y: Float64Array, z: Float64Array, n: number, s: number): number {
  let r0 = 0,
    r1 = 0,
    r2 = 0,
    r3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const t0 = y[i] * s - z[i],
      t1 = y[i + 1] * s - z[i + 1];
    const t2 = y[i + 2] * s - z[i + 2],
      t3 = y[i + 3] * s - z[i + 3];
    r0 += t0 * t0;
    r1 += t1 * t1;
    r2 += t2 * t2;
    r3 += t3 * t3;
  }
  for (let lane = 0; i < n; i++, lane++) {
    const t = y[i] * s - z[i];
    if (lane === 0) r0 += t * t;
    else if (lane === 1) r1 += t * t;
    else r2 += t * t;
  }
  return r0 + r2 + (r1 + r3);
}

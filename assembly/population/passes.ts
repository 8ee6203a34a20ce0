// Fused O(k) and O(p) passes over the state vectors, in SIMD.
// Every reduction keeps eight partial sums, lane j accumulating the entries i ≡ j (mod 8)
// (four f64x2 accumulators: a single chain would be bound by the latency of the add), and
// combines them as ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)). The JS twin
// (src/twin/population/passes.ts) does the same, so both engines produce the same bits.

// Results of the last reduction pass (read by the run loop right after the call).
export let sumXX: f64 = 0;   // ‖x‖²
export let sumXW: f64 = 0;   // ⟨x, w*⟩
export let sumA: f64 = 0;    // 1ᵀa
export let sumAAs: f64 = 0;  // aᵀa*

/** ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)) of the lanes in v0..v3 (v0 = s0,s1 …). */
@inline function combine(v0: v128, v1: v128, v2: v128, v3: v128): f64 {
  const h = f64x2.add(f64x2.add(v0, v2), f64x2.add(v1, v3));
  return f64x2.extract_lane(h, 0) + f64x2.extract_lane(h, 1);
}

/** Adds t to lane `lane` (0..7) of the accumulators v0..v3; used for the last ≤ 3 entries. */
@inline function addLane(v: StaticArray<v128>, lane: i32, t: f64): void {
  const j = lane >> 1;
  const cur = unchecked(v[j]);
  unchecked(v[j] = (lane & 1) == 0
    ? f64x2.replace_lane(cur, 0, f64x2.extract_lane(cur, 0) + t)
    : f64x2.replace_lane(cur, 1, f64x2.extract_lane(cur, 1) + t));
}

/** One f64x2 of the x update: x + K·(w − cn·x). */
@inline function X(x: v128, w: v128, vK: v128, vC: v128): v128 {
  return f64x2.add(x, f64x2.mul(vK, f64x2.sub(w, f64x2.mul(vC, x))));
}

/** One f64x2 of the a update: a − ((A·(a − s) + B) + C·s). */
@inline function U(a: v128, s: v128, vA: v128, vB: v128, vC: v128): v128 {
  return f64x2.sub(a, f64x2.add(f64x2.add(f64x2.mul(vA, f64x2.sub(a, s)), vB), f64x2.mul(vC, s)));
}

const tailP = new StaticArray<v128>(4);
const tailQ = new StaticArray<v128>(4);

/** x ← x + K·(w* − cn·x), then ‖x‖² and ⟨x, w*⟩ of the new x. K = 0 only reduces. */
export function updateX(x: usize, ws: usize, p: i32, K: f64, cn: f64): void {
  const vK = f64x2.splat(K), vC = f64x2.splat(cn);
  let s0 = f64x2.splat(0), s1 = s0, s2 = s0, s3 = s0;
  let q0 = s0, q1 = s0, q2 = s0, q3 = s0;
  const n8 = p & ~7;
  let i = 0;
  for (; i < n8; i += 8) { // each f64x2 loaded, updated, stored and summed before the next (no spills)
    const px = x + (<usize>i << 3), pw = ws + (<usize>i << 3);
    const w0 = v128.load(pw), x0 = X(v128.load(px), w0, vK, vC);
    v128.store(px, x0); s0 = f64x2.add(s0, f64x2.mul(x0, x0)); q0 = f64x2.add(q0, f64x2.mul(x0, w0));
    const w1 = v128.load(pw, 16), x1 = X(v128.load(px, 16), w1, vK, vC);
    v128.store(px, x1, 16); s1 = f64x2.add(s1, f64x2.mul(x1, x1)); q1 = f64x2.add(q1, f64x2.mul(x1, w1));
    const w2 = v128.load(pw, 32), x2 = X(v128.load(px, 32), w2, vK, vC);
    v128.store(px, x2, 32); s2 = f64x2.add(s2, f64x2.mul(x2, x2)); q2 = f64x2.add(q2, f64x2.mul(x2, w2));
    const w3 = v128.load(pw, 48), x3 = X(v128.load(px, 48), w3, vK, vC);
    v128.store(px, x3, 48); s3 = f64x2.add(s3, f64x2.mul(x3, x3)); q3 = f64x2.add(q3, f64x2.mul(x3, w3));
  }
  if (p - i >= 4) { // lanes 0..3
    const px = x + (<usize>i << 3), pw = ws + (<usize>i << 3);
    const w0 = v128.load(pw), w1 = v128.load(pw, 16);
    const x0 = X(v128.load(px), w0, vK, vC);
    const x1 = X(v128.load(px, 16), w1, vK, vC);
    v128.store(px, x0); v128.store(px, x1, 16);
    s0 = f64x2.add(s0, f64x2.mul(x0, x0)); s1 = f64x2.add(s1, f64x2.mul(x1, x1));
    q0 = f64x2.add(q0, f64x2.mul(x0, w0)); q1 = f64x2.add(q1, f64x2.mul(x1, w1));
    i += 4;
  }
  if (i < p) { // the last ≤ 3 entries, lane by lane
    unchecked(tailP[0] = s0); unchecked(tailP[1] = s1); unchecked(tailP[2] = s2); unchecked(tailP[3] = s3);
    unchecked(tailQ[0] = q0); unchecked(tailQ[1] = q1); unchecked(tailQ[2] = q2); unchecked(tailQ[3] = q3);
    for (; i < p; i++) {
      const o = <usize>i << 3;
      const wi = load<f64>(ws + o);
      const x0 = load<f64>(x + o);
      const xi = x0 + K * (wi - cn * x0);
      store<f64>(x + o, xi);
      addLane(tailP, i & 7, xi * xi);
      addLane(tailQ, i & 7, xi * wi);
    }
    s0 = unchecked(tailP[0]); s1 = unchecked(tailP[1]); s2 = unchecked(tailP[2]); s3 = unchecked(tailP[3]);
    q0 = unchecked(tailQ[0]); q1 = unchecked(tailQ[1]); q2 = unchecked(tailQ[2]); q3 = unchecked(tailQ[3]);
  }
  sumXX = combine(s0, s1, s2, s3);
  sumXW = combine(q0, q1, q2, q3);
}

/** a ← a − (A·(a − a*) + B + C·a*), then 1ᵀa and aᵀa* of the new a. A = B = C = 0 only reduces. */
export function updateA(a: usize, as: usize, k: i32, A: f64, B: f64, C: f64): void {
  const vA = f64x2.splat(A), vB = f64x2.splat(B), vC = f64x2.splat(C);
  let s0 = f64x2.splat(0), s1 = s0, s2 = s0, s3 = s0;
  let q0 = s0, q1 = s0, q2 = s0, q3 = s0;
  const n8 = k & ~7;
  let i = 0;
  for (; i < n8; i += 8) { // each f64x2 loaded, updated, stored and summed before the next (no spills)
    const pa = a + (<usize>i << 3), ps = as + (<usize>i << 3);
    const t0 = v128.load(ps), a0 = U(v128.load(pa), t0, vA, vB, vC);
    v128.store(pa, a0); s0 = f64x2.add(s0, a0); q0 = f64x2.add(q0, f64x2.mul(a0, t0));
    const t1 = v128.load(ps, 16), a1 = U(v128.load(pa, 16), t1, vA, vB, vC);
    v128.store(pa, a1, 16); s1 = f64x2.add(s1, a1); q1 = f64x2.add(q1, f64x2.mul(a1, t1));
    const t2 = v128.load(ps, 32), a2 = U(v128.load(pa, 32), t2, vA, vB, vC);
    v128.store(pa, a2, 32); s2 = f64x2.add(s2, a2); q2 = f64x2.add(q2, f64x2.mul(a2, t2));
    const t3 = v128.load(ps, 48), a3 = U(v128.load(pa, 48), t3, vA, vB, vC);
    v128.store(pa, a3, 48); s3 = f64x2.add(s3, a3); q3 = f64x2.add(q3, f64x2.mul(a3, t3));
  }
  if (k - i >= 4) {
    const pa = a + (<usize>i << 3), ps = as + (<usize>i << 3);
    const t0 = v128.load(ps), t1 = v128.load(ps, 16);
    const a0 = U(v128.load(pa), t0, vA, vB, vC);
    const a1 = U(v128.load(pa, 16), t1, vA, vB, vC);
    v128.store(pa, a0); v128.store(pa, a1, 16);
    s0 = f64x2.add(s0, a0); s1 = f64x2.add(s1, a1);
    q0 = f64x2.add(q0, f64x2.mul(a0, t0)); q1 = f64x2.add(q1, f64x2.mul(a1, t1));
    i += 4;
  }
  if (i < k) {
    unchecked(tailP[0] = s0); unchecked(tailP[1] = s1); unchecked(tailP[2] = s2); unchecked(tailP[3] = s3);
    unchecked(tailQ[0] = q0); unchecked(tailQ[1] = q1); unchecked(tailQ[2] = q2); unchecked(tailQ[3] = q3);
    for (; i < k; i++) {
      const o = <usize>i << 3;
      const si = load<f64>(as + o);
      const a0 = load<f64>(a + o);
      const ai = a0 - ((A * (a0 - si) + B) + C * si);
      store<f64>(a + o, ai);
      addLane(tailP, i & 7, ai);
      addLane(tailQ, i & 7, ai * si);
    }
    s0 = unchecked(tailP[0]); s1 = unchecked(tailP[1]); s2 = unchecked(tailP[2]); s3 = unchecked(tailP[3]);
    q0 = unchecked(tailQ[0]); q1 = unchecked(tailQ[1]); q2 = unchecked(tailQ[2]); q3 = unchecked(tailQ[3]);
  }
  sumA = combine(s0, s1, s2, s3);
  sumAAs = combine(q0, q1, q2, q3);
}

/** max |y_i| over n entries (exact; the run loop calls it only when its cheap bound is large). */
export function maxAbs(y: usize, n: i32): f64 {
  let m: f64 = 0;
  for (let i = 0; i < n; i++) m = max(m, abs(load<f64>(y + (<usize>i << 3))));
  return m;
}

/** Σ y_i, in the eight-lane order of the passes (for 1ᵀa*, once per run). */
export function sumOf(y: usize, n: i32): f64 {
  unchecked(tailP[0] = f64x2.splat(0)); unchecked(tailP[1] = f64x2.splat(0));
  unchecked(tailP[2] = f64x2.splat(0)); unchecked(tailP[3] = f64x2.splat(0));
  for (let i = 0; i < n; i++) addLane(tailP, i & 7, load<f64>(y + (<usize>i << 3)));
  return combine(unchecked(tailP[0]), unchecked(tailP[1]), unchecked(tailP[2]), unchecked(tailP[3]));
}

/** ‖s·y − z‖² over n entries (s = 1 gives ‖y − z‖² exactly: no division anywhere). */
export function distSq(y: usize, z: usize, n: i32, s: f64): f64 {
  const vS = f64x2.splat(s);
  let q0 = f64x2.splat(0), q1 = f64x2.splat(0);
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 3;
    const t0 = f64x2.sub(f64x2.mul(v128.load(y + o), vS), v128.load(z + o));
    const t1 = f64x2.sub(f64x2.mul(v128.load(y + o, 16), vS), v128.load(z + o, 16));
    q0 = f64x2.add(q0, f64x2.mul(t0, t0));
    q1 = f64x2.add(q1, f64x2.mul(t1, t1));
  }
  let r0 = f64x2.extract_lane(q0, 0), r1 = f64x2.extract_lane(q0, 1);
  let r2 = f64x2.extract_lane(q1, 0), r3 = f64x2.extract_lane(q1, 1);
  for (let lane = 0; i < n; i++, lane++) {
    const t = load<f64>(y + (<usize>i << 3)) * s - load<f64>(z + (<usize>i << 3));
    if (lane == 0) r0 += t * t;
    else if (lane == 1) r1 += t * t;
    else r2 += t * t;
  }
  return (r0 + r2) + (r1 + r3);
}

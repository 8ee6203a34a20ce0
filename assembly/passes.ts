// Fused O(k) and O(p) passes over the state vectors, in SIMD.
// Every reduction keeps four partial sums, lane j accumulating the entries i ≡ j (mod 4),
// and combines them as (s0 + s2) + (s1 + s3). The JS twin (src/engines/passes.ts) does the
// same, so both engines produce the same bits.

// Results of the last reduction pass (read by the run loop right after the call).
export let sumXX: f64 = 0;   // ‖x‖²
export let sumXW: f64 = 0;   // ⟨x, w*⟩
export let sumD: f64 = 0;    // 1ᵀ(a − a*)
export let sumAAs: f64 = 0;  // aᵀa*
export let maxAbsA: f64 = 0; // max |a_i|

/** x ← x + K·(w* − cn·x), then ‖x‖² and ⟨x, w*⟩ of the new x. K = 0 only reduces. */
export function updateX(x: usize, ws: usize, p: i32, K: f64, cn: f64): void {
  const vK = f64x2.splat(K), vC = f64x2.splat(cn);
  let xx0 = f64x2.splat(0), xx1 = f64x2.splat(0), xw0 = f64x2.splat(0), xw1 = f64x2.splat(0);
  const n4 = p & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 3;
    let x0 = v128.load(x + o), x1 = v128.load(x + o, 16);
    const w0 = v128.load(ws + o), w1 = v128.load(ws + o, 16);
    x0 = f64x2.add(x0, f64x2.mul(vK, f64x2.sub(w0, f64x2.mul(vC, x0))));
    x1 = f64x2.add(x1, f64x2.mul(vK, f64x2.sub(w1, f64x2.mul(vC, x1))));
    v128.store(x + o, x0);
    v128.store(x + o, x1, 16);
    xx0 = f64x2.add(xx0, f64x2.mul(x0, x0));
    xx1 = f64x2.add(xx1, f64x2.mul(x1, x1));
    xw0 = f64x2.add(xw0, f64x2.mul(x0, w0));
    xw1 = f64x2.add(xw1, f64x2.mul(x1, w1));
  }
  let a0 = f64x2.extract_lane(xx0, 0), a1 = f64x2.extract_lane(xx0, 1);
  let a2 = f64x2.extract_lane(xx1, 0), a3 = f64x2.extract_lane(xx1, 1);
  let b0 = f64x2.extract_lane(xw0, 0), b1 = f64x2.extract_lane(xw0, 1);
  let b2 = f64x2.extract_lane(xw1, 0), b3 = f64x2.extract_lane(xw1, 1);
  // Tail: at most three entries, lanes 0, 1, 2.
  for (let lane = 0; i < p; i++, lane++) {
    const px = x + (<usize>i << 3);
    const wi = load<f64>(ws + (<usize>i << 3));
    let xi = load<f64>(px);
    xi = xi + K * (wi - cn * xi);
    store<f64>(px, xi);
    const sq = xi * xi, dw = xi * wi;
    if (lane == 0) { a0 += sq; b0 += dw; }
    else if (lane == 1) { a1 += sq; b1 += dw; }
    else { a2 += sq; b2 += dw; }
  }
  sumXX = (a0 + a2) + (a1 + a3);
  sumXW = (b0 + b2) + (b1 + b3);
}

/** a ← a − (A·(a − a*) + B + C·a*), then 1ᵀ(a − a*), aᵀa* and max|a_i| of the new a. */
export function updateA(a: usize, as: usize, k: i32, A: f64, B: f64, C: f64): void {
  const vA = f64x2.splat(A), vB = f64x2.splat(B), vC = f64x2.splat(C);
  let d0 = f64x2.splat(0), d1 = f64x2.splat(0), q0 = f64x2.splat(0), q1 = f64x2.splat(0);
  let m0 = f64x2.splat(0), m1 = f64x2.splat(0);
  const n4 = k & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 3;
    let a0 = v128.load(a + o), a1 = v128.load(a + o, 16);
    const s0 = v128.load(as + o), s1 = v128.load(as + o, 16);
    a0 = f64x2.sub(a0, f64x2.add(f64x2.add(f64x2.mul(vA, f64x2.sub(a0, s0)), vB), f64x2.mul(vC, s0)));
    a1 = f64x2.sub(a1, f64x2.add(f64x2.add(f64x2.mul(vA, f64x2.sub(a1, s1)), vB), f64x2.mul(vC, s1)));
    v128.store(a + o, a0);
    v128.store(a + o, a1, 16);
    d0 = f64x2.add(d0, f64x2.sub(a0, s0));
    d1 = f64x2.add(d1, f64x2.sub(a1, s1));
    q0 = f64x2.add(q0, f64x2.mul(a0, s0));
    q1 = f64x2.add(q1, f64x2.mul(a1, s1));
    m0 = f64x2.max(m0, f64x2.abs(a0));
    m1 = f64x2.max(m1, f64x2.abs(a1));
  }
  let e0 = f64x2.extract_lane(d0, 0), e1 = f64x2.extract_lane(d0, 1);
  let e2 = f64x2.extract_lane(d1, 0), e3 = f64x2.extract_lane(d1, 1);
  let r0 = f64x2.extract_lane(q0, 0), r1 = f64x2.extract_lane(q0, 1);
  let r2 = f64x2.extract_lane(q1, 0), r3 = f64x2.extract_lane(q1, 1);
  const mm = f64x2.max(m0, m1);
  let mx = max(f64x2.extract_lane(mm, 0), f64x2.extract_lane(mm, 1));
  for (let lane = 0; i < k; i++, lane++) {
    const pa = a + (<usize>i << 3);
    const si = load<f64>(as + (<usize>i << 3));
    let ai = load<f64>(pa);
    ai = ai - ((A * (ai - si) + B) + C * si);
    store<f64>(pa, ai);
    const di = ai - si, qi = ai * si;
    if (lane == 0) { e0 += di; r0 += qi; }
    else if (lane == 1) { e1 += di; r1 += qi; }
    else { e2 += di; r2 += qi; }
    mx = max(mx, abs(ai));
  }
  sumD = (e0 + e2) + (e1 + e3);
  sumAAs = (r0 + r2) + (r1 + r3);
  maxAbsA = mx;
}

/** ‖y/s − z‖² over n entries (s = 1 gives ‖y − z‖²). */
export function distSq(y: usize, z: usize, n: i32, s: f64): f64 {
  const vS = f64x2.splat(s);
  let q0 = f64x2.splat(0), q1 = f64x2.splat(0);
  const n4 = n & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const o = <usize>i << 3;
    const t0 = f64x2.sub(f64x2.div(v128.load(y + o), vS), v128.load(z + o));
    const t1 = f64x2.sub(f64x2.div(v128.load(y + o, 16), vS), v128.load(z + o, 16));
    q0 = f64x2.add(q0, f64x2.mul(t0, t0));
    q1 = f64x2.add(q1, f64x2.mul(t1, t1));
  }
  let r0 = f64x2.extract_lane(q0, 0), r1 = f64x2.extract_lane(q0, 1);
  let r2 = f64x2.extract_lane(q1, 0), r3 = f64x2.extract_lane(q1, 1);
  for (let lane = 0; i < n; i++, lane++) {
    const t = load<f64>(y + (<usize>i << 3)) / s - load<f64>(z + (<usize>i << 3));
    if (lane == 0) r0 += t * t;
    else if (lane == 1) r1 += t * t;
    else r2 += t * t;
  }
  return (r0 + r2) + (r1 + r3);
}

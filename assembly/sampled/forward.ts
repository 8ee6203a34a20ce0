// One sample's forward and backward pass (SPEC §8), in SIMD over the entries of a patch.
// Every dot product keeps eight partial sums (entry i in partial i mod 8: four f64x2 accumulators)
// and combines them as ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)); src/twin/sampled/forward.ts
// does the same, so both engines give the same bits.

// Results of dotPair.
export let dotV: f64 = 0;
export let dotW: f64 = 0;

/** ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)) of the partials in v0..v3 plus the tail partials. */
@inline function combine(v0: v128, v1: v128, v2: v128, v3: v128, z: usize, v: usize, i: i32, n: i32): f64 {
  let s0 = f64x2.extract_lane(v0, 0), s1 = f64x2.extract_lane(v0, 1);
  let s2 = f64x2.extract_lane(v1, 0), s3 = f64x2.extract_lane(v1, 1);
  let s4 = f64x2.extract_lane(v2, 0), s5 = f64x2.extract_lane(v2, 1);
  let s6 = f64x2.extract_lane(v3, 0), s7 = f64x2.extract_lane(v3, 1);
  // the last n − i < 8 entries, entry i + m into partial m (i is a multiple of 8)
  const m = n - i, zi = z + (<usize>i << 3), vi = v + (<usize>i << 3);
  if (m > 0) s0 += load<f64>(zi) * load<f64>(vi);
  if (m > 1) s1 += load<f64>(zi, 8) * load<f64>(vi, 8);
  if (m > 2) s2 += load<f64>(zi, 16) * load<f64>(vi, 16);
  if (m > 3) s3 += load<f64>(zi, 24) * load<f64>(vi, 24);
  if (m > 4) s4 += load<f64>(zi, 32) * load<f64>(vi, 32);
  if (m > 5) s5 += load<f64>(zi, 40) * load<f64>(vi, 40);
  if (m > 6) s6 += load<f64>(zi, 48) * load<f64>(vi, 48);
  return ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
}

/** ⟨z, v⟩ over n entries. */
export function dot8(z: usize, v: usize, n: i32): f64 {
  let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0;
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    const zi = z + (<usize>i << 3), vi = v + (<usize>i << 3);
    a0 = f64x2.add(a0, f64x2.mul(v128.load(zi), v128.load(vi)));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(zi, 16), v128.load(vi, 16)));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(zi, 32), v128.load(vi, 32)));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(zi, 48), v128.load(vi, 48)));
  }
  return combine(a0, a1, a2, a3, z, v, i, n);
}

/** dotV = ⟨z, v⟩ and dotW = ⟨z, w⟩ in one pass over z. */
export function dotPair(z: usize, v: usize, w: usize, n: i32): void {
  let a0 = f64x2.splat(0), a1 = a0, a2 = a0, a3 = a0;
  let b0 = a0, b1 = a0, b2 = a0, b3 = a0;
  const n8 = n & ~7;
  let i = 0;
  for (; i < n8; i += 8) {
    const o = <usize>i << 3, zi = z + o, vi = v + o, wi = w + o;
    const z0 = v128.load(zi), z1 = v128.load(zi, 16), z2 = v128.load(zi, 32), z3 = v128.load(zi, 48);
    a0 = f64x2.add(a0, f64x2.mul(z0, v128.load(vi)));
    a1 = f64x2.add(a1, f64x2.mul(z1, v128.load(vi, 16)));
    a2 = f64x2.add(a2, f64x2.mul(z2, v128.load(vi, 32)));
    a3 = f64x2.add(a3, f64x2.mul(z3, v128.load(vi, 48)));
    b0 = f64x2.add(b0, f64x2.mul(z0, v128.load(wi)));
    b1 = f64x2.add(b1, f64x2.mul(z1, v128.load(wi, 16)));
    b2 = f64x2.add(b2, f64x2.mul(z2, v128.load(wi, 32)));
    b3 = f64x2.add(b3, f64x2.mul(z3, v128.load(wi, 48)));
  }
  dotV = combine(a0, a1, a2, a3, z, v, i, n);
  dotW = combine(b0, b1, b2, b3, z, w, i, n);
}

/** y ← y + c·z over n entries. */
export function axpy(y: usize, z: usize, c: f64, n: i32): void {
  const vc = f64x2.splat(c);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(vc, v128.load(z + o))));
  }
  if (i < n) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + c * load<f64>(z + o));
  }
}

/** The online forward pass's label Σ_j a*_j σ(⟨Z_j, w*⟩) (set by forward when given w*). */
export let label: f64 = 0;

/**
 * Forward pass of one sample Z (k patches of p entries): h_j = σ(⟨Z_j, w̄⟩) into h, returns
 * f = Σ_j a_j h_j. With ws ≠ 0 (online data) also the teacher's label, in `label`.
 */
export function forward(z: usize, wb: usize, ws: usize, a: usize, as: usize, h: usize, k: i32, p: i32): f64 {
  let f: f64 = 0, y: f64 = 0;
  const row = <usize>p << 3;
  for (let j = 0; j < k; j++) {
    const zj = z + <usize>j * row, o = <usize>j << 3;
    let s: f64;
    if (ws) {
      dotPair(zj, wb, ws, p);
      s = dotV;
      y += load<f64>(as + o) * (dotW > 0 ? dotW : 0);
    } else s = dot8(zj, wb, p);
    const hj = s > 0 ? s : 0;
    store<f64>(h + o, hj);
    f += load<f64>(a + o) * hj;
  }
  label = y;
  return f;
}

/** Backward pass of one sample with residual r: ga_j += r h_j; gw += (r a_j) Z_j where h_j > 0. */
export function backward(z: usize, h: usize, a: usize, r: f64, ga: usize, gw: usize, k: i32, p: i32): void {
  const row = <usize>p << 3;
  for (let j = 0; j < k; j++) {
    const o = <usize>j << 3, hj = load<f64>(h + o);
    store<f64>(ga + o, load<f64>(ga + o) + r * hj);
    if (hj > 0) axpy(gw, z + <usize>j * row, r * load<f64>(a + o), p);
  }
}

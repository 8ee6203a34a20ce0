// The closed forms of SPEC §9 at a wide student's current state, shared by the population kernel
// (run.ts: its gradients are the step) and the sampled one (sampled.ts: the exact population loss, ‖∇L‖
// and the angles of the iterate, for its outcome and samples). src/twin/wide/closedForm.ts is its twin.
// Per call: the Gram matrix of the filters and their products with the teacher (O(r(r + r*)p)), the loss,
// both gradients (O(r(r + r*)(p + k))).
import { scaled, finishRowA } from "./passes";
import { dot8 as dot, axpy } from "../sampled/forward";
import { maxAbs } from "../population/passes";
import { cosine, arcCosKernel, TWO_PI, FOUR_PI } from "../common/closedForm";
import { GLOBAL, DIVERGED, DIVERGED_A } from "../common/layout";

/** Not decided by the loss. */
export const GOES_ON: i32 = -1;

@inline function get(m: usize, i: i32): f64 { return load<f64>(m + (<usize>i << 3)); }
@inline function set(m: usize, i: i32, v: f64): void { store<f64>(m + (<usize>i << 3), v); }
@inline function row(base: usize, i: i32, stride: i32): usize { return base + (<usize>(i * stride) << 3); }

// Set by closedFormAt: L, ‖∇L‖ (both layers), the smallest filter angle to a teacher filter, max|A_ij|.
export let loss: f64 = 0, gradNorm: f64 = 0, phi: f64 = 0, maxA: f64 = 0;

/** The work area's angles (r f64): each filter's angle to its nearest teacher filter (src/wasm/layouts.ts: wideWork). */
export function anglesOf(work: usize, k: i32, r: i32): usize {
  const ks = k + (k & 1);
  return work + (<usize>(2 * ks + r) << 3);
}

/** The work area's norms (r f64): ‖x_i‖ of the state closedFormAt was last given. */
export function normsOf(work: usize, k: i32): usize {
  const ks = k + (k & 1);
  return work + (<usize>(2 * ks) << 3);
}

/** The teacher's part of L, Σ_j a*_jᵀ G* a*_j; writes s* = A*ᵀ1 at the work area's start. */
export function teacherPart(ws: usize, as: usize, work: usize, p: i32, k: i32, rs: i32): f64 {
  const ps = p + (p & 1), ks = k + (k & 1);
  let lossStar: f64 = 0;
  for (let j = 0; j < rs; j++) {
    for (let j2 = 0; j2 < rs; j2++) {
      let g = Math.PI;
      if (j2 != j) {
        const c = cosine(dot(row(ws, j, ps), row(ws, j2, ps), p), 1);
        g = arcCosKernel(c, Math.acos(c));
      }
      lossStar += g * dot(row(as, j, ks), row(as, j2, ks), k);
    }
  }
  scaled(work, 1, as, k);
  for (let j = 1; j < rs; j++) axpy(work, row(as, j, ks), 1, k);
  return lossStar;
}

/**
 * L, ∇_{x_i} L into gx and ∇_A L into ga (rows of even(p), even(k)), ‖∇L‖, the angles and max|A_ij| at (x, A);
 * work as src/wasm/layouts.ts's wideWork lays it out, s* written by teacherPart; ones: 1_k in the rows' coordinates.
 */
export function closedFormAt(x: usize, ws: usize, a: usize, as: usize, gx: usize, ga: usize, work: usize, ones: usize,
  lossStar: f64, p: i32, k: i32, r: i32, rs: i32): void {
  const ps = p + (p & 1), ks = k + (k & 1), rr = r * r, rrs = r * rs;
  // the work area: s*, d = s − s*, ‖x_i‖, the filters' angles, then the r×r matrices (cosines, κ, π − θ,
  // AAᵀ, the x-coefficients of ∇_x) and the r×r* ones (the same against the teacher)
  const sStar = work, d = sStar + (<usize>ks << 3), norms = d + (<usize>ks << 3), angles = norms + (<usize>r << 3);
  const cG = angles + (<usize>r << 3), G = cG + (<usize>rr << 3), tG = G + (<usize>rr << 3);
  const M = tG + (<usize>rr << 3), cX = M + (<usize>rr << 3);
  const cH = cX + (<usize>rr << 3), H = cH + (<usize>rrs << 3), tH = H + (<usize>rrs << 3);
  const N = tH + (<usize>rrs << 3), cW = N + (<usize>rrs << 3);

  // the filters' Gram matrix, cosines, κ and π − θ (the diagonal: c = 1, κ = π, π − θ = π)
  for (let i = 0; i < r; i++) set(norms, i, Math.sqrt(dot(row(x, i, ps), row(x, i, ps), p)));
  for (let i = 0; i < r; i++) {
    const ni = get(norms, i);
    set(cG, i * r + i, 1); set(G, i * r + i, Math.PI); set(tG, i * r + i, Math.PI);
    for (let i2 = i + 1; i2 < r; i2++) {
      const c = cosine(dot(row(x, i, ps), row(x, i2, ps), p), ni * get(norms, i2));
      const theta = Math.acos(c), g = arcCosKernel(c, theta);
      set(cG, i * r + i2, c); set(cG, i2 * r + i, c);
      set(G, i * r + i2, g); set(G, i2 * r + i, g);
      set(tG, i * r + i2, Math.PI - theta); set(tG, i2 * r + i, Math.PI - theta);
    }
    let nearest = Infinity;
    for (let j = 0; j < rs; j++) {
      const c = cosine(dot(row(x, i, ps), row(ws, j, ps), p), ni);
      const theta = Math.acos(c);
      set(cH, i * rs + j, c); set(H, i * rs + j, arcCosKernel(c, theta)); set(tH, i * rs + j, Math.PI - theta);
      nearest = min(nearest, theta);
    }
    set(angles, i, nearest);
  }
  phi = Infinity;
  for (let i = 0; i < r; i++) phi = min(phi, get(angles, i));
  // s = Aᵀ1, d = s − s*, AAᵀ, AA*ᵀ
  scaled(d, 1, a, k);
  for (let i = 1; i < r; i++) axpy(d, row(a, i, ks), 1, k);
  axpy(d, sStar, -1, k);
  const sumD = dot(ones, d, k), dd = dot(d, d, k); // 1ᵀ(s − s*), ‖s − s*‖²
  maxA = 0;
  for (let i = 0; i < r; i++) {
    maxA = max(maxA, maxAbs(row(a, i, ks), k));
    for (let i2 = i; i2 < r; i2++) {
      const m = dot(row(a, i, ks), row(a, i2, ks), k);
      set(M, i * r + i2, m); set(M, i2 * r + i, m);
    }
    for (let j = 0; j < rs; j++) set(N, i * rs + j, dot(row(a, i, ks), row(as, j, ks), k));
  }
  let quad: f64 = 0, cross: f64 = 0;
  for (let e = 0; e < rr; e++) quad += get(G, e) * get(M, e);
  for (let e = 0; e < rrs; e++) cross += get(H, e) * get(N, e);
  loss = ((((quad - 2 * cross) + lossStar) + sumD * sumD) - dd) / FOUR_PI;

  // ∇_{x_i} L = Σ_i' cX_ii' x_i' + Σ_j cW_ij w*_j, ∇_A L row by row; ‖∇L‖
  let gradSq: f64 = 0;
  for (let i = 0; i < r; i++) {
    const inv = 1 / get(norms, i);
    let q: f64 = 0; // ⟨w̄_i, ∂L/∂w̄_i⟩·2π
    for (let i2 = 0; i2 < r; i2++) {
      if (i2 == i) continue;
      const e = i * r + i2, mt = get(M, e) * get(tG, e);
      q += mt * get(cG, e);
      set(cX, e, mt / TWO_PI / get(norms, i2) * inv);
    }
    for (let j = 0; j < rs; j++) {
      const e = i * rs + j, nt = get(N, e) * get(tH, e);
      q -= nt * get(cH, e);
      set(cW, e, -(nt / TWO_PI) * inv);
    }
    set(cX, i * r + i, -(q / TWO_PI) * inv * inv);
    const gi = row(gx, i, ps);
    scaled(gi, get(cX, i * r), x, p);
    for (let i2 = 1; i2 < r; i2++) axpy(gi, row(x, i2, ps), get(cX, i * r + i2), p);
    for (let j = 0; j < rs; j++) axpy(gi, row(ws, j, ps), get(cW, i * rs + j), p);
    const hi = row(ga, i, ks);
    scaled(hi, get(G, i * r), a, k);
    for (let i2 = 1; i2 < r; i2++) axpy(hi, row(a, i2, ks), get(G, i * r + i2), k);
    for (let j = 0; j < rs; j++) axpy(hi, row(as, j, ks), -get(H, i * rs + j), k);
    finishRowA(hi, d, ones, sumD, 1 / TWO_PI, k);
  }
  for (let i = 0; i < r; i++) gradSq += dot(row(ga, i, ks), row(ga, i, ks), k);
  for (let i = 0; i < r; i++) gradSq += dot(row(gx, i, ps), row(gx, i, ps), p);
  gradNorm = Math.sqrt(gradSq);
}

/** The outcome the last closedFormAt decides alone: diverged (a non-finite L or ‖∇L‖, or max|A_ij| > 1e6), global (L ≤ lossTol), or GOES_ON. */
export function lossOutcome(lossTol: f64): i32 {
  if (!isFinite(loss) || !isFinite(gradNorm) || maxA > DIVERGED_A) return DIVERGED;
  return loss <= lossTol ? GLOBAL : GOES_ON;
}

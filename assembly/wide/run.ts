// The whole run of a wide student (SPEC §9) inside WebAssembly: r filters against r* teacher filters,
// normalised gradient descent with the schedule of §4 on every filter and every row, simultaneous update.
// Per step: the Gram matrix of the filters and their products with the teacher (O(r(r + r*)p)), the
// loss, both gradients (O(r(r + r*)(p + k))), the outcome checks, then the update.
import { scaled, finishRowA } from "./passes";
import { dot8 as dot, axpy } from "../sampled/forward";
import { maxAbs } from "../population/passes";
import { cosine, arcCosKernel, TWO_PI, FOUR_PI } from "../common/closedForm";
import { StageCursor } from "../common/schedule";
import {
  GLOBAL, SPURIOUS, UNCONVERGED, DIVERGED, DIVERGED_A, WIDE_OUT_WIDTH, WIDE_SAMPLE_WIDTH,
  WIDE_DESC_P, WIDE_DESC_K, WIDE_DESC_R, WIDE_DESC_R_STAR, WIDE_DESC_X, WIDE_DESC_WS, WIDE_DESC_A, WIDE_DESC_AS,
  WIDE_DESC_GX, WIDE_DESC_GA, WIDE_DESC_WORK, WIDE_DESC_STAGES, WIDE_DESC_N_STAGES, WIDE_DESC_MAX_ITER,
  WIDE_DESC_LOSS_TOL, WIDE_DESC_GRAD_TOL, WIDE_DESC_GRAD_WINDOW, WIDE_DESC_LOG_EVERY, WIDE_DESC_TRAJ,
  WIDE_DESC_TRAJ_CAP, WIDE_DESC_OUT, WIDE_DESC_ONES,
} from "../common/layout";
import { descField } from "../common/memory";

const cursor = changetype<StageCursor>(memory.data(offsetof<StageCursor>(), 16));

@inline function get(m: usize, i: i32): f64 { return load<f64>(m + (<usize>i << 3)); }
@inline function set(m: usize, i: i32, v: f64): void { store<f64>(m + (<usize>i << 3), v); }
@inline function row(base: usize, i: i32, stride: i32): usize { return base + (<usize>(i * stride) << 3); }

/**
 * Runs a wide student to its outcome; desc: its descriptor (common/layout.ts, WIDE_DESC_*). x (r rows)
 * and a (r rows) hold the start and, at the end, the final state; ws and as are the teacher's rows;
 * ones is 1_k in the rows' coordinates (the reduced engine runs this loop in coordinates); gx, ga and work are scratch. Writes the out block [outcome, iterations, φ, L, ‖∇L‖, samples, r angles].
 */
export function runWide(desc: usize): void {
  const p = <i32>descField(desc, WIDE_DESC_P), k = <i32>descField(desc, WIDE_DESC_K);
  const r = <i32>descField(desc, WIDE_DESC_R), rs = <i32>descField(desc, WIDE_DESC_R_STAR);
  const x = <usize>descField(desc, WIDE_DESC_X), ws = <usize>descField(desc, WIDE_DESC_WS);
  const a = <usize>descField(desc, WIDE_DESC_A), as = <usize>descField(desc, WIDE_DESC_AS);
  const gx = <usize>descField(desc, WIDE_DESC_GX), ga = <usize>descField(desc, WIDE_DESC_GA);
  const work = <usize>descField(desc, WIDE_DESC_WORK);
  const stages = <usize>descField(desc, WIDE_DESC_STAGES), nStages = <i32>descField(desc, WIDE_DESC_N_STAGES);
  const maxIter = descField(desc, WIDE_DESC_MAX_ITER), lossTol = descField(desc, WIDE_DESC_LOSS_TOL);
  const gradTol = descField(desc, WIDE_DESC_GRAD_TOL), gradWindow = descField(desc, WIDE_DESC_GRAD_WINDOW);
  const logEvery = descField(desc, WIDE_DESC_LOG_EVERY);
  const traj = <usize>descField(desc, WIDE_DESC_TRAJ), trajCap = <i32>descField(desc, WIDE_DESC_TRAJ_CAP);
  const out = <usize>descField(desc, WIDE_DESC_OUT), ones = <usize>descField(desc, WIDE_DESC_ONES);
  const ps = p + (p & 1), ks = k + (k & 1), rr = r * r, rrs = r * rs;
  // the work area (src/wasm/layouts.ts: wideWork): s*, d = s − s*, ‖x_i‖, the filters' angles, then the
  // r×r matrices (cosines, κ, π − θ, AAᵀ, the x-coefficients of ∇_x) and the r×r* ones (the same against the teacher)
  const sStar = work, d = sStar + (<usize>ks << 3), norms = d + (<usize>ks << 3), angles = norms + (<usize>r << 3);
  const cG = angles + (<usize>r << 3), G = cG + (<usize>rr << 3), tG = G + (<usize>rr << 3);
  const M = tG + (<usize>rr << 3), cX = M + (<usize>rr << 3);
  const cH = cX + (<usize>rr << 3), H = cH + (<usize>rrs << 3), tH = H + (<usize>rrs << 3);
  const N = tH + (<usize>rrs << 3), cW = N + (<usize>rrs << 3);

  // the teacher's part of L, Σ_j a*_jᵀ G* a*_j, and s* = A*ᵀ1
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
  scaled(sStar, 1, as, k);
  for (let j = 1; j < rs; j++) axpy(sStar, row(as, j, ks), 1, k);

  let t: f64 = 0, samples = 0, lastSampled: f64 = -1, still: f64 = 0;
  let loss: f64 = 0, gradNorm: f64 = 0, phi: f64 = 0;
  let outcome = UNCONVERGED;
  cursor.reset(stages, nStages);
  while (true) {
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
    let maxA: f64 = 0;
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

    if (logEvery > 0 && t % logEvery == 0 && samples < trajCap) {
      writeSample(traj + <usize>(samples * (WIDE_SAMPLE_WIDTH + r)) * 8, t, loss, gradNorm, angles, r);
      samples++;
      lastSampled = t;
    }
    if (!isFinite(loss) || !isFinite(gradNorm) || maxA > DIVERGED_A) { outcome = DIVERGED; break; }
    if (loss <= lossTol) { outcome = GLOBAL; break; }
    // stationary above lossTol for gradWindow steps in a row: a saddle is passed, a trap is not
    still = gradNorm <= gradTol ? still + 1 : 0;
    if (still >= gradWindow) { outcome = SPURIOUS; break; }
    if (t >= maxIter) { outcome = UNCONVERGED; break; }

    if (t >= cursor.nextUntil) cursor.enter(t);
    const etaA = cursor.etaA, etaV = cursor.etaV;
    for (let i = 0; i < r; i++) axpy(row(x, i, ps), row(gx, i, ps), -etaV, p);
    for (let i = 0; i < r; i++) axpy(row(a, i, ks), row(ga, i, ks), -etaA, k);
    t++;
  }
  if (logEvery > 0 && lastSampled != t && samples < trajCap) {
    writeSample(traj + <usize>(samples * (WIDE_SAMPLE_WIDTH + r)) * 8, t, loss, gradNorm, angles, r);
    samples++;
  }
  store<f64>(out, <f64>outcome);
  store<f64>(out, t, 8);
  store<f64>(out, phi, 16);
  store<f64>(out, loss, 24);
  store<f64>(out, gradNorm, 32);
  store<f64>(out, <f64>samples, 40);
  for (let i = 0; i < r; i++) set(out + (<usize>WIDE_OUT_WIDTH << 3), i, get(angles, i));
}

function writeSample(at: usize, t: f64, loss: f64, gradNorm: f64, angles: usize, r: i32): void {
  store<f64>(at, t);
  store<f64>(at, loss, 8);
  store<f64>(at, gradNorm, 16);
  for (let i = 0; i < r; i++) set(at + (<usize>WIDE_SAMPLE_WIDTH << 3), i, get(angles, i));
}

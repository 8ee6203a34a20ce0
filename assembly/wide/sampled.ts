// SGD for a wide student (SPEC §9's student of r filters, trained on SPEC §8's sampled data) inside
// WebAssembly: samples drawn in engine memory (online, or a training set drawn once), the batch gradient by
// forward and backward passes, the simultaneous update of §4 on every filter and row, and the outcome of the
// exact population quantities of the iterate (closedForm.ts). src/twin/wide/sampled.ts is its twin, bit for bit.
//
// The order of the work (what the twin repeats, and what makes r = r* = 1 the sampled engine's bits): the draws
// as sampled/data.ts (per sample its k·p normals patch by patch, then ε when s > 0; a training set sample after
// sample, once; each epoch's order by Fisher–Yates from the shuffle stream). Per sample, patch after patch j:
// ⟨Z_j, w̄_i⟩ for the filters i = 1…r in order (f += A_ij h_ij), then ⟨Z_j, w*_i*⟩ for the teacher's i* = 1…r*
// (the label); then the backward pass, patch after patch, filter after filter: g_A,ij += r_b h_ij, and
// g_w̄,i += (r_b A_ij) Z_j where h_ij > 0. After the batch, filter after filter: g_w̄,i / B, its projection
// ⟨g_w̄,i, w̄_i⟩, x_i ← x_i − η_v (g_w̄,i − ⟨g_w̄,i, w̄_i⟩ w̄_i)/‖x_i‖; then A ← A − η_a (g_A / B).
import { NormalLanes } from "../random/normal";
import { Stream } from "../random/bits";
import { StageCursor } from "../common/schedule";
import { dot8, axpy } from "../sampled/forward";
import { drawSample, startData, nextIndex } from "../sampled/data";
import { teacherPart, closedFormAt, anglesOf, normsOf, lossOutcome, GOES_ON, loss, gradNorm, phi } from "./closedForm";
import {
  SPURIOUS, UNCONVERGED,
  WIDE_SAMPLED_OUT_WIDTH, WIDE_SAMPLED_SAMPLE_WIDTH,
  WIDE_SAMPLED_DESC_P, WIDE_SAMPLED_DESC_K, WIDE_SAMPLED_DESC_R, WIDE_SAMPLED_DESC_R_STAR, WIDE_SAMPLED_DESC_X,
  WIDE_SAMPLED_DESC_WS, WIDE_SAMPLED_DESC_A, WIDE_SAMPLED_DESC_AS, WIDE_SAMPLED_DESC_GX, WIDE_SAMPLED_DESC_GA,
  WIDE_SAMPLED_DESC_WORK, WIDE_SAMPLED_DESC_WB, WIDE_SAMPLED_DESC_H, WIDE_SAMPLED_DESC_ONES, WIDE_SAMPLED_DESC_STAGES,
  WIDE_SAMPLED_DESC_N_STAGES, WIDE_SAMPLED_DESC_MAX_ITER, WIDE_SAMPLED_DESC_LOSS_TOL, WIDE_SAMPLED_DESC_TRAP_LOSS,
  WIDE_SAMPLED_DESC_TRAP_TIME, WIDE_SAMPLED_DESC_LOG_EVERY, WIDE_SAMPLED_DESC_TRAJ, WIDE_SAMPLED_DESC_TRAJ_CAP,
  WIDE_SAMPLED_DESC_OUT, WIDE_SAMPLED_DESC_ONLINE, WIDE_SAMPLED_DESC_BATCH, WIDE_SAMPLED_DESC_N,
  WIDE_SAMPLED_DESC_LABEL_NOISE, WIDE_SAMPLED_DESC_KEY0, WIDE_SAMPLED_DESC_KEY1, WIDE_SAMPLED_DESC_KEY2,
  WIDE_SAMPLED_DESC_KEY3, WIDE_SAMPLED_DESC_SAMPLE, WIDE_SAMPLED_DESC_TRAIN_Z, WIDE_SAMPLED_DESC_TRAIN_Y,
  WIDE_SAMPLED_DESC_PERM, WIDE_SAMPLED_DESC_GEN, WIDE_SAMPLED_DESC_STREAM,
} from "../common/layout";
import { descField } from "../common/memory";

const cursor = changetype<StageCursor>(memory.data(offsetof<StageCursor>(), 16));

@inline function at(d: usize, field: i32): f64 { return descField(d, field); }
@inline function ptr(d: usize, field: i32): usize { return <usize>descField(d, field); }
@inline function get(m: usize, i: i32): f64 { return load<f64>(m + (<usize>i << 3)); }
@inline function set(m: usize, i: i32, v: f64): void { store<f64>(m + (<usize>i << 3), v); }
@inline function row(base: usize, i: i32, stride: i32): usize { return base + (<usize>(i * stride) << 3); }

/** The online forward pass's label Σ_j Σ_i* A*_i*j σ(⟨Z_j, w*_i*⟩) (set by forward when given w*). */
let label: f64 = 0;

/**
 * Forward pass of one sample z (k patches of p entries) through r filters (unit rows wb of even(p)): h_ij =
 * σ(⟨Z_j, w̄_i⟩) into h (rows of even(k)); returns f = Σ_j Σ_i A_ij h_ij. With ws ≠ 0 (online) also the label.
 */
function forward(z: usize, wb: usize, ws: usize, a: usize, as: usize, h: usize, k: i32, p: i32, r: i32, rs: i32): f64 {
  const ps = p + (p & 1), ks = k + (k & 1);
  let f: f64 = 0, y: f64 = 0;
  for (let j = 0; j < k; j++) {
    const zj = z + (<usize>(j * p) << 3);
    for (let i = 0; i < r; i++) {
      const s = dot8(zj, row(wb, i, ps), p), e = i * ks + j;
      const hij = s > 0 ? s : 0;
      set(h, e, hij);
      f += get(a, e) * hij;
    }
    if (ws) {
      for (let i = 0; i < rs; i++) {
        const t = dot8(zj, row(ws, i, ps), p);
        y += get(as, i * ks + j) * (t > 0 ? t : 0);
      }
    }
  }
  label = y;
  return f;
}

/** Backward pass of one sample with residual res: g_A,ij += res h_ij; g_w̄,i += (res A_ij) Z_j where h_ij > 0. */
function backward(z: usize, h: usize, a: usize, res: f64, ga: usize, gw: usize, k: i32, p: i32, r: i32): void {
  const ps = p + (p & 1), ks = k + (k & 1);
  for (let j = 0; j < k; j++) {
    const zj = z + (<usize>(j * p) << 3);
    for (let i = 0; i < r; i++) {
      const e = i * ks + j, hij = get(h, e);
      set(ga, e, get(ga, e) + res * hij);
      if (hij > 0) axpy(row(gw, i, ps), zj, res * get(a, e), p);
    }
  }
}

/** Mean ℓ over a training set at the filters wb. */
function trainLoss(Z: usize, Y: usize, nTrain: i32, wb: usize, a: usize, as: usize, h: usize, k: i32, p: i32, r: i32, rs: i32): f64 {
  let sum: f64 = 0;
  const kp = k * p;
  for (let i = 0; i < nTrain; i++) {
    const res = forward(Z + ((<usize>i * <usize>kp) << 3), wb, 0, a, as, h, k, p, r, rs) - get(Y, i);
    sum += 0.5 * res * res;
  }
  return sum / <f64>nTrain;
}

/**
 * Runs SGD for a wide student to its outcome (descriptor d: common/layout.ts WIDE_SAMPLED_DESC_*); x and a (r rows)
 * hold the final state. Outcome, checked before every step on the exact population quantities: diverged (a
 * non-finite L or ‖∇L‖, or max|A_ij| > 1e6); global once L ≤ lossTol; spurious once L has stayed above trapLoss
 * without halving while the first layer's step sizes η_v added up to trapTime (the plateau starts again wherever
 * L ≤ trapLoss or L falls below half of its value at the plateau's start); unconverged at maxIter. Out block: [outcome, iterations, φ, L, ‖∇L‖, samples,
 * batch loss, training loss, r angles].
 */
export function runWideSampled(d: usize): void {
  const p = <i32>at(d, WIDE_SAMPLED_DESC_P), k = <i32>at(d, WIDE_SAMPLED_DESC_K);
  const r = <i32>at(d, WIDE_SAMPLED_DESC_R), rs = <i32>at(d, WIDE_SAMPLED_DESC_R_STAR);
  const x = ptr(d, WIDE_SAMPLED_DESC_X), ws = ptr(d, WIDE_SAMPLED_DESC_WS), a = ptr(d, WIDE_SAMPLED_DESC_A), as = ptr(d, WIDE_SAMPLED_DESC_AS);
  const gw = ptr(d, WIDE_SAMPLED_DESC_GX), ga = ptr(d, WIDE_SAMPLED_DESC_GA), work = ptr(d, WIDE_SAMPLED_DESC_WORK);
  const wb = ptr(d, WIDE_SAMPLED_DESC_WB), h = ptr(d, WIDE_SAMPLED_DESC_H), ones = ptr(d, WIDE_SAMPLED_DESC_ONES);
  const maxIter = at(d, WIDE_SAMPLED_DESC_MAX_ITER), lossTol = at(d, WIDE_SAMPLED_DESC_LOSS_TOL);
  const trapLoss = at(d, WIDE_SAMPLED_DESC_TRAP_LOSS), trapTime = at(d, WIDE_SAMPLED_DESC_TRAP_TIME);
  const logEvery = at(d, WIDE_SAMPLED_DESC_LOG_EVERY), traj = ptr(d, WIDE_SAMPLED_DESC_TRAJ);
  const trajCap = <i32>at(d, WIDE_SAMPLED_DESC_TRAJ_CAP), out = ptr(d, WIDE_SAMPLED_DESC_OUT);
  const online = at(d, WIDE_SAMPLED_DESC_ONLINE) != 0, batch = <i32>at(d, WIDE_SAMPLED_DESC_BATCH);
  const nTrain = <i32>at(d, WIDE_SAMPLED_DESC_N), s = at(d, WIDE_SAMPLED_DESC_LABEL_NOISE);
  const k0 = <u32>at(d, WIDE_SAMPLED_DESC_KEY0), k1 = <u32>at(d, WIDE_SAMPLED_DESC_KEY1);
  const k2 = <u32>at(d, WIDE_SAMPLED_DESC_KEY2), k3 = <u32>at(d, WIDE_SAMPLED_DESC_KEY3);
  const zbuf = ptr(d, WIDE_SAMPLED_DESC_SAMPLE), Z = ptr(d, WIDE_SAMPLED_DESC_TRAIN_Z), Y = ptr(d, WIDE_SAMPLED_DESC_TRAIN_Y);
  const perm = ptr(d, WIDE_SAMPLED_DESC_PERM);
  const g = changetype<NormalLanes>(ptr(d, WIDE_SAMPLED_DESC_GEN)), st = changetype<Stream>(ptr(d, WIDE_SAMPLED_DESC_STREAM));
  const ps = p + (p & 1), ks = k + (k & 1), kp = k * p, sampleWidth = WIDE_SAMPLED_SAMPLE_WIDTH + r;

  startData(g, st, k0, k1, k2, k3, online, batch, Z, Y, perm, nTrain, k, p, ws, as, s, rs, ps, ks);

  const lossStar = teacherPart(ws, as, work, p, k, rs), angles = anglesOf(work, k, r), norms = normsOf(work, k);
  cursor.reset(ptr(d, WIDE_SAMPLED_DESC_STAGES), <i32>at(d, WIDE_SAMPLED_DESC_N_STAGES));
  let t: f64 = 0, samples = 0, lastSampled: f64 = -1, batchLoss: f64 = NaN;
  let plateauTime: f64 = 0, plateauLoss: f64 = Infinity;
  let outcome = UNCONVERGED;
  while (true) {
    closedFormAt(x, ws, a, as, gw, ga, work, ones, lossStar, p, k, r, rs);
    for (let i = 0; i < r; i++) {
      const xi = row(x, i, ps), wi = row(wb, i, ps), n = get(norms, i);
      for (let l = 0; l < p; l++) set(wi, l, get(xi, l) / n);
    }
    if (logEvery > 0 && t % logEvery == 0 && samples < trajCap) {
      writeSample(traj + (<usize>(samples * sampleWidth) << 3), t, batchLoss,
        online ? NaN : trainLoss(Z, Y, nTrain, wb, a, as, h, k, p, r, rs), angles, r);
      samples++;
      lastSampled = t;
    }
    outcome = lossOutcome(lossTol);
    if (outcome != GOES_ON) break;
    // SGD never holds still: a trap is L above trapLoss that has not halved while the first layer's steps add up
    // to trapTime (Σ η_v: a warmup's small steps or a batch-scaled schedule take proportionally longer)
    if (loss <= trapLoss || loss < plateauLoss / 2) { plateauTime = 0; plateauLoss = loss; }
    else if (plateauTime >= trapTime) { outcome = SPURIOUS; break; }
    if (t >= maxIter) { outcome = UNCONVERGED; break; }

    if (t >= cursor.nextUntil) cursor.enter(t);
    // the batch gradient at (x, A): sums over the samples, then divided by B
    memory.fill(gw, 0, <usize>(r * ps) << 3);
    memory.fill(ga, 0, <usize>(r * ks) << 3);
    let lossSum: f64 = 0;
    for (let b = 0; b < batch; b++) {
      let z: usize, y: f64, f: f64;
      if (online) {
        const e = drawSample(g, zbuf, kp, s);
        z = zbuf;
        f = forward(z, wb, ws, a, as, h, k, p, r, rs);
        y = s > 0 ? label + e : label;
      } else {
        const idx = nextIndex(st, perm);
        z = Z + ((<usize>idx * <usize>kp) << 3);
        f = forward(z, wb, 0, a, as, h, k, p, r, rs);
        y = get(Y, idx);
      }
      const res = f - y;
      lossSum += 0.5 * res * res;
      backward(z, h, a, res, ga, gw, k, p, r);
    }
    const B = <f64>batch;
    batchLoss = lossSum / B;
    const etaA = cursor.etaA, etaV = cursor.etaV;
    for (let i = 0; i < r; i++) {
      const gi = row(gw, i, ps), wi = row(wb, i, ps), xi = row(x, i, ps), n = get(norms, i);
      for (let l = 0; l < p; l++) set(gi, l, get(gi, l) / B);
      const proj = dot8(gi, wi, p);
      for (let l = 0; l < p; l++) set(xi, l, get(xi, l) - etaV * ((get(gi, l) - proj * get(wi, l)) / n));
    }
    for (let i = 0; i < r; i++) {
      const ai = row(a, i, ks), gi = row(ga, i, ks);
      for (let j = 0; j < k; j++) set(ai, j, get(ai, j) - etaA * (get(gi, j) / B));
    }
    plateauTime += etaV;
    t++;
  }
  const train = online ? NaN : trainLoss(Z, Y, nTrain, wb, a, as, h, k, p, r, rs);
  if (logEvery > 0 && lastSampled != t && samples < trajCap) {
    writeSample(traj + (<usize>(samples * sampleWidth) << 3), t, batchLoss, train, angles, r);
    samples++;
  }
  set(out, 0, <f64>outcome);
  set(out, 1, t);
  set(out, 2, phi);
  set(out, 3, loss);
  set(out, 4, gradNorm);
  set(out, 5, <f64>samples);
  set(out, 6, batchLoss);
  set(out, 7, train);
  for (let i = 0; i < r; i++) set(out + (<usize>WIDE_SAMPLED_OUT_WIDTH << 3), i, get(angles, i));
}

/** A sample: t, L, ‖∇L‖ (closedForm.ts's, at this iterate), the batch and training losses, the r angles. */
function writeSample(to: usize, t: f64, batchLoss: f64, train: f64, angles: usize, r: i32): void {
  set(to, 0, t);
  set(to, 1, loss);
  set(to, 2, gradNorm);
  set(to, 3, batchLoss);
  set(to, 4, train);
  for (let i = 0; i < r; i++) set(to + (<usize>WIDE_SAMPLED_SAMPLE_WIDTH << 3), i, get(angles, i));
}

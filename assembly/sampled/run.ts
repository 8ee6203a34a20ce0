// The whole SGD run of SPEC §8 inside WebAssembly: samples drawn in engine memory, the batch
// gradient by forward and backward passes, the §4 update, the §5 checks on the exact population
// quantities and the sampled runs' trap rule. No JS crossing per sample or per step.
import { NormalLanes } from "../random/normal";
import { Stream } from "../random/bits";
import { StageCursor } from "../common/schedule";
import { cosine, arcCosKernel, lossFrom } from "../common/closedForm";
import { dot8, forward, backward, label } from "./forward";
import { drawSample, startData, nextIndex } from "./data";
import { sampledOutcome, startOutcome, GOES_ON } from "./outcome";

import {
  NEAR_MARGIN, SAMPLED_SAMPLE_WIDTH,
  SAMPLED_DESC_P, SAMPLED_DESC_K, SAMPLED_DESC_X, SAMPLED_DESC_WS, SAMPLED_DESC_A, SAMPLED_DESC_AS,
  SAMPLED_DESC_STAGES, SAMPLED_DESC_N_STAGES, SAMPLED_DESC_MAX_ITER, SAMPLED_DESC_TOL, SAMPLED_DESC_TRAP_PHI,
  SAMPLED_DESC_TRAP_WINDOW, SAMPLED_DESC_TRAP_POSSIBLE, SAMPLED_DESC_LOG_EVERY, SAMPLED_DESC_TRAJ,
  SAMPLED_DESC_TRAJ_CAP, SAMPLED_DESC_OUT, SAMPLED_DESC_ONLINE, SAMPLED_DESC_BATCH, SAMPLED_DESC_N,
  SAMPLED_DESC_LABEL_NOISE, SAMPLED_DESC_KEY0, SAMPLED_DESC_KEY1, SAMPLED_DESC_KEY2, SAMPLED_DESC_KEY3,
  SAMPLED_DESC_WORK, SAMPLED_DESC_TRAIN_Z, SAMPLED_DESC_TRAIN_Y, SAMPLED_DESC_PERM, SAMPLED_DESC_GEN,
  SAMPLED_DESC_STREAM,
  SAMPLED_OUT_OUTCOME, SAMPLED_OUT_ITERATIONS, SAMPLED_OUT_PHI, SAMPLED_OUT_LOSS, SAMPLED_OUT_NORM, SAMPLED_OUT_SAMPLES,
  SAMPLED_OUT_BATCH_LOSS, SAMPLED_OUT_TRAIN_LOSS, SAMPLED_SAMPLE_T, SAMPLED_SAMPLE_PHI, SAMPLED_SAMPLE_LOSS,
  SAMPLED_SAMPLE_A_DOT_A_STAR, SAMPLED_SAMPLE_ERR_A, SAMPLED_SAMPLE_ERR_W, SAMPLED_SAMPLE_BATCH_LOSS, SAMPLED_SAMPLE_TRAIN_LOSS,
} from "../common/layout";
import { descField, putSlot, evenCount } from "../common/memory";
import { maxAbs } from "../population/passes";

const cursor = changetype<StageCursor>(memory.data(offsetof<StageCursor>(), 16));

@inline function at(d: usize, slot: i32): f64 { return descField(d, slot); }
@inline function ptr(d: usize, slot: i32): usize { return <usize>descField(d, slot); }
@inline function get(v: usize, i: i32): f64 { return load<f64>(v + (<usize>i << 3)); }
@inline function put(v: usize, i: i32, x: f64): void { store<f64>(v + (<usize>i << 3), x); }

/** Σ v_i in order. */
function sumOf(v: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += get(v, i);
  return s;
}

/** Σ (y_i/s − z_i)² in order. */
function distSq(y: usize, z: usize, n: i32, s: f64): f64 {
  let q: f64 = 0;
  for (let i = 0; i < n; i++) { const t = get(y, i) / s - get(z, i); q += t * t; }
  return q;
}

/** Mean ℓ over a training set at the direction wb (h: k scratch). */
function trainLoss(Z: usize, Y: usize, nTrain: i32, wb: usize, a: usize, as: usize, h: usize, k: i32, p: i32): f64 {
  let sum: f64 = 0;
  const kp = k * p;
  for (let i = 0; i < nTrain; i++) {
    const r = forward(Z + ((<usize>i * <usize>kp) << 3), wb, 0, a, as, h, k, p) - get(Y, i);
    sum += 0.5 * r * r;
  }
  return sum / <f64>nTrain;
}

/**
 * f64 of a run's work area (SAMPLED_DESC_WORK): w̄ (p), g_w̄ (p), g_a (k), h (k), each from a 16-byte
 * boundary, then one online sample (k·p). Exported: src/wasm/layouts.ts sizes the area alike, checked at load.
 */
export function sampledWorkValues(p: i32, k: i32, online: bool): f64 {
  return <f64>(2 * evenCount(p) + 2 * evenCount(k)) + (online ? <f64>k * <f64>p : 0);
}

/** Runs SGD on sampled data to its outcome (descriptor d: common/layout.ts SAMPLED_DESC_*). x and a hold the final state. */
export function runSampled(d: usize): void {
  const p = <i32>at(d, SAMPLED_DESC_P), k = <i32>at(d, SAMPLED_DESC_K);
  const x = ptr(d, SAMPLED_DESC_X), ws = ptr(d, SAMPLED_DESC_WS), a = ptr(d, SAMPLED_DESC_A), as = ptr(d, SAMPLED_DESC_AS);
  const maxIter = at(d, SAMPLED_DESC_MAX_ITER), tol = at(d, SAMPLED_DESC_TOL), trapPhi = at(d, SAMPLED_DESC_TRAP_PHI), trapWindow = at(d, SAMPLED_DESC_TRAP_WINDOW);
  const trapPossible = at(d, SAMPLED_DESC_TRAP_POSSIBLE) != 0, logEvery = at(d, SAMPLED_DESC_LOG_EVERY);
  const traj = ptr(d, SAMPLED_DESC_TRAJ), trajCap = <i32>at(d, SAMPLED_DESC_TRAJ_CAP), out = ptr(d, SAMPLED_DESC_OUT);
  const online = at(d, SAMPLED_DESC_ONLINE) != 0, batch = <i32>at(d, SAMPLED_DESC_BATCH), nTrain = <i32>at(d, SAMPLED_DESC_N), s = at(d, SAMPLED_DESC_LABEL_NOISE);
  const k0 = <u32>at(d, SAMPLED_DESC_KEY0), k1 = <u32>at(d, SAMPLED_DESC_KEY1), k2 = <u32>at(d, SAMPLED_DESC_KEY2), k3 = <u32>at(d, SAMPLED_DESC_KEY3);
  const kp = k * p;
  // work area (sampledWorkValues): w̄ (p), g_w̄ sums (p), g_a sums (k), h (k), one online sample (k·p)
  const work = ptr(d, SAMPLED_DESC_WORK);
  const wb = work, gw = wb + (<usize>evenCount(p) << 3), ga = gw + (<usize>evenCount(p) << 3);
  const h = ga + (<usize>evenCount(k) << 3), zbuf = h + (<usize>evenCount(k) << 3);
  const Z = ptr(d, SAMPLED_DESC_TRAIN_Z), Y = ptr(d, SAMPLED_DESC_TRAIN_Y), perm = ptr(d, SAMPLED_DESC_PERM);
  const g = changetype<NormalLanes>(ptr(d, SAMPLED_DESC_GEN)), st = changetype<Stream>(ptr(d, SAMPLED_DESC_STREAM));

  startData(g, st, k0, k1, k2, k3, online, batch, Z, Y, perm, nTrain, k, p, ws, as, s);

  const sumAs = sumOf(as, k);
  let xx = dot8(x, x, p), xw = dot8(x, ws, p), sa = sumOf(a, k), aas = dot8(a, as, k);
  cursor.reset(ptr(d, SAMPLED_DESC_STAGES), <i32>at(d, SAMPLED_DESC_N_STAGES));
  let t: f64 = 0, samples = 0, lastSampled: f64 = -1;
  let outcome = GOES_ON;
  startOutcome();
  let n: f64 = 0, phi: f64 = 0, gk: f64 = 0, batchLoss: f64 = NaN;
  while (true) {
    n = Math.sqrt(xx);
    const c = cosine(xw, n);
    phi = Math.acos(c);
    gk = arcCosKernel(c, phi);
    for (let i = 0; i < p; i++) put(wb, i, get(x, i) / n);
    if (logEvery > 0 && t % logEvery == 0 && samples < trajCap) {
      writeSample(traj + (<usize>(samples * SAMPLED_SAMPLE_WIDTH) << 3), t, phi, gk, sa - sumAs, aas, x, ws, a, as, n, p, k, batchLoss,
        online ? NaN : trainLoss(Z, Y, nTrain, wb, a, as, h, k, p));
      samples++;
      lastSampled = t;
    }
    // the exact distances only once 2 − 2c says w̄ may be within tol of w*
    const near = 2 - 2 * c <= tol * tol + NEAR_MARGIN * <f64>(p + 4);
    outcome = sampledOutcome(isFinite(xx) && isFinite(xw) && isFinite(sa) && isFinite(aas), maxAbs(a, k),
      near ? Math.sqrt(distSq(x, ws, p, n)) : Infinity, near ? Math.sqrt(distSq(a, as, k, 1)) : Infinity, tol, trapPossible,
      aas, phi, trapPhi, trapWindow, t, maxIter);
    if (outcome != GOES_ON) break;

    if (t >= cursor.nextUntil) cursor.enter(t);
    // The batch gradient at (x, a): sums over the samples, then divided by B.
    memory.fill(gw, 0, <usize>p << 3);
    memory.fill(ga, 0, <usize>k << 3);
    let lossSum: f64 = 0;
    for (let b = 0; b < batch; b++) {
      let z: usize, y: f64, f: f64;
      if (online) {
        const e = drawSample(g, zbuf, kp, s);
        z = zbuf;
        f = forward(z, wb, ws, a, as, h, k, p);
        y = s > 0 ? label + e : label;
      } else {
        const idx = nextIndex(st, perm);
        z = Z + ((<usize>idx * <usize>kp) << 3);
        f = forward(z, wb, 0, a, as, h, k, p);
        y = get(Y, idx);
      }
      const r = f - y;
      lossSum += 0.5 * r * r;
      backward(z, h, a, r, ga, gw, k, p);
    }
    const B = <f64>batch;
    batchLoss = lossSum / B;
    for (let i = 0; i < p; i++) put(gw, i, get(gw, i) / B);
    const proj = dot8(gw, wb, p);
    const etaA = cursor.etaA, etaV = cursor.etaV;
    for (let i = 0; i < p; i++) put(x, i, get(x, i) - etaV * ((get(gw, i) - proj * get(wb, i)) / n));
    for (let j = 0; j < k; j++) put(a, j, get(a, j) - etaA * (get(ga, j) / B));
    xx = dot8(x, x, p); xw = dot8(x, ws, p); sa = sumOf(a, k); aas = dot8(a, as, k);
    t++;
  }
  const train = online ? NaN : trainLoss(Z, Y, nTrain, wb, a, as, h, k, p);
  if (logEvery > 0 && lastSampled != t && samples < trajCap) {
    writeSample(traj + (<usize>(samples * SAMPLED_SAMPLE_WIDTH) << 3), t, phi, gk, sa - sumAs, aas, x, ws, a, as, n, p, k, batchLoss, train);
    samples++;
  }
  putSlot(out, SAMPLED_OUT_OUTCOME, <f64>outcome);
  putSlot(out, SAMPLED_OUT_ITERATIONS, t);
  putSlot(out, SAMPLED_OUT_PHI, phi);
  putSlot(out, SAMPLED_OUT_LOSS, lossFrom(distSq(a, as, k, 1), sa - sumAs, gk, aas));
  putSlot(out, SAMPLED_OUT_NORM, n);
  putSlot(out, SAMPLED_OUT_SAMPLES, <f64>samples);
  putSlot(out, SAMPLED_OUT_BATCH_LOSS, batchLoss);
  putSlot(out, SAMPLED_OUT_TRAIN_LOSS, train);
}

function writeSample(
  to: usize, t: f64, phi: f64, gk: f64, sumD: f64, aas: f64, x: usize, ws: usize, a: usize, as: usize,
  n: f64, p: i32, k: i32, batchLoss: f64, train: f64,
): void {
  const errA2 = distSq(a, as, k, 1);
  putSlot(to, SAMPLED_SAMPLE_T, t);
  putSlot(to, SAMPLED_SAMPLE_PHI, phi);
  putSlot(to, SAMPLED_SAMPLE_LOSS, lossFrom(errA2, sumD, gk, aas));
  putSlot(to, SAMPLED_SAMPLE_A_DOT_A_STAR, aas);
  putSlot(to, SAMPLED_SAMPLE_ERR_A, Math.sqrt(errA2));
  putSlot(to, SAMPLED_SAMPLE_ERR_W, Math.sqrt(distSq(x, ws, p, n)));
  putSlot(to, SAMPLED_SAMPLE_BATCH_LOSS, batchLoss);
  putSlot(to, SAMPLED_SAMPLE_TRAIN_LOSS, train);
}

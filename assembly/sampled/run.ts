// The whole SGD run of SPEC §8 inside WebAssembly: samples drawn in engine memory, the batch
// gradient by forward and backward passes, the §4 update, the §5 checks on the exact population
// quantities and the sampled runs' trap rule. No JS crossing per sample or per step.
import { NormalLanes } from "../random/normal";
import { Stream } from "../random/bits";
import { StageCursor } from "../common/schedule";
import { cosine, arcCosKernel, lossFrom } from "../common/closedForm";
import { dot8, forward, backward, label } from "./forward";
import { PURPOSE_DATA, PURPOSE_SHUFFLE, drawSample, drawTrainingSet, shuffle } from "./data";

// The run descriptor: SAMPLED_DESC f64 slots (pointers and counts as f64), written by src/wasm/sampled.ts.
export const D_P = 0, D_K = 1, D_X = 2, D_WS = 3, D_A = 4, D_AS = 5, D_AB = 6, D_STAGES = 7, D_NSTAGES = 8,
  D_MAXITER = 9, D_TOL = 10, D_TRAP_PHI = 11, D_TRAP_WINDOW = 12, D_TRAP_POSSIBLE = 13, D_LOG_EVERY = 14,
  D_TRAJ = 15, D_TRAJ_CAP = 16, D_OUT = 17, D_ONLINE = 18, D_BATCH = 19, D_N = 20, D_NOISE = 21, D_KEY = 22,
  D_WORK = 26, D_TRAIN_Z = 27, D_TRAIN_Y = 28, D_PERM = 29, D_GEN = 30, D_STREAM = 31;
export const SAMPLED_DESC: i32 = 32;
/** out: outcome, iterations, φ, L, ‖x‖, samples, batch loss, training loss. */
export const SAMPLED_OUT: i32 = 8;
/** A trajectory sample: t, φ, L, aᵀa*, ‖a − a*‖, ‖w̄ − w*‖, batch loss, training loss. */
export const SAMPLED_SAMPLE: i32 = 8;

const GLOBAL = 0, SPURIOUS = 1, UNCONVERGED = 2, DIVERGED = 3;
const NEAR_MARGIN: f64 = 1e-9; // as in population/run.ts: 2 − 2c estimates ‖w̄ − w*‖² to ~1e-16·p
const DIVERGED_A: f64 = 1e6;

const cursor = changetype<StageCursor>(memory.data(offsetof<StageCursor>(), 16));

@inline function at(d: usize, slot: i32): f64 { return load<f64>(d + (<usize>slot << 3)); }
@inline function ptr(d: usize, slot: i32): usize { return <usize>load<f64>(d + (<usize>slot << 3)); }
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

function maxAbs(v: usize, n: i32): f64 {
  let m: f64 = 0;
  for (let i = 0; i < n; i++) m = max(m, abs(get(v, i)));
  return m;
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

/** Runs SGD on sampled data to its outcome (descriptor d, see D_*). x and a hold the final state. */
export function runSampled(d: usize): void {
  const p = <i32>at(d, D_P), k = <i32>at(d, D_K);
  const x = ptr(d, D_X), ws = ptr(d, D_WS), a = ptr(d, D_A), as = ptr(d, D_AS);
  const maxIter = at(d, D_MAXITER), tol = at(d, D_TOL), trapPhi = at(d, D_TRAP_PHI), trapWindow = at(d, D_TRAP_WINDOW);
  const trapPossible = at(d, D_TRAP_POSSIBLE) != 0, logEvery = at(d, D_LOG_EVERY);
  const traj = ptr(d, D_TRAJ), trajCap = <i32>at(d, D_TRAJ_CAP), out = ptr(d, D_OUT);
  const online = at(d, D_ONLINE) != 0, batch = <i32>at(d, D_BATCH), nTrain = <i32>at(d, D_N), s = at(d, D_NOISE);
  const k0 = <u32>at(d, D_KEY), k1 = <u32>at(d, D_KEY + 1), k2 = <u32>at(d, D_KEY + 2), k3 = <u32>at(d, D_KEY + 3);
  const kp = k * p;
  // work area: w̄ (p), g_w̄ sums (p), g_a sums (k), h (k), one online sample (k·p)
  const work = ptr(d, D_WORK);
  const wb = work, gw = wb + (<usize>(p + (p & 1)) << 3), ga = gw + (<usize>(p + (p & 1)) << 3);
  const h = ga + (<usize>(k + (k & 1)) << 3), zbuf = h + (<usize>(k + (k & 1)) << 3);
  const Z = ptr(d, D_TRAIN_Z), Y = ptr(d, D_TRAIN_Y), perm = ptr(d, D_PERM);
  const g = changetype<NormalLanes>(ptr(d, D_GEN)), st = changetype<Stream>(ptr(d, D_STREAM));

  g.start(k0, k1, k2, k3, PURPOSE_DATA);
  const shuffled = !online && batch < nTrain;
  if (!online) {
    st.seed(k0, k1, k2, k3, PURPOSE_SHUFFLE, 0);
    drawTrainingSet(g, Z, Y, nTrain, k, p, ws, as, s);
    for (let i = 0; i < nTrain; i++) store<i32>(perm + (<usize>i << 2), i);
  }
  let pos = nTrain; // the first step starts an epoch

  const sumAs = sumOf(as, k);
  let xx = dot8(x, x, p), xw = dot8(x, ws, p), sa = sumOf(a, k), aas = dot8(a, as, k);
  cursor.reset(ptr(d, D_STAGES), <i32>at(d, D_NSTAGES));
  let t: f64 = 0, samples = 0, lastSampled: f64 = -1, inTrap: f64 = 0;
  let outcome = UNCONVERGED;
  let n: f64 = 0, phi: f64 = 0, gk: f64 = 0, batchLoss: f64 = NaN;
  while (true) {
    n = Math.sqrt(xx);
    const c = cosine(xw, n);
    phi = Math.acos(c);
    gk = arcCosKernel(c, phi);
    for (let i = 0; i < p; i++) put(wb, i, get(x, i) / n);
    if (logEvery > 0 && t % logEvery == 0 && samples < trajCap) {
      writeSample(traj + (<usize>(samples * SAMPLED_SAMPLE) << 3), t, phi, gk, sa - sumAs, aas, x, ws, a, as, n, p, k, batchLoss,
        online ? NaN : trainLoss(Z, Y, nTrain, wb, a, as, h, k, p));
      samples++;
      lastSampled = t;
    }
    if (!isFinite(xx) || !isFinite(xw) || !isFinite(sa) || !isFinite(aas) || maxAbs(a, k) > DIVERGED_A) { outcome = DIVERGED; break; }
    if (2 - 2 * c <= tol * tol + NEAR_MARGIN && Math.sqrt(distSq(x, ws, p, n)) + Math.sqrt(distSq(a, as, k, 1)) <= tol) {
      outcome = GLOBAL; break;
    }
    if (trapPossible && aas < 0 && phi >= trapPhi) {
      inTrap++;
      if (inTrap > trapWindow) { outcome = SPURIOUS; break; }
    } else inTrap = 0;
    if (t >= maxIter) { outcome = UNCONVERGED; break; }

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
        if (pos == nTrain) { if (shuffled) shuffle(st, perm, nTrain); pos = 0; }
        const idx = load<i32>(perm + (<usize>pos << 2));
        pos++;
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
    writeSample(traj + (<usize>(samples * SAMPLED_SAMPLE) << 3), t, phi, gk, sa - sumAs, aas, x, ws, a, as, n, p, k, batchLoss, train);
    samples++;
  }
  put(out, 0, <f64>outcome);
  put(out, 1, t);
  put(out, 2, phi);
  put(out, 3, lossFrom(distSq(a, as, k, 1), sa - sumAs, gk, aas));
  put(out, 4, n);
  put(out, 5, <f64>samples);
  put(out, 6, batchLoss);
  put(out, 7, train);
}

function writeSample(
  to: usize, t: f64, phi: f64, gk: f64, sumD: f64, aas: f64, x: usize, ws: usize, a: usize, as: usize,
  n: f64, p: i32, k: i32, batchLoss: f64, train: f64,
): void {
  const errA2 = distSq(a, as, k, 1);
  put(to, 0, t);
  put(to, 1, phi);
  put(to, 2, lossFrom(errA2, sumD, gk, aas));
  put(to, 3, aas);
  put(to, 4, Math.sqrt(errA2));
  put(to, 5, Math.sqrt(distSq(x, ws, p, n)));
  put(to, 6, batchLoss);
  put(to, 7, train);
}

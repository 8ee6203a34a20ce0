// The whole run of a wide student (SPEC §9) inside WebAssembly: r filters against r* teacher filters,
// normalised gradient descent with the schedule of §4 on every filter and every row, simultaneous update.
// Per step: the closed forms of closedForm.ts (O(r(r + r*)(p + k))), the outcome checks, then the update.
import { axpy } from "../sampled/forward";
import { teacherPart, closedFormAt, anglesOf, lossOutcome, GOES_ON, loss, gradNorm, phi } from "./closedForm";
import { StageCursor } from "../common/schedule";
import {
  SPURIOUS, UNCONVERGED, WIDE_OUT_WIDTH, WIDE_SAMPLE_WIDTH,
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
  const ps = p + (p & 1), ks = k + (k & 1);
  const lossStar = teacherPart(ws, as, work, p, k, rs), angles = anglesOf(work, k, r);

  let t: f64 = 0, samples = 0, lastSampled: f64 = -1, still: f64 = 0;
  let outcome = UNCONVERGED;
  cursor.reset(stages, nStages);
  while (true) {
    closedFormAt(x, ws, a, as, gx, ga, work, ones, lossStar, p, k, r, rs);
    if (logEvery > 0 && t % logEvery == 0 && samples < trajCap) {
      writeSample(traj + <usize>(samples * (WIDE_SAMPLE_WIDTH + r)) * 8, t, loss, gradNorm, angles, r);
      samples++;
      lastSampled = t;
    }
    outcome = lossOutcome(lossTol);
    if (outcome != GOES_ON) break;
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

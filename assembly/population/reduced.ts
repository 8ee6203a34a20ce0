// The exact reduced-dimension engine (SPEC §7): the dynamics never leave
//   x ∈ span{w*, e⊥}       (e⊥: the unit part of x0 orthogonal to w*),
//   a ∈ span{b0, b1, b2}   (orthonormal basis of span{1, a*, a0}: b0 = 1/√k, b1 from a*, b2 from a0),
// so after an O(k + p) set-up every step is O(1): x = P·w* + Q·e⊥ and a = Σ α_j b_j.
// src/twin/population/reduced.ts does the same operations run by run, one scalar at a time (bit-identical).
// A step is a chain of dependent operations (√, ÷, acos): runReducedMany advances LANES runs,
// two per f64x2 step, pair after pair, so that the processor overlaps the chains of the pairs.
import { lossFrom } from "../common/closedForm";
import { StageCursor } from "../common/schedule";
import { acosPair } from "../common/acosPair";
import {
  GLOBAL, SPURIOUS, UNCONVERGED, DIVERGED, DIVERGED_A, BOUND_SLACK, DROP, SAMPLE_WIDTH, DESC,
  SAMPLE_T, SAMPLE_PHI, SAMPLE_LOSS, SAMPLE_A_DOT_A_STAR, SAMPLE_ERR_A, SAMPLE_ERR_W,
  OUT_OUTCOME, OUT_ITERATIONS, OUT_PHI, OUT_LOSS, OUT_NORM, OUT_SAMPLES,
  DESC_P, DESC_K, DESC_X, DESC_WS, DESC_A, DESC_AS, DESC_AB, DESC_SCRATCH, DESC_STAGES, DESC_N_STAGES, DESC_MAX_ITER,
  DESC_TOL, DESC_TRAP_ANGLE, DESC_TRAP_RADIUS, DESC_TRAP_POSSIBLE, DESC_LOG_EVERY, DESC_TRAJ, DESC_TRAJ_CAP, DESC_OUT,
} from "../common/layout";
import { descField, putSlot } from "../common/memory";
// DROP: a Gram–Schmidt residual below this share of its vector's norm is rounding noise of a
// vector that lies in the span already: it is dropped (its basis vector is left out).

@inline function at(v: usize, i: i32): usize { return v + (<usize>i << 3); }

// Set-up sums keep four partial sums (a single chain is latency-bound): entry i in partial i mod 4,
// the last n mod 4 entries in partial 0; combined as (s0 + s1) + (s2 + s3).
function dot(y: usize, z: usize, n: i32): f64 {
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += load<f64>(at(y, i)) * load<f64>(at(z, i));
    s1 += load<f64>(at(y, i + 1)) * load<f64>(at(z, i + 1));
    s2 += load<f64>(at(y, i + 2)) * load<f64>(at(z, i + 2));
    s3 += load<f64>(at(y, i + 3)) * load<f64>(at(z, i + 3));
  }
  for (; i < n; i++) s0 += load<f64>(at(y, i)) * load<f64>(at(z, i));
  return (s0 + s1) + (s2 + s3);
}

function sum(y: usize, n: i32): f64 {
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += load<f64>(at(y, i));
    s1 += load<f64>(at(y, i + 1));
    s2 += load<f64>(at(y, i + 2));
    s3 += load<f64>(at(y, i + 3));
  }
  for (; i < n; i++) s0 += load<f64>(at(y, i));
  return (s0 + s1) + (s2 + s3);
}

/** y ← (y − c0·r0) − c1·z: removes the parts along b0 = r0·1 and along the unit z (z = 0: none). */
function subtract(y: usize, n: i32, c0: f64, r0: f64, c1: f64, z: usize): void {
  const b = c0 * r0;
  for (let i = 0; i < n; i++) {
    const zi = z != 0 ? load<f64>(at(z, i)) : 0;
    store<f64>(at(y, i), (load<f64>(at(y, i)) - b) - c1 * zi);
  }
}

/** y ← y/s; returns max|y_i| after scaling. */
function scale(y: usize, n: i32, s: f64): f64 {
  let m: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = load<f64>(at(y, i)) / s;
    store<f64>(at(y, i), v);
    m = max(m, abs(v));
  }
  return m;
}

/** a_i = α0·r0 + α1·b1_i + α2·b2_i into `out` (may be b2 itself); returns max|a_i|. */
function reconstructA(out: usize, k: i32, r0: f64, al0: f64, b1: usize, al1: f64, b2: usize, al2: f64): f64 {
  let m: f64 = 0;
  for (let i = 0; i < k; i++) {
    const v = (al0 * r0 + al1 * load<f64>(at(b1, i))) + al2 * load<f64>(at(b2, i));
    store<f64>(at(out, i), v);
    m = max(m, abs(v));
  }
  return m;
}

function maxA(k: i32, r0: f64, al0: f64, b1: usize, al1: f64, b2: usize, al2: f64): f64 {
  let m: f64 = 0;
  for (let i = 0; i < k; i++) {
    m = max(m, abs((al0 * r0 + al1 * load<f64>(at(b1, i))) + al2 * load<f64>(at(b2, i))));
  }
  return m;
}

/** The first layer's coordinates, set by splitFirstLayer. */
export let splitP: f64 = 0, splitQ: f64 = 0;

/**
 * x0 = P·w* + Q·e⊥ with Q ≥ 0 (Gram–Schmidt twice): P and Q into splitP and splitQ, the unit e⊥ into x
 * (0 when x0 is along w*). Shared with the reduced SGD engine (assembly/sampled/reduced.ts).
 */
export function splitFirstLayer(x: usize, ws: usize, p: i32): void {
  const nx0 = Math.sqrt(dot(x, x, p));
  let P = dot(x, ws, p);
  subtract(x, p, 0, 0, P, ws);
  const P2 = dot(x, ws, p);
  subtract(x, p, 0, 0, P2, ws);
  P += P2;
  let Q = Math.sqrt(dot(x, x, p));
  if (Q > DROP * nx0) scale(x, p, Q);
  else { Q = 0; memory.fill(x, 0, <usize>p << 3); }
  splitP = P; splitQ = Q;
}

// Runs in flight, advanced two per f64x2 and one step for all at a time: the steps of different
// pairs are independent, so the processor overlaps their long √ → ÷ → acos chains.
const LANES = 8;
const PAIRS = LANES / 2;

// The runs' coordinates, step constants and closed forms, field by field (LANES f64 each), so
// that one f64x2 load takes a field of a pair of runs.
const P_ = 0, Q_ = 1, AL0 = 2, AL1 = 3, AL2 = 4, S0 = 5, S1 = 6, SQRTK = 7, HA = 8, A_ = 9, HV = 10;
const N_ = 11, INV_N = 12, PHI = 13, G_ = 14, QN = 15, SUM_D = 16, A_AS = 17, ERR_A2 = 18;
// t; the first t at which the checks must look closer (stage end, maxIter, samples); tol²; the trap
// angle (−∞ without a trap); 1/√k, max|b1_i|, max|b2_i| (the bound on max|a_i|)
const T_ = 19, EVENT = 20, TOL2 = 21, TRAP = 22, R0 = 23, M1 = 24, M2 = 25;
const FIELDS = 26;
const lanes = changetype<usize>(memory.data(FIELDS * LANES * 8, 16));
@inline function field(f: i32, lane: i32): usize { return lanes + (<usize>(f * LANES + lane) << 3); }
@inline function get(f: i32, lane: i32): f64 { return load<f64>(field(f, lane)); }
@inline function set(f: i32, lane: i32, v: f64): void { store<f64>(field(f, lane), v); }
@inline function getPair(f: i32, pair: i32): v128 { return v128.load(field(f, pair << 1)); }
@inline function setPair(f: i32, pair: i32, v: v128): void { v128.store(field(f, pair << 1), v); }
@inline function splat(x: f64): v128 { return f64x2.splat(x); }

/** One run in reduced coordinates: its arguments and loop state (its numbers are in its lane). */
@unmanaged class Run {
  // arguments (see runReducedMany)
  p: i32; k: i32; x: usize; ws: usize; a: usize; ab: usize; b1: usize;
  maxIter: f64; tol: f64; trapAngle: f64; trapRadius: f64; trapPossible: bool;
  logEvery: f64; traj: usize; trajCap: i32; out: usize;
  // x = P·w* + Q·e⊥; a = α0·b0 + α1·b1 + α2·b2; a* = s0·b0 + s1·b1; ā = q0·b0 + q1·b1 + q2·b2
  q0: f64; q1: f64; q2: f64;
  lane: i32; lastSampled: f64; samples: i32; outcome: i32;
  cursor: StageCursor;
}

/** Reads the run's descriptor at `desc` (common/layout.ts) and does the O(k + p) set-up. */
function start(r: Run, desc: usize): void {
  const p = r.p = <i32>descField(desc, DESC_P), k = r.k = <i32>descField(desc, DESC_K);
  const x = r.x = <usize>descField(desc, DESC_X), ws = r.ws = <usize>descField(desc, DESC_WS);
  const a = r.a = <usize>descField(desc, DESC_A), as = <usize>descField(desc, DESC_AS);
  const ab = r.ab = <usize>descField(desc, DESC_AB), b1 = r.b1 = <usize>descField(desc, DESC_SCRATCH);
  r.cursor.reset(<usize>descField(desc, DESC_STAGES), <i32>descField(desc, DESC_N_STAGES));
  r.maxIter = descField(desc, DESC_MAX_ITER); r.tol = descField(desc, DESC_TOL);
  r.trapAngle = descField(desc, DESC_TRAP_ANGLE); r.trapRadius = descField(desc, DESC_TRAP_RADIUS);
  r.trapPossible = descField(desc, DESC_TRAP_POSSIBLE) != 0; r.logEvery = descField(desc, DESC_LOG_EVERY);
  r.traj = <usize>descField(desc, DESC_TRAJ); r.trajCap = <i32>descField(desc, DESC_TRAJ_CAP);
  r.out = <usize>descField(desc, DESC_OUT);

  splitFirstLayer(x, ws, p);
  const P = splitP, Q = splitQ;

  // Second layer: b0 = 1/√k, b1 from a* (in the scratch), b2 from a0 (in a).
  const r0 = 1 / Math.sqrt(<f64>k);
  memory.copy(b1, as, <usize>k << 3);
  const ns = Math.sqrt(dot(as, as, k));
  let s0 = r0 * sum(b1, k);
  subtract(b1, k, s0, r0, 0, 0);
  const s0b = r0 * sum(b1, k);
  subtract(b1, k, s0b, r0, 0, 0);
  s0 += s0b;
  let s1 = Math.sqrt(dot(b1, b1, k));
  let m1: f64 = 0;
  if (s1 > DROP * ns) m1 = scale(b1, k, s1);
  else { s1 = 0; memory.fill(b1, 0, <usize>k << 3); }

  const na0 = Math.sqrt(dot(a, a, k));
  let al0 = r0 * sum(a, k), al1 = dot(a, b1, k);
  subtract(a, k, al0, r0, al1, b1);
  const al0b = r0 * sum(a, k), al1b = dot(a, b1, k);
  subtract(a, k, al0b, r0, al1b, b1);
  al0 += al0b; al1 += al1b;
  let al2 = Math.sqrt(dot(a, a, k));
  let m2: f64 = 0;
  if (al2 > DROP * na0) m2 = scale(a, k, al2);
  else { al2 = 0; memory.fill(a, 0, <usize>k << 3); }
  // ā lies in span{1, a*}: its coordinates (b2 is in a).
  r.q0 = r0 * sum(ab, k); r.q1 = dot(ab, b1, k); r.q2 = dot(ab, a, k);
  const lane = r.lane;
  set(P_, lane, P); set(Q_, lane, Q); set(AL0, lane, al0); set(AL1, lane, al1); set(AL2, lane, al2);
  set(S0, lane, s0); set(S1, lane, s1); set(SQRTK, lane, Math.sqrt(<f64>k));
  set(R0, lane, r0); set(M1, lane, m1); set(M2, lane, m2);
  set(T_, lane, 0); set(EVENT, lane, -Infinity); // step 0 enters the first stage
  set(TOL2, lane, r.tol * r.tol); set(TRAP, lane, r.trapPossible ? r.trapAngle : -Infinity);
  r.lastSampled = -1; r.samples = 0; r.outcome = UNCONVERGED;
}

/** An empty lane: a fixed point of the step (K = A = B = C = 0), free of NaN, never checked. */
function park(lane: i32): void {
  for (let f = 0; f < FIELDS; f++) set(f, lane, 0);
  set(P_, lane, 1); set(EVENT, lane, Infinity); set(TOL2, lane, -1); set(TRAP, lane, -Infinity);
}

/**
 * One step of the runs in lanes 2·pair and 2·pair + 1 (`live`: which of the two hold a run): the
 * closed forms of SPEC §3 in f64x2, the checks of SPEC §5 where a lane may be decided, the update.
 * Lane for lane the operations are those of a scalar step (src/twin/population/reduced.ts). Returns the lanes
 * whose run was decided (and finished) at this step.
 */
@inline function stepPair(pair: i32, live: i32): i32 {
  let attention = closedForms(pair) & live, decided = 0;
  while (attention != 0) {
    const side = ctz(attention);
    attention &= attention - 1;
    if (laneChecks(runAt((pair << 1) + side))) decided |= 1 << side;
  }
  update(pair);
  return decided;
}

/**
 * The closed forms of SPEC §3 at the pair's state, into its lanes. Returns the lanes that need the
 * checks: those where one of them could fire (each test is the check's own arithmetic, or implied
 * by it); most steps of most runs skip them.
 */
@inline function closedForms(pair: i32): i32 {
  const P = getPair(P_, pair), Q = getPair(Q_, pair);
  const al0 = getPair(AL0, pair), al1 = getPair(AL1, pair), al2 = getPair(AL2, pair);
  const s0 = getPair(S0, pair), s1 = getPair(S1, pair);
  const n = f64x2.sqrt(f64x2.add(f64x2.mul(P, P), f64x2.mul(Q, Q)));
  const invN = f64x2.div(splat(1), n);
  const c = f64x2.pmax(f64x2.pmin(f64x2.div(P, n), splat(1)), splat(-1)); // closedForm.cosine
  const phi = acosPair(c);
  const piMinusPhi = f64x2.sub(splat(Math.PI), phi);
  const g = f64x2.add(f64x2.mul(piMinusPhi, c), f64x2.sqrt(f64x2.sub(splat(1), f64x2.mul(c, c))));
  const e0 = f64x2.sub(al0, s0), e1 = f64x2.sub(al1, s1);
  const errA2 = f64x2.add(f64x2.add(f64x2.mul(e0, e0), f64x2.mul(e1, e1)), f64x2.mul(al2, al2));
  setPair(N_, pair, n); setPair(INV_N, pair, invN); setPair(PHI, pair, phi); setPair(G_, pair, g);
  setPair(QN, pair, f64x2.mul(Q, invN));
  setPair(SUM_D, pair, f64x2.mul(getPair(SQRTK, pair), e0));
  setPair(A_AS, pair, f64x2.add(f64x2.mul(al0, s0), f64x2.mul(al1, s1)));
  setPair(ERR_A2, pair, errA2);

  const total = f64x2.add(f64x2.add(f64x2.add(n, al0), al1), al2);
  const bound = f64x2.mul(f64x2.add(f64x2.add(f64x2.mul(f64x2.abs(al0), getPair(R0, pair)),
    f64x2.mul(f64x2.abs(al1), getPair(M1, pair))), f64x2.mul(f64x2.abs(al2), getPair(M2, pair))), splat(BOUND_SLACK));
  const near = v128.or(v128.or(f64x2.ge(getPair(T_, pair), getPair(EVENT, pair)), f64x2.le(errA2, getPair(TOL2, pair))),
    v128.or(f64x2.le(piMinusPhi, getPair(TRAP, pair)),
      v128.or(f64x2.ne(f64x2.sub(total, total), splat(0)), f64x2.gt(bound, splat(DIVERGED_A)))));
  return i64x2.bitmask(near);
}

/** One gradient step of the pair, with its lanes' step constants and closed forms. */
@inline function update(pair: i32): void {
  const P = getPair(P_, pair), Q = getPair(Q_, pair);
  const al0 = getPair(AL0, pair), al1 = getPair(AL1, pair), al2 = getPair(AL2, pair);
  const s0 = getPair(S0, pair), s1 = getPair(S1, pair);
  const hA = getPair(HA, pair), A = getPair(A_, pair), invN = getPair(INV_N, pair), qn = getPair(QN, pair);
  const B = f64x2.mul(hA, getPair(SUM_D, pair)), C = f64x2.mul(hA, f64x2.sub(splat(Math.PI), getPair(G_, pair)));
  const K = f64x2.mul(f64x2.mul(f64x2.mul(getPair(HV, pair), getPair(A_AS, pair)), f64x2.sub(splat(Math.PI), getPair(PHI, pair))), invN);
  const e0 = f64x2.sub(al0, s0), e1 = f64x2.sub(al1, s1);
  // x ← x + K(w* − (c/n)x): ⟨x, w*⟩ grows by K(1 − c²) = K(Q/n)², the e⊥ part shrinks by K·P/n².
  setPair(P_, pair, f64x2.add(P, f64x2.mul(K, f64x2.mul(qn, qn))));
  setPair(Q_, pair, f64x2.sub(Q, f64x2.mul(f64x2.mul(K, f64x2.mul(P, invN)), qn)));
  // a ← a − (A(a − a*) + B·1 + C·a*), with 1 = √k·b0 and a* = s0·b0 + s1·b1.
  setPair(AL0, pair, f64x2.sub(al0, f64x2.add(f64x2.add(f64x2.mul(A, e0), f64x2.mul(B, getPair(SQRTK, pair))), f64x2.mul(C, s0))));
  setPair(AL1, pair, f64x2.sub(al1, f64x2.add(f64x2.mul(A, e1), f64x2.mul(C, s1))));
  setPair(AL2, pair, f64x2.sub(al2, f64x2.mul(A, al2)));
  setPair(T_, pair, f64x2.add(getPair(T_, pair), splat(1)));
}

/** The checks of a lane that may be decided at this step; if it goes on, its stage and next event. */
function laneChecks(r: Run): bool {
  if (checks(r)) { finish(r); return true; }
  const lane = r.lane, t = get(T_, lane), cursor = r.cursor;
  if (t >= cursor.nextUntil) {
    cursor.enter(t);
    set(HA, lane, cursor.hA); set(A_, lane, cursor.A); set(HV, lane, cursor.hV);
  }
  const sampling = r.logEvery > 0 && r.samples < r.trajCap;
  set(EVENT, lane, sampling ? -Infinity : min(r.maxIter, cursor.nextUntil));
  return false;
}

/** The outcome checks of SPEC §5 at step t, on the closed forms in the run's lane. True when decided. */
function checks(r: Run): bool {
  const lane = r.lane;
  const P = get(P_, lane), Q = get(Q_, lane), al0 = get(AL0, lane), al1 = get(AL1, lane), al2 = get(AL2, lane);
  const n = get(N_, lane), errA2 = get(ERR_A2, lane), tol = r.tol, t = get(T_, lane);
  const sampling = r.logEvery > 0 && t % r.logEvery == 0 && r.samples < r.trajCap;
  // ‖w̄ − w*‖ matters only for a sample or when ‖a − a*‖ ≤ tol already.
  const errW = sampling || errA2 <= tol * tol ? distW(P, Q, n, get(QN, lane)) : Infinity;
  if (sampling) sample(r, errW);
  if (!isFinite(n + al0 + al1 + al2)) return decide(r, DIVERGED);
  const r0 = get(R0, lane);
  if ((abs(al0) * r0 + abs(al1) * get(M1, lane) + abs(al2) * get(M2, lane)) * BOUND_SLACK > DIVERGED_A
    && maxA(r.k, r0, al0, r.b1, al1, r.a, al2) > DIVERGED_A) return decide(r, DIVERGED);
  if (errW <= tol && errW + Math.sqrt(errA2) <= tol) return decide(r, GLOBAL);
  if (r.trapPossible && Math.PI - get(PHI, lane) <= r.trapAngle) {
    const f0 = al0 - r.q0, f1 = al1 - r.q1, f2 = al2 - r.q2;
    if (Math.sqrt((f0 * f0 + f1 * f1) + f2 * f2) <= r.trapRadius) return decide(r, SPURIOUS);
  }
  if (t >= r.maxIter) return decide(r, UNCONVERGED);
  return false;
}

@inline function decide(r: Run, outcome: i32): bool {
  r.outcome = outcome;
  return true;
}

/** L from the closed forms in the lane. */
@inline function lossOf(lane: i32): f64 {
  return lossFrom(get(ERR_A2, lane), get(SUM_D, lane), get(G_, lane), get(A_AS, lane));
}

function sample(r: Run, errW: f64): void {
  const at = r.traj + <usize>(r.samples * SAMPLE_WIDTH) * 8, lane = r.lane, t = get(T_, lane);
  putSlot(at, SAMPLE_T, t);
  putSlot(at, SAMPLE_PHI, get(PHI, lane));
  putSlot(at, SAMPLE_LOSS, lossOf(lane));
  putSlot(at, SAMPLE_A_DOT_A_STAR, get(A_AS, lane));
  putSlot(at, SAMPLE_ERR_A, Math.sqrt(get(ERR_A2, lane)));
  putSlot(at, SAMPLE_ERR_W, errW);
  r.samples++;
  r.lastSampled = t;
}

/** The last sample, full vectors back (x = P·w* + Q·e⊥, a = Σ α_j b_j) and the out block. */
function finish(r: Run): void {
  const lane = r.lane, n = get(N_, lane), t = get(T_, lane);
  const P = get(P_, lane), Q = get(Q_, lane);
  if (r.logEvery > 0 && r.lastSampled != t && r.samples < r.trajCap) sample(r, distW(P, Q, n, Q / n));
  const x = r.x, ws = r.ws;
  for (let i = 0; i < r.p; i++) store<f64>(at(x, i), P * load<f64>(at(ws, i)) + Q * load<f64>(at(x, i)));
  reconstructA(r.a, r.k, get(R0, lane), get(AL0, lane), r.b1, get(AL1, lane), r.a, get(AL2, lane));
  const out = r.out;
  putSlot(out, OUT_OUTCOME, <f64>r.outcome);
  putSlot(out, OUT_ITERATIONS, t);
  putSlot(out, OUT_PHI, get(PHI, lane));
  putSlot(out, OUT_LOSS, lossOf(lane));
  putSlot(out, OUT_NORM, n);
  putSlot(out, OUT_SAMPLES, <f64>r.samples);
}

const runs = changetype<usize>(memory.data(offsetof<Run>() * LANES, 16));
const cursors = changetype<usize>(memory.data(offsetof<StageCursor>() * LANES, 16));
@inline function runAt(lane: i32): Run { return changetype<Run>(runs + <usize>(lane * offsetof<Run>())); }

/**
 * Runs `count` problems in reduced coordinates. descs: count run descriptors (common/layout.ts),
 * DESC f64 each, with the scratch a block of k f64 (b1). Each run's x
 * and a end holding its final state, reconstructed; its out block gets
 * [outcome, iterations, φ, L, ‖x‖, samples].
 */
export function runReducedMany(count: i32, descs: usize): void {
  let next = 0, live = 0; // live: bit l set while lane l holds a run
  for (let lane = 0; lane < LANES; lane++) {
    const r = runAt(lane);
    r.lane = lane;
    r.cursor = changetype<StageCursor>(cursors + <usize>(lane * offsetof<StageCursor>()));
    park(lane);
    if (next < count) { start(r, descs + <usize>(next++ * DESC) * 8); live |= 1 << lane; }
  }
  while (live != 0) {
    for (let pair = 0; pair < PAIRS; pair++) {
      const pairLive = (live >> (pair << 1)) & 3;
      if (pairLive == 0) continue;
      let decided = stepPair(pair, pairLive);
      while (decided != 0) { // new runs into the lanes whose run was decided
        const lane = (pair << 1) + ctz(decided);
        decided &= decided - 1;
        if (next < count) start(runAt(lane), descs + <usize>(next++ * DESC) * 8);
        else { park(lane); live &= ~(1 << lane); }
      }
    }
  }
}

/** ‖w̄ − w*‖ = √((1 − P/n)² + (Q/n)²), with 1 − P/n = Q²/(n(n + P)) free of cancellation for P > 0. */
export function distW(P: f64, Q: f64, n: f64, qn: f64): f64 {
  const oneMinus = P > 0 ? Q * qn / (n + P) : 1 - P / n;
  return Math.sqrt(oneMinus * oneMinus + qn * qn);
}


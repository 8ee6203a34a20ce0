// The reduced SGD engine of SPEC §8 ("Reduced simulation, exact in distribution"), online data only.
// Gaussian data is invariant under rotations that fix w*, so (⟨x, w*⟩, ‖x‖, a) is a Markov chain; to
// draw the final w from the right law one more coordinate is tracked. With e0 the unit part of x0
// orthogonal to w*, the state is x = P·w* + R·e0 + Z·ζ̂ (ζ̂ ⊥ w*, e0; Z ≥ 0) and the k-vector a: rotations
// fixing w* and e0 leave the data's law alone, so ζ̂ is uniform ⊥ {w*, e0} and (P, R, Z, a) is Markov.
// Q = ‖x's part ⊥ w*‖ = √(R² + Z²). A step draws, per sample b and patch j, the pair (s, q) of normals:
//   s = ⟨Z_bj, w̄⟩, q = ⟨Z_bj, e⟩ (e: the unit vector of span{w̄, w*} ⊥ w̄, towards w*),
//   t = ⟨Z_bj, w*⟩ = cos φ·s + sin φ·q   (sin φ = Q/‖x‖: no √(1 − c²), exact at φ = 0).
// Given the pairs, the part ξ of g_w̄ orthogonal to span{w̄, w*} is N(0, σ_ξ² I_{p−2}),
// σ_ξ² = (1/B²) Σ_b r_b² Σ_j a_j² m_bj. One of its directions lies in span{w*, e0, ζ̂}: f = cr·ζ̂ − cz·e0
// ((cr, cz) = (R, Z)/Q, x's direction ⊥ w*); ξ's component there is σ_ξ·N(0, 1), the rest has squared norm
// σ_ξ² χ²_{p−3} (2·Gamma((p − 3)/2), Marsaglia–Tsang) and only moves Z. Work per step O(B·k), not O(B·k·p).
// A start along w* has no e0 (R = 0, Z = Q: the law is invariant under rotations about w*, χ²_{p−2}).
//
// Sums over patches j keep two partial sums, j even and j odd (the lanes of an f64x2; an odd k's last
// patch goes to lane 0), combined as even + odd; src/twin/sampled/reduced.ts does the same, bit for bit.
import { NormalLanes, fillNormals, normal } from "../random/normal";
import { Stream } from "../random/bits";
import { gamma } from "../random/gamma";
import { StageCursor } from "../common/schedule";
import { cosine, arcCosKernel, lossFrom } from "../common/closedForm";
import { splitFirstLayer, splitP, splitQ, distW } from "../population/reduced";
import { descField, putSlot, evenCount } from "../common/memory";
import { sampledOutcome, startOutcome, GOES_ON } from "./outcome";
import {
  SAMPLED_SAMPLE_WIDTH, SAMPLED_SAMPLE_T, SAMPLED_SAMPLE_PHI, SAMPLED_SAMPLE_LOSS, SAMPLED_SAMPLE_A_DOT_A_STAR,
  SAMPLED_SAMPLE_ERR_A, SAMPLED_SAMPLE_ERR_W, SAMPLED_SAMPLE_BATCH_LOSS, SAMPLED_SAMPLE_TRAIN_LOSS,
  SAMPLED_OUT_OUTCOME, SAMPLED_OUT_ITERATIONS, SAMPLED_OUT_PHI, SAMPLED_OUT_LOSS, SAMPLED_OUT_NORM, SAMPLED_OUT_SAMPLES,
  SAMPLED_OUT_BATCH_LOSS, SAMPLED_OUT_TRAIN_LOSS,
  REDUCED_SAMPLED_DESC, REDUCED_SAMPLED_DESC_P as D_P, REDUCED_SAMPLED_DESC_K as D_K, REDUCED_SAMPLED_DESC_X as D_X,
  REDUCED_SAMPLED_DESC_WS as D_WS, REDUCED_SAMPLED_DESC_A as D_A, REDUCED_SAMPLED_DESC_AS as D_AS,
  REDUCED_SAMPLED_DESC_STAGES as D_STAGES, REDUCED_SAMPLED_DESC_N_STAGES as D_N_STAGES,
  REDUCED_SAMPLED_DESC_MAX_ITER as D_MAX_ITER, REDUCED_SAMPLED_DESC_TOL as D_TOL, REDUCED_SAMPLED_DESC_TRAP_PHI as D_TRAP_PHI,
  REDUCED_SAMPLED_DESC_TRAP_WINDOW as D_TRAP_WINDOW, REDUCED_SAMPLED_DESC_TRAP_POSSIBLE as D_TRAP_POSSIBLE,
  REDUCED_SAMPLED_DESC_LOG_EVERY as D_LOG_EVERY, REDUCED_SAMPLED_DESC_TRAJ as D_TRAJ, REDUCED_SAMPLED_DESC_TRAJ_CAP as D_TRAJ_CAP,
  REDUCED_SAMPLED_DESC_OUT as D_OUT, REDUCED_SAMPLED_DESC_BATCH as D_BATCH, REDUCED_SAMPLED_DESC_LABEL_NOISE as D_LABEL_NOISE,
  REDUCED_SAMPLED_DESC_KEY0 as D_KEY0, REDUCED_SAMPLED_DESC_KEY1 as D_KEY1, REDUCED_SAMPLED_DESC_KEY2 as D_KEY2,
  REDUCED_SAMPLED_DESC_KEY3 as D_KEY3, REDUCED_SAMPLED_DESC_WORK as D_WORK, REDUCED_SAMPLED_DESC_VECTORS as D_VECTORS,
  PURPOSE_PAIRS, PURPOSE_CHI, PURPOSE_DIRECTION,
} from "../common/layout";

const gen = changetype<NormalLanes>(memory.data(offsetof<NormalLanes>(), 16));
const chi = changetype<Stream>(memory.data(offsetof<Stream>(), 16));
const cursor = changetype<StageCursor>(memory.data(offsetof<StageCursor>(), 16));

@inline function at(d: usize, field: i32): f64 { return descField(d, field); }
@inline function ptr(d: usize, field: i32): usize { return <usize>descField(d, field); }
@inline function put(v: usize, i: i32, x: f64): void { store<f64>(v + (<usize>i << 3), x); }
@inline function lane0(v: v128): f64 { return f64x2.extract_lane(v, 0); }
@inline function lane1(v: v128): f64 { return f64x2.extract_lane(v, 1); }

// Statistics of a, set by updateA: Σa, aᵀa*, ‖a − a*‖², max|a_i|.
let sumA: f64 = 0, aAs: f64 = 0, errA2: f64 = 0, maxA: f64 = 0;

/**
 * a ← a − η_a·(g_a/B), then the statistics of the new a (η_a = 0 and g_a = 0: those of a). max|a_i| by pmax,
 * not max (whose NaN rules V8 compiles to a long sequence on the loop's one dependent chain): the two differ
 * only for a NaN, which the finiteness check of Σa catches first.
 */
function updateA(a: usize, as: usize, ga: usize, etaA: f64, B: f64, k: i32): void {
  const vEta = f64x2.splat(etaA), vB = f64x2.splat(B);
  let s = f64x2.splat(0), d = s, e = s, m = s;
  let j = 0;
  for (; j + 1 < k; j += 2) {
    const o = <usize>j << 3;
    const v = f64x2.sub(v128.load(a + o), f64x2.mul(vEta, f64x2.div(v128.load(ga + o), vB)));
    v128.store(a + o, v);
    const sv = v128.load(as + o), diff = f64x2.sub(v, sv);
    s = f64x2.add(s, v); d = f64x2.add(d, f64x2.mul(v, sv)); e = f64x2.add(e, f64x2.mul(diff, diff));
    m = f64x2.pmax(m, f64x2.abs(v));
  }
  let s0 = lane0(s), d0 = lane0(d), e0 = lane0(e), m0 = lane0(m);
  if (j < k) {
    const o = <usize>j << 3;
    const v = load<f64>(a + o) - etaA * (load<f64>(ga + o) / B);
    store<f64>(a + o, v);
    const sv = load<f64>(as + o), diff = v - sv;
    s0 += v; d0 += v * sv; e0 += diff * diff; m0 = max(m0, abs(v));
  }
  sumA = s0 + lane1(s); aAs = d0 + lane1(d); errA2 = e0 + lane1(e); maxA = max(m0, lane1(m));
}

// Per-sample sums, set by samplePass: f_b, the teacher's label, A_b = Σ_j a_j m_bj q_bj, S_b = Σ_j a_j² m_bj.
let fB: f64 = 0, yB: f64 = 0, aB: f64 = 0, sB: f64 = 0;

/** The sums of one sample from its pairs (s at sv, q at qv) at cos φ = c, sin φ = sn. */
function samplePass(sv: usize, qv: usize, a: usize, as: usize, c: f64, sn: f64, k: i32): void {
  const vc = f64x2.splat(c), vs = f64x2.splat(sn), zero = f64x2.splat(0);
  let f = zero, y = zero, A = zero, S = zero;
  let j = 0;
  for (; j + 1 < k; j += 2) {
    const o = <usize>j << 3;
    const s = v128.load(sv + o), q = v128.load(qv + o), av = v128.load(a + o);
    const t = f64x2.add(f64x2.mul(vc, s), f64x2.mul(vs, q));
    const on = f64x2.gt(s, zero);
    f = f64x2.add(f, f64x2.mul(av, f64x2.pmax(s, zero)));
    y = f64x2.add(y, f64x2.mul(v128.load(as + o), f64x2.pmax(t, zero)));
    A = f64x2.add(A, v128.and(on, f64x2.mul(av, q)));
    S = f64x2.add(S, v128.and(on, f64x2.mul(av, av)));
  }
  let f0 = lane0(f), y0 = lane0(y), A0 = lane0(A), S0 = lane0(S);
  if (j < k) {
    const o = <usize>j << 3;
    const s = load<f64>(sv + o), q = load<f64>(qv + o), av = load<f64>(a + o);
    const t = c * s + sn * q;
    f0 += av * (s < 0 ? 0 : s);
    y0 += load<f64>(as + o) * (t < 0 ? 0 : t);
    A0 += s > 0 ? av * q : 0;
    S0 += s > 0 ? av * av : 0;
  }
  fB = f0 + lane1(f); yB = y0 + lane1(y); aB = A0 + lane1(A); sB = S0 + lane1(S);
}

/** g_a += r·σ(s) over the patches. */
function addGradA(ga: usize, sv: usize, r: f64, k: i32): void {
  const vr = f64x2.splat(r), zero = f64x2.splat(0);
  let j = 0;
  for (; j + 1 < k; j += 2) {
    const o = <usize>j << 3;
    v128.store(ga + o, f64x2.add(v128.load(ga + o), f64x2.mul(vr, f64x2.pmax(v128.load(sv + o), zero))));
  }
  if (j < k) {
    const o = <usize>j << 3, s = load<f64>(sv + o);
    store<f64>(ga + o, load<f64>(ga + o) + r * (s < 0 ? 0 : s));
  }
}

/**
 * f64 of the work area (REDUCED_SAMPLED_DESC_WORK) of runs with these sizes: a step's normals (per sample
 * k values s, k values q, and ε when noisy), then g_a (k), each from a 16-byte boundary, then p values
 * for the final direction. Exported: src/wasm/layouts.ts sizes the area alike, checked at load.
 */
export function reducedSampledWorkValues(p: i32, k: i32, batch: i32, noisy: bool): f64 {
  return <f64>evenCount(batch * (2 * k + (noisy ? 1 : 0))) + <f64>evenCount(k) + <f64>p;
}

/**
 * Runs `count` online SGD problems in reduced coordinates, one after another (descriptors at descs):
 * a step's O(B·k) work is already SIMD over the patches, so runs need not be interleaved.
 */
export function runReducedSampledMany(count: i32, descs: usize): void {
  for (let i = 0; i < count; i++) runOne(descs + (<usize>(i * REDUCED_SAMPLED_DESC) << 3));
}

/**
 * One run (descriptor d: common/layout.ts, REDUCED_SAMPLED_DESC_*): x0 and a0 in x and a; a ends
 * holding the final a, and with the vectors flag x holds P·w* + R·e0 + Z·ζ̂, ζ̂ a uniformly random unit
 * vector ⊥ {w*, e0} (the law of x given P, R, Z); work: the step's normals, g_a, then p values for ζ̂.
 * out: outcome, iterations, φ, L, ‖x‖, samples, batch loss, NaN (no training set).
 */
function runOne(d: usize): void {
  const p = <i32>at(d, D_P), k = <i32>at(d, D_K);
  const x = ptr(d, D_X), ws = ptr(d, D_WS), a = ptr(d, D_A), as = ptr(d, D_AS);
  const maxIter = at(d, D_MAX_ITER), tol = at(d, D_TOL), trapPhi = at(d, D_TRAP_PHI), trapWindow = at(d, D_TRAP_WINDOW);
  const trapPossible = at(d, D_TRAP_POSSIBLE) != 0, logEvery = at(d, D_LOG_EVERY);
  const traj = ptr(d, D_TRAJ), trajCap = <i32>at(d, D_TRAJ_CAP), out = ptr(d, D_OUT);
  const batch = <i32>at(d, D_BATCH), noise = at(d, D_LABEL_NOISE);
  const k0 = <u32>at(d, D_KEY0), k1 = <u32>at(d, D_KEY1), k2 = <u32>at(d, D_KEY2), k3 = <u32>at(d, D_KEY3);
  // work (reducedSampledWorkValues): the step's normals (per sample: k values s, k values q, and ε with label noise), then g_a
  const stride = 2 * k + (noise > 0 ? 1 : 0), drawn = batch * stride;
  const normals = ptr(d, D_WORK), ga = normals + (<usize>evenCount(drawn) << 3);
  const B = <f64>batch;

  gen.start(k0, k1, k2, k3, PURPOSE_PAIRS);
  chi.seed(k0, k1, k2, k3, PURPOSE_CHI, 0);
  splitFirstLayer(x, ws, p); // x ← e0 (0 when x0 is along w*)
  const tracked = splitQ > 0;
  let P: f64 = splitP, R: f64 = tracked ? splitQ : 0.0, Z: f64 = tracked ? 0.0 : splitQ, Q: f64 = splitQ;
  const chiShape = 0.5 * <f64>(p - (tracked ? 3 : 2)); // f takes one of ξ's p − 2 directions when tracked
  memory.fill(ga, 0, <usize>evenCount(k) << 3);
  updateA(a, as, ga, 0, 1, k);
  let sumAs: f64 = 0;
  for (let j = 0; j < k; j++) sumAs += load<f64>(as + (<usize>j << 3));

  cursor.reset(ptr(d, D_STAGES), <i32>at(d, D_N_STAGES));
  let t: f64 = 0, samples = 0, lastSampled: f64 = -1;
  let outcome = GOES_ON;
  startOutcome();
  // φ = acos(c) and g(φ) only where they are used: samples, the end, and the trap test where it can pass. Beyond
  // c = cos(trapPhi) + 1e-9, acos(c) < trapPhi whatever the rounding, and −1 (below any trap angle) stands in for φ.
  const trapCos = Math.cos(trapPhi) + 1e-9;
  let n: f64 = 0, c: f64 = 1, errW: f64 = 0, batchLoss: f64 = NaN;
  while (true) {
    Q = Math.sqrt(R * R + Z * Z);
    n = Math.sqrt(P * P + Q * Q);
    c = cosine(P, n);
    const sn = Q / n;
    errW = distW(P, Q, n, sn);
    if (logEvery > 0 && t % logEvery == 0 && samples < trajCap) {
      const phi = Math.acos(c);
      writeSample(traj + (<usize>(samples * SAMPLED_SAMPLE_WIDTH) << 3), t, phi, arcCosKernel(c, phi), sumA - sumAs, errW, batchLoss);
      samples++;
      lastSampled = t;
    }
    const phiTrap = trapPossible && aAs < 0 && c <= trapCos ? Math.acos(c) : -1.0;
    outcome = sampledOutcome(isFinite(P) && isFinite(Q) && isFinite(sumA) && isFinite(aAs), maxA, errW, Math.sqrt(errA2), tol,
      trapPossible, aAs, phiTrap, trapPhi, trapWindow, t, maxIter);
    if (outcome != GOES_ON) break;

    if (t >= cursor.nextUntil) cursor.enter(t);
    fillNormals(gen, normals, drawn);
    memory.fill(ga, 0, <usize>k << 3);
    let lossSum: f64 = 0, ceSum: f64 = 0, sigSum: f64 = 0;
    for (let b = 0; b < batch; b++) {
      const sv = normals + (<usize>(b * stride) << 3), qv = sv + (<usize>k << 3);
      samplePass(sv, qv, a, as, c, sn, k);
      const y = noise > 0 ? yB + noise * load<f64>(qv + (<usize>k << 3)) : yB;
      const r = fB - y;
      lossSum += 0.5 * r * r;
      ceSum += r * aB;
      sigSum += (r * r) * sB;
      addGradA(ga, sv, r, k);
    }
    batchLoss = lossSum / B;
    const xiF = tracked && p > 2 ? (Math.sqrt(sigSum) / B) * normal(chi) : 0;
    const xi2 = chiShape > 0 ? (sigSum / (B * B)) * (2 * gamma(chi, chiShape)) : 0;
    if (p > 1) { // p = 1: ⊥ w̄ is empty, the first layer never moves
      const ce = ceSum / B, etaN = cursor.etaV / n;
      const Pn = P - etaN * (ce * sn);
      const Qa = Q + etaN * (ce * c);
      // x ⊥ w* moves by (Qa − Q) along (cr, cz) and by −η/‖x‖·ξ: −xiF along f = (−cz, cr), the rest ⊥ e0
      const cr: f64 = Q > 0 ? R / Q : (tracked ? 1.0 : 0.0), cz: f64 = Q > 0 ? Z / Q : (tracked ? 0.0 : 1.0);
      const Zl = cz * Qa - etaN * (cr * xiF);
      R = cr * Qa + etaN * (cz * xiF);
      Z = Math.sqrt(Zl * Zl + (etaN * etaN) * xi2);
      P = Pn;
    }
    updateA(a, as, ga, cursor.etaA, B, k);
    t++;
  }
  const phi = Math.acos(c), gk = arcCosKernel(c, phi);
  if (logEvery > 0 && lastSampled != t && samples < trajCap) {
    writeSample(traj + (<usize>(samples * SAMPLED_SAMPLE_WIDTH) << 3), t, phi, gk, sumA - sumAs, errW, batchLoss);
    samples++;
  }
  if (at(d, D_VECTORS) != 0) { // x = P·w* + R·e0 + Z·ζ̂: ζ̂ the unit part ⊥ w*, e0 of a Gaussian vector
    const dir = ga + (<usize>evenCount(k) << 3);
    gen.start(k0, k1, k2, k3, PURPOSE_DIRECTION);
    fillNormals(gen, dir, p);
    splitFirstLayer(dir, ws, p);
    splitFirstLayer(dir, x, p);
    for (let i = 0; i < p; i++) {
      const o = <usize>i << 3;
      put(x, i, P * load<f64>(ws + o) + R * load<f64>(x + o) + Z * load<f64>(dir + o));
    }
  }
  putSlot(out, SAMPLED_OUT_OUTCOME, <f64>outcome);
  putSlot(out, SAMPLED_OUT_ITERATIONS, t);
  putSlot(out, SAMPLED_OUT_PHI, phi);
  putSlot(out, SAMPLED_OUT_LOSS, lossFrom(errA2, sumA - sumAs, gk, aAs));
  putSlot(out, SAMPLED_OUT_NORM, n);
  putSlot(out, SAMPLED_OUT_SAMPLES, <f64>samples);
  putSlot(out, SAMPLED_OUT_BATCH_LOSS, batchLoss);
  putSlot(out, SAMPLED_OUT_TRAIN_LOSS, NaN);
}

/** A trajectory sample: t, φ, L, aᵀa*, ‖a − a*‖, ‖w̄ − w*‖, batch loss, NaN (no training set). */
function writeSample(to: usize, t: f64, phi: f64, gk: f64, sumD: f64, errW: f64, batchLoss: f64): void {
  putSlot(to, SAMPLED_SAMPLE_T, t);
  putSlot(to, SAMPLED_SAMPLE_PHI, phi);
  putSlot(to, SAMPLED_SAMPLE_LOSS, lossFrom(errA2, sumD, gk, aAs));
  putSlot(to, SAMPLED_SAMPLE_A_DOT_A_STAR, aAs);
  putSlot(to, SAMPLED_SAMPLE_ERR_A, Math.sqrt(errA2));
  putSlot(to, SAMPLED_SAMPLE_ERR_W, errW);
  putSlot(to, SAMPLED_SAMPLE_BATCH_LOSS, batchLoss);
  putSlot(to, SAMPLED_SAMPLE_TRAIN_LOSS, NaN);
}

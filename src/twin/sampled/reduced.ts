// TypeScript twin of assembly/sampled/reduced.ts: the reduced SGD engine of SPEC §8, the same draws
// in the same order and the same operations (sums over patches in two partials, j even and j odd).
import { NormalLanes, Stream, gamma, normal } from '../random/index.js';
import { StageCursor } from '../common/schedule.js';
import { cosine, arcCosKernel, lossFrom } from '../common/closedForm.js';
import { acos } from '../common/acos.js';
import { splitFirstLayer, distW } from '../population/reduced.js';
import type { Problem, RawResult } from '../../problem.js';
import { Outcome, SAMPLED_SAMPLE_WIDTH, PURPOSE_PAIRS, PURPOSE_CHI, PURPOSE_DIRECTION } from '../../layout.js';
import { SampledOutcome } from './outcome.js';

/**
 * Runs the problem's online SGD in reduced coordinates. x (x0) and a (a0) are taken over: a holds the
 * final a; with `vectors`, x holds P·w* + R·e0 + Z·ζ̂ (ζ̂ uniform on the unit sphere ⊥ {w*, e0}), otherwise junk.
 */
export function runReducedSampled(pr: Problem, x: Float64Array, a: Float64Array, traj: Float64Array, vectors = true): RawResult {
  const { p, k, wStar: ws, aStar: as, stages, maxIter, tol, trapPossible, logEvery } = pr;
  const { batch, labelNoise: noise, key, trapPhi, trapWindow } = pr.data!;
  const trajCap = traj.length / SAMPLED_SAMPLE_WIDTH;
  const stride = 2 * k + (noise > 0 ? 1 : 0),
    drawn = batch * stride;
  const normals = new Float64Array(drawn),
    ga = new Float64Array(k);
  const B = batch;

  const gen = new NormalLanes(key[0], key[1], key[2], key[3], PURPOSE_PAIRS);
  const chi = new Stream(key[0], key[1], key[2], key[3], PURPOSE_CHI, 0);
  const [P0, Q0] = splitFirstLayer(x, ws, p); // x ← e0 (0 when x0 is along w*)
  const tracked = Q0 > 0;
  let P = P0,
    R = tracked ? Q0 : 0,
    Z = tracked ? 0 : Q0,
    Q = Q0;
  const chiShape = 0.5 * (p - (tracked ? 3 : 2));
  let stats = updateA(a, as, ga, 0, 1, k);
  let sumAs = 0;
  for (let j = 0; j < k; j++) sumAs += as[j];

  const cursor = new StageCursor(stages);
  let t = 0,
    samples = 0,
    lastSampled = -1;
  const checks = new SampledOutcome(tol, trapPossible, trapPhi, trapWindow, maxIter);
  let outcome: Outcome = Outcome.Unconverged;
  // φ and g(φ) only where they are used (the kernel's rule: −1 for φ in the trap test beyond c = cos(trapPhi) + 1e-9)
  const trapCos = Math.cos(trapPhi) + 1e-9;
  let n = 0,
    c = 1,
    errW = 0,
    batchLoss = NaN;
  const sample = () => {
    const { sumA, aAs, errA2 } = stats;
    const phi = acos(c);
    traj.set(
      [t, phi, lossFrom(errA2, sumA - sumAs, arcCosKernel(c, phi), aAs), aAs, Math.sqrt(errA2), errW, batchLoss, NaN],
      samples * SAMPLED_SAMPLE_WIDTH,
    );
    samples++;
    lastSampled = t;
  };
  for (;;) {
    Q = Math.sqrt(R * R + Z * Z);
    n = Math.sqrt(P * P + Q * Q);
    c = cosine(P, n);
    const sn = Q / n;
    errW = distW(P, Q, n, sn);
    if (logEvery > 0 && t % logEvery === 0 && samples < trajCap) sample();
    const { sumA, aAs, errA2, maxA } = stats;
    const decided = checks.at(
      t,
      Number.isFinite(P) && Number.isFinite(Q) && Number.isFinite(sumA) && Number.isFinite(aAs),
      maxA,
      errW,
      Math.sqrt(errA2),
      aAs,
      trapPossible && aAs < 0 && c <= trapCos ? acos(c) : -1,
    );
    if (decided !== null) {
      outcome = decided;
      break;
    }

    if (t >= cursor.nextUntil) cursor.enter(t);
    gen.fill(normals, drawn);
    ga.fill(0);
    let lossSum = 0,
      ceSum = 0,
      sigSum = 0;
    for (let b = 0; b < batch; b++) {
      const sAt = b * stride,
        qAt = sAt + k;
      const { f, label, A, S } = samplePass(normals, sAt, qAt, a, as, c, sn, k);
      const y = noise > 0 ? label + noise * normals[qAt + k] : label;
      const r = f - y;
      lossSum += 0.5 * r * r;
      ceSum += r * A;
      sigSum += r * r * S;
      for (let j = 0; j < k; j++) {
        const s = normals[sAt + j];
        ga[j] = ga[j] + r * (s < 0 ? 0 : s);
      }
    }
    batchLoss = lossSum / B;
    const xiF = tracked && p > 2 ? (Math.sqrt(sigSum) / B) * normal(chi) : 0;
    const xi2 = chiShape > 0 ? (sigSum / (B * B)) * (2 * gamma(chi, chiShape)) : 0;
    if (p > 1) {
      const ce = ceSum / B,
        etaN = cursor.etaV / n;
      const Pn = P - etaN * (ce * sn);
      const Qa = Q + etaN * (ce * c);
      const cr = Q > 0 ? R / Q : tracked ? 1 : 0,
        cz = Q > 0 ? Z / Q : tracked ? 0 : 1;
      const Zl = cz * Qa - etaN * (cr * xiF);
      R = cr * Qa + etaN * (cz * xiF);
      Z = Math.sqrt(Zl * Zl + etaN * etaN * xi2);
      P = Pn;
    }
    stats = updateA(a, as, ga, cursor.etaA, B, k);
    t++;
  }
  if (logEvery > 0 && lastSampled !== t && samples < trajCap) sample();
  const phi = acos(c),
    gk = arcCosKernel(c, phi);
  if (vectors) {
    const dir = new Float64Array(p);
    new NormalLanes(key[0], key[1], key[2], key[3], PURPOSE_DIRECTION).fill(dir, p);
    splitFirstLayer(dir, ws, p);
    splitFirstLayer(dir, x, p);
    for (let i = 0; i < p; i++) x[i] = P * ws[i] + R * x[i] + Z * dir[i];
  }
  const { sumA, aAs, errA2 } = stats;
  return {
    outcome,
    iterations: t,
    phi,
    norm: n,
    loss: lossFrom(errA2, sumA - sumAs, gk, aAs),
    x,
    a,
    trajectory: traj.subarray(0, samples * SAMPLED_SAMPLE_WIDTH),
    batchLoss,
    trainLoss: NaN,
  };
}

/** a ← a − η_a·(g_a/B), then Σa, aᵀa*, ‖a − a*‖² and max|a_i| of the new a, in two partials. */
function updateA(a: Float64Array, as: Float64Array, ga: Float64Array, etaA: number, B: number, k: number) {
  const s = [0, 0],
    d = [0, 0],
    e = [0, 0],
    m = [0, 0];
  for (let j = 0; j < k; j++) {
    const v = a[j] - etaA * (ga[j] / B);
    a[j] = v;
    const l = j & 1,
      diff = v - as[j];
    s[l] += v;
    d[l] += v * as[j];
    e[l] += diff * diff;
    m[l] = Math.max(m[l], Math.abs(v));
  }
  return { sumA: s[0] + s[1], aAs: d[0] + d[1], errA2: e[0] + e[1], maxA: Math.max(m[0], m[1]) };
}

/** f_b, the teacher's label, A_b = Σ_j a_j m_bj q_bj and S_b = Σ_j a_j² m_bj of one sample, in two partials. */
function samplePass(z: Float64Array, sAt: number, qAt: number, a: Float64Array, as: Float64Array, c: number, sn: number, k: number) {
  const f = [0, 0],
    y = [0, 0],
    A = [0, 0],
    S = [0, 0];
  for (let j = 0; j < k; j++) {
    const s = z[sAt + j],
      q = z[qAt + j],
      l = j & 1;
    const t = c * s + sn * q;
    f[l] += a[j] * (s < 0 ? 0 : s);
    y[l] += as[j] * (t < 0 ? 0 : t);
    A[l] += s > 0 ? a[j] * q : 0;
    S[l] += s > 0 ? a[j] * a[j] : 0;
  }
  return { f: f[0] + f[1], label: y[0] + y[1], A: A[0] + A[1], S: S[0] + S[1] };
}

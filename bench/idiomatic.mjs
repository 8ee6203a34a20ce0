// An idiomatic pure-JS implementation of the run (SPEC §3–5), written as a competent person would
// without the engine in mind: Float64Arrays, one fused loop per layer (update, sums and the
// distances the checks need in the same sweep), plain sequential sums and Math.acos. It is the
// benchmark's "what plain JS gives" yardstick, independent of the bit-identical twin
// (src/twin/), and agrees with the engines only to rounding (test/unit/idiomaticBaseline.test.ts).
// It takes a Problem as toProblem builds it.

const PI = Math.PI;

/** Runs the problem to its outcome: { outcome (0 global … 3 diverged, as OUTCOME_NAMES), iterations, phi, loss, x, a }. */
export function runIdiomatic(pr) {
  const { p, k, wStar, aStar, aBar, stages, maxIter, tol, trapAngle, trapRadius, trapPossible } = pr;
  const x = Float64Array.from(pr.x0),
    a = Float64Array.from(pr.a0);
  let sumAs = 0;
  for (let i = 0; i < k; i++) sumAs += aStar[i];
  // ‖x‖², ⟨x, w*⟩, 1ᵀa, aᵀa*, ‖a − a*‖², max|a_i| of the current state
  let xx = 0,
    xw = 0,
    sa = 0,
    aas = 0,
    errA2 = 0,
    maxA = 0;
  for (let i = 0; i < p; i++) {
    xx += x[i] * x[i];
    xw += x[i] * wStar[i];
  }
  for (let i = 0; i < k; i++) {
    const d = a[i] - aStar[i];
    sa += a[i];
    aas += a[i] * aStar[i];
    errA2 += d * d;
    maxA = Math.max(maxA, Math.abs(a[i]));
  }
  let t = 0,
    stage = 0,
    outcome = 2,
    phi = 0,
    g = 0;
  for (;;) {
    const n = Math.sqrt(xx);
    const c = Math.min(1, Math.max(-1, xw / n));
    phi = Math.acos(c);
    g = (PI - phi) * c + Math.sqrt(1 - c * c);
    if (!Number.isFinite(xx + xw + sa + aas) || maxA > 1e6) {
      outcome = 3;
      break;
    }
    // ‖w̄ − w*‖² = 2 − 2c for unit vectors: only near the optimum is the exact distance worth a pass
    if (2 - 2 * c <= tol * tol + 1e-12 && Math.sqrt(errA2) <= tol) {
      let errW2 = 0;
      for (let i = 0; i < p; i++) {
        const d = x[i] / n - wStar[i];
        errW2 += d * d;
      }
      if (Math.sqrt(errW2) + Math.sqrt(errA2) <= tol) {
        outcome = 0;
        break;
      }
    }
    if (trapPossible && PI - phi <= trapAngle) {
      let e2 = 0;
      for (let i = 0; i < k; i++) {
        const d = a[i] - aBar[i];
        e2 += d * d;
      }
      if (Math.sqrt(e2) <= trapRadius) {
        outcome = 1;
        break;
      }
    }
    if (t >= maxIter) break;

    // stages: STAGE_WIDTH (8) numbers per stage, [until, ηa, ηv, …]; constant stages only
    while (8 * stage + 8 < stages.length && t >= stages[8 * stage]) stage++;
    const etaA = stages[8 * stage + 1],
      etaV = stages[8 * stage + 2];
    // ∇_a L = [(π − 1)(a − a*) + 1·1ᵀ(a − a*) + (π − g)·a*]/(2π); ∇_x L = −aᵀa*(π − φ)/(2π‖x‖)·(w* − c·x/‖x‖)
    const ga0 = (sa - sumAs) / (2 * PI),
      gas = (PI - g) / (2 * PI),
      gad = (PI - 1) / (2 * PI);
    const gx = (etaV * aas * (PI - phi)) / (2 * PI * n),
      cn = c / n;
    xx = 0;
    xw = 0;
    for (let i = 0; i < p; i++) {
      const xi = x[i] + gx * (wStar[i] - cn * x[i]);
      x[i] = xi;
      xx += xi * xi;
      xw += xi * wStar[i];
    }
    sa = 0;
    aas = 0;
    errA2 = 0;
    maxA = 0;
    for (let i = 0; i < k; i++) {
      const ai = a[i] - etaA * (gad * (a[i] - aStar[i]) + ga0 + gas * aStar[i]);
      a[i] = ai;
      const d = ai - aStar[i];
      sa += ai;
      aas += ai * aStar[i];
      errA2 += d * d;
      maxA = Math.max(maxA, Math.abs(ai));
    }
    t++;
  }
  const sumD = sa - sumAs;
  const loss = ((PI - 1) * errA2 + sumD * sumD + 2 * (PI - g) * aas) / (4 * PI);
  return { outcome, iterations: t, phi, loss, x, a };
}

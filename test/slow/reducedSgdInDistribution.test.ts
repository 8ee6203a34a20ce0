// The reduced SGD engine (SPEC §8, "Reduced simulation, exact in distribution"; its twin's bits:
// sameBits.test.ts): exact where it must be (the start, p = 1), and equal in distribution to the full
// sampled engine 'wasm' (different draws) — with a test of the test: deliberately wrong reductions
// (χ² with p − 1 degrees of freedom; the ξ term dropped; the final w's direction around w* drawn
// uniformly, forgetting the start's e0; built here around the twin) fail the same tests at the
// same sample sizes. ⟨w̄, e0⟩ (e0: the unit part of x0 ⊥ w*) checks that the final w has the right law.
//
// Statistics. Two-sample Kolmogorov–Smirnov: λ = √(nm/(n + m))·D, rejected above LAMBDA_CRIT, the
// Kolmogorov quantile at α = 1e-4 per test (P(K > λ) ≈ 2e^{−2λ²}); success rates by the two-proportion
// z-test at the same α (|z| > Z_CRIT). About 90 such tests run here, so the chance that a correct engine
// fails any of them is below 1% (Bonferroni); the seeds are fixed, so the outcome is reproducible.
// Power: the wrong reductions reach λ ≈ 3–27 where they are checked (see each test); a λ that far above
// the critical value 2.23 means power ≈ 1 (the statistic's spread under the alternative is ≈ 0.5).
// At p ≫ k no test can see χ²_{p−1} (it changes ‖ξ‖² by 1/(p − 2)); there only the dropped ξ is checked.
import { describe, it, expect, beforeAll } from 'vitest';
import { createSimulator, type Simulator, toProblem } from '../../src/index.js';
import { trialConfig, teacher, type Method } from '../../src/presets.js';
import type { Problem, RawResult } from '../../src/problem.js';
import type { RunConfig } from '../../src/types.js';
import { runReducedSampled } from '../../src/twin/sampled/reduced.js';
import { splitFirstLayer } from '../../src/twin/population/reduced.js';
import { NormalLanes } from '../../src/twin/random/index.js';
import { PURPOSE_DIRECTION } from '../../src/layout.js';
import { SAMPLED_SAMPLE_WIDTH, trajectoryCapacity } from '../../src/problem.js';
import { ksLambda } from '../helpers.js';

const ALPHA = 1e-4;
const LAMBDA_CRIT = Math.sqrt(-0.5 * Math.log(ALPHA / 2)); // 2.225
const Z_CRIT = 3.891; // two-sided normal quantile at 1e-4

let wasm: Simulator, reduced: Simulator;
beforeAll(async () => {
  wasm = await createSimulator({ engine: 'wasm' });
  reduced = await createSimulator({ engine: 'reduced' });
});

/** z of the difference of two proportions (pooled standard error). */
function twoProportionZ(s1: number, n1: number, s2: number, n2: number): number {
  const pool = (s1 + s2) / (n1 + n2),
    se = Math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2));
  return se === 0 ? 0 : (s1 / n1 - s2 / n2) / se;
}

const STATISTICS = ['φ', '‖a − a*‖', '‖x‖', 'L', '⟨w̄, e0⟩'] as const;
type Statistics = Record<(typeof STATISTICS)[number], number[]>;

const dot = (u: ArrayLike<number>, v: ArrayLike<number>) => Array.from(u).reduce((s, x, i) => s + x * v[i], 0);

/** e0: the unit part of the start x0 orthogonal to w* (computed here, independently of the engines). */
function startDirection(pr: Problem): number[] {
  const P = dot(pr.x0, pr.wStar),
    perp = Array.from(pr.x0, (v, i) => v - P * pr.wStar[i]),
    q = Math.hypot(...perp);
  return perp.map((v) => (q > 0 ? v / q : 0)); // a start along w* has no e0: the statistic is 0 on both sides
}

function statistics(problems: Problem[], results: RawResult[]): Statistics {
  return {
    φ: results.map((r) => r.phi),
    '‖a − a*‖': results.map((r, i) => Math.hypot(...Array.from(r.a, (v, j) => v - problems[i].aStar[j]))),
    '‖x‖': results.map((r) => r.norm),
    L: results.map((r) => r.loss),
    '⟨w̄, e0⟩': results.map((r, i) => dot(startDirection(problems[i]), r.x) / Math.hypot(...r.x)), // r.x may have more entries
  };
}

/** λ of each statistic. */
function lambdas(x: Statistics, y: Statistics): Record<string, number> {
  return Object.fromEntries(STATISTICS.map((s) => [s, ksLambda(x[s], y[s])]));
}

interface Case {
  method: Method;
  k: number;
  p: number;
  batch: number;
  steps: number;
  runs: number;
  labelNoise?: number;
}

/**
 * `runs` trials of the SPEC §6.1 presets at (k, p) (random starts), each with its own data seed from
 * seedBase, stopped after exactly `steps` steps (tol 0 and an endless trap window: no early outcome).
 * resnet-ssw has a warmup of half the steps, so that both stages are exercised.
 */
function problemsOf(c: Case, seedBase: number): Problem[] {
  const t = teacher({ k: c.k, p: c.p });
  return Array.from({ length: c.runs }, (_, i) => {
    const config: RunConfig = trialConfig({ k: c.k, method: c.method, trial: i }, t);
    if (c.method === 'resnet-ssw') config.schedule = { kind: 'ssw', eta: 0.1, etaV1: 0.001, etaA1: 0.1, warmup: c.steps / 2 };
    return toProblem({
      ...config,
      maxIter: c.steps,
      tol: 0,
      trapWindow: 1e9,
      data: { kind: 'online', batch: c.batch, seed: seedBase + i, labelNoise: c.labelNoise ?? 0 },
    });
  });
}

/** The twin's run with the final x. */
function twinRun(pr: Problem): RawResult {
  return runReducedSampled(
    pr,
    Float64Array.from(pr.x0),
    Float64Array.from(pr.a0),
    new Float64Array(trajectoryCapacity(pr) * SAMPLED_SAMPLE_WIDTH),
  );
}

/** The problem with x0 and w* taken into another space of dimension p (their images given). */
const embedded = (pr: Problem, p: number, x0: ArrayLike<number>, wStar: ArrayLike<number>): Problem => ({
  ...pr,
  p,
  x0: Float64Array.from(x0),
  wStar: Float64Array.from(wStar),
});

/**
 * Deliberately wrong reductions, built around the twin:
 * 'chi-p-1': the run embedded in p + 1 dimensions (x0 and w* padded with a 0), so that ξ has one dimension
 *   too many (χ² with p − 2 degrees of freedom instead of p − 3, the normal along f drawn even at p = 2);
 * 'no-xi': the run in the plane of w* and x0 (p = 2 and e0 = (0, 1): ξ has no room), mapped back: ξ dropped;
 * 'uniform-e': the right run, its final x turned around w* to a uniform direction, P·w* + Q·e (forgetting
 *   e0: the reduction before R was tracked).
 */
const WRONG = {
  'chi-p-1': (pr: Problem) => twinRun(embedded(pr, pr.p + 1, [...pr.x0, 0], [...pr.wStar, 0])),
  'no-xi': (pr: Problem) => {
    const e0 = Float64Array.from(pr.x0),
      [P, Q] = splitFirstLayer(e0, pr.wStar, pr.p);
    const r = twinRun(embedded(pr, 2, [P, Q], [1, 0]));
    return { ...r, x: pr.wStar.map((w, i) => r.x[0] * w + r.x[1] * e0[i]) };
  },
  'uniform-e': (pr: Problem) => {
    const r = twinRun(pr),
      key = pr.data!.key,
      e = new Float64Array(pr.p),
      x = Float64Array.from(r.x);
    new NormalLanes(key[0], key[1], key[2], key[3], PURPOSE_DIRECTION).fill(e, pr.p);
    splitFirstLayer(e, pr.wStar, pr.p);
    const [P, Q] = splitFirstLayer(x, pr.wStar, pr.p);
    return { ...r, x: pr.wStar.map((w, i) => P * w + Q * e[i]) };
  },
};

/** The twin's runs with the final x, or a wrong reduction's. */
function twinRuns(problems: Problem[], wrong?: keyof typeof WRONG): RawResult[] {
  return problems.map(wrong ? WRONG[wrong] : twinRun);
}

const fmt = (l: Record<string, number>) =>
  Object.entries(l)
    .map(([s, v]) => `${s} ${v.toFixed(2)}`)
    .join(', ');
/** SHOW_KS=1 prints every λ (to see the margins). */
const show = (what: string, l: Record<string, number>) => {
  if (process.env.SHOW_KS) console.log(`${what}: ${fmt(l)}`);
};

/** The full engine's and the reduced engine's statistics of a case: every λ below the critical value. */
function rightReductionPasses(c: Case) {
  const full = problemsOf(c, 0),
    red = problemsOf(c, 1_000_000);
  const fullStats = statistics(full, wasm.runProblems(full));
  const right = lambdas(fullStats, statistics(red, reduced.runProblems(red)));
  show(`${c.method} k=${c.k} p=${c.p} B=${c.batch} right`, right);
  expect(Math.max(...Object.values(right)), `right reduction: ${fmt(right)}`).toBeLessThan(LAMBDA_CRIT);
  return { fullStats, red };
}

describe('what the reduced engine keeps exactly', () => {
  it('reduces the start exactly (ResNet x0 = u + v0, CNN w0): at maxIter 0 the same φ, L, a and ‖x‖ as the full engine', () => {
    for (const method of ['resnet-ssw', 'cnn'] as const) {
      const config: RunConfig = {
        ...trialConfig({ k: 9, method, trial: 3 }, teacher({ k: 9, p: 40 })),
        maxIter: 0,
        data: { kind: 'online', batch: 4, seed: 1 },
      };
      const pr = toProblem(config);
      const [r] = reduced.runProblems([pr]),
        [f] = wasm.runProblems([pr]);
      expect(r.a).toStrictEqual(f.a);
      expect(Math.abs(r.phi - f.phi)).toBeLessThan(1e-12);
      expect(Math.abs(r.loss - f.loss)).toBeLessThan(1e-12);
      expect(Math.abs(r.norm - f.norm)).toBeLessThan(1e-12);
    }
  });

  it("returns a final w at angle φ from w*, of unit length, its part ⊥ {w*, e0} random (from the run's seed)", async () => {
    const sim = reduced;
    const base = { ...trialConfig({ k: 6, method: 'cnn', trial: 0 }, teacher({ k: 6, p: 30 })), maxIter: 50 };
    const [r1, r2] = [1, 2].map((seed) => sim.run({ ...base, data: { kind: 'online', batch: 2, seed } }));
    const pr = toProblem(base),
      ws = pr.wStar,
      e0 = startDirection(pr);
    for (const r of [r1, r2]) {
      expect(Math.abs(Math.hypot(...r.w) - 1)).toBeLessThan(1e-12);
      expect(Math.abs(dot(r.w, ws) - Math.cos(r.phi))).toBeLessThan(1e-12);
    }
    const rest = (w: number[]) => w.map((v, i) => v - dot(w, ws) * ws[i] - dot(w, e0) * e0[i]);
    const z1 = rest(r1.w),
      z2 = rest(r2.w);
    expect(Math.abs(dot(z1, z2)) / (Math.hypot(...z1) * Math.hypot(...z2))).toBeLessThan(0.9); // independent, uniform in 28 dimensions
    expect(sim.run({ ...base, data: { kind: 'online', batch: 2, seed: 1 } })).toStrictEqual(r1);
  });

  it('p = 1: the first layer never moves, as in the full engine (⊥ w̄ is empty)', () => {
    const config: RunConfig = {
      model: 'cnn',
      teacher: { aStar: [1, -2, 0.5, 3, 1], wStar: [-2] },
      init: { a0: [0.3, 0.1, -0.2, 0.4, 0], w0: [0.7] },
      schedule: { kind: 'constant', etaA: 0.1, etaV: 0.1 },
      maxIter: 30,
      tol: 0,
      data: { kind: 'online', batch: 3, seed: 2 },
    };
    const pr = toProblem(config);
    const [r] = reduced.runProblems([pr]),
      [f] = wasm.runProblems([pr]);
    expect(r.phi).toBe(f.phi);
    expect(r.norm).toBe(Math.abs(pr.x0[0]));
  });
});

describe('equal in distribution to the full sampled engine (two-sample KS after a fixed number of steps)', () => {
  // p = k = 16 (T = 60 steps) and p ≫ k (k = 4, p = 128, T = 40), B ∈ {1, 16}, the three methods.
  const cases: Case[] = [];
  for (const method of ['resnet-ssw', 'resnet-constant', 'cnn'] as const) {
    cases.push(
      { method, k: 16, p: 16, batch: 1, steps: 60, runs: 1000 },
      { method, k: 16, p: 16, batch: 16, steps: 60, runs: 200 },
      { method, k: 4, p: 128, batch: 1, steps: 40, runs: 600 },
      { method, k: 4, p: 128, batch: 16, steps: 40, runs: 300 },
    );
  }
  for (const c of cases) {
    it(`${c.method}, k = ${c.k}, p = ${c.p}, B = ${c.batch}, ${c.steps} steps, ${c.runs} runs each; dropping ξ fails, so does a uniform e`, () => {
      const { fullStats, red } = rightReductionPasses(c);
      const noXi = lambdas(fullStats, statistics(red, twinRuns(red, 'no-xi')));
      show(`${c.method} k=${c.k} p=${c.p} B=${c.batch} no-xi`, noXi);
      expect(Math.max(...Object.values(noXi)), `ξ dropped: ${fmt(noXi)}`).toBeGreaterThan(LAMBDA_CRIT);
      // The final x drawn as P·w* + Q·e, e uniform ⊥ w* (the reduction before R was tracked): the same
      // (φ, ‖x‖, a), but w̄'s direction around w* forgets the start's (x_t stays near span{w*, x0}).
      const uniformE = ksLambda(fullStats['⟨w̄, e0⟩'], statistics(red, twinRuns(red, 'uniform-e'))['⟨w̄, e0⟩']);
      show(`${c.method} k=${c.k} p=${c.p} B=${c.batch} uniform-e`, { '⟨w̄, e0⟩': uniformE });
      expect(uniformE, 'e uniform ⊥ w*: ⟨w̄, e0⟩').toBeGreaterThan(LAMBDA_CRIT);
    });
  }

  it('with label noise (s = 0.5: one more normal per sample), resnet-constant, k = p = 16, B = 4, 60 steps; dropping ξ fails', () => {
    const c: Case = { method: 'resnet-constant', k: 16, p: 16, batch: 4, steps: 60, runs: 600, labelNoise: 0.5 };
    const { fullStats, red } = rightReductionPasses(c);
    const noXi = lambdas(fullStats, statistics(red, twinRuns(red, 'no-xi')));
    show('noise no-xi', noXi);
    expect(Math.max(...Object.values(noXi)), `ξ dropped: ${fmt(noXi)}`).toBeGreaterThan(LAMBDA_CRIT);
  });

  it('the test of the test: χ²_{p−1} instead of χ²_{p−2} fails at k = 16, p = 4, B = 4 (1000 runs; ‖x‖ gives λ ≈ 10)', () => {
    const c: Case = { method: 'resnet-constant', k: 16, p: 4, batch: 4, steps: 60, runs: 1000 };
    const { fullStats, red } = rightReductionPasses(c);
    for (const wrong of ['chi-p-1', 'no-xi'] as const) {
      const l = lambdas(fullStats, statistics(red, twinRuns(red, wrong)));
      show(`p=4 ${wrong}`, l);
      expect(Math.max(...Object.values(l)), `${wrong}: ${fmt(l)}`).toBeGreaterThan(LAMBDA_CRIT);
    }
  });

  it('a start at φ = 0 (CNN with w0 = w*: Q = 0, sin φ = Q/‖x‖ = 0) matches the full engine after 20 steps; dropping ξ fails', () => {
    const t = teacher({ k: 8, p: 8 });
    const problems = (seedBase: number) =>
      Array.from({ length: 800 }, (_, i) => {
        const c = trialConfig({ k: 8, method: 'cnn', trial: i }, t);
        return toProblem({
          ...c,
          init: { a0: c.init.a0, w0: t.wStar },
          maxIter: 20,
          tol: 0,
          trapWindow: 1e9,
          data: { kind: 'online', batch: 4, seed: seedBase + i },
        });
      });
    const full = problems(0),
      red = problems(1_000_000);
    expect(red[0].x0).toStrictEqual(red[0].wStar);
    const fullStats = statistics(full, wasm.runProblems(full));
    const right = lambdas(fullStats, statistics(red, reduced.runProblems(red)));
    show('phi0=0 right', right);
    expect(Math.max(...Object.values(right)), `right reduction: ${fmt(right)}`).toBeLessThan(LAMBDA_CRIT);
    const noXi = lambdas(fullStats, statistics(red, twinRuns(red, 'no-xi')));
    show('phi0=0 no-xi', noXi);
    expect(Math.max(...Object.values(noXi)), `ξ dropped: ${fmt(noXi)}`).toBeGreaterThan(LAMBDA_CRIT);
  });

  it('p = 3 (ξ lies along f alone: one normal, no χ²) matches the full engine, ResNet with warmup; a uniform e fails', () => {
    const c: Case = { method: 'resnet-ssw', k: 8, p: 3, batch: 4, steps: 60, runs: 1000 };
    const { fullStats, red } = rightReductionPasses(c);
    const l = lambdas(fullStats, statistics(red, twinRuns(red, 'uniform-e')));
    show('p=3 uniform-e', l);
    expect(l['⟨w̄, e0⟩'], `uniform e: ${fmt(l)}`).toBeGreaterThan(LAMBDA_CRIT);
  });

  it('p = 2 (χ²_0 = 0: no orthogonal noise) matches the full engine; χ²_1 there fails', () => {
    const c: Case = { method: 'cnn', k: 8, p: 2, batch: 4, steps: 60, runs: 1000 };
    const { fullStats, red } = rightReductionPasses(c);
    const l = lambdas(fullStats, statistics(red, twinRuns(red, 'chi-p-1')));
    show('p=2 chi-1', l);
    expect(Math.max(...Object.values(l)), `χ²_1: ${fmt(l)}`).toBeGreaterThan(LAMBDA_CRIT);
  });
});

describe('equal success rates and iteration counts to the full sampled engine (whole runs, k = p = 8)', () => {
  // The outcome is mostly decided by the start (shared by both sides), so neither wrong reduction moves
  // the success rate detectably; the number of steps to the outcome (two-sample KS) catches the dropped ξ.
  const cases = [
    { method: 'resnet-constant', batch: 1, runs: 600 },
    { method: 'cnn', batch: 1, runs: 600 },
    { method: 'resnet-constant', batch: 16, runs: 200 },
    { method: 'cnn', batch: 16, runs: 200 },
  ] as const;
  for (const c of cases) {
    it(`${c.method}, B = ${c.batch}, ${c.runs} runs each to the outcome`, () => {
      const t = teacher({ k: 8, p: 8 });
      const problems = (seedBase: number) =>
        Array.from({ length: c.runs }, (_, i) =>
          toProblem({
            ...trialConfig({ k: 8, method: c.method, trial: i }, t),
            maxIter: 3000,
            data: { kind: 'online', batch: c.batch, seed: seedBase + i },
          }),
        );
      const outcomes = (s: Float64Array) => Array.from({ length: s.length / 4 }, (_, i) => s[4 * i]);
      const iterations = (s: Float64Array) => Array.from({ length: s.length / 4 }, (_, i) => s[4 * i + 1]);
      const f = wasm.runSummaries(problems(0)),
        red = problems(1_000_000),
        r = reduced.runSummaries(red);
      const global = (s: Float64Array) => outcomes(s).filter((o) => o === 0).length;
      show(
        `${c.method} B=${c.batch} outcomes`,
        Object.fromEntries(
          [0, 1, 2, 3].map((o) => [`${o}: ${outcomes(f).filter((x) => x === o).length}`, outcomes(r).filter((x) => x === o).length]),
        ),
      );
      const z = twoProportionZ(global(f), c.runs, global(r), c.runs);
      expect(Math.abs(z), `full ${global(f)}, reduced ${global(r)} of ${c.runs}`).toBeLessThan(Z_CRIT);
      const lIter = ksLambda(iterations(f), iterations(r));
      show(`${c.method} B=${c.batch} success`, { full: global(f), reduced: global(r), z, iterations: lIter });
      expect(lIter).toBeLessThan(LAMBDA_CRIT);
      if (c.batch === 1) {
        const noXi = twinRuns(red, 'no-xi').map((x) => x.iterations);
        const lNoXi = ksLambda(iterations(f), noXi);
        show(`${c.method} B=${c.batch} no-xi iterations`, { lNoXi });
        expect(lNoXi, 'ξ dropped: steps to the outcome').toBeGreaterThan(LAMBDA_CRIT);
      }
    });
  }
});

// The exact reduced-dimension engine (SPEC §7) against the vector engine (its twin gives the same bits: sameBits.test.ts).
import { describe, it, expect, beforeAll } from 'vitest';
import { createSimulator, type Simulator } from '../../src/index.js';
import { acos } from '../../src/twin/common/acos.js';
import { figure5Config, trialConfig, METHODS, teacher } from '../../src/presets.js';
import { randomConfig, referenceRun, maxAbsDiff } from '../helpers.js';
import { loadTestEngine, wasmAcos } from '../testEngine.js';
import { Random } from '../../src/random.js';
import type { RunConfig, RunResult } from '../../src/types.js';

let vector: Simulator, reduced: Simulator;
beforeAll(async () => {
  vector = await createSimulator({ engine: 'wasm' });
  reduced = await createSimulator({ engine: 'reduced' });
});

/** tol (relative above 1); φ = acos(c) resolves only √(2·2⁻⁵³) ≈ 1.5e-8 near 0 and π. */
function tolerance(tol: number, key: string, phi: number, value: number): number {
  const illConditioned = key === 'phi' && Math.min(phi, Math.PI - phi) < 1e-6;
  return tol * (1 + Math.abs(value)) + (illConditioned ? 3e-8 : 0);
}

/**
 * Same outcome, iterations within one step, final state to 1e-9, samples to sampleTol. (Random
 * configurations may pass through unstable first-layer dynamics, |1 − K·c/‖x‖| > 1, which amplify
 * the vector engine's rounding of a tiny x⊥ for a while: there the samples get 1e-6.)
 */
function expectAgreement(c: RunConfig, label: string, sampleTol = 1e-9): RunResult {
  const rv = vector.run(c),
    rr = reduced.run(c);
  expect(rr.outcome, label).toBe(rv.outcome);
  expect(Math.abs(rr.iterations - rv.iterations), label).toBeLessThanOrEqual(1);
  if (rv.outcome !== 'diverged' && rr.iterations === rv.iterations) {
    expect(maxAbsDiff(rr.a, rv.a), label).toBeLessThan(1e-9);
    expect(maxAbsDiff(rr.w, rv.w), label).toBeLessThan(1e-9);
    expect(Math.abs(rr.loss - rv.loss), label).toBeLessThan(1e-9);
  }
  const sv = rv.trajectory ?? [],
    sr = rr.trajectory ?? [];
  for (let i = 0; i < Math.min(sv.length, sr.length) && rv.outcome !== 'diverged'; i++) {
    if (sv[i].t !== sr[i].t) break;
    for (const key of ['phi', 'loss', 'aDotAStar', 'errA', 'errW'] as const)
      expect(Math.abs(sr[i][key] - sv[i][key]), `${label} t=${sv[i].t} ${key}`).toBeLessThan(
        tolerance(sampleTol, key, sv[i].phi, sv[i][key]),
      );
  }
  return rr;
}

describe('reduced engine (SPEC §7)', () => {
  it('takes acos two lanes at a time bit for bit as the scalar port, on every branch and its edges', async () => {
    const testMem = await loadTestEngine();
    const near = (x: number, ulps: number) => {
      const b = new Float64Array([x]),
        u = new BigInt64Array(b.buffer);
      u[0] += BigInt(ulps);
      return b[0];
    };
    const edges = [0.5, 2 ** -57, 1, 1e-300, 0.25, 0.75, 0.9999999999];
    const xs = [
      0,
      -0,
      NaN,
      ...edges.flatMap((e) => [-2, -1, 0, 1, 2].flatMap((u) => [near(e, u), -near(e, u)])).filter((x) => Math.abs(x) <= 1),
    ];
    const rng = new Random('acos-test');
    for (let i = 0; i < 2000; i++) xs.push(2 * rng.uniform() - 1, 1 - rng.uniform() ** 8);
    for (const n of [xs.length, xs.length - 1]) {
      // both the pairs and the odd last entry
      expect(Array.from(wasmAcos(testMem, xs.slice(0, n)))).toStrictEqual(xs.slice(0, n).map(acos));
    }
  });

  it('gives the same summaries through the public batch API (toProblem, runSummaries) as run() per config', async () => {
    const api = await import('../../src/index.js');
    const sim = await api.createSimulator({ engine: 'reduced' });
    const configs = Array.from({ length: 12 }, (_, seed) => randomConfig(3000 + seed));
    const brief = sim.runSummaries(configs.map((c) => api.toProblem(c)));
    expect(() => configs.map(api.toProblem)).toThrow(/^engine: must be one of 'wasm', 'js', 'reduced', 'reduced-js' \(got 0\)$/);
    configs.forEach((c, i) => {
      const r = sim.run(c),
        at = i * api.SUMMARY_WIDTH;
      expect([api.OUTCOME_NAMES[brief[at]], brief[at + 1], brief[at + 2], brief[at + 3]]).toStrictEqual([
        r.outcome,
        r.iterations,
        r.phi,
        r.loss,
      ]);
    });
  });

  it('agrees with the vector engine on 350 random configurations (both models, all schedules)', () => {
    const outcomes = new Set<string>();
    for (let seed = 0; seed < 300; seed++) outcomes.add(expectAgreement(randomConfig(seed), `seed ${seed}`, 1e-6).outcome);
    // and on 50 with linear-warmup, step-decay or cosine schedules (odd seeds from 10,000 on)
    for (let seed = 10_001; seed < 10_101; seed += 2) expectAgreement(randomConfig(seed), `seed ${seed}`, 1e-6);
    expect(outcomes.size).toBeGreaterThanOrEqual(2);
  });

  it('agrees with the vector engine on Table 1 trials of every method', () => {
    for (const k of [16, 49, 100]) {
      const t = teacher({ k });
      for (const method of METHODS)
        for (let trial = 0; trial < 15; trial++) expectAgreement(trialConfig({ k, method, trial }, t), `${method} k=${k} trial ${trial}`);
    }
  });

  it('reproduces the SPEC §6.2 preset: global at 909 steps with warmup, spurious at 337 without', () => {
    const ssw = expectAgreement(figure5Config('resnet-ssw', 1, 1), 'ssw');
    const constant = expectAgreement(figure5Config('resnet-constant', 1, 1), 'constant');
    expect([ssw.outcome, ssw.iterations]).toEqual(['global', 909]);
    expect([constant.outcome, constant.iterations]).toEqual(['spurious', 337]);
  });

  it('handles degenerate spans: a* ∥ 1, a0 ∥ a*, a0 = 0, x0 ∥ w*, k = 1, p = 1', () => {
    const base = figure5Config('resnet-ssw', 1, 25);
    const k = 16,
      aStar = base.teacher.aStar;
    const u = new Array(16).fill(1);
    const cases: [string, RunConfig][] = [
      ['a* ∥ 1', { ...base, teacher: { ...base.teacher, aStar: new Array(k).fill(0.5) } }],
      ['a0 ∥ a*', { ...base, init: { a0: aStar.map((v) => -0.3 * v) } }],
      ['a0 = 0', { ...base, init: { a0: new Array(k).fill(0) } }],
      ['x0 ∥ w* (w* = u)', { ...base, teacher: { ...base.teacher, wStar: u } }],
      ['cnn, w0 = −w*', { ...base, model: 'cnn', init: { a0: base.init.a0, w0: base.teacher.wStar.map((v) => -v) } }],
      ['k = 1', { ...base, teacher: { aStar: [2], wStar: base.teacher.wStar }, init: { a0: [-0.5] } }],
      ['p = 1', { ...base, model: 'cnn', teacher: { aStar, wStar: [3] }, init: { a0: base.init.a0, w0: [-2] } }],
      ['k = p = 1', { ...base, model: 'cnn', teacher: { aStar: [1], wStar: [1] }, init: { a0: [0.2], w0: [0.5] } }],
    ];
    for (const [label, c] of cases) expectAgreement(c, label);
  });

  it('diverges where the vector engine does (and both agree with a literal reading of SPEC)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const c = { ...randomConfig(seed), schedule: { kind: 'constant' as const, etaA: 40 + seed, etaV: 0.1 } };
      const r = expectAgreement(c, `seed ${seed}`);
      expect(r.outcome).toBe('diverged');
      expect(vector.run(c).iterations).toBe(referenceRun(c).iterations);
    }
  });

  it('runs k = p = 10^6 in reduced coordinates and matches the vector engine', () => {
    const k = 1_000_000;
    const aStar = Array.from({ length: k }, (_, i) => 1 / k + (3 * Math.sin(i)) / Math.sqrt(k / 2));
    const wStar = Array.from({ length: k }, (_, i) => 1 + Math.cos(3 * i));
    const a0 = Array.from({ length: k }, (_, i) => (0.5 * Math.cos(7 * i + 1)) / Math.sqrt(k / 2));
    const c: RunConfig = {
      model: 'resnet',
      teacher: { aStar, wStar },
      init: { a0 },
      schedule: { kind: 'constant', etaA: 1e-5, etaV: 0.1 },
      maxIter: 40,
      logEvery: 10,
    };
    const r = expectAgreement(c, 'k = p = 1e6');
    expect(r.outcome).toBe('unconverged');
    expect(r.iterations).toBe(40);
  });
});

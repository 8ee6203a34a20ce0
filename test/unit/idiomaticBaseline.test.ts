// The benchmark's idiomatic pure-JS yardstick (bench/idiomatic.mjs) computes the same runs as the
// engine, to rounding: it is written independently (sequential sums, Math.acos, its own checks), so
// agreement here is evidence that both implement SPEC §3–5, and the bench's ratios compare like with like.
import { describe, it, expect } from 'vitest';
// @ts-expect-error: a plain ES module of the benchmark, without types
import { runIdiomatic } from '../../bench/idiomatic.mjs';
import { toProblem } from '../../src/config.js';
import { jsEngine } from '../../src/twin/index.js';
import { trialConfig, METHODS } from '../../src/presets.js';
import type { Problem } from '../../src/problem.js';
import { randomConfig } from '../helpers.js';

type Idiomatic = { outcome: number; iterations: number; phi: number; loss: number; x: Float64Array; a: Float64Array };
const idiomatic = runIdiomatic as (pr: Problem) => Idiomatic;

const relErr = (x: ArrayLike<number>, y: ArrayLike<number>) => {
  let d = 0,
    n = 0;
  for (let i = 0; i < x.length; i++) {
    d = Math.max(d, Math.abs(x[i] - y[i]));
    n = Math.max(n, Math.abs(y[i]));
  }
  return d / Math.max(n, 1e-300);
};

describe('the idiomatic JS baseline of the benchmark', () => {
  it('follows the engine step for step on forced runs (final state to 1e-9), k = p up to 10^4', () => {
    for (const k of [3, 16, 100, 1000, 10000]) {
      const etaA = Math.min(0.1, (2 * Math.PI) / (Math.PI - 1 + k));
      const schedule = { kind: 'ssw' as const, eta: 0.1, etaA1: etaA, etaV1: 0.001, warmup: 300 };
      const pr = toProblem({ ...trialConfig({ k, method: 'resnet-ssw', trial: 1, schedule }), tol: 0, trapAngle: 0, maxIter: 300 });
      const mine = idiomatic(pr),
        engine = jsEngine.run(pr);
      expect([mine.outcome, mine.iterations]).toEqual([engine.outcome, engine.iterations]);
      expect(relErr(mine.x, engine.x)).toBeLessThan(1e-9);
      expect(relErr(mine.a, engine.a)).toBeLessThan(1e-9);
      expect(Math.abs(mine.loss - engine.loss)).toBeLessThan(1e-9 * Math.max(1, engine.loss));
    }
  });

  it('reaches the same outcomes as the engine, at nearly the same step, on random runs and Table 1 trials', () => {
    const problems = [
      ...Array.from({ length: 60 }, (_, seed) => toProblem(randomConfig(5000 + seed))),
      ...METHODS.flatMap((method) => [16, 100].flatMap((k) => [0, 1, 2, 3].map((trial) => toProblem(trialConfig({ k, method, trial }))))),
    ];
    let sameStep = 0;
    for (const pr of problems) {
      const mine = idiomatic(pr),
        engine = jsEngine.run(pr);
      expect(mine.outcome).toBe(engine.outcome);
      // its own near-global test (2 − 2c, sequential sums) may decide a step or two apart
      expect(Math.abs(mine.iterations - engine.iterations)).toBeLessThanOrEqual(2);
      if (mine.iterations === engine.iterations) sameStep++;
    }
    expect(sameStep).toBeGreaterThan(problems.length * 0.9);
  });

  it('would be caught with a wrong gradient (a deliberately broken copy disagrees)', () => {
    const pr = toProblem(trialConfig({ k: 16, method: 'resnet-ssw', trial: 0 }));
    const wrong = { ...pr, stages: pr.stages.map((v, i) => (i % 8 === 1 ? v * 1.01 : v)) }; // ηa off by 1%
    expect(idiomatic(wrong).iterations).not.toBe(jsEngine.run(pr).iterations);
  });
});

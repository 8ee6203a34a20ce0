// How a run moves and ends: SPEC §4–6.2.
import { describe, it, expect, beforeAll } from 'vitest';
import { createSimulator, type Simulator } from '../../src/index.js';
import { figure5Config, teacher } from '../../src/presets.js';

let sims: Simulator[];
beforeAll(async () => {
  sims = [await createSimulator({ engine: 'wasm' }), await createSimulator({ engine: 'js' })];
});

describe('SPEC §6.2: one start, with and without warmup', () => {
  it('ends global with warmup and spurious without, on both engines', () => {
    for (const sim of sims) {
      const ssw = sim.run(figure5Config('resnet-ssw', 1, 0));
      const constant = sim.run(figure5Config('resnet-constant', 1, 0));
      expect(ssw.outcome).toBe('global');
      expect(ssw.iterations).toBeGreaterThan(500); // after the 500-step stage I
      expect(ssw.iterations).toBeLessThan(1500);
      expect(constant.outcome).toBe('spurious');
      expect(Math.PI - constant.phi).toBeLessThanOrEqual(0.05);
    }
  });

  it('shows the stage-I phase transition: aᵀa* turns positive while φ barely moves', () => {
    const traj = sims[0].run(figure5Config('resnet-ssw', 1, 1)).trajectory!;
    const start = traj[0],
      endOfStageI = traj[500];
    const turn = traj.find((s) => s.aDotAStar > 0)!;
    expect(start.t).toBe(0);
    expect(endOfStageI.t).toBe(500);
    expect(start.aDotAStar).toBeLessThan(0);
    expect(turn.t).toBeLessThan(500); // aᵀa* turns positive in stage I…
    expect(Math.abs(turn.phi - start.phi)).toBeLessThan(0.05); // …while φ has barely moved
    expect(endOfStageI.phi).toBeGreaterThan(0.5); // and φ converges only in stage II
    expect(traj[traj.length - 1].errW + traj[traj.length - 1].errA).toBeLessThanOrEqual(1e-6);
  });
});

describe('run results', () => {
  it('report the final state consistently with the loss and the samples', () => {
    const sim = sims[0];
    const c = { ...figure5Config('resnet-constant', 1, 0), maxIter: 123, logEvery: 10 };
    const r = sim.run(c);
    expect(r.outcome).toBe('unconverged');
    expect(r.iterations).toBe(123);
    expect(r.trajectory!.map((s) => s.t)).toEqual([...Array.from({ length: 13 }, (_, i) => 10 * i), 123]);
    expect(Math.hypot(...r.w)).toBeCloseTo(1, 14);
    const last = r.trajectory!.at(-1)!;
    expect(last.phi).toBe(r.phi);
    expect(last.loss).toBe(r.loss);
    const state = { model: 'resnet' as const, teacher: c.teacher, a: r.a, v: r.w.map((x) => x - 1 / 4) };
    // Any vector along w̄ gives the same loss: v = w̄ − u is one.
    expect(sim.loss(state)).toBeCloseTo(r.loss, 12);
  });

  it('follow the piecewise schedule stage by stage', () => {
    const sim = sims[0];
    const base = figure5Config('resnet-ssw', 1, 0);
    const ssw = sim.run({ ...base, maxIter: 700 });
    const piecewise = sim.run({
      ...base,
      maxIter: 700,
      schedule: {
        kind: 'piecewise',
        stages: [
          { until: 500, etaA: 0.1, etaV: 0.001 },
          { until: 501, etaA: 0.1, etaV: 0.1 },
        ],
      },
    });
    expect(piecewise).toStrictEqual(ssw);
    const frozen = sim.run({ ...base, maxIter: 50, schedule: { kind: 'constant', etaA: 0, etaV: 0 } });
    expect(frozen.a).toEqual(base.init.a0);
  });

  it('end diverged when the second layer blows up', () => {
    for (const sim of sims) {
      const r = sim.run({ ...figure5Config('resnet-constant', 1, 0), schedule: { kind: 'constant', etaA: 50, etaV: 0.1 } });
      expect(r.outcome).toBe('diverged');
      expect(r.iterations).toBeLessThan(100);
    }
  });

  it('end global at once when started at the optimum', () => {
    const t = teacher({ k: 9, p: 4, seed: 2 });
    const r = sims[0].run({
      model: 'cnn',
      teacher: t,
      init: { a0: t.aStar, w0: t.wStar.map((x) => 2 * x) },
      schedule: { kind: 'constant', etaA: 0.1, etaV: 0.1 },
    });
    expect(r).toMatchObject({ outcome: 'global', iterations: 0 });
    expect(r.loss).toBeLessThan(1e-15);
  });
});

describe('presets (SPEC §6.1 teacher)', () => {
  it('has 1ᵀa* = 1, ‖a*‖² = 9 + 1/k and angle arctan 3 between u and w*', () => {
    for (const k of [16, 25, 100]) {
      const t = teacher({ k, seed: 5 });
      expect(t.aStar.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
      expect(t.aStar.reduce((s, x) => s + x * x, 0)).toBeCloseTo(9 + 1 / k, 12);
      expect(Math.hypot(...t.wStar)).toBeCloseTo(1, 14);
      const cosU = t.wStar.reduce((s, x) => s + x / Math.sqrt(k), 0);
      expect(Math.acos(cosU)).toBeCloseTo(Math.atan(3), 12);
    }
  });
});

// SGD on sampled data (SPEC §8; the twin's bits: sameBits.test.ts): the results' fields, the batch gradient
// against the closed form, big batches against GD, full-batch GD on a fixed set against the empirical
// optimum, the trap rule (the CLI on sampled configs: test/cli/runSampled.test.ts). Statistical checks state their power and show a wrong variant fails.
import { describe, it, expect, beforeAll } from 'vitest';
import { createSimulator, type Simulator, Random, toProblem } from '../../src/index.js';
import { firstLayer, spuriousA } from '../../src/config.js';
import { trialConfig, teacher as presetTeacher, type Method } from '../../src/presets.js';
import type { RunConfig, DataConfig, State, RunResult } from '../../src/types.js';
import { NormalLanes } from '../../src/twin/random/index.js';
import { drawSample } from '../../src/twin/sampled/data.js';
import { seedKey } from '../../src/twin/random/bits.js';
import { randomState, literalStart, ksLambda } from '../helpers.js';

let wasm: Simulator, js: Simulator;
beforeAll(async () => {
  wasm = await createSimulator({ engine: 'wasm' });
  js = await createSimulator({ engine: 'js' });
});

describe('the sampled engine', () => {
  it('report the population loss, the batch loss and (fixed data) the training loss', () => {
    const c: RunConfig = { ...trialConfig({ k: 9, method: 'resnet-constant', trial: 2 }), maxIter: 50, logEvery: 10 };
    const online = wasm.run({ ...c, data: { kind: 'online', batch: 3, seed: 5 } });
    const fixed = wasm.run({ ...c, data: { kind: 'fixed', n: 30, batch: 10, seed: 5 } });
    const gd = wasm.run(c);
    expect(Object.keys(gd)).toEqual(['outcome', 'iterations', 'phi', 'loss', 'a', 'w', 'trajectory']);
    expect(Object.keys(online)).toEqual(['outcome', 'iterations', 'phi', 'loss', 'batchLoss', 'a', 'w', 'trajectory']);
    expect(Object.keys(fixed)).toEqual(['outcome', 'iterations', 'phi', 'loss', 'batchLoss', 'trainLoss', 'a', 'w', 'trajectory']);
    expect(Number.isNaN(online.trajectory![0].batchLoss)).toBe(true); // no batch before the first step
    expect(online.trajectory![1].batchLoss).toBeGreaterThan(0);
    expect(fixed.trajectory!.every((s) => s.trainLoss! > 0)).toBe(true);
    // `loss` is the closed form at the final iterate
    const state: State = { model: 'resnet', teacher: c.teacher, a: online.a, v: online.w.map((wi) => wi - 1 / 3) };
    expect(online.loss).toBeCloseTo(wasm.loss(state), 12);
  });

  it("draw a run's samples from its seed alone", () => {
    const c: RunConfig = { ...trialConfig({ k: 9, method: 'cnn', trial: 2 }), maxIter: 30 };
    const a = wasm.run({ ...c, data: { kind: 'online', batch: 2, seed: 7 } });
    expect(wasm.run({ ...c, data: { kind: 'online', batch: 2, seed: 7 } })).toStrictEqual(a);
    expect(wasm.run({ ...c, data: { kind: 'online', batch: 2, seed: 8 } }).a).not.toEqual(a.a);
    expect(wasm.run({ ...c, data: { kind: 'online', batch: 2, seed: 7 + 2 ** 32 } }).a).not.toEqual(a.a);
  });
});

/** The batch gradient of one step from `state` (η = 1, one step: g = start − end), by the engine. */
function batchGradient(sim: Simulator, s: State, data: DataConfig): number[] {
  const first = s.model === 'cnn' ? s.w : s.v;
  const init = s.model === 'cnn' ? { a0: s.a, w0: s.w } : { a0: s.a, v0: s.v };
  const pr = toProblem({
    model: s.model,
    teacher: s.teacher,
    init,
    schedule: { kind: 'constant', etaA: 1, etaV: 1 },
    maxIter: 1,
    tol: 0,
    data,
  });
  const [r] = sim.runProblems([pr]);
  const x0 = firstLayer(s.model, first);
  return [...s.a.map((ai, i) => ai - r.a[i]), ...Array.from(x0, (xi, i) => xi - r.x[i])];
}

describe('the batch gradient (SPEC §8: E g = ∇L)', () => {
  // 10,000 batches of B = 2: the standard error is 1% of the per-batch spread, so a gradient 30% off
  // in every coordinate lies outside 4 SE in at least one (checked below with 0.7·∇L: about 6 SE at the
  // weakest of these states, resnet 1, where 20% off is only about 4 SE, too near the bound to rely on).
  const M = 10_000,
    POWER = 0.7;
  for (const model of ['resnet', 'cnn'] as const) {
    it(`has mean ∇L within 4 standard errors, random states (${model})`, () => {
      for (let seed = 0; seed < 3; seed++) {
        const s = randomState(model, seed, 3, 4);
        const g = wasm.gradients(s) as { a: number[]; v?: number[]; w?: number[] };
        const exact = [...g.a, ...(g.v ?? g.w)!];
        const sum = new Float64Array(exact.length),
          sumSq = new Float64Array(exact.length);
        for (let i = 0; i < M; i++) {
          batchGradient(wasm, s, { kind: 'online', batch: 2, seed: 1000 * seed + i }).forEach((gi, j) => {
            sum[j] += gi;
            sumSq[j] += gi * gi;
          });
        }
        const mean = Array.from(sum, (x) => x / M);
        const se = Array.from(sumSq, (q, j) => Math.sqrt((q / M - mean[j] ** 2) / M));
        const within = (target: number[]) => target.every((t, j) => Math.abs(mean[j] - t) < 4 * se[j]);
        expect(within(exact), `${model} state ${seed}: mean ${mean} vs ${exact}`).toBe(true);
        expect(within(exact.map((x) => POWER * x))).toBe(false); // the test has power
      }
    });
  }
});

describe('big batches give back GD (deviation shrinking like 1/√B)', () => {
  const base: RunConfig = { ...trialConfig({ k: 8, method: 'resnet-constant', trial: 3 }), maxIter: 40, logEvery: 1, tol: 0 };
  const keys = ['phi', 'aDotAStar', 'loss'] as const;
  /** Root mean square over 6 seeds of the largest deviation from GD along the path, per quantity. */
  function deviation(run: (seed: number) => RunResult, gd: RunResult): number[] {
    const sq = [0, 0, 0];
    for (let seed = 0; seed < 6; seed++) {
      const r = run(seed);
      keys.forEach((key, q) => {
        const dev = Math.max(...r.trajectory!.map((s, t) => Math.abs(s[key] - gd.trajectory![t][key])));
        sq[q] += (dev * dev) / 6;
      });
    }
    return sq.map(Math.sqrt);
  }
  it("B = 16, 256, 4096: the deviation times √B stays within a factor 2 of B = 16's; a 20% wrong step size exceeds it", () => {
    const gd = wasm.run(base);
    const dev = (B: number) => deviation((seed) => wasm.run({ ...base, data: { kind: 'online', batch: B, seed } }), gd);
    const d16 = dev(16);
    const C = d16.map((d) => 2 * d * Math.sqrt(16)); // tolerance C/√B
    for (const B of [256, 4096]) {
      const d = dev(B);
      d.forEach((di, q) => {
        expect(di, `${keys[q]} at B = ${B}`).toBeLessThan(C[q] / Math.sqrt(B));
        expect(di, `${keys[q]} at B = ${B} shrinks no faster than 1/√B would allow by chance`).toBeGreaterThan(C[q] / Math.sqrt(B) / 16);
      });
    }
    // Power: GD with a first-layer step 20% too large is farther from GD than the B = 4096 tolerance.
    const wrong = wasm.run({ ...base, schedule: { kind: 'constant', etaA: 0.1, etaV: 0.12 } });
    const off = keys.map((key) => Math.max(...wrong.trajectory!.map((s, t) => Math.abs(s[key] - gd.trajectory![t][key]))));
    expect(off.some((o, q) => o > C[q] / Math.sqrt(4096))).toBe(true);
  });
});

describe('full-batch GD on a fixed training set', () => {
  // k = p = 4, a warmup start that GD takes to the global optimum; labels with noise s = 0.5.
  const base: RunConfig = { ...trialConfig({ k: 4, method: 'resnet-ssw', trial: 1 }), maxIter: 6000, tol: 0 };
  const s = 0.5;

  /** ∇ of the empirical loss at (a, w̄) and the empirical loss at the teacher, literally (SPEC §8 formulas). */
  function empirical(c: RunConfig, n: number, seed: number, a: number[], w: number[], xNorm: number) {
    const { aStar, wStar } = c.teacher,
      k = aStar.length,
      p = wStar.length;
    const wsn = Math.hypot(...wStar),
      ws = wStar.map((x) => x / wsn);
    const g = new NormalLanes(seed, 0, 0, 0, 1); // the run's data stream (assembly/sampled/data.ts: purpose 1)
    const z = new Float64Array(k * p);
    const ga = new Array(k).fill(0),
      gw = new Array(p).fill(0);
    let teacherLoss = 0;
    const relu = (v: number) => Math.max(v, 0);
    const dotp = (j: number, v: number[]) => v.reduce((acc, vi, i) => acc + z[j * p + i] * vi, 0);
    for (let b = 0; b < n; b++) {
      const e = drawSample(g, z, 0, k * p, s);
      let f = 0,
        y = e;
      for (let j = 0; j < k; j++) {
        f += a[j] * relu(dotp(j, w));
        y += aStar[j] * relu(dotp(j, ws));
      }
      const r = f - y;
      teacherLoss += (0.5 * e * e) / n;
      for (let j = 0; j < k; j++) {
        const sj = dotp(j, w);
        ga[j] += (r * relu(sj)) / n;
        if (sj > 0) for (let i = 0; i < p; i++) gw[i] += (r * a[j] * z[j * p + i]) / n;
      }
    }
    const proj = gw.reduce((acc, gi, i) => acc + gi * w[i], 0);
    const gx = gw.map((gi, i) => (gi - proj * w[i]) / xNorm);
    return { gradNorm: Math.hypot(...ga, ...gx), teacherLoss };
  }

  it("converges to the empirical optimum (gradient → 0, training loss below the teacher's), and its population loss falls towards 0 as n grows", () => {
    const losses: number[] = [];
    for (const n of [25, 100, 400]) {
      // (seed 10's set of n = 100 has a direction so flat that GD is far from done after 6000 steps, ‖∇‖ = 0.02,
      // and with seed 1 a run ends above the teacher's training loss; the check needs a seed whose three sets
      // converge within maxIter: 2 and 4–8 do)
      const seed = 2;
      const c: RunConfig = { ...base, data: { kind: 'fixed', n, labelNoise: s, seed } };
      const [raw] = wasm.runProblems([toProblem(c)]);
      const r = wasm.run(c);
      const { gradNorm, teacherLoss } = empirical(c, n, seed, r.a, r.w, raw.norm);
      expect(gradNorm, `n = ${n}`).toBeLessThan(1e-8);
      expect(r.trainLoss!).toBeLessThanOrEqual(teacherLoss); // the teacher is a feasible point, not the optimum
      const x0 = Array.from(firstLayer('resnet', [0, 0, 0, 0])),
        n0 = Math.hypot(...x0); // v0 = 0
      const start = empirical(
        c,
        n,
        seed,
        c.init.a0,
        x0.map((v) => v / n0),
        n0,
      );
      expect(start.gradNorm).toBeGreaterThan(0.1); // the check has something to find
      losses.push(r.loss);
    }
    expect(losses[1]).toBeLessThan(losses[0]);
    expect(losses[2]).toBeLessThan(losses[1]);
    expect(losses[2]).toBeLessThan(0.02 * s * s);
    // Without label noise the teacher is realisable: the population loss reaches 0 (to rounding). (With 25
    // samples the empirical loss has other minima too: seed 3's set takes this start to one at φ ≈ 2.03,
    // L = 1.57, as do seeds 4 and 6; seeds 2, 7 and 8 reach 0.)
    expect(wasm.run({ ...base, data: { kind: 'fixed', n: 25, seed: 2 } }).loss).toBeLessThan(1e-20);
  });
});

describe('the trap rule of sampled runs', () => {
  const t16 = presetTeacher({ k: 16, seed: 1 });
  const aBar = Array.from(spuriousA(t16.aStar));
  const nearTrap: RunConfig = {
    model: 'cnn',
    teacher: t16,
    init: { a0: aBar.map((x, i) => x + 1e-2 * Math.sin(i)), w0: t16.wStar.map((x, i) => -x + 1e-2 * Math.cos(i)) },
    schedule: { kind: 'constant', etaA: 0.1, etaV: 0.1 },
    maxIter: 3000,
  };
  it('ends a run jittering at the spurious point after trapWindow steps (GD from there: the radius test)', () => {
    expect(wasm.run(nearTrap).outcome).toBe('spurious');
    const r = wasm.run({ ...nearTrap, data: { kind: 'online', batch: 4, seed: 1 }, logEvery: 1 });
    expect(r.outcome).toBe('spurious');
    expect(r.iterations).toBeGreaterThanOrEqual(500); // the default window: 500 steps in a row with aᵀa* < 0 and φ ≥ 2.5
    const last = r.trajectory!.slice(-501);
    expect(last.every((s) => s.aDotAStar < 0 && s.phi >= 2.5)).toBe(true);
    // trapWindow ≥ maxIter leaves SPEC §8's example rule: spurious when the run ends in the region
    const atEnd = wasm.run({ ...nearTrap, data: { kind: 'online', batch: 4, seed: 1 }, trapWindow: 3000 });
    expect({ outcome: atEnd.outcome, iterations: atEnd.iterations }).toEqual({ outcome: 'spurious', iterations: 3000 });
    expect(atEnd.phi).toBeGreaterThanOrEqual(2.5);
    expect(wasm.run({ ...nearTrap, data: { kind: 'online', batch: 4, seed: 1 }, trapPhi: Math.PI }).outcome).toBe('unconverged');
  });
});

describe('experiments on sampled data', () => {
  it('give each trial the Problem of its run config with data.seed = trialSeed(seed, cell, trial)', async () => {
    const { cellProblems, dataConfig } = await import('../../src/experiments/core/cell.js');
    const { parseSweepConfig, sweepCells } = await import('../../src/experiments/core/sweepConfig.js');
    const { trialSeed } = await import('../../src/twin/random/bits.js');
    const cells = sweepCells(
      parseSweepConfig({ seed: 4, trials: 3, grid: { k: 5, batch: [2, 3], n: [3, 10], labelNoise: [0, 0.2], methods: ['cnn'] } }),
    );
    expect(cells.map((c) => c.data)).toEqual([
      { batch: 2, n: 3, labelNoise: 0 },
      { batch: 2, n: 3, labelNoise: 0.2 },
      { batch: 2, n: 10, labelNoise: 0 },
      { batch: 2, n: 10, labelNoise: 0.2 },
      { batch: 3, n: 3, labelNoise: 0 },
      { batch: 3, n: 3, labelNoise: 0.2 },
      { batch: 3, n: 10, labelNoise: 0 },
      { batch: 3, n: 10, labelNoise: 0.2 },
    ]);
    for (const cell of [cells[1], cells[6]]) {
      const { cell: _c, data, ...options } = cell;
      for (const trial of [0, 2]) {
        const config = { ...trialConfig({ ...options, trial }), data: dataConfig(data!, trialSeed(4, cell.cell, trial)) };
        expect(cellProblems(cell)(trial)).toStrictEqual(toProblem(config));
      }
    }
    const online = sweepCells(parseSweepConfig({ trials: 1, grid: { k: 5, batch: 4 } }));
    expect(online.map((c) => c.data)).toEqual([
      { batch: 4, labelNoise: 0 },
      { batch: 4, labelNoise: 0 },
      { batch: 4, labelNoise: 0 },
    ]);
    expect(sweepCells(parseSweepConfig({ trials: 1, grid: { k: 5 } })).every((c) => !('data' in c))).toBe(true);
  });

  it('refuse label noise without data and batches larger than a training set', async () => {
    const { parseSweepConfig } = await import('../../src/experiments/core/sweepConfig.js');
    expect(() => parseSweepConfig({ trials: 1, grid: { k: 5, labelNoise: 0.1 } })).toThrow(
      /grid\.labelNoise: is for sampled data: give grid\.batch/,
    );
    expect(() => parseSweepConfig({ trials: 1, grid: { k: 5, batch: [4, 64], n: 50 } })).toThrow(
      /grid\.batch: must be at most every grid\.n: batch 64 > n 50/,
    );
    expect(() => parseSweepConfig({ trials: 1, grid: { k: 5, batch: 0 } })).toThrow(/grid\.batch\[0\]: must be a whole batch size ≥ 1/);
  });
});

/**
 * Online SGD read literally from SPEC §8 (plain loops, Math.acos, another generator: src/random.ts's
 * polar method), with the same outcome rules: an independent implementation to compare in distribution.
 */
function literalSgd(c: RunConfig, B: number, rng: Random, wrong: { etaV?: number; etaA?: number; noProjection?: boolean } = {}) {
  const { dotp, nrm, ws, as, k, p, x: x0, a: a0, trap: trapPossible, stageOf } = literalStart(c);
  let x = x0,
    a = a0;
  let t = 0,
    inTrap = 0;
  const Z = new Float64Array(k * p),
    h = new Float64Array(k);
  for (;;) {
    const n = nrm(x),
      wb = x.map((v) => v / n);
    const phi = Math.acos(Math.min(1, Math.max(-1, dotp(wb, ws))));
    if (nrm(wb.map((v, i) => v - ws[i])) + nrm(a.map((v, i) => v - as[i])) <= 1e-6) return { outcome: 'global', t };
    if (trapPossible && dotp(a, as) < 0 && phi >= 2.5) {
      if (++inTrap > 500) return { outcome: 'spurious', t };
    } else inTrap = 0;
    if (t >= c.maxIter!) return { outcome: 'unconverged', t };
    const ga = Array(k).fill(0),
      gw = Array(p).fill(0);
    for (let b = 0; b < B; b++) {
      rng.fillNormals(Z);
      let f = 0,
        y = 0;
      for (let j = 0; j < k; j++) {
        let zw = 0,
          zs = 0;
        for (let i = 0; i < p; i++) {
          zw += Z[j * p + i] * wb[i];
          zs += Z[j * p + i] * ws[i];
        }
        h[j] = Math.max(zw, 0);
        f += a[j] * h[j];
        y += as[j] * Math.max(zs, 0);
      }
      const r = f - y;
      for (let j = 0; j < k; j++) {
        ga[j] += (r * h[j]) / B;
        if (h[j] > 0) for (let i = 0; i < p; i++) gw[i] += (r * a[j] * Z[j * p + i]) / B;
      }
    }
    const [, etaA, etaV] = stageOf(t);
    const proj = wrong.noProjection ? 0 : dotp(gw, wb);
    x = x.map((v, i) => v - (etaV * (wrong.etaV ?? 1) * (gw[i] - proj * wb[i])) / n);
    a = a.map((v, j) => v - etaA * (wrong.etaA ?? 1) * ga[j]);
    t++;
  }
}

describe('online SGD against a literal independent implementation (in distribution)', () => {
  // k = p = 5, B = 4, 150 independent starts per side (different trials: independent samples). Agreement:
  // success rates within 4 standard errors and the two-sample KS statistic of the iteration counts
  // below 1.95 (0.1% level). Power: the literal version with ηa 30% too small, or without the projection
  // in g_x, is rejected (KS 5.4 and 2.9 here).
  const N = 150,
    B = 4;
  const config = (method: Method, trial: number): RunConfig => ({ ...trialConfig({ k: 5, method, trial, seed: 9 }), maxIter: 2000 });
  const rate = (rs: { outcome: string }[]) => rs.filter((r) => r.outcome === 'global').length / rs.length;
  const agree = (x: { outcome: string; t: number }[], y: { outcome: string; t: number }[]) => {
    const p1 = rate(x),
      p2 = rate(y),
      pooled = (p1 + p2) / 2;
    const se = Math.sqrt((2 * Math.max(pooled * (1 - pooled), 1 / N)) / N);
    return (
      Math.abs(p1 - p2) < 4 * se &&
      ksLambda(
        x.map((r) => r.t),
        y.map((r) => r.t),
      ) < 1.95
    );
  };
  const engineRuns = (method: Method) =>
    Array.from({ length: N }, (_, i) => {
      const r = wasm.run({ ...config(method, i), data: { kind: 'online', batch: B, seed: i } });
      return { outcome: r.outcome, t: r.iterations };
    });
  const literalRuns = (method: Method, rng: Random, first: number, wrong = {}) =>
    Array.from({ length: N }, (_, i) => literalSgd(config(method, first + i), B, rng, wrong));

  it('ResNet without warmup: success rate and iteration counts agree; wrong variants are rejected', () => {
    const rng = new Random('literal-sgd');
    const engine = engineRuns('resnet-constant');
    expect(rate(engine)).toBeGreaterThan(0.2); // both fates are common
    expect(rate(engine)).toBeLessThan(0.9);
    expect(agree(engine, literalRuns('resnet-constant', rng, N))).toBe(true);
    expect(agree(engine, literalRuns('resnet-constant', rng, 2 * N, { etaA: 0.7 }))).toBe(false);
    expect(agree(engine, literalRuns('resnet-constant', rng, 3 * N, { noProjection: true }))).toBe(false);
  });

  it.each(['resnet-ssw', 'cnn'] as const)('%s: success rate and iteration counts agree', (method) => {
    expect(agree(engineRuns(method), literalRuns(method, new Random('literal-sgd', method), N))).toBe(true);
  });
});

describe('runProblems checks sampled Problems', () => {
  it('names the field of a malformed data block', () => {
    const pr = toProblem({
      ...trialConfig({ k: 5, method: 'cnn', trial: 0 }),
      maxIter: 10,
      data: { kind: 'fixed', n: 8, batch: 4, seed: 1 },
    });
    expect(wasm.runProblems([pr])[0].iterations).toBe(10);
    expect(() => wasm.runProblems([{ ...pr, data: { ...pr.data!, batch: 9 } }])).toThrow(
      /problems\[0\]\.data\.n: must be a whole number ≥ data\.batch/,
    );
    expect(() => js.runSummaries([pr, { ...pr, data: { ...pr.data!, key: [1, 2, 3] as never } }])).toThrow(
      /problems\[1\]\.data\.key: must be four 32-bit words/,
    );
    // Every 32-bit word is a key word (the experiments' trial seeds give words above 1e9 too).
    const key = seedKey(2 ** 32 - 1 + 2 ** 32 * 5);
    expect(key[0]).toBeGreaterThan(1e9);
    expect(js.runSummaries([{ ...pr, data: { ...pr.data!, key } }])[1]).toBe(10);
    expect(() => js.runSummaries([{ ...pr, data: { ...pr.data!, key: [2 ** 32, 0, 0, 0] } }])).toThrow(
      /problems\[0\]\.data\.key: must be four 32-bit words/,
    );
    expect(() => wasm.runProblems([{ ...pr, data: { ...pr.data!, batch: 0 } }])).toThrow(
      /problems\[0\]\.data\.batch: must be a whole number from 1/,
    );
  });
});

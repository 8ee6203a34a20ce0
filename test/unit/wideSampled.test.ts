// Wide students on sampled data (SPEC §9's student on §8's data; the twin's bits: sameBits.test.ts): the batch
// gradient against a literal reading of §8 on the same draws and, in the mean, against §9's closed-form ∇L (a
// wrong variant fails the same test); large batches against the population run; r = r* = 1 against the one-filter
// sampled engine bit for bit; the outcome rule; known answers; configs and refusals.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createEngine, createSimulator, type Simulator } from '../../src/simulator.js';
import { ConfigError, toProblem } from '../../src/config.js';
import { presets } from '../../src/index.js';
import { Shape } from '../../src/layout.js';
import type { Engine, Problem } from '../../src/problem.js';
import type { WideRunConfig, WideRunResult } from '../../src/types.js';
import { NormalLanes } from '../../src/twin/random/index.js';
import { seedKey } from '../../src/twin/random/bits.js';
import { wideJsEngine } from '../../src/twin/wide/index.js';
import { hex, randomWideConfig } from '../helpers.js';

type Rows = number[][];

let wasm: Engine, sim: Simulator, simJs: Simulator;
beforeAll(async () => {
  wasm = await createEngine({ engine: 'wasm' });
  sim = await createSimulator({ engine: 'wasm' });
  simJs = await createSimulator({ engine: 'js' });
});

/** One step of η = 1 from the Problem's start with no outcome rule: the step taken is the gradient. */
const ONE_STEP = { maxIter: 1, logEvery: 0, stages: Float64Array.of(Infinity, 1, 1, Shape.Constant, 0, 0, 0, 0) };
/** Rules that never stop a run before maxIter. */
const NEVER = { lossTol: -Infinity, gradTol: -1, gradWindow: 1, trapLoss: Infinity, trapTime: Infinity };

/** A wide Problem on online data, batch B, label noise s (the start and teacher of randomWideConfig). */
function sampledProblem(c: WideRunConfig, batch: number, s = 0, seed = 1): Problem {
  return toProblem({ ...c, data: { kind: 'online', batch, labelNoise: s, seed } });
}

const rowsOf = (v: Float64Array, m: number, n: number): Rows =>
  Array.from({ length: m }, (_, i) => Array.from(v.subarray(i * n, (i + 1) * n)));
const dot = (u: ArrayLike<number>, v: ArrayLike<number>) => {
  let t = 0;
  for (let i = 0; i < u.length; i++) t += u[i] * v[i];
  return t;
};
const relu = (t: number) => (t > 0 ? t : 0);

/** The step an engine takes from pr's start as (g_A, g_x) rows: start − end after one step of η = 1. */
function stepOf(engine: Pick<Engine, 'run'>, pr: Problem) {
  const res = engine.run({ ...pr, ...ONE_STEP, wide: { ...pr.wide!, ...NEVER } });
  const { r } = pr.wide!;
  return {
    gA: rowsOf(
      pr.a0.map((v, i) => v - res.a[i]),
      r,
      pr.k,
    ),
    gx: rowsOf(
      pr.x0.map((v, i) => v - res.x[i]),
      r,
      pr.p,
    ),
  };
}

/**
 * SPEC §8's batch gradient read literally (plain loops, fresh arrays) on the run's own draws (its data stream: k·p
 * normals per sample, then ε when s > 0). Wrong variants: 'teacher-mask' takes m_bij from the teacher's filter
 * (i mod r*) instead of the student's; 'no-projection' leaves out the chain rule through w̄ = x/‖x‖'s norm.
 */
function literalStep(pr: Problem, variant?: 'teacher-mask' | 'no-projection') {
  const { p, k } = pr,
    { r, rStar } = pr.wide!,
    { batch: B, labelNoise: s, key } = pr.data!;
  const X = rowsOf(pr.x0, r, p),
    A = rowsOf(pr.a0, r, k),
    W = rowsOf(pr.wStar, rStar, p),
    As = rowsOf(pr.aStar, rStar, k);
  const norms = X.map((x) => Math.sqrt(dot(x, x))),
    wb = X.map((x, i) => x.map((v) => v / norms[i]));
  const g = new NormalLanes(key[0], key[1], key[2], key[3], 1),
    z = new Float64Array(k * p),
    eps = new Float64Array(1);
  const gA = A.map((row) => row.map(() => 0)),
    gw = X.map((row) => row.map(() => 0));
  for (let b = 0; b < B; b++) {
    g.fill(z, k * p);
    if (s > 0) g.fill(eps, 1);
    const patch = (j: number) => z.subarray(j * p, (j + 1) * p);
    let f = 0,
      y = s > 0 ? s * eps[0] : 0;
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < r; i++) f += A[i][j] * relu(dot(patch(j), wb[i]));
      for (let i = 0; i < rStar; i++) y += As[i][j] * relu(dot(patch(j), W[i]));
    }
    const res = f - y;
    for (let i = 0; i < r; i++)
      for (let j = 0; j < k; j++) {
        const h = dot(patch(j), wb[i]);
        gA[i][j] += (res * relu(h)) / B;
        const on = variant === 'teacher-mask' ? dot(patch(j), W[i % rStar]) > 0 : h > 0;
        if (on) for (let l = 0; l < p; l++) gw[i][l] += (res * A[i][j] * patch(j)[l]) / B;
      }
  }
  const gx = gw.map((gi, i) => {
    const along = variant === 'no-projection' ? 0 : dot(gi, wb[i]);
    return gi.map((v, l) => (v - along * wb[i][l]) / norms[i]);
  });
  return { gA, gx };
}

/** SPEC §9's closed-form ∇_A L and ∇_x L at pr's start (the wide population kernel's step of η = 1). */
function exactGradient(pr: Problem) {
  const { data: _, ...population } = pr;
  return stepOf(wideJsEngine, population);
}

const flat = (g: { gA: Rows; gx: Rows }) => [...g.gA.flat(), ...g.gx.flat()];

describe('the batch gradient of a wide student (SPEC §8, r filters)', () => {
  it('is SPEC §8 read literally on the same draws: both layers, with and without label noise, both models', () => {
    for (let seed = 0; seed < 8; seed++) {
      const c = randomWideConfig(seed, { r: 1 + (seed % 3) + 1, rStar: 1 + (seed % 2), k: 3 + (seed % 5), p: 2 + (seed % 6) });
      const pr = sampledProblem(c, 1 + (seed % 5), seed % 2 ? 0.3 : 0, 100 + seed);
      const engine = flat(stepOf(wasm, pr)),
        literal = flat(literalStep(pr));
      engine.forEach((v, i) =>
        expect(Math.abs(v - literal[i]), `seed ${seed} entry ${i}`).toBeLessThan(1e-10 * (1 + Math.abs(literal[i]))),
      );
      // the wrong variants are not it
      for (const variant of ['teacher-mask', 'no-projection'] as const) {
        const wrong = flat(literalStep(pr, variant));
        expect(Math.max(...engine.map((v, i) => Math.abs(v - wrong[i]))), `${variant} seed ${seed}`).toBeGreaterThan(1e-6);
      }
    }
  });

  // M = 3000 batches of B = 4 at a random state (k = 4, p = 3, r = 3, r* = 2): every one of the 21 coordinates of the
  // mean within 4 standard errors of SPEC §9's ∇L (a false alarm in any of them: below 21·6.3e-5 = 0.13%). Power: the
  // wrong variants' means over the same draws lie beyond 4 standard errors in some coordinate (checked below).
  const M = 3000,
    BATCH = 4;
  for (const model of ['resnet', 'cnn'] as const) {
    it(`is unbiased: its mean over ${M} batches is §9's ∇L within 4 standard errors; a missing projection and the teacher's mask are not (${model})`, () => {
      const c = randomWideConfig(11, { r: 3, rStar: 2, k: 4, p: 3, model });
      const base = sampledProblem(c, BATCH);
      const exact = flat(exactGradient(base));
      const n = exact.length;
      const sum = new Float64Array(n),
        sumSq = new Float64Array(n);
      const wrongSums = { 'teacher-mask': new Float64Array(n), 'no-projection': new Float64Array(n) };
      for (let m = 0; m < M; m++) {
        const pr = { ...base, data: { ...base.data!, key: seedKey(1_000_000 + m) } };
        flat(stepOf(wasm, pr)).forEach((v, i) => {
          sum[i] += v;
          sumSq[i] += v * v;
        });
        for (const variant of ['teacher-mask', 'no-projection'] as const)
          flat(literalStep(pr, variant)).forEach((v, i) => {
            wrongSums[variant][i] += v;
          });
      }
      const mean = Array.from(sum, (v) => v / M),
        se = Array.from(sumSq, (q, i) => Math.sqrt((q / M - mean[i] ** 2) / M));
      const zs = (means: ArrayLike<number>) => Array.from(means, (v, i) => Math.abs(v - exact[i]) / se[i]);
      expect(Math.max(...zs(mean)), `${model}: mean ${mean} against ${exact}`).toBeLessThan(4);
      for (const variant of ['teacher-mask', 'no-projection'] as const)
        expect(Math.max(...zs(wrongSums[variant].map((v) => v / M))), variant).toBeGreaterThan(4);
    });
  }
});

describe('large batches give back the population run (SPEC §8: B → ∞ is GD)', () => {
  const c: WideRunConfig = { ...randomWideConfig(21, { r: 3, rStar: 1, k: 6, p: 5 }), maxIter: 30, logEvery: 1 };
  /** The largest deviation of L from the population run's along the path, root mean square over 4 seeds. */
  function deviation(batch: number, gd: number[]) {
    let sq = 0;
    for (let seed = 0; seed < 4; seed++) {
      const pr = sampledProblem(c, batch, 0, seed);
      const res = wasm.run({ ...pr, wide: { ...pr.wide!, ...NEVER } });
      const L = rowsOf(res.trajectory, res.trajectory.length / (5 + 3), 5 + 3).map((s) => s[1]);
      const dev = Math.max(...L.map((v, t) => Math.abs(v - gd[t])));
      sq += (dev * dev) / 4;
    }
    return Math.sqrt(sq);
  }
  it('B = 16, 256, 4096: the loss path deviates like 1/√B (within a factor 2 of B = 16 scaled), and 20% larger steps are farther', () => {
    const pr = toProblem(c);
    const gdRun = wideJsEngine.run({ ...pr, wide: { ...pr.wide!, ...NEVER } });
    const gd = rowsOf(gdRun.trajectory, gdRun.trajectory.length / (3 + 3), 3 + 3).map((s) => s[1]);
    const d16 = deviation(16, gd),
      C = 2 * d16 * Math.sqrt(16);
    for (const B of [256, 4096]) {
      const d = deviation(B, gd);
      expect(d, `B = ${B}`).toBeLessThan(C / Math.sqrt(B));
      expect(d, `B = ${B} shrinks no faster than chance allows`).toBeGreaterThan(C / Math.sqrt(B) / 16);
    }
    // power: GD with steps 20% larger leaves the B = 4096 tolerance
    const stages = Float64Array.from(pr.stages);
    for (let at = 0; at < stages.length; at += 8) {
      stages[at + 1] *= 1.2;
      stages[at + 2] *= 1.2;
    }
    const wrong = wideJsEngine.run({ ...pr, stages, wide: { ...pr.wide!, ...NEVER } });
    const off = rowsOf(wrong.trajectory, wrong.trajectory.length / 6, 6).map((s, t) => Math.abs(s[1] - gd[t]));
    expect(Math.max(...off)).toBeGreaterThan(C / Math.sqrt(4096));
  });

  // 2000 steps without an outcome rule (the rules differ: GD's stationarity, SGD's plateau): the same fate, reached
  // (L < 1e-4) or not, and the final loss within 25% (slow runs inside the global set's flat directions turn a small
  // early difference into a shift in time)
  it('whole runs at B = 1024 end where the population run does (the three methods, r = 2, k = p = 6, 2000 steps)', () => {
    for (const method of presets.METHODS) {
      const config = { ...presets.wideTrialConfig({ k: 6, method, trial: 1, width: 2 }), maxIter: 2000 } as WideRunConfig;
      const gdPr = toProblem(config),
        sgdPr = sampledProblem(config, 1024, 0, 3);
      const gd = wasm.run({ ...gdPr, wide: { ...gdPr.wide!, ...NEVER } }),
        sgd = wasm.run({ ...sgdPr, wide: { ...sgdPr.wide!, ...NEVER } });
      expect(sgd.loss < 1e-4, method).toBe(gd.loss < 1e-4);
      // a run that reached the global set ends at rounding (L ~ ±1e-31): only its fate compares
      if (gd.loss >= 1e-12)
        expect(Math.abs(Math.log(sgd.loss / gd.loss)), `${method}: ${sgd.loss} against ${gd.loss}`).toBeLessThan(Math.log(1.25));
    }
  });
});

describe('r = r* = 1: the one-filter sampled engine', () => {
  it('gives the same bits where the draws coincide: online (label noise) and fixed (epochs, shuffles), both models', async () => {
    const js = await createEngine({ engine: 'js' });
    for (let seed = 0; seed < 6; seed++) {
      const c = randomWideConfig(30 + seed, { r: 1, rStar: 1, k: 3 + seed, p: 2 + 2 * seed });
      const one = {
        ...c,
        teacher: { aStar: (c.teacher.aStar as Rows)[0], wStar: (c.teacher.wStar as Rows)[0] },
        init: { a0: (c.init.a0 as Rows)[0], ...('w0' in c.init ? { w0: (c.init.w0 as Rows)[0] } : { v0: (c.init.v0 as Rows)[0] }) },
      };
      const data =
        seed % 2
          ? { kind: 'online' as const, batch: 3, labelNoise: 0.2, seed }
          : { kind: 'fixed' as const, n: 7, batch: 3, labelNoise: 0.1, seed };
      const plain = toProblem({ ...one, maxIter: 60, data, tol: 0, trapPhi: Math.PI, trapWindow: 1e6 });
      const wide: Problem = {
        ...plain,
        aBar: new Float64Array(0),
        trapPossible: false,
        wide: { r: 1, rStar: 1, gradTol: 0, gradWindow: 1, ...NEVER },
      };
      const a = wasm.run(plain),
        b = wasm.run(wide);
      expect([b.iterations, b.batchLoss, b.trainLoss], `seed ${seed}`).toEqual([a.iterations, a.batchLoss, a.trainLoss]);
      expect(b.a, `seed ${seed}`).toStrictEqual(a.a);
      expect(b.x, `seed ${seed}`).toStrictEqual(a.x);
      expect(js.run(wide)).toStrictEqual(b);
      // the exact population loss of the same iterate: §9's closed form against §3's
      expect(Math.abs(b.loss - a.loss)).toBeLessThan(1e-12 * (1 + a.loss));
    }
  });
});

describe('the outcome of a wide run on sampled data', () => {
  const c = randomWideConfig(7, { r: 2, rStar: 1, k: 6, p: 5 });
  const pr = sampledProblem({ ...c, maxIter: 400, logEvery: 1, schedule: { kind: 'constant', etaA: 0.1, etaV: 0.1 } }, 4);
  const at = (rule: Partial<NonNullable<Problem['wide']>>) => wasm.run({ ...pr, wide: { ...pr.wide!, ...NEVER, ...rule } });

  it('global once L ≤ lossTol; unconverged at maxIter with its final L', () => {
    const free = at({});
    expect([free.outcome, free.iterations]).toEqual([2, 400]);
    const L = rowsOf(free.trajectory, 401, 7).map((s) => s[1]);
    expect(free.loss).toBe(L[400]);
    const tol = L[200];
    const global = at({ lossTol: tol });
    expect(global.outcome).toBe(0);
    expect(global.iterations).toBe(L.findIndex((v) => v <= tol));
  });

  /** The plateau rule read literally on a run's losses L (η_v(t) of each step): the step it calls spurious, or -1. */
  const literal = (L: number[], etaV: (t: number) => number, trapLoss: number, trapTime: number) => {
    let time = 0,
      from = Infinity;
    for (let t = 0; t < L.length; t++) {
      if (L[t] <= trapLoss || L[t] < from / 2) {
        time = 0;
        from = L[t];
      } else if (time >= trapTime) return t;
      time += etaV(t);
    }
    return -1;
  };

  it('spurious once L has stayed above trapLoss without halving while Σ η_v reached trapTime', () => {
    const free = at({}),
      L = rowsOf(free.trajectory, 401, 7).map((s) => s[1]);
    let calls = 0;
    for (const trapLoss of [0, L[50], L[150]])
      for (const trapTime of [0.45, 0.95, 5]) {
        const t = literal(L, () => 0.1, trapLoss, trapTime),
          res = at({ trapLoss, trapTime });
        expect(res.outcome === 1 ? res.iterations : -1, `trapLoss ${trapLoss}, trapTime ${trapTime}`).toBe(t);
        if (t >= 0) calls++;
      }
    expect(calls).toBeGreaterThan(0);
    expect(at({ trapLoss: Infinity, trapTime: 0 }).outcome).toBe(2); // L ≤ trapLoss always: never a plateau
  });

  it("a warmup's small first-layer steps add little to the plateau clock (300 steps at η_v = 0.001, then 0.1)", () => {
    const stages = Float64Array.of(300, 0.1, 0.001, Shape.Constant, 0, 0, 0, 0, Infinity, 0.1, 0.1, Shape.Constant, 0, 0, 0, 0);
    const free = wasm.run({ ...pr, stages, wide: { ...pr.wide!, ...NEVER } }),
      L = rowsOf(free.trajectory, 401, 7).map((s) => s[1]);
    const etaV = (t: number) => (t < 300 ? 0.001 : 0.1);
    for (const trapTime of [0.25, 0.95]) {
      const res = wasm.run({ ...pr, stages, wide: { ...pr.wide!, ...NEVER, trapLoss: 0, trapTime } });
      const t = literal(L, etaV, 0, trapTime);
      expect(res.outcome === 1 ? res.iterations : -1, `trapTime ${trapTime}`).toBe(t);
      // counted as steps of 0.1, the same clock would have called it early in the warmup (3 and 10 steps here)
      const bySteps = literal(L, () => 0.1, 0, trapTime);
      expect(bySteps).toBeGreaterThanOrEqual(0);
      expect(t).toBeGreaterThan(bySteps);
    }
  });
});

describe('known answers (DESIGN §6)', () => {
  const golden = JSON.parse(readFileSync(new URL('../golden/wideSampled.json', import.meta.url), 'utf8'));
  it.each(['wasm', 'js'] as const)('of four wide runs on sampled data (%s)', async (engine) => {
    const s = await createSimulator({ engine });
    for (const g of golden.runs) {
      const r = s.run({ ...presets.wideTrialConfig(g.options), ...g.config }) as WideRunResult;
      expect({
        outcome: r.outcome,
        iterations: r.iterations,
        loss: hex(r.loss),
        batchLoss: hex(r.batchLoss!),
        angles: r.angles.map(hex),
      }).toEqual({ outcome: g.outcome, iterations: g.iterations, loss: g.loss, batchLoss: g.batchLoss, angles: g.angles });
    }
  });
});

describe('wide configs with data', () => {
  const base = (): WideRunConfig => ({ ...randomWideConfig(3, { r: 2, rStar: 2, k: 5, p: 4 }), maxIter: 200, logEvery: 50 });
  const lines = (c: unknown, s = sim) => {
    try {
      s.run(c as WideRunConfig);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).issues;
    }
    throw new Error('accepted');
  };

  it('run on wasm and js alike, with the batch and training losses in the result and its samples', () => {
    for (const data of [
      { kind: 'online' as const, batch: 3, seed: 5 },
      { kind: 'fixed' as const, n: 20, batch: 5, labelNoise: 0.1, seed: 5 },
    ]) {
      const r = sim.run({ ...base(), data });
      expect(simJs.run({ ...base(), data })).toStrictEqual(r);
      expect(Object.keys(r)).toEqual(
        data.kind === 'online'
          ? ['outcome', 'iterations', 'phi', 'loss', 'batchLoss', 'gradNorm', 'a', 'w', 'angles', 'trajectory']
          : ['outcome', 'iterations', 'phi', 'loss', 'batchLoss', 'trainLoss', 'gradNorm', 'a', 'w', 'angles', 'trajectory'],
      );
      expect(r.a).toHaveLength(2);
      expect(Number.isNaN(r.trajectory![0].batchLoss)).toBe(true); // no batch before the first step
      expect(r.trajectory![1].batchLoss).toBeGreaterThan(0);
      expect('trainLoss' in r.trajectory![1]).toBe(data.kind === 'fixed');
    }
  });

  it('the defaults: lossTol 1e-10, or the noisy one with label noise; trapLoss and trapTime', () => {
    const online = toProblem({ ...base(), data: { kind: 'online', batch: 2, seed: 1 } }),
      noisy = toProblem({ ...base(), data: { kind: 'online', batch: 2, labelNoise: 0.1, seed: 1 } });
    expect([online.wide!.lossTol, noisy.wide!.lossTol > online.wide!.lossTol]).toEqual([1e-10, true]);
    expect(online.wide!.trapLoss! > 0 && online.wide!.trapTime! > 0).toBe(true);
  });

  it('are refused by the reduced engines, naming data.kind and who runs them', async () => {
    for (const engine of ['reduced', 'reduced-js'] as const) {
      const s = await createSimulator({ engine });
      expect(lines({ ...base(), data: { kind: 'online', batch: 2, seed: 1 } }, s)).toEqual([
        `data.kind: engine '${engine}' has no reduction for wide students on sampled data (SPEC §9 on §8: none is claimed): run it with engine 'wasm' or 'js'`,
      ]);
    }
  });

  it('check batch ≤ n and count the training set in the memory check', () => {
    expect(lines({ ...base(), data: { kind: 'fixed', n: 4, batch: 5, seed: 1 } })).toEqual([
      'data.batch: must be at most data.n (4): a mini-batch is drawn from the training set',
    ]);
    expect(lines({ ...base(), data: { kind: 'fixed', n: 7_000_000, seed: 1 } })[0]).toMatch(
      /^data\.n: a training set of 7000000 samples of k·p = 20 values needs 1\.\d+ GiB of engine memory on engine 'wasm'; at most 1\.00 GiB fits \(n ≤ \d+ at this k and p/,
    );
  });
});

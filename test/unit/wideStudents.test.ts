// Wide students (SPEC §9): the closed forms against finite differences and a Monte Carlo estimate,
// the SIMD engine against its twin bit for bit, against an independent loop-by-loop reading of §9 and
// against the one-filter engines at r = r* = 1; the invariant subspaces; the config's messages.
import { describe, it, expect, beforeAll } from 'vitest';
import { createSimulator, ConfigError, presets, toProblem, type Simulator } from '../../src/index.js';
import type { Problem } from '../../src/problem.js';
import type { WideRunConfig, WideRunResult } from '../../src/types.js';
import { Random } from '../../src/random.js';
import { loadWasmMemory } from '../../src/wasm/memory.js';
import { wasmWideKernel } from '../../src/wasm/wide.js';
import { reducedWideEngineOf, wideEngineOf, wideJsEngine, wideJsKernel, type WideEngine } from '../../src/twin/wide/index.js';
import { jsEngine } from '../../src/twin/index.js';
import { spuriousA } from '../../src/config.js';
import { Shape, STAGE_WIDTH } from '../../src/layout.js';
import { readFileSync } from 'node:fs';
import { randomWideConfig as randomWide } from '../helpers.js';

type Rows = number[][];

let wasm: WideEngine, reduced: WideEngine, sim: Simulator, simJs: Simulator;
beforeAll(async () => {
  const kernel = wasmWideKernel(await loadWasmMemory());
  wasm = wideEngineOf(kernel);
  reduced = reducedWideEngineOf(kernel);
  sim = await createSimulator();
  simJs = await createSimulator({ engine: 'js' });
});
const engines = () => ({ wasm, js: wideJsEngine, reduced });

/** The wide Problem of a config, also at r = r* = 1 (which toProblem routes to the one-filter engines). */
function wideProblem(c: WideRunConfig, rule: Partial<NonNullable<Problem['wide']>> = {}): Problem {
  const pr = toProblem(c);
  const rows = (v: number[] | number[][]) => (Array.isArray(v[0]) ? (v as number[][]).length : 1);
  const wide = pr.wide ?? { r: rows(c.init.a0), rStar: rows(c.teacher.aStar), lossTol: 1e-10, gradTol: 1e-6, gradWindow: 100 };
  return { ...pr, aBar: new Float64Array(0), trapPossible: false, wide: { ...wide, ...rule } };
}

/** Runs that never stop early: every step up to maxIter. */
const NEVER = { lossTol: -Infinity, gradTol: -1, gradWindow: 1 };

/** L at the Problem's start, and ∇_x L, ∇_A L from one step of η = 1 (x1 = x0 − ∇_x L). */
function lossAndGradients(engine: WideEngine, pr: Problem) {
  const at = { ...pr, ...{ wide: { ...pr.wide!, ...NEVER } }, logEvery: 0 };
  const loss = engine.run({ ...at, maxIter: 0 }).loss;
  const step = engine.run({ ...at, maxIter: 1, stages: Float64Array.of(Infinity, 1, 1, Shape.Constant, 0, 0, 0, 0) });
  return { loss, gx: pr.x0.map((v, i) => v - step.x[i]), ga: pr.a0.map((v, i) => v - step.a[i]) };
}

// ── An independent reading of SPEC §9: plain loops, fresh arrays, Math.acos ──

interface State {
  x: Rows;
  A: Rows;
  W: Rows;
  As: Rows;
}

/** L, ∇_A L and ∇_{x_i} L from the formulas of SPEC §9. `wrong` drops the (1ᵀ(s − s*))² term from L only. */
function reference(s: State, wrong = false) {
  const pi = Math.PI,
    r = s.x.length,
    rs = s.W.length,
    k = s.A[0].length;
  const dot = (u: number[], v: number[]) => u.reduce((t, ui, i) => t + ui * v[i], 0);
  const unit = (u: number[]) => u.map((ui) => ui / Math.sqrt(dot(u, u)));
  const wb = s.x.map(unit),
    Ws = s.W.map(unit);
  const clamp = (c: number) => Math.min(1, Math.max(-1, c));
  const kappa = (c: number) => (pi - Math.acos(c)) * c + Math.sqrt(1 - c * c);
  const G = wb.map((u, i) => wb.map((v, j) => (i === j ? pi : kappa(clamp(dot(u, v))))));
  const H = wb.map((u) => Ws.map((v) => kappa(clamp(dot(u, v)))));
  const Gs = Ws.map((u, i) => Ws.map((v, j) => (i === j ? pi : kappa(clamp(dot(u, v))))));
  const col = (M: Rows, j: number) => M.map((row) => row[j]);
  const sd = Array.from({ length: k }, (_, j) => col(s.A, j).reduce((t, v) => t + v, 0) - col(s.As, j).reduce((t, v) => t + v, 0));
  const sumD = sd.reduce((t, v) => t + v, 0);
  let L = 0;
  for (let j = 0; j < k; j++) {
    const a = col(s.A, j),
      as = col(s.As, j);
    for (let i = 0; i < r; i++) for (let i2 = 0; i2 < r; i2++) L += a[i] * G[i][i2] * a[i2];
    for (let i = 0; i < r; i++) for (let i2 = 0; i2 < rs; i2++) L -= 2 * a[i] * H[i][i2] * as[i2];
    for (let i = 0; i < rs; i++) for (let i2 = 0; i2 < rs; i2++) L += as[i] * Gs[i][i2] * as[i2];
  }
  L = (L + (wrong ? 0 : sumD * sumD) - dot(sd, sd)) / (4 * pi);
  const gA = s.A.map((_, i) =>
    Array.from({ length: k }, (_, j) => {
      let g = 0;
      for (let i2 = 0; i2 < r; i2++) g += G[i][i2] * s.A[i2][j];
      for (let i2 = 0; i2 < rs; i2++) g -= H[i][i2] * s.As[i2][j];
      return (g + sumD - sd[j]) / (2 * pi);
    }),
  );
  const gx = s.x.map((xi, i) => {
    const d = xi.map(() => 0);
    for (let i2 = 0; i2 < r; i2++) {
      if (i2 === i) continue;
      const m = dot(s.A[i], s.A[i2]),
        th = Math.acos(clamp(dot(wb[i], wb[i2])));
      d.forEach((_, e) => {
        d[e] += (m * (pi - th) * wb[i2][e]) / (2 * pi);
      });
    }
    for (let i2 = 0; i2 < rs; i2++) {
      const m = dot(s.A[i], s.As[i2]),
        th = Math.acos(clamp(dot(wb[i], Ws[i2])));
      d.forEach((_, e) => {
        d[e] -= (m * (pi - th) * Ws[i2][e]) / (2 * pi);
      });
    }
    const along = dot(wb[i], d),
      n = Math.sqrt(dot(xi, xi));
    return d.map((de, e) => (de - along * wb[i][e]) / n);
  });
  return { L, gA, gx };
}

/** The state of a wide Problem as rows. */
function stateOf(pr: Problem): State {
  const { r, rStar } = pr.wide!;
  const rows = (v: Float64Array, m: number, n: number) => Array.from({ length: m }, (_, i) => Array.from(v.subarray(i * n, (i + 1) * n)));
  return { x: rows(pr.x0, r, pr.p), A: rows(pr.a0, r, pr.k), W: rows(pr.wStar, rStar, pr.p), As: rows(pr.aStar, rStar, pr.k) };
}

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('wide closed forms (SPEC §9)', () => {
  it('gradients agree with finite differences of the loss on random wide configs, r and r* from 1 to 4, on both engines', () => {
    for (let seed = 0; seed < 12; seed++) {
      const pr = wideProblem(randomWide(seed));
      for (const [name, engine] of Object.entries(engines())) {
        const { gx, ga } = lossAndGradients(engine, pr);
        const h = 1e-6,
          loss = (q: Partial<Problem>) => engine.run({ ...pr, ...q, maxIter: 0, wide: { ...pr.wide!, ...NEVER } }).loss;
        const bump = (v: Float64Array, i: number, by: number) => {
          const w = Float64Array.from(v);
          w[i] += by;
          return w;
        };
        for (let i = 0; i < pr.x0.length; i++) {
          const fd = (loss({ x0: bump(pr.x0, i, h) }) - loss({ x0: bump(pr.x0, i, -h) })) / (2 * h);
          expect(relErr(fd, gx[i]), `${name} seed ${seed} x[${i}]`).toBeLessThan(1e-6);
        }
        for (let i = 0; i < pr.a0.length; i++) {
          const fd = (loss({ a0: bump(pr.a0, i, h) }) - loss({ a0: bump(pr.a0, i, -h) })) / (2 * h);
          expect(relErr(fd, ga[i]), `${name} seed ${seed} a[${i}]`).toBeLessThan(1e-6);
        }
      }
    }
  });

  it('a loss without the (1ᵀ(s − s*))² term fails the finite differences against the engine gradients', () => {
    const pr = wideProblem(randomWide(3, { r: 3, rStar: 2, k: 5, p: 4 }));
    const { ga } = lossAndGradients(wasm, pr),
      s = stateOf(pr),
      h = 1e-6;
    let worst = 0;
    for (let i = 0; i < s.A.length; i++)
      for (let j = 0; j < s.A[0].length; j++) {
        const at = (by: number) => {
          const A = s.A.map((row) => [...row]);
          A[i][j] += by;
          return reference({ ...s, A }, true).L;
        };
        worst = Math.max(worst, relErr((at(h) - at(-h)) / (2 * h), ga[i * s.A[0].length + j]));
      }
    expect(worst).toBeGreaterThan(1e-2);
  });

  it('the loss is E ½(f − y)² over Gaussian patches: a Monte Carlo estimate within 4 standard errors; the wrong variant is not', () => {
    const pr = wideProblem(randomWide(5, { r: 3, rStar: 2, k: 5, p: 4 }));
    const s = stateOf(pr),
      L = wasm.run({ ...pr, maxIter: 0, wide: { ...pr.wide!, ...NEVER } }).loss;
    expect(relErr(reference(s).L, L)).toBeLessThan(1e-12);
    const unit = (u: number[]) => {
      const n = Math.hypot(...u);
      return u.map((v) => v / n);
    };
    const wb = s.x.map(unit),
      Ws = s.W.map(unit),
      k = pr.k,
      p = pr.p;
    const rng = new Random('wide-mc'),
      n = 100_000,
      z = new Float64Array(k * p);
    const relu = (t: number) => (t > 0 ? t : 0);
    let sum = 0,
      sumSq = 0;
    for (let m = 0; m < n; m++) {
      rng.fillNormals(z);
      let f = 0;
      for (let j = 0; j < k; j++) {
        const patch = z.subarray(j * p, (j + 1) * p);
        const proj = (w: number[]) => relu(w.reduce((t, wi, e) => t + wi * patch[e], 0));
        for (let i = 0; i < s.A.length; i++) f += s.A[i][j] * proj(wb[i]);
        for (let i = 0; i < s.As.length; i++) f -= s.As[i][j] * proj(Ws[i]);
      }
      const l = 0.5 * f * f;
      sum += l;
      sumSq += l * l;
    }
    const mean = sum / n,
      se = Math.sqrt((sumSq / n - mean * mean) / n);
    expect(Math.abs(mean - L)).toBeLessThan(4 * se);
    expect(Math.abs(mean - reference(s, true).L)).toBeGreaterThan(4 * se);
  });

  it('the engines follow an independent loop-by-loop reading of §9 over 300 steps', () => {
    for (let seed = 20; seed < 26; seed++) {
      const c = randomWide(seed, { r: 1 + (seed % 4), rStar: 1 + (seed % 2) });
      const pr = wideProblem({ ...c, maxIter: 300 }, NEVER);
      const s = stateOf(pr),
        { stages } = pr;
      for (let t = 0; t < 300; t++) {
        let st = 0;
        while (st + STAGE_WIDTH < stages.length && t >= stages[st]) st += STAGE_WIDTH; // constant stages: [until, ηa, ηv, …]
        const { gA, gx } = reference(s);
        s.A = s.A.map((row, i) => row.map((v, j) => v - stages[st + 1] * gA[i][j]));
        s.x = s.x.map((row, i) => row.map((v, e) => v - stages[st + 2] * gx[i][e]));
      }
      const end = reference(s).L;
      for (const [name, engine] of Object.entries(engines())) {
        const res = engine.run(pr);
        expect(res.iterations).toBe(300);
        expect(relErr(res.loss, end), `${name} seed ${seed}`).toBeLessThan(1e-9);
        expect(Math.max(...Array.from(res.a, (v, i) => Math.abs(v - s.A.flat()[i]))), `${name} seed ${seed} A`).toBeLessThan(1e-9);
        expect(Math.max(...Array.from(res.x, (v, i) => Math.abs(v - s.x.flat()[i]))), `${name} seed ${seed} x`).toBeLessThan(1e-9);
      }
    }
  });

  it('keeps every filter in span{x_0, w*} (ResNet: span{u, w*}) and every row of A in span{A_0, A*, 1}', () => {
    for (const model of ['resnet', 'cnn'] as const) {
      const c = randomWide(40, { r: 3, rStar: 2, k: 12, p: 20, model });
      if (model === 'resnet') c.init = { a0: c.init.a0 }; // v_i = 0: every filter starts at u
      const pr = wideProblem({ ...c, maxIter: 300 }, NEVER),
        res = wasm.run(pr),
        s = stateOf(pr);
      const u = Array(pr.p).fill(1 / Math.sqrt(pr.p));
      const xBasis = model === 'resnet' ? [u, ...s.W] : [...s.x, ...s.W],
        aBasis = [...s.A, ...s.As, Array(pr.k).fill(1)];
      const residual = (v: number[], basis: number[][]) => {
        const q: number[][] = [];
        for (const b of basis) {
          // modified Gram–Schmidt
          let w = [...b];
          for (const e of q) {
            const d = w.reduce((t, wi, i) => t + wi * e[i], 0);
            w = w.map((wi, i) => wi - d * e[i]);
          }
          const n = Math.hypot(...w);
          if (n > 1e-9) q.push(w.map((wi) => wi / n));
        }
        let w = [...v];
        for (const e of q) {
          const d = w.reduce((t, wi, i) => t + wi * e[i], 0);
          w = w.map((wi, i) => wi - d * e[i]);
        }
        return Math.hypot(...w) / Math.hypot(...v);
      };
      const final = stateOf({ ...pr, x0: res.x, a0: res.a });
      for (const x of final.x) expect(residual(x, xBasis), model).toBeLessThan(1e-12);
      for (const a of final.A) expect(residual(a, aBasis), model).toBeLessThan(1e-12);
    }
  });
});

describe('wide engines', () => {
  it('WASM and its JS twin agree bit for bit on whole runs (outcomes, final state, samples)', () => {
    const outcomes = new Set<string>();
    for (let seed = 100; seed < 140; seed++) {
      const c = randomWide(seed);
      const pr = wideProblem({ ...c, maxIter: 2000 }, { lossTol: 1e-8, gradTol: 1e-4, gradWindow: 20 });
      const a = wasm.run(pr),
        b = wideJsEngine.run(pr);
      expect(a, `seed ${seed}`).toStrictEqual(b);
      outcomes.add(String(a.outcome));
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(2);
  });

  it('the reduced engine follows the vector engine to rounding: the same outcomes, steps to a few, the loss to 1e-12', () => {
    const reducedJs = reducedWideEngineOf(wideJsKernel);
    let diverged = 0,
      apart = 0;
    for (let seed = 200; seed < 260; seed++) {
      const c = randomWide(seed, { r: 1 + (seed % 4), rStar: 1 + (seed % 3), k: 5 + (seed % 9), p: 3 + (seed % 11) });
      const pr = wideProblem({ ...c, maxIter: 1500 }, { lossTol: 1e-8, gradTol: 1e-6, gradWindow: 20 });
      const full = wasm.run(pr),
        red = reduced.run(pr);
      expect(reducedJs.run(pr), `seed ${seed}`).toStrictEqual(red);
      expect(red.outcome, `seed ${seed}`).toBe(full.outcome);
      // it tells divergence by the coordinates' size, not the entries': a few steps apart
      if (full.outcome === 3) {
        diverged++;
        continue;
      }
      // a threshold crossed a few steps apart, where the loss is flat: rare (the √ε below)
      if (red.iterations !== full.iterations) {
        apart++;
        expect(Math.abs(red.iterations - full.iterations), `seed ${seed}`).toBeLessThanOrEqual(0.02 * full.iterations + 2);
        continue;
      }
      expect(relErr(red.loss, full.loss), `seed ${seed}`).toBeLessThan(1e-12);
      // states to √ε: a filter that meets a teacher filter (c → 1) takes θ = acos(c) ≈ √(2(1 − c)), which turns
      // the rounding of c into √ε, and the flat directions of the global set keep what it moved
      full.a.forEach((v, i) => expect(Math.abs(v - red.a[i]), `seed ${seed} a`).toBeLessThan(1e-6 * (1 + Math.abs(v))));
      full.x.forEach((v, i) => expect(Math.abs(v - red.x[i]), `seed ${seed} x`).toBeLessThan(1e-6 * (1 + Math.abs(v))));
    }
    expect(diverged).toBeLessThan(30);
    expect(apart).toBeLessThanOrEqual(2);
  });

  it('the simulator runs wide students on every engine name', async () => {
    const simReduced = await createSimulator({ engine: 'reduced' });
    for (let seed = 0; seed < 5; seed++) {
      const c = randomWide(seed, { r: 2, rStar: 2 });
      const r = sim.run(c),
        red = simReduced.run(c);
      expect(simJs.run(c)).toStrictEqual(r);
      expect([red.outcome, red.iterations]).toEqual([r.outcome, r.iterations]);
      expect(relErr(red.loss, r.loss)).toBeLessThan(1e-12);
      expect(r.a).toHaveLength(2);
      expect(r.angles).toHaveLength(2);
      expect(r.phi).toBe(Math.min(...r.angles));
    }
  });

  it('at r = r* = 1 the wide kernel follows the one-filter engine to rounding', () => {
    for (let seed = 0; seed < 8; seed++) {
      const c = randomWide(60 + seed, { r: 1, rStar: 1 });
      const pr = wideProblem({ ...c, maxIter: 300 }, NEVER);
      const plain = { ...toProblem({ ...c, maxIter: 300, tol: 0, trapAngle: 0, trapRadius: 0 }), logEvery: 0 };
      const one = jsEngine.run(plain),
        wide = wasm.run({ ...pr, logEvery: 0 });
      expect(wide.iterations).toBe(one.iterations);
      expect(relErr(wide.loss, one.loss), `seed ${seed}`).toBeLessThan(1e-11);
      one.a.forEach((v, i) => expect(Math.abs(v - wide.a[i]), `seed ${seed} a`).toBeLessThan(1e-11 * (1 + Math.abs(v))));
      one.x.forEach((v, i) => expect(Math.abs(v - wide.x[i]), `seed ${seed} x`).toBeLessThan(1e-11 * (1 + Math.abs(v))));
    }
  });

  it('r = r* = 1 written as rows runs on the one-filter engines: the same outcome, steps and loss, bit for bit', () => {
    for (const method of presets.METHODS) {
      const c = presets.trialConfig({ k: 16, method, trial: 2 });
      const init = c.init as { a0: number[]; w0?: number[] };
      const rows: WideRunConfig = {
        ...c,
        teacher: { aStar: [c.teacher.aStar], wStar: [c.teacher.wStar] },
        init: init.w0 ? { a0: [init.a0], w0: [init.w0] } : { a0: [init.a0] },
      };
      const plain = sim.run(c),
        wide = sim.run(rows) as WideRunResult;
      expect([wide.outcome, wide.iterations, wide.loss, wide.phi]).toEqual([plain.outcome, plain.iterations, plain.loss, plain.phi]);
      expect(wide.a).toEqual([plain.a]);
      expect(wide.angles).toEqual([plain.phi]);
      // plain vectors: the one-filter engine itself
      expect(plain.iterations).toBe(jsEngine.run(toProblem(c)).iterations);
      expect(presets.wideTrialConfig({ k: 16, method, trial: 2 })).toEqual(c);
    }
  });

  it('outcomes: global by loss, spurious by a stationary window, unconverged with its final loss', () => {
    const pr = wideProblem(randomWide(7, { r: 2, rStar: 1, k: 6, p: 5 }));
    const at = (rule: Partial<NonNullable<Problem['wide']>>, maxIter = 3000) =>
      wasm.run({ ...pr, maxIter, wide: { ...pr.wide!, ...rule } });
    const free = at(NEVER);
    expect(free.outcome).toBe(2); // unconverged: all steps taken
    expect(free.iterations).toBe(3000);
    const global = at({ lossTol: free.loss * 10, gradTol: -1 });
    expect(global.outcome).toBe(0);
    expect(global.loss).toBeLessThanOrEqual(free.loss * 10);
    const still = at({ lossTol: -Infinity, gradTol: 1e9, gradWindow: 25 });
    expect([still.outcome, still.iterations]).toEqual([1, 24]); // spurious once 25 steps in a row were stationary
  });
});

describe('known answers (DESIGN §6)', () => {
  const golden = JSON.parse(readFileSync(new URL('../golden/wide.json', import.meta.url), 'utf8'));
  const hex = (x: number) => {
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, x);
    return b.getBigUint64(0).toString(16).padStart(16, '0');
  };

  it.each(['wasm', 'js'] as const)('of four wide runs (%s)', async (engine) => {
    const s = await createSimulator({ engine });
    for (const g of golden.runs) {
      const r = s.run(presets.wideTrialConfig(g.options)) as WideRunResult;
      expect({
        outcome: r.outcome,
        iterations: r.iterations,
        loss: hex(r.loss),
        gradNorm: hex(r.gradNorm),
        angles: r.angles.map(hex),
      }).toEqual({ outcome: g.outcome, iterations: g.iterations, loss: g.loss, gradNorm: g.gradNorm, angles: g.angles });
    }
  });
});

describe('wide configs', () => {
  const base = () => randomWide(1, { r: 2, rStar: 2, k: 3, p: 4, model: 'cnn' });
  const lines = (c: unknown) => {
    try {
      sim.run(c as WideRunConfig);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).issues;
    }
    throw new Error('accepted');
  };

  it('name the row and the column of a bad entry', () => {
    const c = base();
    (c.init.a0 as unknown[][])[1][2] = 'x';
    (c.teacher.aStar as Rows)[0][1] = Infinity;
    expect(lines(c)).toEqual(['teacher.aStar[0][1]: must be a finite number', 'init.a0[1][2]: must be a number']);
  });

  it('check every row against the teacher', () => {
    const c = base() as WideRunConfig & { init: { a0: Rows; w0: Rows } };
    c.init.a0[1] = [1, 2];
    c.init.w0 = [c.init.w0[0], [0, 0, 0, 0]];
    c.teacher.wStar = [(c.teacher.wStar as Rows)[0]];
    expect(lines(c)).toEqual([
      'teacher.wStar: must be a list of 2 rows, like teacher.aStar (got 1)',
      'init.a0[1]: must have 3 entries, like teacher.aStar[0] (got 2)',
      'init.w0[1]: must not be the zero vector (the network uses its direction)',
    ]);
  });

  it("refuse the other rules' fields (population, one filter, sampled data) and vectors mixed into a one-filter config", () => {
    expect(lines({ ...base(), tol: 1e-6, trapLoss: 0.1 })).toEqual([
      'tol: is the outcome rule of one filter; a wide run (r = 2, r* = 2) ends by lossTol, gradTol and gradWindow (SPEC §9)',
      'trapLoss: is the trap rule of wide runs on sampled data; a wide run (r = 2, r* = 2) ends by lossTol, gradTol and gradWindow (SPEC §9)',
    ]);
    const sampled = 'a wide run on sampled data (r = 2, r* = 2) ends by lossTol, trapLoss and trapTime (docs/wide.md: Sampled data)';
    expect(lines({ ...base(), tol: 1e-6, gradTol: 1e-8, trapPhi: 2.5, data: { kind: 'online', batch: 4, seed: 1 } })).toEqual([
      `tol: is the outcome rule of one filter; ${sampled}`,
      `gradTol: is the stationarity rule of population runs, which SGD never meets; ${sampled}`,
      `trapPhi: is the trap rule of one filter on sampled data; ${sampled}`,
    ]);
    const c = presets.trialConfig({ k: 4, method: 'cnn', trial: 0 });
    expect(lines({ ...c, gradTol: 1e-6 })).toEqual([
      'gradTol: is the outcome rule of wide runs (init.a0 or teacher.aStar as a list of rows, SPEC §9); this run uses tol, trapAngle and trapRadius',
    ]);
    expect(lines({ ...c, init: { ...c.init, w0: [(c.init as { w0: number[] }).w0] } })).toEqual([
      'init.w0: must be a vector, like init.a0 and teacher.aStar (write those as lists of rows for a wide run)',
    ]);
  });

  it('count the wide arena in the memory check', () => {
    // the work area holds ten r×r and r×r* matrices: r = 6000 filters need 1.4 GiB
    const big = (r: number): WideRunConfig => ({
      model: 'resnet',
      teacher: {
        aStar: [[1], [2]],
        wStar: [
          [1, 0],
          [0, 1],
        ],
      },
      init: { a0: Array.from({ length: r }, (_, i) => [i % 2]) },
      schedule: { kind: 'constant', etaA: 0.1, etaV: 0.1 },
      maxIter: 10,
    });
    expect(lines(big(6000))[0]).toMatch(
      /^config: a run with p = 2, k = 1, r = 6000, r\* = 2 and no trajectory needs 1\.\d+ GiB of engine memory/,
    );
    expect(sim.run(big(40)).angles).toHaveLength(40);
  });

  it('runProblems and runSummaries take wide Problems among others, and check their shapes', () => {
    const pr = toProblem(base()),
      plain = toProblem(presets.trialConfig({ k: 4, method: 'cnn', trial: 0 }));
    const [wide] = sim.runProblems([pr]);
    expect(wide.wide!.angles).toHaveLength(2);
    const summaries = sim.runSummaries([pr, plain]);
    expect(Array.from(summaries.subarray(0, 4))).toEqual([wide.outcome, wide.iterations, wide.phi, wide.loss]);
    expect(() => sim.runProblems([plain, { ...pr, x0: pr.x0.subarray(1) }])).toThrow('problems[1].x0: must have r·p = 8 entries (got 7)');
    expect(() => sim.runSummaries([{ ...pr, wStar: pr.wStar.map((v) => 2 * v) }])).toThrow(
      "problems[0].wStar: row 0 must be a unit vector (toProblem normalises teacher.wStar's rows)",
    );
  });

  it('spuriousA is untouched by wide Problems (their aBar is empty)', () => {
    expect(toProblem(base()).aBar).toHaveLength(0);
    expect(Array.from(toProblem(presets.trialConfig({ k: 4, method: 'cnn', trial: 0 })).aBar)).toEqual(
      Array.from(spuriousA(toProblem(presets.trialConfig({ k: 4, method: 'cnn', trial: 0 })).aStar)),
    );
  });
});

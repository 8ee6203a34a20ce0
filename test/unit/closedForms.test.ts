// The closed forms of SPEC §3 checked against finite differences and a sampled forward pass.
import { describe, it, expect, beforeAll } from 'vitest';
import { createSimulator, type Simulator, Random } from '../../src/index.js';
import type { State } from '../../src/types.js';
import { spuriousA, dot } from '../../src/config.js';
import { teacher as presetTeacher } from '../../src/presets.js';
import { randomState } from '../helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator();
});

describe('gradients', () => {
  for (const model of ['resnet', 'cnn'] as const) {
    it(`match central finite differences of the loss (${model})`, () => {
      for (let seed = 0; seed < 10; seed++) {
        const s = randomState(model, seed);
        const g = sim.gradients(s) as { a: number[]; v?: number[]; w?: number[] };
        const key = model === 'cnn' ? 'w' : 'v';
        const first = (s as Record<string, unknown>)[key] as number[];
        const h = 1e-6;
        const fd = (vec: number[], i: number, set: (v: number[]) => State) => {
          const plus = [...vec],
            minus = [...vec];
          plus[i] += h;
          minus[i] -= h;
          return (sim.loss(set(plus)) - sim.loss(set(minus))) / (2 * h);
        };
        s.a.forEach((_, i) =>
          expect(g.a[i]).toBeCloseTo(
            fd(s.a, i, (a) => ({ ...s, a })),
            6,
          ),
        );
        first.forEach((_, i) =>
          expect(g[key]![i]).toBeCloseTo(
            fd(first, i, (v) => ({ ...s, [key]: v }) as State),
            6,
          ),
        );
      }
    });
  }
});

/** ½E(f − y)² sampled with a real forward pass on Gaussian patches. */
function monteCarloLoss(s: State, samples: number, rng: Random): { mean: number; se: number } {
  const { aStar, wStar } = s.teacher;
  const p = wStar.length,
    k = aStar.length;
  const nw = Math.hypot(...wStar);
  const x = s.model === 'cnn' ? s.w : s.v.map((v) => v + 1 / Math.sqrt(p));
  const nx = Math.hypot(...x);
  let sum = 0,
    sumSq = 0;
  for (let n = 0; n < samples; n++) {
    let f = 0,
      y = 0;
    for (let j = 0; j < k; j++) {
      let zx = 0,
        zw = 0;
      for (let i = 0; i < p; i++) {
        const z = rng.normal();
        zx += (z * x[i]) / nx;
        zw += (z * wStar[i]) / nw;
      }
      f += s.a[j] * Math.max(zx, 0);
      y += aStar[j] * Math.max(zw, 0);
    }
    const l = 0.5 * (f - y) ** 2;
    sum += l;
    sumSq += l * l;
  }
  const mean = sum / samples;
  return { mean, se: Math.sqrt((sumSq / samples - mean * mean) / samples) };
}

describe('loss', () => {
  for (const model of ['resnet', 'cnn'] as const) {
    it(`agrees with a Monte Carlo forward pass within 4 standard errors (${model})`, () => {
      const rng = new Random('monte-carlo', model);
      for (let seed = 0; seed < 3; seed++) {
        const s = randomState(model, seed, 3, 4);
        const mc = monteCarloLoss(s, 100_000, rng);
        expect(Math.abs(sim.loss(s) - mc.mean)).toBeLessThan(4 * mc.se);
        expect(mc.se / mc.mean).toBeLessThan(0.02); // the test has power
      }
    });
  }
});

describe('spurious optimum (w̄ = −w*, a = ā)', () => {
  it('is stationary', () => {
    for (const k of [3, 16, 49]) {
      const t = presetTeacher({ k, p: 5, seed: 3 });
      const aBar = Array.from(spuriousA(t.aStar));
      const g = sim.gradients({ model: 'cnn', teacher: t, a: aBar, w: t.wStar.map((x) => -x) }) as { a: number[]; w: number[] };
      for (const gi of [...g.a, ...g.w]) expect(Math.abs(gi)).toBeLessThan(1e-12);
    }
  });

  it('traps gradient descent exactly when āᵀa* < 0', () => {
    const trapping = presetTeacher({ k: 16, seed: 1 }); // the Table 1 teacher
    const escaping = { aStar: Array(16).fill(1), wStar: trapping.wStar }; // āᵀa* > 0
    for (const [t, trapped] of [
      [trapping, true],
      [escaping, false],
    ] as const) {
      const aBar = spuriousA(t.aStar);
      expect(dot(aBar, t.aStar) < 0).toBe(trapped);
      // Start a little off the spurious point.
      const w0 = t.wStar.map((x, i) => -x + 1e-3 * Math.cos(i));
      const a0 = Array.from(aBar, (x, i) => x + 1e-3 * Math.sin(i));
      const r = sim.run({
        model: 'cnn',
        teacher: t,
        init: { a0, w0 },
        schedule: { kind: 'constant', etaA: 0.1, etaV: 0.1 },
        maxIter: 20000,
      });
      expect(r.outcome).toBe(trapped ? 'spurious' : 'global');
    }
  });
});

import { describe, it, expect, beforeAll } from 'vitest';
import { createSimulator, type Simulator } from '../src/index.js';
import { randomConfig, referenceRun, maxAbsDiff } from './helpers.js';
import { figure5Config } from '../src/presets.js';

let wasm: Simulator, js: Simulator;
beforeAll(async () => {
  wasm = await createSimulator({ engine: 'wasm' });
  js = await createSimulator({ engine: 'js' });
});

describe('WASM engine and JS twin', () => {
  it('give bit-identical results on 150 random configurations', () => {
    const outcomes = new Set<string>();
    for (let seed = 0; seed < 150; seed++) {
      const c = randomConfig(seed);
      const rw = wasm.run(c), rj = js.run(c);
      expect(rw, `seed ${seed}`).toStrictEqual(rj);
      outcomes.add(rw.outcome);
    }
    // The sample must exercise more than one ending.
    expect(outcomes.size).toBeGreaterThanOrEqual(2);
  });

  it('give identical loss and gradients', () => {
    for (let seed = 0; seed < 30; seed++) {
      const c = randomConfig(seed);
      const init = c.init as { a0: number[]; v0?: number[]; w0?: number[] };
      const state = c.model === 'cnn'
        ? { model: 'cnn' as const, teacher: c.teacher, a: init.a0, w: init.w0! }
        : { model: 'resnet' as const, teacher: c.teacher, a: init.a0, v: init.v0! };
      expect(wasm.loss(state)).toBe(js.loss(state));
      expect(wasm.gradients(state)).toStrictEqual(js.gradients(state));
    }
  });

  it('survive memory growth (k = p = 300,000 allocates past the initial pages)', () => {
    const c = figure5Config('resnet-ssw', 1, 0);
    const k = 300_000;
    const big = { ...c, teacher: { aStar: Array.from({ length: k }, (_, i) => (i % 2 ? 1 : -1) * 0.01 + 1 / k), wStar: Array.from({ length: k }, (_, i) => 1 + (i % 3)) },
      init: { a0: Array.from({ length: k }, (_, i) => Math.sin(i)) }, maxIter: 3 };
    expect(wasm.run(big)).toStrictEqual(js.run(big));
    expect(wasm.run(figure5Config('resnet-ssw', 1, 0)).iterations).toBe(js.run(figure5Config('resnet-ssw', 1, 0)).iterations);
  });
});

describe('against a literal reading of SPEC §3–5', () => {
  it('agree on outcome, iterations and final state (1e-9) on 60 random configurations', () => {
    for (let seed = 200; seed < 260; seed++) {
      const c = randomConfig(seed);
      const r = wasm.run(c), ref = referenceRun(c);
      expect({ seed, outcome: r.outcome, iterations: r.iterations })
        .toEqual({ seed, outcome: ref.outcome, iterations: ref.iterations });
      expect(maxAbsDiff(r.a, ref.a)).toBeLessThan(1e-9);
      expect(maxAbsDiff(r.w, ref.w)).toBeLessThan(1e-9);
    }
  });
});

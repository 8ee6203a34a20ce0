// The WASM engine against a literal reading of SPEC (its twins give the same bits: sameBits.test.ts).
import { describe, it, expect, beforeAll } from 'vitest';
import { createSimulator, type Simulator } from '../../src/index.js';
import { randomConfig, referenceRun, maxAbsDiff } from '../helpers.js';

let wasm: Simulator;
beforeAll(async () => {
  wasm = await createSimulator({ engine: 'wasm' });
});

describe('against a literal reading of SPEC §3–5', () => {
  it('agree on outcome, iterations and final state (1e-9) on 60 random configurations', () => {
    for (let seed = 200; seed < 260; seed++) {
      const c = randomConfig(seed);
      const r = wasm.run(c),
        ref = referenceRun(c);
      expect({ seed, outcome: r.outcome, iterations: r.iterations }).toEqual({ seed, outcome: ref.outcome, iterations: ref.iterations });
      expect(maxAbsDiff(r.a, ref.a)).toBeLessThan(1e-9);
      expect(maxAbsDiff(r.w, ref.w)).toBeLessThan(1e-9);
    }
  });
  it('agree on 40 random configurations with linear-warmup, step-decay and cosine schedules (SPEC §4 read literally)', () => {
    for (let seed = 10_001; seed < 10_081; seed += 2) {
      const c = randomConfig(seed);
      const r = wasm.run(c),
        ref = referenceRun(c);
      expect({ seed, outcome: r.outcome, iterations: r.iterations }).toEqual({ seed, outcome: ref.outcome, iterations: ref.iterations });
      expect(maxAbsDiff(r.a, ref.a)).toBeLessThan(1e-9);
    }
  });
});

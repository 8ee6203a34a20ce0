// The page's live runs (web/liveRun.ts) in Node: a run cut into doubling step budgets ends with
// exactly the result of one call, and every partial trajectory is a prefix of the final one.
import { describe, it, expect } from 'vitest';
import { createSimulator } from '../../src/simulator.js';
import { figure5Config, trialConfig } from '../../src/presets.js';
import type { RunConfig, TrajectorySample } from '../../src/types.js';
import { runLive, firstBudget } from '../../web/liveRun.js';

const CONFIGS: [string, RunConfig][] = [
  ['§6.2 with warmup (global)', figure5Config('resnet-ssw', 1, 3)],
  ['§6.2 without warmup (spurious)', figure5Config('resnet-constant', 1, 1)],
  ['a CNN trial', { ...trialConfig({ k: 25, method: 'cnn', trial: 4 }), logEvery: 2 }],
  ['a run cut off at maxIter', { ...figure5Config('resnet-ssw'), maxIter: 700 }],
  // Trapped from about step 115 on, spurious at 615 (trapWindow 500): cut runs that end inside the
  // trap region before that are `spurious` by the end test, which must not end the live run.
  [
    'online SGD, B = 4 (spurious by the trap window)',
    { ...figure5Config('resnet-constant', 1, 1), data: { kind: 'online', batch: 4, seed: 1 } },
  ],
  [
    'a fixed training set with label noise',
    { ...figure5Config('resnet-ssw', 1, 2), maxIter: 1500, data: { kind: 'fixed', n: 200, batch: 20, labelNoise: 0.1, seed: 1 } },
  ],
];

describe('live runs in doubling budgets', () => {
  it.each(CONFIGS)('%s: same result as one call, partials are prefixes', async (_, config) => {
    const sim = await createSimulator({ engine: 'wasm' });
    const whole = sim.run(config);
    const partials: TrajectorySample[][] = [];
    const live = runLive(sim, config, (samples) => partials.push(samples), 7);
    expect(live).toEqual(whole);
    expect(partials.length).toBeGreaterThan(3);
    for (const samples of partials) {
      // All but the last sample (the state where the budget ran out) lie on the full trajectory.
      const onPath = samples.slice(0, -1);
      expect(onPath).toEqual(whole.trajectory!.slice(0, onPath.length));
      expect(samples.at(-1)!.t).toBeLessThan(whole.iterations);
    }
  });

  it('starts with a budget of a few milliseconds of work', () => {
    expect(firstBudget(figure5Config('resnet-ssw'))).toBe(Math.floor(2e6 / 32));
    expect(firstBudget({ ...figure5Config('resnet-ssw'), teacher: { aStar: [1, 2], wStar: new Array(1e6).fill(1) } })).toBe(100);
    // A sampled step costs B·k·p per pass; a fixed set without a batch size is full batch (B = n).
    expect(firstBudget({ ...figure5Config('resnet-ssw'), data: { kind: 'online', batch: 4, seed: 1 } })).toBe(Math.floor(2e6 / (4 * 256)));
    expect(firstBudget({ ...figure5Config('resnet-ssw'), data: { kind: 'fixed', n: 1000, seed: 1 } })).toBe(100);
  });
});

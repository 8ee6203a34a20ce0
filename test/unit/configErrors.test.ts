// Bad run configs: the API refuses each with a ConfigError whose message names the field
// (the CLI's exit code 2 for them: test/cli/runConfigErrors.test.ts).
import { describe, it, expect, beforeAll } from 'vitest';
import { createSimulator, ConfigError, type Simulator } from '../../src/index.js';
import { figure5Config } from '../../src/presets.js';

// biome-ignore lint/suspicious/noExplicitAny: a config to break in every way, field by field
const good = () => structuredClone(figure5Config('resnet-ssw', 1, 0)) as unknown as Record<string, any>;
const goodCnn = () => ({ ...good(), model: 'cnn', init: { a0: good().init.a0, w0: good().teacher.wStar } });

/** [what is wrong, how to break a good config, the field and words the message must contain] */
const BAD: [string, () => unknown, RegExp][] = [
  [
    'a0 too short',
    () => {
      const c = good();
      c.init.a0.pop();
      return c;
    },
    /init\.a0: must have 16 entries, like teacher\.aStar \(got 15\)/,
  ],
  [
    'v0 wrong length',
    () => {
      const c = good();
      c.init.v0 = [1, 2];
      return c;
    },
    /init\.v0: must have 16 entries/,
  ],
  [
    'w0 wrong length',
    () => {
      const c = goodCnn();
      c.init.w0 = [1];
      return c;
    },
    /init\.w0: must have 16 entries/,
  ],
  [
    'zero wStar',
    () => {
      const c = good();
      c.teacher.wStar = c.teacher.wStar.map(() => 0);
      return c;
    },
    /teacher\.wStar: must not be the zero vector/,
  ],
  [
    'w0 = 0',
    () => {
      const c = goodCnn();
      c.init.w0 = c.init.w0.map(() => 0);
      return c;
    },
    /init\.w0: must not be the zero vector/,
  ],
  [
    'v0 = −u',
    () => {
      const c = good();
      c.init.v0 = Array(16).fill(-0.25);
      return c;
    },
    /init\.v0: must not be −u/,
  ],
  [
    'NaN',
    () => {
      const c = good();
      c.teacher.aStar[3] = NaN;
      return c;
    },
    /teacher\.aStar\[3\]: must be a number/,
  ],
  [
    'infinity',
    () => {
      const c = good();
      c.init.a0[0] = Infinity;
      return c;
    },
    /init\.a0\[0\]: must be a finite number/,
  ],
  [
    'negative step',
    () => {
      const c = good();
      c.schedule.etaV1 = -0.1;
      return c;
    },
    /schedule\.etaV1: must be a step size ≥ 0/,
  ],
  [
    'missing step',
    () => {
      const c = good();
      delete c.schedule.eta;
      return c;
    },
    /schedule\.eta: is required/,
  ],
  [
    'unknown schedule',
    () => {
      const c = good();
      c.schedule = { kind: 'exponential' };
      return c;
    },
    /schedule\.kind: must be one of 'constant', 'ssw', 'linear-warmup', 'step-decay', 'cosine', 'piecewise'/,
  ],
  ['fractional maxIter', () => ({ ...good(), maxIter: 10.5 }), /maxIter: must be a whole number/],
  ['string maxIter', () => ({ ...good(), maxIter: '100' }), /maxIter: must be a whole number/],
  ['unknown model', () => ({ ...good(), model: 'mlp' }), /model: must be 'resnet' or 'cnn'/],
  ['unknown field', () => ({ ...good(), maxIters: 10 }), /config: unknown field 'maxIters'; check the spelling/],
  ['cnn without w0', () => ({ ...good(), model: 'cnn' }), /init\.w0: is required for model 'cnn'/],
  [
    'resnet with w0',
    () => {
      const c = good();
      c.init.w0 = c.teacher.wStar;
      return c;
    },
    /init\.w0: is for model 'cnn'/,
  ],
  [
    'stages not increasing',
    () => ({
      ...good(),
      schedule: {
        kind: 'piecewise',
        stages: [
          { until: 5, etaA: 1, etaV: 1 },
          { until: 5, etaA: 1, etaV: 1 },
        ],
      },
    }),
    /schedule\.stages\[1\]\.until: must be greater than stages\[0\]\.until/,
  ],
  ['not an object', () => [1, 2], /config: must be a JSON object/],
  // sampled data (SPEC §8)
  ['data not an object', () => ({ ...good(), data: 4 }), /data: must be an object/],
  ['unknown data kind', () => ({ ...good(), data: { kind: 'stream', batch: 1, seed: 1 } }), /data\.kind: must be 'online' or 'fixed'/],
  ['batch 0', () => ({ ...good(), data: { kind: 'online', batch: 0, seed: 1 } }), /data\.batch: must be a whole batch size ≥ 1/],
  ['fractional n', () => ({ ...good(), data: { kind: 'fixed', n: 2.5, seed: 1 } }), /data\.n: must be a whole number of samples ≥ 1/],
  ['batch > n', () => ({ ...good(), data: { kind: 'fixed', n: 8, batch: 9, seed: 1 } }), /data\.batch: must be at most data\.n \(8\)/],
  [
    'negative label noise',
    () => ({ ...good(), data: { kind: 'online', batch: 2, labelNoise: -0.1, seed: 1 } }),
    /data\.labelNoise: must be a standard deviation ≥ 0/,
  ],
  ['missing seed', () => ({ ...good(), data: { kind: 'online', batch: 2 } }), /data\.seed: is required/],
  ['fractional seed', () => ({ ...good(), data: { kind: 'online', batch: 2, seed: 0.5 } }), /data\.seed: must be a whole number/],
  [
    'training set too large',
    () => ({ ...good(), data: { kind: 'fixed', n: 1e6, seed: 1 } }),
    /data\.n: a training set of 1000000 samples of k·p = 256 values needs 1\.92 GiB of engine memory on engine 'wasm'; at most 1\.00 GiB fits \(n ≤ 521232 at this k and p/,
  ],
  [
    'GD trap radius on sampled data',
    () => ({ ...good(), trapRadius: 0.1, data: { kind: 'online', batch: 2, seed: 1 } }),
    /trapRadius: is the trap rule of population runs/,
  ],
  ['sampled trap rule without data', () => ({ ...good(), trapWindow: 10 }), /trapWindow: is the trap rule of sampled runs/],
  [
    'trapPhi beyond π',
    () => ({ ...good(), trapPhi: 4, data: { kind: 'online', batch: 2, seed: 1 } }),
    /trapPhi: must be an angle in \[0, π\]/,
  ],
];

let sim: Simulator;
beforeAll(async () => {
  sim = await createSimulator();
});

describe('the API rejects bad configs with ConfigError', () => {
  for (const [what, make, message] of BAD) {
    it(what, () => {
      let error: unknown;
      try {
        sim.run(make() as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
    });
  }
  it('rejects a bad state for loss()', () => {
    const c = good();
    expect(() => sim.loss({ model: 'resnet', teacher: c.teacher, a: [1], v: c.init.a0 } as never)).toThrow(/a: must have 16 entries/);
  });
});

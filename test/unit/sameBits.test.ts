// Every engine and its twin (src/engines.ts: twinOf) give the same bits: population runs, losses and
// gradients, online SGD and fixed training sets, wide students with and without sampled data, one by one and in batches. A new engine with a twin
// is covered by its registry entry; a family an engine refuses is refused by its twin alike.
import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { ConfigError, toProblem, toStatePoint } from '../../src/config.js';
import { ENGINES, ENGINE_NAMES, FAMILIES, isRefusal, type Family } from '../../src/engines.js';
import { SUMMARY_WIDTH, type Engine, type Problem, type RawResult } from '../../src/problem.js';
import { createEngine } from '../../src/simulator.js';
import { figure5Config } from '../../src/presets.js';
import type { EngineName, RunConfig } from '../../src/types.js';
import { randomConfig, randomSampledConfig, randomWideConfig, randomWideSampledConfig } from '../helpers.js';

const PAIRS = ENGINE_NAMES.flatMap((name) => (ENGINES[name].twinOf ? [[ENGINES[name].twinOf!, name] as const] : []));

/**
 * Random problems of a family: seeds from..from+count of randomConfig, randomWideConfig, randomWideSampledConfig
 * or randomSampledConfig with that data, then as many from 10,000 + from on (half of them with
 * linear-warmup, step-decay or cosine schedules).
 */
function problems(family: Family, from: number, count: number): Problem[] {
  const configOf = (seed: number) =>
    family === 'population'
      ? randomConfig(seed)
      : family === 'wide'
        ? randomWideConfig(seed)
        : family === 'wideSampled'
          ? randomWideSampledConfig(seed)
          : randomSampledConfig(seed, family);
  return problemSeeds(from, count).map((seed) => toProblem(configOf(seed)));
}

/** The seeds of problems(family, from, count), in its order. */
function problemSeeds(from: number, count: number): number[] {
  return [...Array.from({ length: count }, (_, i) => from + i), ...Array.from({ length: count }, (_, i) => 10_000 + from + i)];
}

/** A result with its vectors as digests of their bytes: bit-exact, and quick to compare at k = p = 700,000. */
function digest(r: RawResult) {
  const bytes = (v: Float64Array) =>
    createHash('sha256')
      .update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
      .digest('hex');
  return { ...r, x: bytes(r.x), a: bytes(r.a) };
}

/** A run of k = p = `k` with vectors far past the engine's initial memory. */
function largeConfig(k: number, maxIter: number): RunConfig {
  const c = figure5Config('resnet-ssw', 1, 0);
  return {
    ...c,
    maxIter,
    teacher: {
      aStar: Array.from({ length: k }, (_, i) => (i % 2 ? 1 : -1) * 0.01 + 1 / k),
      wStar: Array.from({ length: k }, (_, i) => 1 + (i % 3)),
    },
    init: { a0: Array.from({ length: k }, (_, i) => Math.sin(i)) },
  };
}

it('every engine is in a pair, and every twin names an engine', () => {
  expect(PAIRS.length).toBeGreaterThanOrEqual(2);
  expect(new Set(PAIRS.flat())).toEqual(new Set(ENGINE_NAMES));
});

describe.each(PAIRS)('%s and %s give the same bits', (first: EngineName, twin: EngineName) => {
  let a: Engine, b: Engine;
  beforeAll(async () => {
    [a, b] = await Promise.all([createEngine({ engine: first }), createEngine({ engine: twin })]);
  });

  it('on 300 random population runs (both models, all schedules, samples), more than one outcome', () => {
    const outcomes = new Set<number>();
    const seeds = problemSeeds(0, 150);
    problems('population', 0, 150).forEach((pr, i) => {
      const seed = seeds[i];
      const r = a.run(pr);
      expect(r, `seed ${seed}`).toStrictEqual(b.run(pr));
      outcomes.add(r.outcome);
    });
    expect(outcomes.size).toBeGreaterThanOrEqual(2);
  });

  it('in loss and gradients', () => {
    for (let seed = 0; seed < 30; seed++) {
      const c = randomConfig(seed);
      const init = c.init as { a0: number[]; v0?: number[]; w0?: number[] };
      const state =
        c.model === 'cnn'
          ? { model: 'cnn', teacher: c.teacher, a: init.a0, w: init.w0 }
          : { model: 'resnet', teacher: c.teacher, a: init.a0, v: init.v0 };
      expect(a.lossAndGradients(toStatePoint(state)), `seed ${seed}`).toStrictEqual(b.lossAndGradients(toStatePoint(state)));
    }
  });

  it('past memory growth, in a batch of large runs split into chunks (k = p = 700,000)', () => {
    const large = toProblem(largeConfig(700_000, 3)),
      batch = [large, { ...large, maxIter: 5 }, { ...large, maxIter: 0 }];
    expect(a.runMany(batch).map(digest)).toStrictEqual(batch.map((pr) => digest(b.run(pr))));
  });

  for (const family of FAMILIES) {
    const refused = isRefusal(ENGINES[first][family]);
    it.skipIf(refused)(`${family}: in batches (runMany, runSummaries) as one by one, on both`, () => {
      const batch = problems(family, 1000, 41);
      const oneByOne = batch.map((pr) => b.run(pr));
      expect(a.runMany(batch)).toStrictEqual(oneByOne);
      expect(b.runMany(batch)).toStrictEqual(oneByOne);
      const summaries = Float64Array.from(oneByOne.flatMap((r) => [r.outcome, r.iterations, r.phi, r.loss]));
      expect(a.runSummaries(batch)).toStrictEqual(summaries);
      expect(b.runSummaries(batch)).toStrictEqual(summaries);
      expect(a.runMany([])).toEqual([]);
      expect(a.runSummaries([])).toHaveLength(0);
      expect(summaries).toHaveLength(batch.length * SUMMARY_WIDTH);
    });

    if (family === 'population') continue;
    it.skipIf(refused)(`${family}: on 80 random runs (sampled: label noise, trap rules; samples), more than one outcome`, () => {
      const outcomes = new Set<number>();
      const seeds = problemSeeds(0, 80);
      problems(family, 0, 80).forEach((pr, i) => {
        const seed = seeds[i];
        const r = a.run(pr);
        expect(r, `seed ${seed}`).toStrictEqual(b.run(pr));
        outcomes.add(r.outcome);
      });
      expect(outcomes.size).toBeGreaterThanOrEqual(2);
    });

    it.skipIf(!refused)(`${family}: refused by both (ConfigError naming data.kind)`, () => {
      const [pr] = problems(family, 0, 1);
      for (const [engine, name] of [
        [a, first],
        [b, twin],
      ] as const) {
        expect(() => engine.run(pr)).toThrow(ConfigError);
        expect(() => engine.runSummaries([pr])).toThrow(new RegExp(`^data\\.kind: engine '${name}' `));
      }
    });
  }
});
